"""Read a term's postings from a Whoosh segment in one file read.

Whoosh's leaf matcher reads a posting list block by block: a seek, a read
and an unpickling for each block's header, then again for its data.  Per
block that costs more than decoding the block itself once blocks are arrays.
This module reads a term's whole extent at once (a posting list is
contiguous in the postings file) and splits it into blocks in memory.  It
reads only what Whoosh 2.7's W3 codec writes (whoosh-reloaded 2.7.5 is
pinned); for anything else :func:`term_info` and :func:`prefix_infos` say
so and the caller goes through Whoosh's matcher.
"""

from __future__ import annotations

import io
import pickle
import zlib
from itertools import islice
from typing import TYPE_CHECKING, Any

from whoosh.codec import whoosh3

from byline.index.store import whoosh_private
from byline.index.store.blocks import id_deltas
from byline.index.store.positions import block_loads

if TYPE_CHECKING:
    from collections.abc import Iterator

#: One block: id deltas (the first from 0), weights (None, one number for
#: all, or one each) and values (a :class:`~byline.index.store.positions.BlockValues`,
#: a tuple with one per posting, or None).
RawBlock = tuple[Any, Any, Any]

_MAGIC = whoosh3.WHOOSH3_HEADER_MAGIC


def term_info(reader: Any, fieldname: str, btext: bytes) -> Any | None:
    """The W3 term info of a term (None when the segment lacks it), or
    ``NotImplemented`` when the segment is not a W3 one."""
    terms = whoosh_private.w3_terms(reader)
    if terms is None:
        return NotImplemented
    raw = whoosh_private.term_record(terms, fieldname, btext)
    return None if raw is None else whoosh3.W3TermInfo.from_bytes(raw)


def prefix_infos(reader: Any, fieldname: str, prefix: bytes, cap: int) -> Iterator[Any] | None:
    """Term infos of the first ``cap`` words starting with ``prefix``, in order
    (None when the segment is not a W3 one)."""
    terms = whoosh_private.w3_terms(reader)
    if terms is None:
        return None
    records = whoosh_private.term_records(terms, fieldname, prefix)
    return map(whoosh3.W3TermInfo.from_bytes, islice(records, cap))


def blocks(reader: Any, info: Any) -> Iterator[RawBlock]:
    """The postings blocks of a term info, decoded but for the id deltas."""
    if info.is_inlined():
        ids, weights, values = info.inlined_postings()
        yield list(id_deltas(ids)), weights, values
        return
    offset, length = info.extent()
    if isinstance(length, tuple):  # W3TermInfo.from_bytes leaves it as struct.unpack's tuple
        (length,) = length
    terms = whoosh_private.w3_terms(reader)
    if terms is None:
        raise ValueError("not a Whoosh 3 segment")
    data = whoosh_private.postings_bytes(terms, offset, length)
    if data[:4] != _MAGIC:
        raise ValueError("not a Whoosh 3 posting list")
    stream = io.BytesIO(data)
    position = 4
    while True:
        size = int.from_bytes(data[position : position + 4], "big", signed=True)
        last = size < 0
        end = position + 4 + abs(size)
        stream.seek(position + 4)
        _count, _maxid, _maxweight, compression, _minlength, _maxlength = pickle.load(stream)
        raw = data[stream.tell() : end]
        if compression:
            raw = zlib.decompress(raw)
        yield block_loads(raw)
        if last or end >= len(data):
            return
        position = end
