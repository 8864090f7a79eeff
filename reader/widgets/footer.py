"""The key footer: the focused widget's keys on one line, drawn by one widget."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

if TYPE_CHECKING:
    from textual import events
    from textual.screen import Screen


@dataclass(frozen=True, slots=True)
class FooterItem:
    """One key the footer shows."""

    key: str  # the key as Textual names it (what a click simulates)
    display: str  # the key as shown (``^p``, ``esc``)
    description: str
    enabled: bool


# The command palette's action, as the app binds it and as a screen may.
PALETTE_ACTIONS = frozenset({"command_palette", "app.command_palette"})


class KeyFooter(Widget, can_focus=False):
    """The keys the screen's active bindings show, as one line of text.

    Textual's :class:`~textual.widgets.Footer` mounts a widget per key and
    remounts them all whenever the focus moves; opening an article then cost
    tens of milliseconds of styling on the UI thread (profiled at 100,000
    articles with ``benchmarks/keys.py``).  This footer draws the same keys as
    one line and redraws only when they change.  A click on a key presses it.
    """

    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-footer--disabled { text-style: dim; }
        & > .key-footer--divider { color: $foreground 20%; }
    }
    """

    ALLOW_SELECT = False

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-footer--key",
        "key-footer--description",
        "key-footer--disabled",
        "key-footer--divider",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._items: tuple[FooterItem, ...] = ()
        self._palette: FooterItem | None = None
        # Where each item was drawn: (first cell, end cell, item), for clicks.
        self._spans: list[tuple[int, int, FooterItem]] = []

    @property
    def items(self) -> tuple[FooterItem, ...]:
        """The keys shown, left to right (without the command palette's)."""
        return self._items

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is not self.screen:
            return
        items: list[FooterItem] = []
        seen: set[str] = set()
        palette: FooterItem | None = None
        app = self.app
        for _node, binding, enabled, _tooltip in screen.active_bindings.values():
            item = FooterItem(
                binding.key, app.get_key_display(binding), binding.description, enabled
            )
            # Found by its action, not its key: the user's key map may move it.
            # Textual's own key for it is shown when it is still bound.
            if binding.action in PALETTE_ACTIONS:
                if app.ENABLE_COMMAND_PALETTE and (
                    palette is None or binding.key == app.COMMAND_PALETTE_BINDING
                ):
                    palette = item
            elif binding.show and binding.action not in seen:
                # One entry per action, as Textual's footer shows them.
                seen.add(binding.action)
                items.append(item)
        shown = (tuple(items), palette)
        if shown != (self._items, self._palette):
            self._items, self._palette = shown
            self.refresh()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-footer--key")
        description_style = self.get_component_rich_style("key-footer--description")
        disabled = self.get_component_rich_style("key-footer--disabled")
        line = Text(no_wrap=True, overflow="crop", end="")
        spans: list[tuple[int, int, FooterItem]] = []

        def add(item: FooterItem) -> None:
            start = line.cell_len
            dim = disabled if not item.enabled else None
            line.append(f" {item.display} ", key_style + dim if dim else key_style)
            if item.description:
                text = f"{item.description} "
                line.append(text, description_style + dim if dim else description_style)
            spans.append((start, line.cell_len, item))

        width = self.size.width
        label = ""
        if self._palette is not None:
            label = f"{self._palette.display} {self._palette.description}"
        # The keys that fit whole, then the palette's at the right edge.
        room = width - (cell_len(label) + 2 if label else 0)
        for item in self._items:
            needed = cell_len(f" {item.display} {item.description} ")
            if line.cell_len + needed > room:
                break
            add(item)
        if self._palette is not None:
            line.pad_right(max(0, room - line.cell_len))
            start = line.cell_len
            line.append("\u258f", self.get_component_rich_style("key-footer--divider"))
            line.append(self._palette.display, key_style)
            line.append(f" {self._palette.description}", description_style)
            spans.append((start, line.cell_len, self._palette))
        self._spans = spans
        return line

    def on_click(self, event: events.Click) -> None:
        for start, end, item in self._spans:
            if start <= event.x < end:
                if item.enabled:
                    self.app.simulate_key(item.key)
                else:
                    self.app.bell()
                return
