"""Measure byline.index.analysis.quotes.find_quotes: accuracy on a labelled set and speed.

Usage (from the project root):

    python benchmarks/quotes.py --eval EVAL/quotes_dev.jsonl [--corpus DIR]
                                [--limit 3000] [--resolved]

``EVAL`` is the directory of evaluation sets given to the project and
``DIR`` a directory of real articles; neither is in the repository.

The labelled set is JSONL, one article a line: ``{"text", "quotes": [{"start",
"end", "speaker"}], "partial": [...]}`` (``partial`` marks scare quotes).
Spans are compared after trimming spaces, quotation marks and edge
punctuation; scare quotes found count against precision (strict).  A
speaker is right when it shares a content word with the labelled one
(``--resolved``: the resolved ``speaker_name`` is judged when there is one).
Speed is measured on the labelled texts and, when given, on article files
(``*.txt``) under ``--corpus``, both for ``find_quotes`` alone and for the
app's analysis (entities, then quotations and fragments with them).  Prints
one table.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from inputs import existing_dir, existing_file

from byline.index.analysis.entities import find_entities
from byline.index.analysis.quotes import find_quotations, find_quotes

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

_EDGE = frozenset(" \t\n\r\xa0\"\u201c\u201d'\u2018\u2019`.,;:!?\u2026\u2014\u2013-")
_MINOR = frozenset(
    {
        *("the", "a", "an", "of", "and", "in", "on", "for", "to", "at", "by", "with", "from"),
        *("s", "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "president", "who", "said", "says"),
    }
)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    start, end = max(0, start), min(len(text), end)
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def _words(speaker: str) -> set[str]:
    tokens = re.findall(r"\w+", speaker.lower())
    return {t for t in tokens if t not in _MINOR} or set(tokens)


def _same_speaker(predicted: str | None, labelled: str | None) -> bool:
    if not predicted or not predicted.strip():
        predicted = None
    if predicted is None or labelled is None:
        return predicted is None and labelled is None
    return bool(_words(predicted) & _words(labelled))


@dataclass(slots=True)
class _Tally:
    true_chars: int = 0
    predicted_chars: int = 0
    gold_chars: int = 0
    gold_quotes: int = 0
    exact: int = 0
    judged: int = 0
    right_speakers: int = 0
    words: int = 0
    seconds: float = 0.0


def _chars(spans: Iterable[tuple[int, int]]) -> set[int]:
    out: set[int] = set()
    for s, e in spans:
        out.update(range(s, e))
    return out


def score(path: Path, resolved: bool = False) -> _Tally:
    """Accuracy and speed of find_quotes on a labelled JSONL file."""
    tally = _Tally()
    lines = path.read_text(encoding="utf-8").splitlines()
    for line in lines[:5]:  # warm up (regex caches, first-call costs) before timing
        if line.strip():
            find_quotes(json.loads(line)["text"])
    for line in lines:
        if not line.strip():
            continue
        doc = json.loads(line)
        text: str = doc["text"]
        gold = [(*_trim(text, q["start"], q["end"]), q.get("speaker")) for q in doc["quotes"]]
        gold = [g for g in gold if g[0] < g[1]]
        tally.words += len(text.split())
        t0 = time.perf_counter()
        found = find_quotes(text)
        tally.seconds += time.perf_counter() - t0
        predicted = [
            (*_trim(text, q.start, q.end), (q.speaker_name or q.speaker) if resolved else q.speaker)
            for q in found
        ]
        predicted = [p for p in predicted if p[0] < p[1]]
        gold_set = _chars((s, e) for s, e, _ in gold)
        pred_set = _chars((s, e) for s, e, _ in predicted)
        tally.true_chars += len(gold_set & pred_set)
        tally.predicted_chars += len(pred_set)
        tally.gold_chars += len(gold_set)
        spans = {(s, e) for s, e, _ in predicted}
        tally.gold_quotes += len(gold)
        tally.exact += sum((s, e) in spans for s, e, _ in gold)
        for s, e, speaker in predicted:
            best, overlap = None, 0
            for gs, ge, gspeaker in gold:
                ov = min(e, ge) - max(s, gs)
                if ov > overlap:
                    best, overlap = gspeaker, ov
            if overlap > 0:
                tally.judged += 1
                tally.right_speakers += _same_speaker(speaker, best)
    return tally


@dataclass(slots=True)
class _Speed:
    words: int = 0
    quotes_seconds: float = 0.0
    both_seconds: float = 0.0
    quotes: int = 0
    fragments: int = 0


def speed(corpus: Path, limit: int) -> _Speed:
    """Time over up to ``limit`` article files: quotes alone, and as the app analyses."""
    out = _Speed()
    for i, path in enumerate(sorted(corpus.rglob("*.txt"))):
        if i >= limit:
            break
        text = path.read_text(encoding="utf-8", errors="replace")
        out.words += len(text.split())
        t0 = time.perf_counter()
        out.quotes += len(find_quotes(text))
        t1 = time.perf_counter()
        _, fragments = find_quotations(text, find_entities(text))
        t2 = time.perf_counter()
        out.quotes_seconds += t1 - t0
        out.both_seconds += t2 - t1
        out.fragments += len(fragments)
    return out


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def main() -> None:
    """Print the benchmark table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=existing_file, required=True, help="labelled JSONL set")
    parser.add_argument("--corpus", type=existing_dir, help="articles to time the finders on")
    parser.add_argument("--limit", type=int, default=3000, help="corpus files to time")
    parser.add_argument("--resolved", action="store_true", help="judge resolved speaker names")
    opts = parser.parse_args()

    rows: list[tuple[str, str]] = []
    if opts.eval:
        t = score(opts.eval, opts.resolved)
        p = _ratio(t.true_chars, t.predicted_chars)
        r = _ratio(t.true_chars, t.gold_chars)
        f = _ratio(2 * p * r, p + r)
        rows += [
            ("labelled set", str(opts.eval)),
            ("char precision (strict)", f"{p:.3f}"),
            ("char recall", f"{r:.3f}"),
            ("char F1 (strict)", f"{f:.3f}"),
            ("exact spans", f"{t.exact}/{t.gold_quotes} = {_ratio(t.exact, t.gold_quotes):.3f}"),
            (
                "speaker accuracy",
                f"{t.right_speakers}/{t.judged} = {_ratio(t.right_speakers, t.judged):.3f}",
            ),
            ("words/s (labelled set)", f"{_ratio(t.words, t.seconds):,.0f}"),
        ]
    if opts.corpus is not None:
        s = speed(opts.corpus, opts.limit)
        rows += [
            ("corpus", f"{opts.corpus} ({opts.limit} files max)"),
            ("quotations found", str(s.quotes)),
            ("fragments found", str(s.fragments)),
            ("words/s (corpus, find_quotes)", f"{_ratio(s.words, s.quotes_seconds):,.0f}"),
            ("words/s (corpus, entities + quotes)", f"{_ratio(s.words, s.both_seconds):,.0f}"),
        ]
    width = max((len(k) for k, _ in rows), default=10)
    print(f"{'measure':<{width}}  value")
    print(f"{'-' * width}  {'-' * 20}")
    for key, value in rows:
        print(f"{key:<{width}}  {value}")


if __name__ == "__main__":
    main()
