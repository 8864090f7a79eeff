"""The newest-first order of a whole index and its articles per day, kept between launches.

Sorting and counting 100,000 dates costs tens of milliseconds at every launch,
though the index rarely changes in between.  The file is named after the exact
state of the index's segments: a segment's documents never change and its
deletions only grow, so (segment id, documents, deletions) of every segment
pins down the live documents and their dates.  Any commit that changes them
changes the name, so a stale order is never read.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import sys
from array import array
from typing import TYPE_CHECKING, Any

from byline.index.library.atomic import write_atomic

if TYPE_CHECKING:
    from pathlib import Path

FORMAT = 1
PREFIX = "dates-"

#: The newest-first document numbers, and (articles per day, undated articles).
Cached = tuple[list[int], tuple[dict[dt.date, int], int]]


def cache_path(directory: Path, searcher: Any) -> Path | None:
    """Where the order of ``searcher``'s documents is kept, named after their state
    (None for an index without segments: there is nothing to keep)."""
    state: list[tuple[str, int, int, int]] = []
    for leaf, offset in searcher.leaf_searchers():
        segment = leaf.reader().segment()
        if segment is None:  # the empty reader of an index with no segment yet
            return None
        state.append(
            (segment.segment_id(), segment.doc_count_all(), segment.deleted_count(), offset)
        )
    key = hashlib.blake2b(repr((FORMAT, state)).encode(), digest_size=12)
    return directory / f"{PREFIX}{key.hexdigest()}.bin"


def load(path: Path) -> Cached | None:
    """The cached order and day counts at ``path``, or None (missing or damaged)."""
    try:
        values = array("q", path.read_bytes())
    except (OSError, ValueError):
        return None
    if sys.byteorder != "little":
        values.byteswap()
    numbers = values.tolist()
    try:
        count = numbers[0]
        newest = numbers[1 : 1 + count]
        rest = numbers[1 + count :]
        undated, pairs = rest[0], rest[1:]
        if len(newest) != count or len(pairs) % 2:
            return None
        days = {dt.date.fromordinal(o): n for o, n in zip(pairs[::2], pairs[1::2], strict=True)}
    except (IndexError, ValueError, OverflowError):
        return None
    if sum(days.values()) + undated != count:  # a file cut short by whole numbers
        return None
    return newest, (days, undated)


def save(path: Path, cached: Cached) -> None:
    """Keep ``cached`` at ``path`` (atomically; other states' files go).  Best effort:
    a read-only directory only means the work is done again next time."""
    newest, (days, undated) = cached
    values = array("q", [len(newest), *newest, undated])
    for day, count in days.items():
        values.extend((day.toordinal(), count))
    if sys.byteorder != "little":
        values.byteswap()
    with contextlib.suppress(OSError):
        write_atomic(path, values.tobytes())
        for old in path.parent.glob(f"{PREFIX}*.bin"):
            if old.name != path.name:
                old.unlink(missing_ok=True)
