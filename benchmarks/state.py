"""Measure the reading state's operations at the sizes the reader meets.

Usage (from the project root):

    python benchmarks/state.py [--articles 100000] [--repeat 5]

Works on a fresh database in a temporary directory: marks half of
``--articles`` ids read, then times what the reader does on each keystroke
(one mark, a batch lookup for the visible rows) and on each refresh of the
saved-search counts (unread among every hit).  Prints one table of the
median of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from typing import TYPE_CHECKING

from byline.index.library.state import ReadingState

if TYPE_CHECKING:
    from collections.abc import Callable


def _median_ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    """Run the measurements and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    n = args.articles
    ids = [f"{i:016x}" for i in range(n)]
    with tempfile.TemporaryDirectory() as tmp, ReadingState(tmp, tmp) as state:
        rows: list[tuple[str, float]] = []
        started = time.perf_counter()
        state.mark_many_read(ids[::2])
        rows.append((f"mark_many_read({n // 2:,} ids), one transaction", _since(started)))
        counter = iter(ids[1::2])
        rows.append(
            ("mark_read(one id)", _median_ms(lambda: state.mark_read(next(counter)), args.repeat))
        )
        rows.append(
            ("toggle_star(one id)", _median_ms(lambda: state.toggle_star(ids[0]), args.repeat))
        )
        rows.append(
            (
                "article_states(50 visible ids)",
                _median_ms(lambda: state.article_states(ids[:50]), args.repeat),
            )
        )
        rows.append((f"read_ids() ({n // 2:,} marks)", _median_ms(state.read_ids, args.repeat)))
        rows.append(
            (
                f"count_unread({n:,} hit ids)",
                _median_ms(lambda: state.count_unread(ids), args.repeat),
            )
        )
        rows.append(("add_history(query)", _median_ms(lambda: state.add_history("q"), args.repeat)))
    width = max(len(name) for name, _ in rows)
    print(f"{'operation':<{width}}  {'ms':>8}")
    for name, ms in rows:
        print(f"{name:<{width}}  {ms:8.2f}")


def _since(started: float) -> float:
    return (time.perf_counter() - started) * 1000


if __name__ == "__main__":
    main()
