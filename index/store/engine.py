"""Run byline's queries a whole posting list at a time, in numpy arrays.

Whoosh matches a query through a tree of matcher objects that step one
posting at a time, a few Python calls per posting per node: at 100,000
articles a query on common words took seconds.  :class:`Engine` evaluates
the query shapes :mod:`byline.index.store.query_whoosh` builds (terms, phrases,
capped prefixes, and/or/not, date ranges) by decoding posting blocks whole
into arrays and combining them as one score and one match flag per document
number.  Anything else is matched by Whoosh itself.

Scores are Whoosh's BM25F for terms (the same idf, field lengths and
weights, so the same ranking).  A phrase is scored like a term whose
occurrences are the phrase's, and a prefix or any other query adds a
constant, as Whoosh's do.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from whoosh import query as wq
from whoosh.util.numeric import byte_to_length

from byline.index.store import positions as packed
from byline.index.store import postings
from byline.index.store.analyzers import WordField
from byline.index.store.blocks import id_deltas
from byline.index.store.query_whoosh import CappedPrefix
from byline.index.store.whoosh_private import (
    deleted_docs,
    expanded_words,
    field_length_bytes,
    text_to_bytes,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from numpy.typing import NDArray

    from byline.index.store.postings import RawBlock

K1 = 1.2
B = 0.75

#: The date column as sortable integers and the undated flag, by docnum.
DatesFn = Callable[[], tuple[Sequence[int], Sequence[int]]]
# A phrase start as one integer: document number above, position below.
_POSITION_BITS = 32
_POSITION_MASK = (1 << _POSITION_BITS) - 1


@dataclass(slots=True)
class Match:
    """What a query matched: a flag and a score for every document number.

    Scores are 0 wherever ``matched`` is false, so matches add up as they are.
    """

    matched: NDArray[np.bool_]
    scores: NDArray[np.float64]

    def docs(self) -> NDArray[np.int64]:
        """The matching document numbers, ascending."""
        return np.flatnonzero(self.matched)

    def ranked(self) -> tuple[list[int], list[float]]:
        """Matching documents best first (equal scores in document order, as
        Whoosh ranks them), with their scores."""
        docs = self.docs()
        scores = self.scores[docs]
        order = np.argsort(-scores, kind="stable")
        return docs[order].tolist(), scores[order].tolist()

    def as_dict(self) -> dict[int, float]:
        """``{docnum: score}`` of the matches."""
        docs = self.docs()
        return dict(zip(docs.tolist(), self.scores[docs].tolist(), strict=True))


class Engine:
    """Evaluates queries against one Whoosh searcher (build one per searcher)."""

    def __init__(self, searcher: Any, dates: DatesFn | None = None) -> None:
        self.searcher = searcher
        self._dates = dates
        self.leaves: list[tuple[Any, int]] = [
            (leaf.reader(), offset) for leaf, offset in searcher.leaf_searchers()
        ]
        #: Document numbers run from 0 to size - 1, deleted ones included.
        self.size: int = int(searcher.doc_count_all())
        self.doc_count: int = max(1, self.size)
        self._norms: dict[str, NDArray[np.float64]] = {}
        self._live: NDArray[np.bool_] | None = None
        self._date_arrays: tuple[NDArray[np.integer[Any]], NDArray[np.bool_]] | None = None

    # -- public -----------------------------------------------------------

    def run(self, query: wq.Query) -> dict[int, float]:
        """Every live document ``query`` matches, with its score."""
        return self.match(query).as_dict()

    def match(self, query: wq.Query, within: NDArray[np.bool_] | None = None) -> Match:
        """What ``query`` matches among live documents (and ``within``, when
        given: a phrase then decodes positions only there)."""
        if isinstance(query, wq.Term):
            return self.term(query.fieldname, query.text, query.boost)
        if query is wq.NullQuery:
            return self._nothing()
        if isinstance(query, CappedPrefix):
            return self._constant(self.prefix_docs(query), query.boost)
        if isinstance(query, wq.Phrase) and query.slop == 1 and self._packed(query.fieldname):
            return self.phrase(query.fieldname, list(query.words), query.boost, within)
        if isinstance(query, wq.And):
            return self._all(query.subqueries, within)
        if isinstance(query, wq.Or) and not isinstance(query, wq.DisjunctionMax):
            return self._any([self.match(q, within) for q in query.subqueries])
        if isinstance(query, wq.AndMaybe):
            main = self.match(query.a, within)
            extra = self.match(query.b, main.matched)
            return _where(main.matched, main.scores + extra.scores)
        if isinstance(query, wq.AndNot):
            main = self.match(query.a, within)
            drop = self.match(query.b, main.matched)
            return _where(main.matched & ~drop.matched, main.scores)
        if (
            isinstance(query, wq.DateRange)
            and self._dates is not None
            and not (query.startexcl or query.endexcl)
        ):
            return self._constant(self.date_range(query), query.boost)
        if isinstance(query, wq.Every) and query.fieldname in (None, "", "*"):
            return Match(self.live().copy(), np.zeros(self.size))
        # Anything unforeseen: Whoosh matches, a constant scores.
        matched = np.zeros(self.size, dtype=np.bool_)
        matched[np.fromiter(self.searcher.docs_for_query(query), dtype=np.int64)] = True
        return self._constant(matched, query.boost)

    def _packed(self, fieldname: str) -> bool:
        # Phrases read positions as a WordField writes them (see
        # byline.index.store.positions); Whoosh's own encoding is Whoosh's to read.
        try:
            field = self.searcher.schema[fieldname]
        except KeyError:
            return False
        return isinstance(field, WordField)

    def live(self) -> NDArray[np.bool_]:
        """True for every document number not deleted."""
        if self._live is None:
            live = np.ones(self.size, dtype=np.bool_)
            for reader, offset in self.leaves:
                gone = deleted_docs(reader)
                if gone:
                    live[np.fromiter(gone, dtype=np.int64) + offset] = False
            self._live = live
        return self._live

    def estimate(self, query: wq.Query) -> int:
        """A cheap upper bound on how many documents ``query`` matches (for ordering)."""
        if isinstance(query, wq.Term):
            return int(self.searcher.doc_frequency(query.fieldname, query.text))
        if isinstance(query, wq.Phrase):
            field = query.fieldname
            return min((self.estimate(wq.Term(field, w)) for w in query.words), default=0)
        if isinstance(query, wq.And):
            return min((self.estimate(q) for q in query.subqueries), default=0)
        if isinstance(query, wq.Or):
            total = sum(self.estimate(q) for q in query.subqueries)
            return min(total, self.doc_count)
        if isinstance(query, wq.AndMaybe | wq.AndNot):
            return self.estimate(query.a)
        # Prefixes, dates and the rest cost a full pass: run them last.
        return self.doc_count + 1

    def _all(self, queries: Sequence[wq.Query], within: NDArray[np.bool_] | None) -> Match:
        if not queries:
            return self._nothing()
        matched = (self.live() if within is None else within).copy()
        scores = np.zeros(self.size)
        # Cheapest first, so that a phrase only checks where the rest matched.
        for query in sorted(queries, key=self.estimate):
            part = self.match(query, matched)
            matched &= part.matched
            scores += part.scores
            if not matched.any():
                break
        return _where(matched, scores)

    def _any(self, parts: list[Match]) -> Match:
        if not parts:
            return self._nothing()
        matched = parts[0].matched.copy()
        scores = parts[0].scores.copy()
        for part in parts[1:]:
            matched |= part.matched
            scores += part.scores
        return Match(matched, scores)

    def _constant(self, matched: NDArray[np.bool_], boost: float) -> Match:
        matched &= self.live()
        return Match(matched, np.where(matched, float(boost), 0.0))

    # -- leaves -----------------------------------------------------------

    def date_range(self, query: wq.DateRange) -> NDArray[np.bool_]:
        """Dated documents whose date falls in the range, from the date column."""
        keys, undated = self._date_columns()
        field = self.searcher.schema[query.fieldname]
        matched = ~undated
        if query.startdate:
            matched &= keys >= field.to_column_value(query.startdate)
        if query.enddate:
            matched &= keys <= field.to_column_value(query.enddate)
        return matched

    def _date_columns(self) -> tuple[NDArray[np.integer[Any]], NDArray[np.bool_]]:
        if self._date_arrays is None:
            assert self._dates is not None
            keys, undated = self._dates()
            self._date_arrays = (_sortable(keys), np.asarray(undated, dtype=np.bool_))
        return self._date_arrays

    def term(self, fieldname: str, text: str, boost: float = 1.0) -> Match:
        """BM25F scores of the live documents containing ``text`` in ``fieldname``."""
        found = self._postings(fieldname, text.encode("utf-8"))
        ids, weights = found.ids, found.weights
        if not len(ids):
            return self._nothing()
        # The idf counts every posting, deleted documents' too, as Whoosh's does.
        idf = self._idf(fieldname, len(ids)) * boost * (K1 + 1)
        return self._scored(ids, idf * weights / (weights + self.norms(fieldname)[ids]))

    def phrase(
        self,
        fieldname: str,
        words: list[str],
        boost: float = 1.0,
        within: NDArray[np.bool_] | None = None,
    ) -> Match:
        """Documents where ``words`` occur one after another, scored by how often."""
        if not words:
            return self._nothing()
        if len(words) == 1:
            return self.term(fieldname, words[0], boost)
        reader = self.searcher.reader()
        order = sorted(range(len(words)), key=lambda i: reader.doc_frequency(fieldname, words[i]))
        # Positions are decoded only in documents that hold every word.  Deleted
        # documents count in the idf, as they do for a word.
        candidates = np.ones(self.size, dtype=np.bool_) if within is None else within
        postings: list[tuple[int, NDArray[np.int64], NDArray[np.int64], bytes]] = []
        for i in order:
            found = self._postings(fieldname, words[i].encode("utf-8"), positions=True)
            ids, lengths, blob = found.ids, found.lengths(), b"".join(found.positions)
            present = np.zeros(self.size, dtype=np.bool_)
            present[ids] = True
            candidates = candidates & present
            if not candidates.any():
                return self._nothing()
            postings.append((i, ids, lengths, blob))
        # A word at position p of document d says the phrase may start at p - i:
        # the starts every word agrees on are the phrase's occurrences.
        starts: NDArray[np.int64] | None = None
        for i, ids, lengths, blob in postings:
            chosen = np.flatnonzero(candidates[ids])
            # Document number above the position, in one integer.
            _counts, keys = packed.decode(blob, lengths, chosen, ids[chosen] << _POSITION_BITS)
            these = keys[(keys & _POSITION_MASK) >= i] - i
            # Both are sorted (documents ascend, and positions within each), so
            # the few starts are looked up in the many words.
            starts = these if starts is None else starts[_sorted_in(starts, these)]
            if not len(starts):
                return self._nothing()
            # The next (commoner) words are decoded only where the phrase may still be.
            candidates = np.zeros(self.size, dtype=np.bool_)
            candidates[starts >> _POSITION_BITS] = True
        assert starts is not None
        docs, occurrences = np.unique(starts >> _POSITION_BITS, return_counts=True)
        weight = float(self.searcher.schema[fieldname].format.field_boost)
        tf = occurrences * weight
        idf = self._idf(fieldname, len(docs)) * boost * (K1 + 1)
        return self._scored(docs, idf * tf / (tf + self.norms(fieldname)[docs]))

    def prefix_docs(self, query: CappedPrefix) -> NDArray[np.bool_]:
        """Documents (deleted ones too) containing a word the prefix expands to."""
        matched = np.zeros(self.size, dtype=np.bool_)
        field = query.fieldname
        for reader, offset in self.leaves:
            prefix = text_to_bytes(reader, field, query.text)
            infos = postings.prefix_infos(reader, field, prefix, query.cap)
            if infos is None:
                for btext in expanded_words(query, reader):
                    part = self._leaf_postings(reader, offset, field, btext, positions=False)
                    if part is not None:
                        matched[part.ids] = True
                continue
            # Most expanded words are rare, a block each: all their blocks are
            # turned into document numbers at once.
            sizes: list[int] = []
            deltas: list[Any] = []
            for info in infos:
                for block_deltas, _weights, _values in postings.blocks(reader, info):
                    sizes.append(len(block_deltas))
                    deltas.append(block_deltas)
            if sizes:
                matched[_block_ids(deltas, sizes, offset)] = True
        return matched

    # -- statistics -------------------------------------------------------

    def _idf(self, fieldname: str, doc_frequency: int) -> float:
        # Whoosh's idf, with the frequency the caller counted.
        return math.log(self.doc_count / (doc_frequency + 1)) + 1

    def norms(self, fieldname: str) -> NDArray[np.float64]:
        """BM25's length normaliser ``K1 * (1 - B + B * length / average)`` by docnum."""
        cached = self._norms.get(fieldname)
        if cached is not None:
            return cached
        average = self.searcher.avg_field_length(fieldname) or 1.0
        table = np.array([K1 * ((1 - B) + B * byte_to_length(b) / average) for b in range(256)])
        raws = []
        for reader, _offset in self.leaves:
            count = reader.doc_count_all()
            raw = field_length_bytes(reader, fieldname, count)
            raws.append(raw if raw is not None else bytes(count))
        out = table[np.frombuffer(b"".join(raws), dtype=np.uint8)]
        self._norms[fieldname] = out
        return out

    # -- reading postings -------------------------------------------------

    def _nothing(self) -> Match:
        return Match(np.zeros(self.size, dtype=np.bool_), np.zeros(self.size))

    def _scored(self, docs: NDArray[np.int64], scores: NDArray[np.float64]) -> Match:
        live = self.live()[docs]
        if not live.all():
            docs, scores = docs[live], scores[live]
        matched = np.zeros(self.size, dtype=np.bool_)
        matched[docs] = True
        dense = np.zeros(self.size)
        dense[docs] = scores
        return Match(matched, dense)

    def _postings(self, fieldname: str, btext: bytes, *, positions: bool = False) -> Postings:
        """A term's postings in every segment, with its positions if asked for."""
        parts = []
        for reader, offset in self.leaves:
            part = self._leaf_postings(reader, offset, fieldname, btext, positions)
            if part is not None:
                parts.append(part)
        if len(parts) == 1:
            return parts[0]
        if not parts:
            return Postings(np.zeros(0, dtype=np.int64), np.zeros(0), [], [])
        return Postings(
            np.concatenate([p.ids for p in parts]),
            np.concatenate([p.weights for p in parts]),
            [block for p in parts for block in p.values],
            [chunk for p in parts for chunk in p.positions],
        )

    def _leaf_postings(
        self, reader: Any, offset: int, fieldname: str, btext: bytes, positions: bool
    ) -> Postings | None:
        """A term's postings in one segment (None when it has none)."""
        info = postings.term_info(reader, fieldname, btext)
        if info is None:
            return None
        if info is NotImplemented:
            if (fieldname, btext) not in reader:
                return None
            return _from_matcher(reader.postings(fieldname, btext), offset, positions)
        return _from_blocks(postings.blocks(reader, info), offset, positions)


