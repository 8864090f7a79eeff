"""Messages the reader's workers post to the event loop (a worker touches no widget)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from byline.index.library.state import SavedSearch
    from byline.index.models import Hit, Results, UpdateReport
    from byline.index.search.timeline import Timeline


@dataclass
class SearchDone(Message):
    """A search worker finished: its results, the hits to list (a view may have
    filtered them) and how those hits spread over time."""

    query: str
    results: Results
    hits: Sequence[Hit]
    timeline: Timeline
    # The library's size, counted in the worker so the status line need not ask.
    count: int


@dataclass
class IndexProgress(Message):
    """The indexing worker made progress."""

    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        # Only the newest progress matters; floods collapse.
        return isinstance(message, IndexProgress)


@dataclass
class IndexDone(Message):
    """The indexing worker finished (``error`` set when it failed)."""

    report: UpdateReport | None
    error: str | None = None
    count: int | None = None


@dataclass
class IndexChanged(Message):
    """Another process committed to the index: the list may be out of date."""


@dataclass
class IndexNote(Message):
    """What the index is doing changed (the status line shows ``note``)."""

    note: str


@dataclass
class ViewsCounted(Message):
    """The sidebar's counts: (total, unread) by view key, with the saved searches."""

    saved: Sequence[SavedSearch]
    counts: Mapping[str, tuple[int, int | None]]


@dataclass
class MarksChanged(Message):
    """Reading marks changed in a worker: redraw the rows (``note`` says what happened)."""

    note: str
    ids: Sequence[str] = ()
