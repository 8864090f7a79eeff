"""Every use of Whoosh's private names, typed: the one module to read again
when Whoosh changes.

byline specialises Whoosh (see :mod:`byline.index.store`), which needs
private attributes and methods of whoosh-reloaded's W3 codec, segment writer
and readers.  They are reached only here: accessor functions with exact
types for reading, and the subclasses that override Whoosh's private hooks
for writing.  Protocols describe the private surfaces, so that ``mypy
--strict`` checks every use.  :data:`WHOOSH_VERSION` is the release all of
it was checked against; a test fails when another one is installed.
"""

from __future__ import annotations

import pickle
import zlib
from itertools import accumulate, islice
from typing import TYPE_CHECKING, Any, Protocol, cast

import whoosh
from whoosh import query as wq
from whoosh.codec import whoosh3
from whoosh.columns import NumericColumn
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import PostingPool as WhooshPostingPool
from whoosh.writing import SegmentWriter as WhooshSegmentWriter

from byline.index.store.blocks import BLOCK_POSTINGS, block_ids, block_values, block_weights

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

#: The whoosh-reloaded release this module was checked against.
WHOOSH_VERSION = "2.7.5"
#: Postings per pickled chunk of a spilled run of the posting pool.
CHUNK = 8192
#: Bytes a posting tuple takes in memory besides its term and value (as
#: Whoosh estimates it), to decide when the pool spills.
POSTING_OVERHEAD = 150


def installed_version() -> str:
    """The version of the Whoosh that is imported."""
    return str(whoosh.versionstring())


# -- the private surfaces -------------------------------------------------


class _StructFile(Protocol):
    def get(self, position: int, length: int) -> bytes: ...


class _TermIndex(Protocol):
    def __getitem__(self, key: bytes) -> bytes: ...

    def items_from(self, key: bytes) -> Iterable[tuple[bytes, bytes]]: ...


class W3Terms(Protocol):
    """A W3 segment's terms reader (``whoosh3.W3TermsReader``)."""

    _tindex: _TermIndex
    _postfile: _StructFile

    def _keycoder(self, fieldname: str, btext: bytes) -> bytes: ...


class _ByteColumn(Protocol):
    _dbfile: _StructFile
    _basepos: int

    def __getitem__(self, docnum: int) -> int: ...


class _NumericColumn(_ByteColumn, Protocol):
    _fixedlen: int
    _count: int
    _typecode: str
    _default: int


class _PerDoc(Protocol):
    def deleted_docs(self) -> Iterable[int]: ...

    def _cached_reader(self, fieldname: str, column: object) -> _ByteColumn | None: ...

    def close(self) -> None: ...


class _LeafMatcher(Protocol):
    _data: tuple[Sequence[int], object, object] | None
    _byteids: bool

    def is_active(self) -> bool: ...

    def _read_data(self) -> None: ...

    def _next_block(self) -> None: ...


# -- reading --------------------------------------------------------------


def w3_terms(reader: Any) -> W3Terms | None:
    """The terms reader of a segment reader, if the segment is a W3 one."""
    terms = getattr(reader, "_terms", None)
    return cast("W3Terms", terms) if isinstance(terms, whoosh3.W3TermsReader) else None


def term_record(terms: W3Terms, fieldname: str, btext: bytes) -> bytes | None:
    """The stored term info of a word (None when the segment lacks it)."""
    try:
        return terms._tindex[terms._keycoder(fieldname, btext)]
    except KeyError:
        return None


def term_records(terms: W3Terms, fieldname: str, prefix: bytes) -> Iterator[bytes]:
    """The stored term infos of the words starting with ``prefix``, in order."""
    start = terms._keycoder(fieldname, prefix)
    for key, raw in terms._tindex.items_from(start):
        if not key.startswith(start):
            return
        yield raw


def postings_bytes(terms: W3Terms, offset: int, length: int) -> bytes:
    """``length`` bytes of the segment's postings file from ``offset``."""
    return terms._postfile.get(offset, length)


def text_to_bytes(reader: Any, fieldname: str, text: str) -> bytes:
    """A word as the reader's field stores it."""
    return cast("bytes", reader._text_to_bytes(fieldname, text))


def expanded_words(query: wq.Prefix, reader: Any) -> Iterator[bytes]:
    """The indexed words a prefix query stands for (capped, for a capped one)."""
    return cast("Iterator[bytes]", query._btexts(reader))


class CappedPrefixQuery(wq.Prefix):  # type: ignore[misc]  # whoosh is untyped
    """A :class:`whoosh.query.Prefix` that expands to at most ``cap`` words."""

    cap = 2000

    def _btexts(self, ixreader: Any) -> Iterator[bytes]:
        return islice(super()._btexts(ixreader), self.cap)


def _perdoc(reader: Any) -> _PerDoc:
    return cast("_PerDoc", reader._perdoc)


def deleted_docs(reader: Any) -> frozenset[int]:
    """A segment reader's deleted document numbers (local), as one set."""
    if not reader.has_deletions():
        return frozenset()
    return frozenset(_perdoc(reader).deleted_docs())


def field_length_bytes(reader: Any, fieldname: str, count: int) -> bytes | None:
    """The one-byte encoded length of ``fieldname`` in each of a segment
    reader's ``count`` documents (None: the field has no lengths)."""
    return _length_bytes(_perdoc(reader), fieldname, count)


