"""Run byline's queries a whole posting list at a time.

Whoosh matches a query through a tree of matcher objects that step one
posting at a time, a few Python calls per posting per node: at 100,000
articles a query on common words took seconds.  :class:`Engine` evaluates
the query shapes :mod:`byline.index.query_whoosh` builds (terms, phrases,
capped prefixes, and/or/not) by decoding posting blocks whole and combining
``{docnum: score}`` dicts with set operations that run in C.  Anything else
is matched by Whoosh itself.

Scores are Whoosh's BM25F for terms (the same idf, field lengths and
weights, so the same ranking).  A phrase is scored like a term whose
occurrences are the phrase's, and a prefix or any other query adds a
constant, as Whoosh's do.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable, Collection, Iterable, Sequence
from itertools import accumulate, compress
from pickle import loads
from typing import TYPE_CHECKING, Any

from whoosh import query as wq
from whoosh.codec import whoosh3
from whoosh.util.numeric import byte_to_length

from byline.index.analyzers import unpack_positions
from byline.index.columns import deleted_docs, length_bytes, live_docs
from byline.index.query_whoosh import CappedPrefix

if TYPE_CHECKING:
    from collections.abc import Iterator

K1 = 1.2
B = 0.75

Scores = dict[int, float]
#: Documents a query is restricted to (a set, or the keys of a score dict).
Within = Collection[int]
#: The date column as sortable integers and the undated flag, by docnum.
DatesFn = Callable[[], tuple[Sequence[int], Sequence[int]]]
#: One block of postings: document numbers (global), weights, encoded values.
Block = tuple[list[int], Any, Any]


class Engine:
    """Evaluates queries against one Whoosh searcher (build one per searcher)."""

    def __init__(self, searcher: Any, dates: DatesFn | None = None) -> None:
        self.searcher = searcher
        self._dates = dates
        self.leaves: list[tuple[Any, int]] = [
            (leaf.reader(), offset) for leaf, offset in searcher.leaf_searchers()
        ]
        self.doc_count: int = max(1, int(searcher.doc_count_all()))
        self._norms: dict[str, list[float]] = {}
        self._live: list[int] | None = None

    # -- public -----------------------------------------------------------

    def run(self, query: wq.Query, within: Within | None = None) -> Scores:
        """Every live document ``query`` matches, with its score.

        With ``within`` (live documents), only those are matched and scored:
        a conjunction decodes its rarest part in full and scores the others
        only where they can still matter.
        """
        if isinstance(query, wq.Term):
            return self.term(query.fieldname, query.text, query.boost, within)
        if isinstance(query, CappedPrefix):
            return dict.fromkeys(_only(self.prefix_docs(query), within), float(query.boost))
        if isinstance(query, wq.Phrase) and query.slop == 1:
            return self.phrase(query.fieldname, list(query.words), query.boost, within)
        if isinstance(query, wq.And):
            return self._all(query.subqueries, within)
        if isinstance(query, wq.Or) and not isinstance(query, wq.DisjunctionMax):
            return self._any([self.run(q, within) for q in query.subqueries])
        if isinstance(query, wq.AndMaybe):
            main = self.run(query.a, within)
            if not main:
                return main
            return _add_where_present(main, self.run(query.b, main))
        if isinstance(query, wq.AndNot):
            main = self.run(query.a, within)
            if not main:
                return main
            drop = self.run(query.b, main)
            return {d: s for d, s in main.items() if d not in drop} if drop else main
        if (
            isinstance(query, wq.DateRange)
            and self._dates is not None
            and not (query.startexcl or query.endexcl)
        ):
            return dict.fromkeys(self.date_range(query, within), float(query.boost))
        if isinstance(query, wq.Every) and query.fieldname in (None, "", "*"):
            return dict.fromkeys(self.live() if within is None else within, 0.0)
        # Anything unforeseen: Whoosh matches, a constant scores.
        docs = self.searcher.docs_for_query(query)
        return dict.fromkeys(_only(docs, within), float(query.boost))

    def live(self) -> list[int]:
        """Document numbers of every document not deleted, ascending."""
        if self._live is None:
            self._live = live_docs(self.searcher)
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

    def _all(self, queries: Sequence[wq.Query], within: Within | None) -> Scores:
        if not queries:
            return {}
        parts: list[Scores] = []
        for query in sorted(queries, key=self.estimate):
            part = self.run(query, within)
            if not part:
                return {}
            parts.append(part)
            within = part
        # The last part holds exactly the documents every part matched.
        last = parts.pop()
        if len(parts) == 1:
            first = parts[0]
            return {d: first[d] + s for d, s in last.items()}
        return {d: s + sum(p[d] for p in parts) for d, s in last.items()}

    @staticmethod
    def _any(parts: list[Scores]) -> Scores:
        parts = [p for p in parts if p]
        if not parts:
            return {}
        parts.sort(key=len, reverse=True)
        out = dict(parts[0])
        for other in parts[1:]:
            get = out.get
            for d, s in other.items():
                out[d] = get(d, 0.0) + s
        return out

    # -- leaves -----------------------------------------------------------

    def date_range(self, query: wq.DateRange, within: Within | None = None) -> list[int]:
        """Live dated documents whose date falls in the range, from the date column."""
        assert self._dates is not None
        keys, undated = self._dates()
        field = self.searcher.schema[query.fieldname]
        low: int = field.to_column_value(query.startdate) if query.startdate else -(2**64)
        high: int = field.to_column_value(query.enddate) if query.enddate else 2**64
        docs = self.live() if within is None else within
        return [d for d in docs if low <= keys[d] <= high and not undated[d]]

    def term(
        self, fieldname: str, text: str, boost: float = 1.0, within: Within | None = None
    ) -> Scores:
        """BM25F scores of the live documents containing ``text`` in ``fieldname``."""
        btext = text.encode("utf-8")
        ids: list[int] = []
        weights: list[float] = []
        for block_ids, block_weights, _values in self._blocks(fieldname, btext):
            ids.extend(block_ids)
            weights.extend(block_weights)
        if not ids:
            return {}
        # The idf counts every posting, wherever the caller looks.
        idf = self._idf(fieldname, len(ids)) * boost * (K1 + 1)
        norms = self.norms(fieldname)
        if within is None:
            scores = {d: idf * w / (w + norms[d]) for d, w in zip(ids, weights, strict=True)}
            return self._drop_deleted(scores)
        # Selecting with map and compress keeps the per-posting work in C.
        keep = list(map(within.__contains__, ids))
        return {
            d: idf * w / (w + norms[d])
            for d, w in zip(compress(ids, keep), compress(weights, keep), strict=True)
        }

    def phrase(
        self,
        fieldname: str,
        words: list[str],
        boost: float = 1.0,
        within: Within | None = None,
    ) -> Scores:
        """Documents where ``words`` occur one after another, scored by how often."""
        if not words:
            return {}
        if len(words) == 1:
            return self.term(fieldname, words[0], boost, within)
        reader = self.searcher.reader()
        order = sorted(range(len(words)), key=lambda i: reader.doc_frequency(fieldname, words[i]))
        postings: list[tuple[int, list[int], list[bytes]]] = []
        common: set[int] = set()
        for i in order:
            ids: list[int] = []
            values: list[bytes] = []
            for block_ids, _weights, block_values in self._blocks(
                fieldname, words[i].encode("utf-8"), values=True
            ):
                ids.extend(block_ids)
                values.extend(block_values)
            if not postings:
                common = set(ids) if within is None else {d for d in ids if d in within}
            else:
                common.intersection_update(ids)
            if not common:
                return {}
            postings.append((i, ids, values))
        # Positions are decoded only in documents that hold every word; a word
        # at position p means the phrase starts at p - i.
        # starts[doc]: where the phrase may begin, given the words checked so far.
        starts: dict[int, set[int]] = {}
        for n, (i, ids, values) in enumerate(postings):
            shift = (-i).__add__
            if n == 0:
                keep = list(map(common.__contains__, ids))
                starts = {
                    d: set(map(shift, unpack_positions(v)))
                    for d, v in zip(compress(ids, keep), compress(values, keep), strict=True)
                }
                continue
            keep = list(map(starts.__contains__, ids))
            found: dict[int, set[int]] = {}
            for doc, value in zip(compress(ids, keep), compress(values, keep), strict=True):
                left = starts[doc].intersection(map(shift, unpack_positions(value)))
                if left:
                    found[doc] = left
            starts = found
            if not starts:
                return {}
        weight = float(self.searcher.schema[fieldname].format.field_boost)
        idf = self._idf(fieldname, len(starts)) * boost * (K1 + 1)
        norms = self.norms(fieldname)
        scores = {}
        for doc, where in starts.items():
            tf = len(where) * weight
            scores[doc] = idf * tf / (tf + norms[doc])
        return self._drop_deleted(scores)

    def prefix_docs(self, query: CappedPrefix) -> set[int]:
        """Live documents containing a word the prefix expands to."""
        docs: set[int] = set()
        for reader, offset in self.leaves:
            for btext in query._btexts(reader):
                for ids, _w, _v in self._leaf_blocks(reader, offset, query.fieldname, btext):
                    docs.update(ids)
        if any(reader.has_deletions() for reader, _ in self.leaves):
            docs.intersection_update(self.live())
        return docs

    # -- statistics -------------------------------------------------------

    def _idf(self, fieldname: str, doc_frequency: int) -> float:
        # Whoosh's idf, with the frequency the caller counted.
        return math.log(self.doc_count / (doc_frequency + 1)) + 1

    def norms(self, fieldname: str) -> list[float]:
        """BM25's length normaliser ``K1 * (1 - B + B * length / average)`` by docnum."""
        cached = self._norms.get(fieldname)
        if cached is not None:
            return cached
        average = self.searcher.avg_field_length(fieldname) or 1.0
        table = [K1 * ((1 - B) + B * byte_to_length(b) / average) for b in range(256)]
        out: list[float] = []
        for reader, _offset in self.leaves:
            count = reader.doc_count_all()
            raw = length_bytes(reader._perdoc, fieldname, count)
            out.extend(table[b] for b in (raw if raw is not None else bytes(count)))
        self._norms[fieldname] = out
        return out

    # -- reading postings -------------------------------------------------

    def _drop_deleted(self, scores: Scores) -> Scores:
        if not any(reader.has_deletions() for reader, _ in self.leaves):
            return scores
        for reader, offset in self.leaves:
            for local in deleted_docs(reader):
                scores.pop(offset + local, None)
        return scores

    def _blocks(self, fieldname: str, btext: bytes, *, values: bool = False) -> Iterator[Block]:
        for reader, offset in self.leaves:
            yield from self._leaf_blocks(reader, offset, fieldname, btext, values=values)

    def _leaf_blocks(
        self, reader: Any, offset: int, fieldname: str, btext: bytes, *, values: bool = False
    ) -> Iterator[Block]:
        """The postings of one term in one segment, a block at a time."""
        if (fieldname, btext) not in reader:
            return
        # Not reader.postings(): it wraps every matcher in a filter for deleted
        # documents, one Python call per posting; deletions are applied here.
        matcher = reader._terms.matcher(fieldname, btext, reader.schema[fieldname].format)
        if not isinstance(matcher, whoosh3.W3LeafMatcher):
            yield from _slow_blocks(matcher, offset, values)
            return
        # W3LeafMatcher internals (whoosh-reloaded 2.7.5 is pinned); a block
        # is a pickled (id deltas, weights, values) tuple.
        postfile = matcher._postfile
        while not matcher._atend:
            raw = postfile.get(matcher._dataoffset, matcher._nextoffset - matcher._dataoffset)
            if matcher._compression:
                raw = zlib.decompress(raw)
            deltas, weights, vals = loads(raw)
            count = len(deltas)
            ids = list(accumulate(deltas, initial=offset))
            del ids[0]
            if weights is None:
                weights = (1.0,) * count
            elif isinstance(weights, float | int):
                weights = (float(weights),) * count
            if values and (vals is None or len(vals) != count):
                raise ValueError("postings without positions")
            yield ids, weights, vals
            if matcher._lastblock:
                break
            matcher._goto(matcher._nextoffset)


def _only(docs: Iterable[int], within: Within | None) -> Iterable[int]:
    return docs if within is None else [d for d in docs if d in within]


def _add_where_present(main: Scores, extra: Scores) -> Scores:
    """``main`` with ``extra``'s scores added (``extra`` matches a subset of it)."""
    if not extra:
        return main
    if len(extra) * 4 < len(main):
        for d, s in extra.items():
            main[d] += s
        return main
    get = extra.get
    return {d: s + get(d, 0.0) for d, s in main.items()}


def _slow_blocks(matcher: Any, offset: int, values: bool) -> Iterator[Block]:
    """The same through the matcher interface (inlined or in-memory postings)."""
    ids: list[int] = []
    weights: list[float] = []
    vals: list[bytes] = []
    while matcher.is_active():
        ids.append(offset + matcher.id())
        weights.append(matcher.weight())
        if values:
            vals.append(matcher.value())
        matcher.next()
    if ids:
        yield ids, weights, vals
