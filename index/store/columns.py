"""Whole-column reads from a Whoosh index, fast enough to sort every article.

Whoosh reads a column one document at a time (a file read and an unpack
per value: about 6 µs, so 0.6 s for 100,000 dates).  A numeric column is a
run of fixed-size big-endian integers, so one read and one ``array`` call
load it all.
"""

from __future__ import annotations

import datetime as dt
import operator
import sys
from array import array
from collections import Counter
from dataclasses import dataclass
from itertools import compress
from typing import TYPE_CHECKING, Any

from byline.index.library import date_cache
from byline.index.store.whoosh_private import deleted_docs, matcher_ids, numeric_column

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

#: Whoosh stores datetimes as microseconds since ``datetime.min``.
USECS_PER_DAY = 86_400_000_000


@dataclass(slots=True, frozen=True)
class DateColumns:
    """Everything date-ordered lists need of one searcher, by document number."""

    #: The date as a sortable integer (microseconds since ``datetime.min``).
    keys: list[int]
    #: 1 for a document without a date.
    undated: list[int]
    #: Every live document, newest first, the undated ones last.
    newest: list[int]
    #: :meth:`day_counts` of :attr:`newest` (the whole index).
    all_days: tuple[dict[dt.date, int], int] | None = None

    @classmethod
    def read(cls, searcher: Any, cache: Path | None = None) -> DateColumns:
        """Read the ``date`` and ``undated`` columns of ``searcher`` (a whole column at once).

        With a ``cache`` directory, the newest-first order and the day counts of
        the whole index are kept there between launches (see :mod:`date_cache`).
        """
        keys = date_keys(searcher, "date")
        undated = int_values(searcher, "undated")
        path = date_cache.cache_path(cache, searcher) if cache is not None else None
        cached = date_cache.load(path) if path is not None else None
        if cached is not None and len(cached[0]) == searcher.doc_count():
            return cls(keys=keys, undated=undated, newest=cached[0], all_days=cached[1])
        columns = cls(keys=keys, undated=undated, newest=cls._sort(searcher, keys, undated))
        if path is None:
            return columns
        all_days = columns.day_counts(columns.newest)
        date_cache.save(path, (columns.newest, all_days))
        return cls(keys=keys, undated=undated, newest=columns.newest, all_days=all_days)

    @staticmethod
    def _sort(searcher: Any, keys: list[int], undated: list[int]) -> list[int]:
        live = live_docs(searcher)
        if any(undated):
            # One integer per document, so the sort compares ints, not tuples built
            # by a lambda: newest first, undated after all (keys are unsigned 64-bit).
            newest_first = [(flag << 64) - key for flag, key in zip(undated, keys, strict=True)]
            return sorted(live, key=newest_first.__getitem__)
        # A reversed sort keeps equal keys in document order, as the one above.
        return sorted(live, key=keys.__getitem__, reverse=True)

    def day_counts(self, docnums: Sequence[int]) -> tuple[dict[dt.date, int], int]:
        """How many of ``docnums`` fall on each day, and how many are undated.

        Document numbers this searcher does not have count as undated.
        """
        if (
            self.all_days is not None
            and len(docnums) == len(self.newest)
            and all(map(operator.eq, docnums, self.newest))
        ):
            return dict(self.all_days[0]), self.all_days[1]
        keys, undated = self.keys, self.undated
        unknown = 0
        if docnums and max(docnums) >= len(keys):
            known = [d for d in docnums if d < len(keys)]
            unknown, docnums = len(docnums) - len(known), known
        # Counted by key a whole list at a time (map and compress run in C), then
        # the few distinct keys become days.
        by_key = Counter(map(keys.__getitem__, docnums))
        flagged: Counter[int] = Counter()
        if any(undated):
            without = compress(docnums, map(undated.__getitem__, docnums))
            flagged.update(map(keys.__getitem__, without))
        by_key.subtract(flagged)
        days: Counter[dt.date] = Counter()
        for key, count in by_key.items():
            if count:
                # Whoosh counts from datetime.min, whose day has ordinal 1.
                days[dt.date.fromordinal(key // USECS_PER_DAY + 1)] += count
        return dict(days), flagged.total() + unknown


def date_keys(searcher: Any, fieldname: str) -> list[int]:
    """Sortable integers of a numeric column, indexed by document number."""
    out: list[int] = []
    for leaf, offset in searcher.leaf_searchers():
        reader = leaf.reader()
        count = reader.doc_count_all()
        while len(out) < offset:  # defensive: leaves are contiguous
            out.append(0)
        out.extend(_leaf_keys(reader, fieldname, count))
    return out


def _leaf_keys(reader: Any, fieldname: str, count: int) -> list[int]:
    if not reader.has_column(fieldname):
        return [0] * count
    column = reader.column_reader(fieldname, translate=False)
    raw = numeric_column(column, count)
    if raw is None:  # not one run of fixed-size values: Whoosh reads each
        return [int(column[i]) for i in range(count)]
    data, typecode, size, default = raw
    values = array(typecode, data)
    if values.itemsize != size:
        raise ValueError(f"a column of {size}-byte values read as {values.itemsize}-byte ones")
    if sys.byteorder == "little":  # stored big-endian
        values.byteswap()
    keys = values.tolist()
    keys.extend([default] * (count - len(keys)))
    return keys


def live_docs(searcher: Any) -> list[int]:
    """Document numbers of every document not deleted."""
    out: list[int] = []
    for leaf, offset in searcher.leaf_searchers():
        reader = leaf.reader()
        count = reader.doc_count_all()
        if reader.has_deletions():
            gone = deleted_docs(reader)
            out.extend(offset + i for i in range(count) if i not in gone)
        else:
            out.extend(range(offset, offset + count))
    return out


def posting_ids(matcher: Any) -> list[int]:
    """Every document number of a fresh postings matcher, read a block at a time.

    Whoosh's ``all_ids`` steps through postings one Python call at a time
    (about 1 µs each); decoding whole blocks is several times faster.
    """
    ids = matcher_ids(matcher)
    return ids if ids is not None else list(matcher.all_ids())


def int_values(searcher: Any, fieldname: str) -> list[int]:
    """The values of an integer column (such as a 0/1 flag), by document number.

    The column keeps Whoosh's sortable encoding (signed values shifted up by
    half their range), so the raw read is shifted back; a field of another
    kind goes through Whoosh's own translation, one value at a time.
    """
    field = searcher.schema[fieldname]
    shift: int | None = None
    if getattr(field, "numtype", None) is int and not getattr(field, "decimal_places", 0):
        shift = 1 << (field.bits - 1) if field.signed else 0
    out: list[int] = []
    for leaf, offset in searcher.leaf_searchers():
        reader = leaf.reader()
        count = reader.doc_count_all()
        out.extend([0] * (offset - len(out)))
        if not reader.has_column(fieldname):
            out.extend([0] * count)
        elif shift is not None:
            out.extend([value - shift for value in _leaf_keys(reader, fieldname, count)])
        else:
            column = reader.column_reader(fieldname)
            out.extend(int(column[i] or 0) for i in range(count))
    return out
