"""Search latency per query class for a fixed set of 30 queries.

Usage (from the project root):

    python benchmarks/search.py --dir CORPUS [--data-dir DIR]
                                [--repeat 5] [--json OUT.json]

Opens (and first brings up to date) the library of ``--dir``, runs every
query once to warm up, then ``--repeat`` times through ``Library.search``
in two ways, and prints p50/p95 per class (plain, phrase, fields, dates,
prefix) and overall, in wall-clock milliseconds per query:

* ``cli``: ``search(q, limit=20)``, what ``byline search`` does (20 hits
  with snippets);
* ``app``: ``search(q, limit=LIST_LIMIT, lazy=True)`` and then the first
  screenful (20 hits with snippets) read, what the reader does.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from inputs import existing_dir

from byline.index.library.api import Library, open_library

if TYPE_CHECKING:
    from collections.abc import Callable

#: The reader asks for this many hits (``LIST_LIMIT`` in byline.reader.app).
APP_LIMIT = 100_000
#: Rows the reader shows at once (a tall terminal).
SCREEN = 20

#: 30 queries in five classes; the dated ones fit both the real 1987 articles
#: and the generated corpus (whose dates start in 1987).
QUERIES: tuple[tuple[str, str], ...] = (
    ("plain", "oil"),
    ("plain", "bank rates"),
    ("plain", "profit"),
    ("plain", "trade deficit"),
    ("plain", "merger talks"),
    ("plain", "wheat exports"),
    ("plain", "dollar yen"),
    ("plain", "shares said"),
    ("phrase", '"trade deficit"'),
    ("phrase", '"interest rates"'),
    ("phrase", '"said in a statement"'),
    ("phrase", '"stock exchange"'),
    ("phrase", '"per share" profit'),
    ("phrase", '"federal reserve"'),
    ("fields", "person:Baker"),
    ("fields", "org:Chrysler"),
    ("fields", "place:Japan"),
    ("fields", "speaker:Volcker"),
    ("fields", "quote:rates"),
    ("fields", "headline:oil"),
    ("dates", "oil date:1987-03"),
    ("dates", "date:1987-04-01"),
    ("dates", "bank after:1987-09"),
    ("dates", "wheat date:1987-03..1987-05"),
    ("dates", "before:1987-03-15"),
    ("prefix", "petro*"),
    ("prefix", "ban*"),
    ("prefix", "s*"),
    ("prefix", "inter* rates"),
    ("prefix", "person:ja*"),
)
CLASSES: tuple[str, ...] = ("plain", "phrase", "fields", "dates", "prefix")


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) of ``values``, nearest-rank."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(q * len(ordered) + 0.5) - 1))
    return ordered[rank]


def cli_search(library: Library, query: str) -> None:
    """What ``byline search QUERY`` does after opening the library."""
    library.search(query, limit=20)


def app_search(library: Library, query: str) -> None:
    """What the reader does for a query: all hits, lazily, then one screenful."""
    hits = library.search(query, limit=APP_LIMIT, lazy=True).hits
    for i in range(min(SCREEN, len(hits))):
        hits[i]


def measure(
    library: Library, search: Callable[[Library, str], None], repeat: int
) -> dict[str, list[float]]:
    """Milliseconds per query, by class (and ``"all"``)."""
    times: dict[str, list[float]] = {name: [] for name in (*CLASSES, "all")}
    for _cls, query in QUERIES:
        search(library, query)
    for _ in range(repeat):
        for cls, query in QUERIES:
            started = time.perf_counter()
            search(library, query)
            took = (time.perf_counter() - started) * 1000
            times[cls].append(took)
            times["all"].append(took)
    return times


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=existing_dir, required=True, help="the corpus to search")
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    data_dir = args.data_dir or Path(tempfile.gettempdir()) / "byline-bench-search"
    library = open_library(args.dir, data_dir)
    started = time.perf_counter()
    report = library.update()
    out = sys.stdout
    out.write(
        f"{args.dir}: {library.count():,} articles; update {time.perf_counter() - started:.1f}s "
        f"({report.indexed:,} indexed)\n"
    )
    small = measure(library, cli_search, args.repeat)
    big = measure(library, app_search, args.repeat)
    counts = {q: library.search(q, limit=1).total for _c, q in QUERIES}
    library.close()
    rows = []
    header = f"{'class':<8} {'queries':>7} {'cli p50':>9} {'cli p95':>9} "
    header += f"{'app p50':>10} {'app p95':>10}   (ms)"
    out.write(header + "\n")
    for cls in (*CLASSES, "all"):
        n = sum(1 for c, _q in QUERIES if c == cls or cls == "all")
        row = {
            "class": cls,
            "queries": n,
            "p50_20": percentile(small[cls], 0.5),
            "p95_20": percentile(small[cls], 0.95),
            "p50_app": percentile(big[cls], 0.5),
            "p95_app": percentile(big[cls], 0.95),
        }
        rows.append(row)
        out.write(
            f"{cls:<8} {n:>7} {row['p50_20']:>9.1f} {row['p95_20']:>9.1f} "
            f"{row['p50_app']:>10.1f} {row['p95_app']:>10.1f}\n"
        )
    median_hits = statistics.median(counts.values())
    out.write(f"median hits per query: {median_hits:,.0f}\n")
    if args.json:
        args.json.write_text(
            json.dumps({"dir": str(args.dir), "rows": rows, "hits": counts}, indent=1)
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
