"""From a query string to a Whoosh query: parse (byline.index.search.query), translate
(byline.index.store.query_whoosh), and collect what the UI needs to highlight."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from whoosh.query import NullQuery

from byline.index.errors import QueryError
from byline.index.search.query import ParsedQuery, parse_query
from byline.index.store.query_whoosh import to_whoosh

if TYPE_CHECKING:
    import datetime as dt

    from whoosh.fields import Schema
    from whoosh.query import Query


@dataclass(slots=True, frozen=True)
class BuiltQuery:
    """A Whoosh query (``None``: match everything), the words to highlight
    (a trailing ``*`` marks a prefix), and what was ignored."""

    parsed: ParsedQuery
    query: Query | None
    terms: tuple[str, ...]
    #: Why the whole query cannot run (then :attr:`query` matches nothing).
    refused: str | None = None

    @property
    def ignored(self) -> tuple[str, ...]:
        """Parts of the query that could not be used, one note each."""
        if self.refused is None:
            return self.parsed.ignored
        return (*self.parsed.ignored, f"the whole query: {self.refused}")


def build_query(text: str, schema: Schema, now: dt.date | None = None) -> BuiltQuery:
    """Parse ``text`` in the byline query language and translate it for
    ``schema``; never raises on user input: a query that cannot run matches
    nothing, and :attr:`BuiltQuery.ignored` says why."""
    parsed = parse_query(text, now)
    terms = parsed.highlight_terms + tuple(f"{p}*" for p in parsed.highlight_prefixes)
    try:
        query = to_whoosh(parsed, schema)
    except QueryError as exc:
        return BuiltQuery(parsed, NullQuery, terms, refused=str(exc))
    return BuiltQuery(parsed, query, terms)
