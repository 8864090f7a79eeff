"""The results pane: the timeline of the results over the article list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import Vertical

from byline.reader.widgets.article_list import ArticleList
from byline.reader.widgets.timeline_bar import TimelineBar

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.app import ComposeResult

    from byline.index.models import Hit
    from byline.reader.messages import SearchDone


class ResultsPane(Vertical):
    """What the last search found: when (the timeline) and what (the list)."""

    def compose(self) -> ComposeResult:
        yield TimelineBar(id="timeline")
        yield ArticleList(id="list")

    @property
    def article_list(self) -> ArticleList:
        """The list of hits."""
        return self.query_one(ArticleList)

    @property
    def timeline(self) -> TimelineBar:
        """The timeline bar."""
        return self.query_one(TimelineBar)

    @property
    def current_hit(self) -> Hit | None:
        """The hit under the list's cursor."""
        return self.article_list.current_hit

    def show(self, message: SearchDone, empty_note: str) -> None:
        """Show a search's hits and their timeline."""
        self.article_list.set_hits(
            message.hits, snippets=bool(message.results.terms), empty_note=empty_note
        )
        self.timeline.show_timeline(message.timeline)

    def set_marks(self, marks: Callable[[str], tuple[bool, bool]] | None) -> None:
        """Redraw the rows' read and starred marks (None: reading state is off)."""
        self.article_list.set_marks(marks)

    def move_timeline(self, step: int) -> None:
        """Move the timeline cursor by ``step`` periods (not while narrowed to one)."""
        if self.timeline.narrowed is None:
            self.timeline.move(step)

    def toggle_narrowing(self) -> str | None:
        """Narrow to the period under the timeline cursor, or back to all: the ``date:``
        query that now narrows the results (None: all)."""
        bar = self.timeline
        bar.narrowed = None if bar.narrowed else bar.cursor_query()
        return bar.narrowed
