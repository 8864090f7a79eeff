"""Whoosh's segment writer, with the per-posting costs that profiling found
taken out.  It writes the same files in the same format.

* Whoosh pickles each postings block with protocol 2, which stores every
  ``bytes`` value as a call to ``codecs.encode``: reading a block back took
  about 10 times longer than with protocol 5, and searching reads blocks all
  the time.  :meth:`_Postings._write_block` writes the same block with
  protocol 5 (Whoosh loads any protocol).
* Whoosh's posting pool checks and sizes each posting as it is added, and
  pickles each one separately when it spills a sorted run to disk and again
  when it merges the runs back.  :class:`_Pool` writes and reads runs in
  chunks of thousands of postings.
* Whoosh type-checks every posting with asserts as it buffers it;
  :class:`_Postings` buffers without them (the pool already holds checked
  tuples of our own making).
* Postings blocks are not zlib-compressed and hold 4,096 postings, not 128:
  decompressing was 40% of the time a query spent reading postings, and
  the query engine pays a fixed cost per block.
* A block's id deltas and weights are pickled as arrays, and its values
  (positions) as one :class:`byline.index.store.positions.BlockValues`, instead
  of a tuple holding one object per posting: the query engine unpickles a
  block as a handful of objects and turns them into numpy arrays without a
  per-posting step.  Whoosh's own readers get the tuples they expect.
* While writing postings Whoosh looks up the length of the document's field
  once per posting, through a column reader (about 15 µs each, a quarter of
  the commit).  :class:`SegmentWriter` reads each length column once.
"""

from __future__ import annotations

import pickle
import zlib
from array import array
from itertools import islice
from typing import TYPE_CHECKING, Any

from whoosh.codec import whoosh3
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import PostingPool
from whoosh.writing import SegmentWriter as WhooshSegmentWriter

from byline.index.store.columns import length_bytes
from byline.index.store.positions import BlockValues
from byline.index.store.postings import id_deltas

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

#: Postings per block of a posting list.
BLOCK_POSTINGS = 4096
#: Postings per pickled chunk of a spilled run.
CHUNK = 8192
#: Bytes a posting tuple takes in memory besides its term and value (as
#: Whoosh estimates it), to decide when the pool spills.
POSTING_OVERHEAD = 150


#: An array typecode of 4-byte unsigned integers (``I`` on every usual platform).
U32 = next(code for code in "ILH" if array(code).itemsize == 4)


class _Pool(PostingPool):  # type: ignore[misc]  # whoosh is untyped
    """Whoosh's posting pool with cheap adds and chunked runs."""

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        """Add one ``(fieldname, term, docnum, weight, value)`` posting."""
        self.current.append(item)
        self.currentsize += POSTING_OVERHEAD + 2 * len(item[1]) + len(item[4] or b"")
        if self.currentsize > self.limit:
            self.save()

    def _write_run(self, f: Any, items: Iterable[Any]) -> None:
        stream = iter(items)
        while chunk := list(islice(stream, CHUNK)):
            pickle.dump(chunk, f, pickle.HIGHEST_PROTOCOL)
        f.close()

    def _read_run(self, path: str) -> Iterator[Any]:
        f = self._open_run(path)
        try:
            while True:
                try:
                    chunk = pickle.load(f)
                except EOFError:
                    return
                yield from chunk
        finally:
            f.close()
            self._remove_run(path)


