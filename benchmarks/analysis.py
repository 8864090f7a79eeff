"""Accuracy and speed of the text analysis (entities and quotations), as one table.

Accuracy comes from the official scorers in the evaluation directory (run as
subprocesses, their summary lines parsed); speed is measured here by running
``byline.index.analysis.annotate.analyse`` (both finders, as at index time) over real
articles, on one core.

    python benchmarks/analysis.py --eval-dir EVAL --corpus DIR [--articles 3000]

``EVAL`` is the directory of evaluation sets and scorers given to the project
and ``DIR`` a directory of real articles; neither is in the repository.
"""

from __future__ import annotations

import argparse
import re
import resource
import subprocess
import sys
import time
from typing import TYPE_CHECKING

from inputs import existing_dir

from byline.index.analysis.annotate import analyse
from byline.index.corpus.articles import iter_articles
from byline.index.models import Article

if TYPE_CHECKING:
    from pathlib import Path


def _scorer_line(script: Path, data: Path, *extra: str) -> str:
    done = subprocess.run(
        [sys.executable, str(script), *extra, str(data)],
        capture_output=True,
        text=True,
        check=False,
    )
    lines = done.stdout.strip().splitlines()
    return lines[-1] if lines else f"scorer failed: {done.stderr.strip()[-200:]}"


_NER = re.compile(r"untyped F1 ([0-9.]+) typed F1 ([0-9.]+) words/s ([0-9]+)")
_QUOTES = re.compile(r"char F1 ([0-9.]+) exact ([0-9.]+) speaker acc ([0-9.]+)")


def _groups(pattern: re.Pattern[str], line: str, count: int) -> tuple[str, ...]:
    match = pattern.search(line)
    return match.groups() if match else ("?",) * count


def _load_seconds() -> float:
    """Import the entity finder and make its first call, in a fresh interpreter."""
    code = (
        "import time; t = time.perf_counter(); "
        "from byline.index.analysis.entities import find_entities; find_entities('Rogozin said.'); "
        "print(time.perf_counter() - t)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(done.stdout)


def _articles(corpus: Path, limit: int) -> list[Article]:
    out: list[Article] = []
    for item in iter_articles(corpus):
        if isinstance(item, Article):
            out.append(item)
            if len(out) >= limit:
                break
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=existing_dir, required=True, help="sets and scorers")
    parser.add_argument("--corpus", type=existing_dir, required=True, help="real articles")
    parser.add_argument("--articles", type=int, default=3000)
    args = parser.parse_args()

    load_seconds = min(_load_seconds() for _ in range(3))
    ner = _scorer_line(args.eval_dir / "score_ner.py", args.eval_dir / "ner_dev.jsonl")
    quotes = _scorer_line(
        args.eval_dir / "score_quotes.py", args.eval_dir / "quotes_dev.jsonl", "--strict"
    )
    bbc_ner = _scorer_line(args.eval_dir / "score_ner.py", args.eval_dir / "bbc_dev_ner.jsonl")
    bbc_quotes = _scorer_line(
        args.eval_dir / "score_quotes.py", args.eval_dir / "bbc_dev_quotes.jsonl", "--resolved"
    )
    articles = _articles(args.corpus, args.articles)
    words = sum(len(a.text.split()) for a in articles)
    analyse("Warm-up: Dmitry Rogozin said so.")
    t0 = time.perf_counter()
    for article in articles:
        analyse(article.text)
    seconds = time.perf_counter() - t0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    untyped, typed, ner_speed = _groups(_NER, ner, 3)
    char_f1, _exact, speaker = _groups(_QUOTES, quotes, 3)
    bbc_untyped, bbc_typed, _speed = _groups(_NER, bbc_ner, 3)
    bbc_char, bbc_exact, bbc_speaker = _groups(_QUOTES, bbc_quotes, 3)
    rows = [
        ("entities untyped F1 (CoNLL ner_dev)", untyped, ">= 0.94"),
        ("entities typed F1 (CoNLL ner_dev)", typed, ">= 0.88"),
        ("entities untyped F1 (bbc_dev_ner)", bbc_untyped, ">= 0.93"),
        ("entities typed F1 (bbc_dev_ner)", bbc_typed, ">= 0.88"),
        ("entities words/s (scorer)", ner_speed, ""),
        ("quotes char F1 strict (PolNeAR quotes_dev)", char_f1, ">= 0.95"),
        ("quotes speaker accuracy (PolNeAR)", speaker, ""),
        ("quotes char F1 (bbc_dev_quotes)", bbc_char, ">= 0.96"),
        ("quotes exact spans (bbc_dev_quotes)", bbc_exact, ">= 0.85"),
        ("resolved speakers (bbc_dev_quotes)", bbc_speaker, ">= 0.92"),
        (
            f"analyse() words/s, {len(articles)} corpus articles, one core",
            f"{words / seconds:,.0f}",
            ">= 150,000",
        ),
        ("entity finder import + first call (s)", f"{load_seconds:.3f}", "< 0.3"),
        ("peak RSS of this process (MB)", f"{rss_mb:.0f}", "<= 60"),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'value':>12}  target")
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:>12}  {target}")
    print("\nscorer lines:")
    for line in (ner, quotes, bbc_ner, bbc_quotes):
        print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
