"""The search box at the top of the screen."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual.message import Message
from textual.widgets import Input

from byline.reader.actions import bindings

if TYPE_CHECKING:
    from textual.binding import BindingType


def placeholder(search_keys: str = "/") -> str:
    """The empty box's hint, naming the keys that jump to it."""
    return f'Search: words, "a phrase" — press {search_keys} to search, Enter for the list'


class SearchBox(Input):
    """A one-line query input; Escape leaves it, Enter moves to the results."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("search")

    HISTORY_LIMIT = 500

    @dataclass
    class Left(Message):
        """The user left the search box without submitting."""

        search_box: SearchBox

        @property
        def control(self) -> SearchBox:
            """The box that sent the message."""
            return self.search_box

    def __init__(self, *, id: str | None = None) -> None:
        # Select on focus: "/" then typing starts a new query; an arrow key keeps the old one.
        super().__init__(placeholder=placeholder(), id=id, select_on_focus=True)
        self.cursor_blink = False
        self.history: list[str] = []
        # Position while browsing history; len(history) means "the line being typed".
        self._history_at = 0
        self._draft = ""

    def remember(self, query: str) -> None:
        """Add a query to the history (newest last, no repeats in a row)."""
        query = query.strip()
        if query and (not self.history or self.history[-1] != query):
            self.history.append(query)
            del self.history[: -self.HISTORY_LIMIT]
        self._history_at = len(self.history)

    def action_history(self, step: int) -> None:
        """Step through earlier searches (up) and back (down)."""
        if not self.history:
            return
        if self._history_at == len(self.history):
            self._draft = self.value
        self._history_at = max(0, min(len(self.history), self._history_at + step))
        value = (
            self._draft if self._history_at == len(self.history) else self.history[self._history_at]
        )
        self.value = value
        self.cursor_position = len(value)

    def action_leave(self) -> None:
        """Give focus back to the list."""
        self.post_message(self.Left(self))
