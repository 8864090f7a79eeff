"""Find where query words occur in text, and cut snippets around them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from whoosh.lang.porter import stem

from byline.index.models import Span

if TYPE_CHECKING:
    from collections.abc import Iterable

SNIPPET_WIDTH = 180
SNIPPET_LEAD = 16
# Snippets look for matches only this far into an article: enough for any
# real story, and a multi-megabyte file cannot stall a search.
SNIPPET_SCAN_CHARS = 100_000

_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return str(stem(word))


@dataclass(slots=True, frozen=True)
class TermMatcher:
    """Matches words of a text against query words (same stem) and prefixes."""

    stems: frozenset[str]
    prefixes: tuple[str, ...]
    candidate: re.Pattern[str] | None

    @classmethod
    def build(cls, terms: Iterable[str]) -> TermMatcher:
        """``terms`` are query words; a trailing ``*`` makes a prefix."""
        stems: set[str] = set()
        prefixes: list[str] = []
        heads: set[str] = set()
        for raw in terms:
            for word in _WORD.findall(raw.lower()):
                if raw.endswith("*") and raw.lower().rstrip("*").endswith(word):
                    prefixes.append(word)
                    heads.add(word[:3])
                else:
                    stems.add(_stem(word))
                    heads.add(word[:3])
        # Cheap pre-filter: only words sharing a term's first letters are stemmed.
        candidate = (
            re.compile(
                r"\b(?:" + "|".join(sorted(map(re.escape, heads))) + r")\w*(?:['\u2019]\w+)*",
                re.IGNORECASE,
            )
            if heads
            else None
        )
        return cls(frozenset(stems), tuple(prefixes), candidate)

    def spans(self, text: str, limit: int | None = None) -> list[Span]:
        """Spans of matching words in ``text`` (optionally only in its first ``limit`` chars)."""
        if self.candidate is None:
            return []
        hay = text if limit is None else text[:limit]
        out: list[Span] = []
        for m in self.candidate.finditer(hay):
            word = m.group().lower()
            if _stem(word) in self.stems or word.startswith(self.prefixes):
                out.append(Span(m.start(), m.end()))
        return out


def snippet(
    text: str, matcher: TermMatcher, width: int = SNIPPET_WIDTH
) -> tuple[str, tuple[Span, ...]]:
    """A one-line excerpt of ``text`` around its densest cluster of matches.

    Returns the excerpt and the spans of matches inside it.  Without
    matches, the start of the text.
    """
    spans = matcher.spans(text, SNIPPET_SCAN_CHARS)
    if not spans:
        return _cut(text, 0, width), ()
    # The window holding the most matches, scanning from each match.
    best, best_count = 0, 0
    j = 0
    for i, span in enumerate(spans):
        j = max(j, i)
        while j + 1 < len(spans) and spans[j + 1].end - span.start <= width:
            j += 1
        if j - i + 1 > best_count:
            best, best_count = i, j - i + 1
    first = spans[best]
    # A little context before the first match, but little enough that the
    # match shows even in a narrow list pane.
    start = max(0, first.start - SNIPPET_LEAD)
    if start:
        space = text.find(" ", start, first.start)
        start = space + 1 if space != -1 else start
    excerpt = _cut(text, start, width)
    lead = 1 if start > 0 else 0
    shown = len(excerpt.rstrip("\u2026")) - lead
    inside = tuple(
        Span(s.start - start + lead, s.end - start + lead)
        for s in spans
        if s.start >= start and s.end <= start + shown
    )
    return excerpt, inside


def _cut(text: str, start: int, width: int) -> str:
    end = start + width
    piece = text[start:end]
    if end < len(text):
        space = piece.rfind(" ")
        if space > width // 2:
            piece = piece[:space]
        piece = piece.rstrip(" ,;:") + "\u2026"
    piece = piece.replace("\n", " ")
    return ("\u2026" if start > 0 else "") + piece
