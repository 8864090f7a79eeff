"""Turn a query string into a Whoosh query (plain words and "phrases")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from whoosh.query import And, Or, Phrase, Query, Term

from byline.index.analyzers import text_analyzer

_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_TEXT_FIELDS = ("headline", "body")
_ANALYZER = text_analyzer()


@dataclass(slots=True, frozen=True)
class BuiltQuery:
    """A Whoosh query (``None``: match everything), the words to highlight, what was ignored."""

    query: Query | None
    terms: tuple[str, ...]
    ignored: tuple[str, ...]


def _analyse(text: str) -> list[str]:
    return [t.text for t in _ANALYZER(text)]


def build_query(text: str) -> BuiltQuery:
    """Plain words must all occur (BM25F ranks them); quoted words must occur as a phrase."""
    parts: list[Query] = []
    terms: list[str] = []
    ignored: list[str] = []
    for m in _TOKEN.finditer(text):
        phrase, word = m.group(1), m.group(2)
        raw = phrase if phrase is not None else word
        words = _analyse(raw)
        if not words:
            if raw.strip():
                ignored.append(f"{raw!r} has no searchable words")
            continue
        terms.extend(raw.split())
        if phrase is not None and len(words) > 1:
            parts.append(Or([Phrase(f, words) for f in _TEXT_FIELDS]))
        else:
            parts.extend(Or([Term(f, w) for f in _TEXT_FIELDS]) for w in words)
    query: Query | None = None
    if parts:
        query = parts[0] if len(parts) == 1 else And(parts)
    return BuiltQuery(query, tuple(terms), tuple(ignored))