class _Postings(whoosh3.W3PostingsWriter):  # type: ignore[misc]  # whoosh is untyped
    def add_posting(
        self, id_: int, weight: float, vbytes: bytes, length: int | None = None
    ) -> None:
        if len(self._ids) >= self._blocklimit:
            self._write_block()
        self._ids.append(id_)
        self._weights.append(weight)
        if weight > self._maxweight:
            self._maxweight: float = weight
        if vbytes:
            self._values.append(vbytes)
        if length:
            shortest: int | None = self._minlength  # type: ignore[has-type]
            if shortest is None or length < shortest:
                self._minlength = length
            if length > self._maxlength:
                self._maxlength: int = length

    def _mini_ids(self) -> Any:
        # Whoosh stores the id deltas as a tuple of ints, one object each to
        # unpickle; an array unpickles as one, and Whoosh reads either.
        if self._byteids:
            return super()._mini_ids()
        return _narrowest(array(U32, id_deltas(self._ids)))

    def _mini_weights(self) -> Any:
        # Whoosh stores a block's differing weights as a tuple of floats; word
        # counts (times a whole-number boost) fit an array of ints.
        weights = self._weights
        first = weights[0]
        if all(w == first for w in weights):
            return None if first == 1.0 else float(first)
        if all(float(w).is_integer() for w in weights):
            return _narrowest(array(U32, map(int, weights)))
        return array("d", weights)

    def _mini_values(self) -> Any:
        fixed = self._format.fixed_value_size()
        if fixed is not None and fixed >= 0:
            return super()._mini_values()
        return BlockValues.of(self._values)

    def _write_block(self, last: bool = False) -> None:
        # Whoosh's block layout: the magic number before the first block, then
        # per block its length (negative for the last), its statistics and its
        # data, pickled here with the newest protocol (see the module docstring).
        postfile = self._postfile
        if not self._blockcount:
            postfile.write(whoosh3.WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        data = pickle.dumps(
            (self._mini_ids(), self._mini_weights(), self._mini_values()),
            pickle.HIGHEST_PROTOCOL,
        )
        compression = self._compression
        if compression:
            data = zlib.compress(data, compression)
        ids = self._ids
        info = pickle.dumps(
            (
                len(ids),
                ids[-1],
                self._maxweight,
                compression,
                length_to_byte(self._minlength),
                length_to_byte(self._maxlength),
            ),
            pickle.HIGHEST_PROTOCOL,
        )
        size = len(info) + len(data)
        postfile.write_int(-size if last else size)
        postfile.write(info)
        postfile.write(data)
        self._blockcount += 1
        self._new_block()


def _narrowest(values: array[int]) -> array[int]:
    """``values`` (unsigned) in the smallest array type that holds them all."""
    top = max(values, default=0)
    for code in "BH":
        if top < 1 << (8 * array(code).itemsize):
            return array(code, values)
    return values


class _Codec(whoosh3.W3Codec):  # type: ignore[misc]  # whoosh is untyped
    """Whoosh's codec with a leaner postings writer."""

    def new_segment(self, storage: Any, indexname: str) -> Any:
        # The segment keeps its codec and is pickled into the index's table
        # of contents: record plain W3, which reads the same files.
        plain = whoosh3.W3Codec(
            blocklimit=self._blocklimit,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )
        return whoosh3.W3Segment(plain, indexname)

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> Any:
        return _Postings(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )


class _Lengths:
    """Field lengths by document, each field's column read once."""

    def __init__(self, perdoc: Any, doccount: int) -> None:
        self._perdoc = perdoc
        self._count = doccount
        self._fields: dict[str, list[int | None]] = {}

    def _load(self, fieldname: str) -> list[int | None]:
        table: list[int | None] = [None] + [byte_to_length(b) for b in range(1, 256)]
        raw = length_bytes(self._perdoc, fieldname, self._count)
        if raw is None:
            return [None] * self._count
        return [table[b] for b in raw]

    def doc_field_length(self, docnum: int, fieldname: str) -> int | None:
        """What Whoosh's per-document reader answers, from memory."""
        lengths = self._fields.get(fieldname)
        if lengths is None:
            lengths = self._fields[fieldname] = self._load(fieldname)
        return lengths[docnum]

    def close(self) -> None:
        self._perdoc.close()


class SegmentWriter(WhooshSegmentWriter):  # type: ignore[misc]  # whoosh is untyped
    """A Whoosh ``SegmentWriter`` that writes its postings faster."""

    def __init__(self, ix: Any, *, limitmb: int = 128, **kwargs: Any) -> None:
        kwargs.setdefault("codec", _Codec(blocklimit=BLOCK_POSTINGS, compression=0))
        super().__init__(ix, limitmb=limitmb, **kwargs)
        self.pool = _Pool(self._tempstorage, self.newsegment, limitmb=limitmb)

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = None
        if self.codec.length_stats:
            perdoc = self.per_document_reader()
            lengths = _Lengths(perdoc, perdoc.doc_count_all())
        self.fieldwriter.add_postings(self.schema, lengths, self.pool.iter_postings())
        self.fieldwriter.close()
        if lengths is not None:
            lengths.close()