@dataclass(slots=True)
class Postings:
    """A term's postings: document numbers, and either weights or positions."""

    ids: NDArray[np.int64]
    #: Each posting's weight (empty when positions were read: a phrase is
    #: scored by its own occurrences).
    weights: NDArray[np.float64]
    #: Each block's values when positions were read (see :meth:`lengths`).
    values: list[packed.BlockValues | list[int]]
    #: Every posting's positions (see :mod:`byline.index.store.positions`), one
    #: after another, in chunks: joined once, by whoever needs them in one piece.
    positions: list[bytes]

    def lengths(self) -> NDArray[np.int64]:
        """The length in bytes of each posting's positions, read from all
        blocks of every segment at once."""
        return packed.value_lengths(self.values)


def _from_blocks(blocks: Iterable[RawBlock], offset: int, positions: bool) -> Postings | None:
    """Postings from a segment's blocks, turned into arrays all at once: per block
    there is only list bookkeeping, which keeps long posting lists cheap."""
    sizes: list[int] = []
    deltas: list[Any] = []
    weights: list[Any] = []
    values_of: list[packed.BlockValues | list[int]] = []
    blobs: list[bytes] = []
    for block_deltas, block_weights, values in blocks:
        count = len(block_deltas)
        sizes.append(count)
        deltas.append(block_deltas)
        if not positions:
            if block_weights is None:
                weights.append(np.ones(count))
            elif isinstance(block_weights, float | int):
                weights.append(np.full(count, float(block_weights)))
            else:
                weights.append(block_weights)
            continue
        if values is None or len(values) != count:
            raise ValueError("postings without positions")
        if isinstance(values, packed.BlockValues):
            values_of.append(values)
            blobs.append(values.blob)
        else:  # postings inlined in the term info (or written by Whoosh): a tuple
            values_of.append([len(value) for value in values])
            blobs.append(b"".join(values))
    if not sizes:
        return None
    ids = _block_ids(deltas, sizes, offset)
    if positions:
        return Postings(ids, np.zeros(0), values_of, blobs)
    return Postings(ids, np.concatenate(weights).astype(np.float64), [], [])