def _length_bytes(perdoc: _PerDoc, fieldname: str, count: int) -> bytes | None:
    column = perdoc._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)
    if column is None:
        return None
    raw = column._dbfile.get(column._basepos, count)  # the column is a run of length bytes
    if len(raw) == count:
        return bytes(raw)
    return bytes(column[i] for i in range(count))


def numeric_column(column: Any, count: int) -> tuple[bytes, str, int, int] | None:
    """A numeric column reader's raw values: the big-endian bytes of the first
    ones stored, their array typecode, their size and the default of the
    rest; None when the column is not laid out as one run of such values."""
    numeric = cast("_NumericColumn", column)
    if not isinstance(column, NumericColumn.Reader):
        return None
    size = numeric._fixedlen
    stored = min(numeric._count, count)
    raw = numeric._dbfile.get(numeric._basepos, stored * size)
    return bytes(raw), numeric._typecode, size, int(numeric._default)


def matcher_ids(matcher: Any) -> list[int] | None:
    """Every document number of a fresh on-disk postings matcher, read a
    block at a time (None: not a W3 leaf matcher)."""
    if not isinstance(matcher, whoosh3.W3LeafMatcher):
        return None
    leaf = cast("_LeafMatcher", matcher)
    out: list[int] = []
    while leaf.is_active():
        if leaf._data is None:
            leaf._read_data()
        assert leaf._data is not None  # _read_data sets it
        deltas = leaf._data[0]
        out.extend(deltas if leaf._byteids else accumulate(deltas))
        leaf._next_block()
    return out


# -- writing --------------------------------------------------------------


class PostingPool(WhooshPostingPool):  # type: ignore[misc]  # whoosh is untyped
    """Whoosh's posting pool with cheap adds and chunked runs.

    Whoosh checks and sizes each posting as it is added, and pickles each one
    separately when it spills a sorted run to disk and again when it merges
    the runs back; this one writes and reads runs in chunks of thousands.
    """

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
                except EOFError:  # the end of the run
                    return
                yield from chunk
        finally:
            f.close()
            self._remove_run(path)


class PostingsWriter(whoosh3.W3PostingsWriter):  # type: ignore[misc]  # whoosh is untyped
    """Whoosh's postings writer, writing blocks as :mod:`byline.index.store.blocks`
    lays them out, pickled with the newest protocol.

    Whoosh pickles blocks with protocol 2, which stores every ``bytes`` value
    as a call to ``codecs.encode`` (reading a block back took about 10 times
    longer); it also type-checks every posting with asserts as it buffers it,
    which the pool's postings, of byline's own making, do not need.
    """

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
        if self._byteids:
            return super()._mini_ids()
        return block_ids(self._ids)

    def _mini_weights(self) -> Any:
        return block_weights(self._weights)

    def _mini_values(self) -> Any:
        fixed = self._format.fixed_value_size()
        if fixed is not None and fixed >= 0:
            return super()._mini_values()
        return block_values(self._values)

    def _write_block(self, last: bool = False) -> None:
        # Whoosh's block layout: the magic number before the first block, then
        # per block its length (negative for the last), its statistics and its
        # data.
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


class Codec(whoosh3.W3Codec):  # type: ignore[misc]  # whoosh is untyped
    """Whoosh's W3 codec with :class:`PostingsWriter`."""

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
        return PostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )


class _Lengths:
    """Field lengths by document, each field's column read once."""

    def __init__(self, perdoc: _PerDoc, doccount: int) -> None:
        self._perdoc = perdoc
        self._count = doccount
        self._fields: dict[str, list[int | None]] = {}

    def _load(self, fieldname: str) -> list[int | None]:
        table: list[int | None] = [None] + [byte_to_length(b) for b in range(1, 256)]
        raw = _length_bytes(self._perdoc, fieldname, self._count)
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
    """Whoosh's segment writer with :class:`PostingPool` and :class:`Codec`
    (uncompressed blocks of :data:`~byline.index.store.blocks.BLOCK_POSTINGS`:
    decompressing was 40% of the time a query spent reading postings).

    While writing postings Whoosh looks up the length of the document's
    field once per posting, through a column reader (about 15 µs each, a
    quarter of the commit); this one reads each length column once.
    """

    def __init__(self, ix: Any, *, limitmb: int = 128, **kwargs: Any) -> None:
        kwargs.setdefault("codec", Codec(blocklimit=BLOCK_POSTINGS, compression=0))
        super().__init__(ix, limitmb=limitmb, **kwargs)
        self.pool = PostingPool(self._tempstorage, self.newsegment, limitmb=limitmb)

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

    def finish_segment(self) -> Any | None:
        """Close this writer's new segment and return it (None if it holds no
        documents) without committing it: for a writer in another process,
        whose segment the index's own writer commits."""
        if self._added:
            return self._finalize_segment()
        self._close_segment()
        return None


class Writer(SegmentWriter):
    """A segment writer that also commits segments other processes wrote for
    it (see :func:`byline.index.library.indexer.write_segments`)."""

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self.extra_segments: list[Any] = []

    def commit(self, mergetype: Any = None, optimize: Any = None, merge: Any = None) -> None:
        """Commit this writer's documents, deletions and the extra segments."""
        if not self.extra_segments:
            super().commit(mergetype=mergetype, optimize=optimize, merge=merge)
            return
        self._check_state()
        # Small old segments are merged as usual; the workers' big new ones
        # are added as they are (merging them would run on one core).
        final = self._merge_segments(mergetype, optimize, merge)
        final.extend(self.extra_segments)
        if self._added:
            final.append(self._finalize_segment())
        else:
            self._close_segment()
        self._commit_toc(final)
        self._finish()
