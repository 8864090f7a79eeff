"""Build a realistic N-article benchmark corpus from a directory of real articles.

Usage (from the project root):

    python benchmarks/make_corpus.py N OUT --source DIR [--seed 1]

``DIR`` holds real articles in the article format (the measurements in
docs/PERFORMANCE.md used the Reuters articles given to the project, which the
repository does not hold).

Each generated article takes the lead paragraph and body of one real
article and, for about half of them, adds a few body paragraphs of another
one, so vocabulary, names and quotations look like news rather than random
words.  Dates are the source article's date shifted by a whole number of
weeks (a different shift for each pass over the source), so the corpus
spans several years.  Files are spread over ``OUT/YYYY/MM/`` directories.
The output depends only on N, the seed and the source files: running it
twice gives the same corpus.  Prints one line: articles, words, seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from inputs import existing_dir

_HEADER = re.compile(r"\A date (\d{4})-(\d{2})-(\d{2}) ")
_BLANK = re.compile(r"\n\s*\n")


@dataclass(slots=True, frozen=True)
class Source:
    """One real article: its date and paragraphs."""

    date: dt.date
    paragraphs: tuple[str, ...]


def load_sources(root: Path) -> list[Source]:
    """Every dated article under ``root``, in path order."""
    out: list[Source] = []
    for path in sorted(root.rglob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        match = _HEADER.match(text)
        if not match:
            continue
        day = dt.date(int(match[1]), int(match[2]), int(match[3]))
        paragraphs = tuple(p.strip() for p in _BLANK.split(text[match.end() :]) if p.strip())
        if paragraphs:
            out.append(Source(day, paragraphs))
    return out


def compose(i: int, sources: list[Source], rng: random.Random) -> tuple[dt.date, str]:
    """Article number ``i``: its date and text (first line holds the date header)."""
    n = len(sources)
    base = sources[rng.randrange(n)]
    paragraphs = list(base.paragraphs)
    if rng.random() < 0.5:
        other = sources[rng.randrange(n)]
        extra = list(other.paragraphs[1:])
        if extra:
            take = rng.randint(1, min(3, len(extra)))
            start = rng.randrange(len(extra) - take + 1)
            paragraphs.extend(extra[start : start + take])
    # Pass k over the source moves dates k * 37 weeks later: 1987 -> about 2026 at 100k.
    shift = dt.timedelta(weeks=37 * (i // n) + rng.randrange(4))
    day = base.date + shift
    return day, f" date {day.isoformat()} " + "\n\n".join(paragraphs) + "\n"


def make_corpus(count: int, out: Path, source: Path, seed: int = 1) -> tuple[int, int]:
    """Write ``count`` articles under ``out``; return (articles, words)."""
    sources = load_sources(source)
    if not sources:
        raise SystemExit(f"no dated articles under {source}")
    rng = random.Random(seed)
    words = 0
    made_dirs: set[Path] = set()
    for i in range(count):
        day, text = compose(i, sources, rng)
        folder = out / f"{day.year:04d}" / f"{day.month:02d}"
        if folder not in made_dirs:
            folder.mkdir(parents=True, exist_ok=True)
            made_dirs.add(folder)
        (folder / f"a{i:07d}.txt").write_text(text, encoding="utf-8")
        words += len(text.split()) - 2
    return count, words


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="number of articles")
    parser.add_argument("out", type=Path, help="output directory (created)")
    parser.add_argument("--source", type=existing_dir, required=True, help="real articles")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    articles, words = make_corpus(args.count, args.out, args.source, args.seed)
    took = time.perf_counter() - started
    sys.stdout.write(
        f"{articles:,} articles, {words:,} words ({words / max(articles, 1):.0f}/article) "
        f"in {args.out} ({took:.1f}s)\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
