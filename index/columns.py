"""Whole-column reads from a Whoosh index, fast enough to sort every article.

Whoosh reads a column one document at a time (a file read and an unpack
per value: about 6 µs, so 0.6 s for 100,000 dates).  A numeric column is a
run of fixed-size big-endian integers, so one read and one ``array`` call
load it all.
"""

from __future__ import annotations

import sys
from array import array
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

#: Whoosh stores datetimes as microseconds since ``datetime.min``.
USECS_PER_DAY = 86_400_000_000


@dataclass(slots=True, frozen=True)
class DateColumns:
    """Everything date-ordered lists need of one searcher, by document number."""

    #: The date as a sortable integer (microseconds since ``datetime.min``).
    keys: list[int]
    #: 1 for a document without a date.
    undated: list[int]
    #: Days since ``datetime.min`` (ordinal - 1), or -1 for a document without a date.
    days: list[int]
    #: Every live document, newest first, the undated ones last.
    newest: list[int]

    @classmethod
    def read(cls, searcher: Any) -> DateColumns:
        """Read the ``date`` and ``undated`` columns of ``searcher`` (a whole column at once)."""
        keys = date_keys(searcher, "date")
        undated = int_values(searcher, "undated")
        pairs = list(zip(undated, keys, strict=True))
        # One integer per document, so the sort compares ints, not tuples built by
        # a lambda: newest first, undated after all (keys are unsigned 64-bit).
        newest_first = [(flag << 64) - key for flag, key in pairs]
        return cls(
            keys=keys,
            undated=undated,
            days=[-1 if flag else key // USECS_PER_DAY for flag, key in pairs],
            newest=sorted(live_docs(searcher), key=newest_first.__getitem__),
        )


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
    try:
        # NumericColumn.Reader internals; any surprise falls back to the slow path.
        size = column._fixedlen
        stored = min(column._count, count)
        raw = column._dbfile.get(column._basepos, stored * size)
        values = array(column._typecode, raw)
        if values.itemsize != size:
            raise ValueError("unexpected column layout")
        if sys.byteorder == "little":  # stored big-endian
            values.byteswap()
        keys = values.tolist()
        keys.extend([int(column._default)] * (count - stored))
        return keys
    except (AttributeError, KeyError, TypeError, ValueError):
        return [int(column[i]) for i in range(count)]


def live_docs(searcher: Any) -> list[int]:
    """Document numbers of every document not deleted."""
    out: list[int] = []
    for leaf, offset in searcher.leaf_searchers():
        reader = leaf.reader()
        count = reader.doc_count_all()
        if reader.has_deletions():
            out.extend(offset + i for i in range(count) if not reader.is_deleted(i))
        else:
            out.extend(range(offset, offset + count))
    return out


def posting_ids(matcher: Any) -> list[int]:
    """Every document number of a fresh postings matcher, read a block at a time.

    Whoosh's ``all_ids`` steps through postings one Python call at a time
    (about 1 µs each); decoding whole blocks is several times faster.
    """
    try:
        out: list[int] = []
        while matcher.is_active():
            if matcher._data is None:
                matcher._read_data()
            deltas = matcher._data[0]
            out.extend(deltas if matcher._byteids else accumulate(deltas))
            matcher._next_block()
        return out
    except AttributeError:  # not an on-disk leaf matcher (or another whoosh)
        return list(matcher.all_ids())


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
