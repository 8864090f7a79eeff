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

    def set_state(self, *, indexing: str, count: int, results: Results | None, limit: int) -> None:
        """Show the current state of the index and the last search."""
        self._state = (indexing, count, results, limit)
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
        line.append(" · ")
        line.append_text(safe_text(indexing or self.index_note or "index ready"))
        self.update(line)
