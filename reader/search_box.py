"""The search box at the top of the screen."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input

PLACEHOLDER = 'Search: words, "a phrase" — press / to search, Enter for the list'


class SearchBox(Input):
    """A one-line query input; Escape leaves it, Enter moves to the results."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Leave search"),
    ]

    @dataclass
    class Left(Message):
        """The user left the search box without submitting."""

        search_box: SearchBox

        @property
        def control(self) -> SearchBox:
            """The box that sent the message."""
            return self.search_box

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder=PLACEHOLDER, id=id, select_on_focus=False)
        self.cursor_blink = False

    def action_leave(self) -> None:
        """Give focus back to the list."""
        self.post_message(self.Left(self))
