"""The reader's session: what it shows and how, in one plain object (no widgets).

The app owns one :class:`Session`; the main screen reads and changes it on
the event loop.  A worker never reads it: it is handed a frozen
:class:`SearchRequest` taken when the search was asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from byline.index.models import SORTS, Results, Sort

if TYPE_CHECKING:
    from byline.index.models import Hit

#: Built-in views that filter on reading marks.
MARK_VIEWS = ("unread", "starred")


@dataclass(slots=True, frozen=True)
class SearchRequest:
    """One search as a worker runs it."""

    query: str
    """As typed: the list and the status line show this."""
    text: str
    """What runs: the query narrowed to the timeline's period."""
    sort: Sort
    only: str | None
    """``"unread"``/``"starred"``: keep only the hits with that mark."""


@dataclass(slots=True)
class Session:
    """The query, sort, filters and what is on screen."""

    query: str = ""
    """The search the list shows, as typed."""
    sort: Sort = "relevance"
    only: str | None = None
    """A built-in view that filters on reading marks (``MARK_VIEWS``), or None."""
    narrowed: str | None = None
    """A ``date:`` query from the timeline that narrows every search, or None."""
    results: Results | None = None
    """The results the list shows."""
    match: tuple[int, int] = (-1, 0)
    """The current search match in the article (0-based, -1: none) and how many."""
    reading: bool = False
    """The reading pane, not the list, is being read (in a narrow terminal: shown)."""
    sidebar_open: bool = False
    live: bool = False
    """The list comes from the opened index (until then it may be the saved front page)."""
    indexing: str = "opening index…"
    """What the index is doing, for the status line ("" when idle)."""
    count_hint: int = 0
    """The article count the saved front page gave, shown until the index opens."""
    pending_open: Hit | None = None
    """An article asked for before the index was open: opened as soon as it is."""

    def request(self, query: str | None = None) -> SearchRequest:
        """The search to run for ``query`` (default: the session's) as things stand."""
        query = self.query if query is None else query
        narrowed = self.narrowed
        text = f"({query}) {narrowed}" if narrowed and query.strip() else (narrowed or query)
        return SearchRequest(query, text, self.sort, self.only)

    def next_sort(self) -> Sort:
        """Relevance, then newest first, then oldest first, round again."""
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        return self.sort

    def empty_note(self, query: str) -> str:
        """What the list says when a search for ``query`` finds nothing."""
        if not query.strip() and self.indexing:
            return "Indexing… articles appear as soon as the first batch is in."
        return "No articles match." if query.strip() or self.narrowed else "No articles yet."