def _block_ids(deltas: list[Any], sizes: list[int], offset: int) -> NDArray[np.int64]:
    """Document numbers from blocks of id deltas (each block's from 0)."""
    # A running sum over all the deltas, less the sum reached before each
    # block, gives the document numbers.
    ids = np.cumsum(np.concatenate(deltas), dtype=np.int64)
    if len(sizes) > 1:
        counts = np.asarray(sizes)
        before = np.zeros(len(sizes), dtype=np.int64)
        before[1:] = ids[np.cumsum(counts)[:-1] - 1]
        ids -= np.repeat(before, counts)
    ids += offset
    return ids


def _from_matcher(matcher: Any, offset: int, positions: bool) -> Postings | None:
    """The same through Whoosh's matcher interface (a segment not in W3 format)."""
    ids: list[int] = []
    weights: list[float] = []
    values: list[bytes] = []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        if positions:
            values.append(matcher.value())
        matcher.next()
    if not ids:
        return None
    block = (list(id_deltas(ids)), weights, values if positions else None)
    return _from_blocks([block], offset, positions)


def _sorted_in(needles: NDArray[np.int64], haystack: NDArray[np.int64]) -> NDArray[np.bool_]:
    """Which of ``needles`` occur in the sorted array ``haystack``."""
    if not len(haystack):
        return np.zeros(len(needles), dtype=np.bool_)
    where = np.searchsorted(haystack, needles)
    where[where == len(haystack)] = 0
    found: NDArray[np.bool_] = haystack[where] == needles
    return found


def _sortable(keys: Sequence[int]) -> NDArray[np.integer[Any]]:
    # Whoosh's sortable column integers are unsigned 64-bit, beyond int64.
    try:
        return np.asarray(keys, dtype=np.uint64)
    except OverflowError:
        return np.asarray(keys, dtype=np.int64)


def _where(matched: NDArray[np.bool_], scores: NDArray[np.float64]) -> Match:
    """A match whose scores (a scratch array, changed in place) are zeroed where
    it does not match."""
    np.multiply(scores, matched, out=scores)
    return Match(matched, scores)
