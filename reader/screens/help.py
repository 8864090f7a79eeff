"""The help screen: keys generated from the live bindings, so it never lies."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

if TYPE_CHECKING:
    from collections.abc import Mapping

INTRO = (
    "byline — read and search a directory of articles. Quotations and the people, "
    "organisations and places named are highlighted in the reading pane (1-4 turn each "
    "layer on or off; w lists who is quoted and named, Enter there searches for them)."
)
NOTES = (
    (
        "Search",
        'words, "a phrase", OR, NOT, -word, word*, person: org: place: speaker: '
        'quote: headline:, date:2021-01 after:2020 before:"last week" date:2021-01..2021-03',
    ),
    (
        "Copy",
        "y copies the article (or the quotation chosen in the w panel) with OSC 52: "
        "it reaches your own clipboard even through SSH, if your terminal allows it",
    ),
)


_KEY_NAMES = {
    "slash": "/",
    "question_mark": "?",
    "colon": ":",
    "space": "Space",
    "escape": "Esc",
    "enter": "Enter",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "tab": "Tab",
    "shift+tab": "Shift-Tab",
    "down": "Down",
    "up": "Up",
    "home": "Home",
    "end": "End",
}


def _key_label(key: str) -> str:
    return _KEY_NAMES.get(key, key.replace("ctrl+", "Ctrl-"))


def describe_bindings(
    active: Mapping[str, ActiveBinding],
) -> list[tuple[str, list[tuple[str, str]]]]:
    """Group active bindings by the widget that owns them: [(owner, [(keys, what)])]."""
    groups: dict[str, dict[tuple[str, str], list[str]]] = {}
    for key, item in active.items():
        description = item.binding.description
        if not description:
            continue
        owner = "Everywhere" if isinstance(item.node, (App, Screen)) else type(item.node).__name__
        groups.setdefault(owner, {}).setdefault((item.binding.action, description), []).append(
            _key_label(key)
        )
    order = sorted(groups, key=lambda name: name == "Everywhere")
    return [
        (owner, [(" ".join(keys), what) for (_, what), keys in groups[owner].items()])
        for owner in order
    ]


class HelpScreen(ModalScreen[None]):
    """Lists the keys of the app and of the widget that had focus."""

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

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close help"),
    ]

    def __init__(self, active: Mapping[str, ActiveBinding]) -> None:
        super().__init__()
        self._groups = describe_bindings(active)

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self._table())

    def _table(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        table.add_row("", Text(INTRO))
        for title, note in NOTES:
            table.add_row(Text(title, style="underline"), Text(note))
        for owner, rows in self._groups:
            table.add_row("", "")
            table.add_row(Text(owner, style="underline"), "")
            for keys, what in rows:
                table.add_row(Text(keys), Text(what))
        return table
