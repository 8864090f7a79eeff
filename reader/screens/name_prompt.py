"""A small modal that asks for a name (saving or renaming a search)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from byline.reader.actions import bindings
from byline.reader.text import safe_text

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.binding import BindingType


class NamePrompt(ModalScreen[str | None]):
    """Returns the name typed (stripped), or None when cancelled with Escape."""

    DEFAULT_CSS = """
    NamePrompt {
        align: center middle;
        & > Vertical {
            width: 60;
            max-width: 100%;
            height: auto;
            border: round $primary;
            background: $surface;
            padding: 0 1;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings("prompt")

    def __init__(self, title: str, value: str = "") -> None:
        super().__init__()
        self._title = title
        self._value = value

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(safe_text(self._title))
            yield Input(value=self._value, placeholder="name", id="name")
            yield Static("Enter to save, Esc to cancel", classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = " ".join(event.value.split())
        self.dismiss(name or None)

    def action_cancel(self) -> None:
        """Close without a name."""
        self.dismiss(None)
