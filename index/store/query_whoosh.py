"""Translate a parsed query (:mod:`byline.index.search.query`) into Whoosh queries.

Every word goes through the analyzer of the field it searches (taken from the
schema), so query words are stemmed exactly like the indexed text.  Plain
words search ``headline`` and ``body``; ranking is left to the caller's
searcher (BM25F).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from whoosh import query as wq
from whoosh.fields import DATETIME
from whoosh.matching import ListMatcher, NullMatcher

from byline.index.errors import QueryError
from byline.index.search.query import And, DateRange, Not, Or, ParsedQuery, Phrase, Prefix, Term
from byline.index.store.analyzers import name_analyzer
from byline.index.store.columns import posting_ids
from byline.index.store.whoosh_private import CappedPrefixQuery, expanded_words

if TYPE_CHECKING:
    from collections.abc import Sequence

    from whoosh.fields import Schema

    from byline.index.search.query import Node

#: Fields searched by words that name no field.
PLAIN_FIELDS: tuple[str, ...] = ("headline", "body")
#: The plain field that contains every word of the other plain fields (the
#: headline is the body's first sentence): it alone decides whether a plain
#: word matches, and the others only add to the score.
CONTAINING_FIELD = "body"
#: The DATETIME field date queries search.
DATE_FIELD = "date"
#: A prefix matches at most this many distinct indexed words (the first ones
#: in alphabetical order), so ``a*`` over a big index stays bounded.
PREFIX_EXPANSION_CAP = 2000


class CappedPrefix(CappedPrefixQuery):
    """A :class:`whoosh.query.Prefix` that expands to at most
    :data:`PREFIX_EXPANSION_CAP` indexed words and matches with a constant
    score (the query's boost)."""

    cap = PREFIX_EXPANSION_CAP

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        # Whoosh ORs one matcher per expanded word, and its quality-skipping
        # union over hundreds of them is very slow (about 10 s for "s*" over
        # 17k articles); collecting the matching documents into one sorted
        # list first takes a fraction of that.
        reader = searcher.reader()
        docs: set[int] = set()
        for btext in expanded_words(self, reader):
            docs.update(posting_ids(reader.postings(self.fieldname, btext)))
        if not docs:
            return NullMatcher()
        return ListMatcher(sorted(docs), all_weights=self.boost)


def to_whoosh(
    parsed: ParsedQuery | Node | None,
    schema: Schema,
    *,
    plain_fields: Sequence[str] = PLAIN_FIELDS,
    date_field: str = DATE_FIELD,
) -> wq.Query | None:
    """The Whoosh query for a parsed query, or None when nothing is left to
    search for (an empty query, or only words the analyzers drop).

    A purely negative query (``NOT x``, ``-x``) means everything except x.
    Parts that name a field the schema lacks are left out.  Raises
    :class:`~byline.index.errors.QueryError` for a part the schema's field
    cannot search (words in a numeric field, dates in a field of words).
    """
    node = parsed.root if isinstance(parsed, ParsedQuery) else parsed
    if node is None:
        return None
    return _Translator(schema, tuple(plain_fields), date_field).node(node)


def _one_or(kind: type[wq.And] | type[wq.Or], items: list[wq.Query]) -> wq.Query | None:
    if not items:
        return None
    return items[0] if len(items) == 1 else kind(items)


class _Translator:
    def __init__(self, schema: Schema, plain_fields: tuple[str, ...], date_field: str) -> None:
        self.schema = schema
        self.plain_fields = plain_fields
        self.date_field = date_field
        self.splitter = name_analyzer()

    def fields(self, name: str | None) -> list[str]:
        wanted = self.plain_fields if name is None else (name,)
        return [f for f in wanted if f in self.schema]

    def analyse(self, fieldname: str, text: str) -> list[str]:
        try:
            return list(self.schema[fieldname].process_text(text, mode="query"))
        except ValueError as exc:  # a field that does not hold words (a number, say)
            raise QueryError(f'"{text}" cannot be searched in {fieldname}: ({exc})') from exc

    def words(self, fieldname: str, text: str) -> wq.Query | None:
        # A "word" like U.S.-China or a quoted phrase may analyse to several
        # tokens: they must then appear together, in order.
        tokens = self.analyse(fieldname, text)
        if len(tokens) > 1:
            return wq.Phrase(fieldname, tokens)
        return wq.Term(fieldname, tokens[0]) if tokens else None

    def prefix(self, fieldname: str, text: str) -> wq.Query | None:
        lowered = [token.text for token in self.splitter(text)]
        if not lowered:
            return None
        parts = [self.words(fieldname, word) for word in lowered[:-1]]
        last = lowered[-1]
        # On a stemmed field the typed word itself is not in the index (only
        # its stem is), so also match the word as a plain search would.
        options: list[wq.Query] = [CappedPrefix(fieldname, last)]
        stems = self.analyse(fieldname, last)
        if stems and stems != [last]:
            options.append(wq.Term(fieldname, stems[0]))
        parts.append(_one_or(wq.Or, options))
        return _one_or(wq.And, [part for part in parts if part is not None])

    def node(self, node: Node) -> wq.Query | None:
        if isinstance(node, Term | Phrase):
            text = node.text if isinstance(node, Term) else " ".join(node.words)
            fields = self.fields(node.field)
            return self.across(fields, [self.words(f, text) for f in fields])
        if isinstance(node, Prefix):
            fields = self.fields(node.field)
            return self.across(fields, [self.prefix(f, node.text) for f in fields])
        if isinstance(node, DateRange):
            return self.dates(node)
        if isinstance(node, Not):
            inner = self.node(node.item)
            return None if inner is None else wq.AndNot(wq.Every(), inner)
        if isinstance(node, Or):
            found = [self.node(item) for item in node.items]
            return _one_or(wq.Or, [q for q in found if q is not None])
        return self.conjunction(node)

    def across(self, fields: list[str], found: list[wq.Query | None]) -> wq.Query | None:
        """One word (phrase, prefix) searched in several fields.

        When the containing field is among them, it alone decides the match
        and the others only add to the score: the same hits and scores as a
        union, but whoosh's union matcher costs about twice as much.
        """
        if CONTAINING_FIELD in fields and len(fields) > 1:
            main = found[fields.index(CONTAINING_FIELD)]
            extra = [
                q
                for f, q in zip(fields, found, strict=True)
                if q is not None and f != CONTAINING_FIELD
            ]
            if main is not None and extra:
                return wq.AndMaybe(main, _one_or(wq.Or, extra))
        return _one_or(wq.Or, [q for q in found if q is not None])

    def conjunction(self, node: And) -> wq.Query | None:
        # Negated items subtract from the positive ones; whoosh's own
        # And([Every(), Not(x)]) normalises to plain Every(), so build AndNot.
        positive: list[wq.Query] = []
        negative: list[wq.Query] = []
        for item in node.items:
            if isinstance(item, Not):
                inner = self.node(item.item)
                if inner is not None:
                    negative.append(inner)
            else:
                query = self.node(item)
                if query is not None:
                    positive.append(query)
        base = _one_or(wq.And, positive)
        excluded = _one_or(wq.Or, negative)
        if excluded is None:
            return base
        return wq.AndNot(base if base is not None else wq.Every(), excluded)

    def dates(self, node: DateRange) -> wq.Query | None:
        if self.date_field not in self.schema:
            return None
        if not isinstance(self.schema[self.date_field], DATETIME):
            raise QueryError(f"{self.date_field}: does not hold dates in this index")
        if node.empty:
            return wq.NullQuery
        start = dt.datetime.combine(node.start, dt.time.min) if node.start else None
        end = dt.datetime.combine(node.end, dt.time.max) if node.end else None
        if start is None and end is None:
            return wq.Every(self.date_field)
        return wq.DateRange(self.date_field, start, end)
