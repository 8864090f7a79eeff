#!/usr/bin/env python3
"""Benchmark ``byline.index.analysis.entities.find_entities``.

Usage (from the project root)::

    .venv/bin/python benchmarks/ner.py DEV_JSONL [--repeat N]

Prints one table: exact-span precision/recall/F1 (untyped and typed) on a
JSONL set of ``{"text", "entities": [[start, end, kind], ...]}`` documents
(``ner_dev.jsonl`` of the evaluation sets given to the project, which the
repository does not hold), throughput in whitespace words per
second on one core (best of ``--repeat`` passes), the time to import the
module and load its lists in a fresh interpreter, the memory that takes, and
the size of the data files.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from inputs import existing_file

ROOT = Path(__file__).resolve().parent.parent

# Run in a fresh interpreter so that nothing is cached: import, first call
# (which loads the lists), then the memory that the lists hold.
# The timing probe runs without tracemalloc, which slows loading down.
_TIME_PROBE = """
import resource, time
rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
from byline.index.analysis.entities import find_entities
find_entities("Warm-up for Reuters in London .")
t1 = time.perf_counter()
rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(t1 - t0, (rss1 - rss0) * 1024, rss1 * 1024)
"""
_MEMORY_PROBE = """
import tracemalloc
tracemalloc.start()
from byline.index.analysis.entities import find_entities
find_entities("Warm-up for Reuters in London .")
current, peak = tracemalloc.get_traced_memory()
print(current, peak)
"""


def _probe(code: str) -> list[float]:
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    return [float(x) for x in out.split()]


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts."""
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> int:
    """Run the benchmark and print the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("jsonl", type=existing_file, help="labelled JSONL set")
    ap.add_argument("--repeat", type=int, default=3)
    opt = ap.parse_args()

    load_s, rss, rss_total = min(_probe(_TIME_PROBE) for _ in range(3))
    mem_now, mem_peak = _probe(_MEMORY_PROBE)

    from byline.index.analysis.entities import find_entities

    docs = [json.loads(line) for line in opt.jsonl.read_text("utf-8").splitlines() if line.strip()]
    words = sum(len(d["text"].split()) for d in docs)
    find_entities("Warm-up for Reuters in London .")

    best = float("inf")
    preds: list[list[tuple[int, int, str]]] = []
    for _ in range(max(1, opt.repeat)):
        t0 = time.perf_counter()
        preds = [[(e.start, e.end, e.kind) for e in find_entities(d["text"])] for d in docs]
        best = min(best, time.perf_counter() - t0)

    tp_u = tp_t = npred = ngold = 0
    for d, pred in zip(docs, preds, strict=True):
        gold = {(s, e, k) for s, e, k in d["entities"]}
        tp_t += len(set(pred) & gold)
        tp_u += len({(s, e) for s, e, _ in pred} & {(s, e) for s, e, _ in gold})
        npred += len(pred)
        ngold += len(gold)

    data_bytes = sum(p.stat().st_size for p in (ROOT / "index" / "analysis" / "data").glob("*.gz"))
    pu, ru, fu = prf(tp_u, npred, ngold)
    pt, rt, ft = prf(tp_t, npred, ngold)
    rows = [
        ("documents / words / gold entities", f"{len(docs)} / {words} / {ngold}"),
        ("untyped P / R / F1", f"{pu:.3f} / {ru:.3f} / {fu:.3f}"),
        ("typed P / R / F1", f"{pt:.3f} / {rt:.3f} / {ft:.3f}"),
        ("words/s (one core, best pass)", f"{words / best:,.0f}"),
        ("import + load time (best of 3)", f"{load_s:.3f} s"),
        ("memory held after load (tracemalloc)", f"{mem_now / 2**20:.1f} MB"),
        ("memory peak while loading (tracemalloc)", f"{mem_peak / 2**20:.1f} MB"),
        ("RSS growth while importing + loading", f"{rss / 2**20:.1f} MB"),
        ("process max RSS after loading", f"{rss_total / 2**20:.1f} MB"),
        ("data files (index/analysis/data/*.gz)", f"{data_bytes / 2**20:.2f} MB"),
    ]
    width = max(len(name) for name, _ in rows)
    print(f"{'metric':<{width}}  value")
    print(f"{'-' * width}  {'-' * 24}")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
