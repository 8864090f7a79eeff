"""From a query string to a Whoosh query: parse (byline.index.search.query), translate
(byline.index.store.query_whoosh), and collect what the UI needs to highlight."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

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

    @property
    def ignored(self) -> tuple[str, ...]:
        """Parts of the query that could not be used, one note each."""
        return self.parsed.ignored


def build_query(text: str, schema: Schema, now: dt.date | None = None) -> BuiltQuery:
    """Parse ``text`` in the byline query language; never raises."""
    parsed = parse_query(text, now)
    terms = parsed.highlight_terms + tuple(f"{p}*" for p in parsed.highlight_prefixes)
    return BuiltQuery(parsed, to_whoosh(parsed, schema), terms)
