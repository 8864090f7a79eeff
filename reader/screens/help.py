"""The help screen: every key of the action registry, as the user's key map has them."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from byline.reader.actions import SCOPES, actions_in, bindings, keys_for, keys_label
from byline.reader.config import LAYERS

if TYPE_CHECKING:
    from collections.abc import Mapping

    from rich.console import RenderableType
    from textual.app import ComposeResult
    from textual.binding import BindingType

SEARCH_NOTE = (
    'words, "a phrase", OR, NOT, -word, word*, person: org: place: speaker: '
    'quote: headline:, date:2021-01 after:2020 before:"last week" date:2021-01..2021-03'
)


def describe_keys(
    keymap: Mapping[str, str],
) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """Every scope's keys for people, after ``keymap``: ``[(where, [(keys, what, id)])]``."""
    return [
        (
            where,
            [
                (keys_label(action.current_keys(keymap)), action.description, action.id)
                for action in rows
            ],
        )
        for scope, where in SCOPES.items()
        if (rows := actions_in(scope))
    ]


def introduction(keymap: Mapping[str, str]) -> Text:
    """What byline is, naming the keys as the key map has them."""
    layers = " ".join(keys_for(f"layer-{layer}", keymap) for layer in LAYERS)
    return Text(
        "byline — read and search a directory of articles. Quotations and the people, "
        "organisations and places named are highlighted in the reading pane "
        f"({layers} turn each layer on or off; {keys_for('names', keymap)} lists who is "
        "quoted and named, Enter there searches for them). "
        f"{keys_for('copy', keymap)} copies the article (or the chosen quotation) with OSC 52: "
        "it reaches your own clipboard even through SSH, if your terminal allows it. "
        "The last column is what the [keys] table of the config file calls each key "
        '(star = "x" makes x star articles; byline config --path says where the file is).'
    )


class HelpScreen(ModalScreen[None]):
    """Lists every key, grouped by where it works; scrolls like the reading pane."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        & > VerticalScroll {
            width: 72;
            max-width: 100%;
            height: auto;
            max-height: 90%;
            border: round $primary;
            background: $surface;
            padding: 0 1;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings("help")

    def __init__(self, keymap: Mapping[str, str]) -> None:
        super().__init__()
        self._keymap = keymap

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self._content())

    def _content(self) -> Group:
        parts: list[RenderableType] = [
            introduction(self._keymap),
            Text(""),
            Text.assemble(("Search: ", "underline"), SEARCH_NOTE),
        ]
        for where, rows in describe_keys(self._keymap):
            keys = Table.grid(padding=(0, 2))
            keys.add_column(style="bold", no_wrap=True, min_width=8)
            keys.add_column()
            keys.add_column(style="dim", no_wrap=True)
            for label, what, action_id in rows:
                keys.add_row(Text(label), Text(what), Text(action_id))
            parts += [Text(""), Text(where, style="underline"), keys]
        return Group(*parts)

    @property
    def scroller(self) -> VerticalScroll:
        """The scrolling part (what the scroll keys move)."""
        return self.query_one(VerticalScroll)

    def _scroll_by(self, lines: int) -> None:
        self.scroller.scroll_relative(y=lines, animate=False, immediate=True)

    def action_scroll_lines(self, lines: int) -> None:
        """Scroll by ``lines`` lines."""
        self._scroll_by(lines)

    def action_scroll_pages(self, pages: int) -> None:
        """Scroll by screenfuls, keeping a line of context."""
        self._scroll_by(pages * max(1, self.scroller.scrollable_content_region.height - 1))

    def action_scroll_half(self, halves: int) -> None:
        """Scroll by half a screen."""
        self._scroll_by(halves * max(1, self.scroller.scrollable_content_region.height // 2))

    def action_scroll_to_top(self) -> None:
        """Go to the top."""
        self.scroller.scroll_home(animate=False, immediate=True)

    def action_scroll_to_bottom(self) -> None:
        """Go to the end."""
        self.scroller.scroll_end(animate=False, immediate=True)
