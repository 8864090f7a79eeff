"""The status line: article count, index state, and what the last search did."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from byline.reader.text import safe_text

if TYPE_CHECKING:
    from byline.index.models import Results


class StatusLine(Static):
    """One line under the panes."""

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        background: $panel;
        color: $text;
        padding: 0 1;
    }
    """

    index_note: reactive[str] = reactive("", init=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self._state: tuple[str, int, Results | None, int] = ("", 0, None, 0)
        self._sort = "relevance"
        self._match = (-1, 0)
        # The keys that move between matches, as the hint names them.
        self.match_keys = "n/N"

    def set_state(
        self,
        *,
        indexing: str,
        count: int,
        results: Results | None,
        limit: int,
        sort: str = "relevance",
        match: tuple[int, int] = (-1, 0),
    ) -> None:
        """Show the state of the index, the last search, the sort and the current match."""
        self._state = (indexing, count, results, limit)
        self._sort = sort
        self._match = match
        self._redraw()

    def watch_index_note(self) -> None:
        self._redraw()

    def _redraw(self) -> None:
        indexing, count, results, limit = self._state
        line = Text()
        line.append(f"{count:,} article{'s' if count != 1 else ''}", style="bold")
        if results is not None and results.query.strip():
            line.append(f" · {results.total:,} match{'es' if results.total != 1 else ''}")
            if results.total > len(results.hits):
                line.append(f" (showing {len(results.hits):,})")
            if results.ignored:
                line.append(" · ignored: ")
                line.append_text(safe_text("; ".join(results.ignored)))
        elif results is not None and results.total > limit:
            line.append(f" · showing newest {limit:,}")
        if self._sort != "relevance":
            line.append(f" · {self._sort} first")
        index, total = self._match
        if total:
            line.append(f" · match {index + 1 if index >= 0 else '-'}/{total} ({self.match_keys})")
        line.append(" · ")
        line.append_text(safe_text(indexing or self.index_note or "index ready"))
        self.update(line, layout=False)  # one line, whatever it says
