"""Every action of the reader in one table: the key bindings, the user's key map,
the command palette and the help screen are all made from it.

No Textual at import (the CLI reads the action ids to check a config file):
:func:`bindings` imports it when a widget asks for its bindings.

An action id is what the ``[keys]`` table of the config file names.  The same
id may appear in several scopes (``down`` in the list, the article, the help
screen…) when it is the same gesture there: one entry in the key map moves it
everywhere, so rows sharing an id share their default keys.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from collections.abc import Mapping

    from textual.binding import BindingType

Scope = Literal["main", "app", "list", "article", "names", "views", "search", "help", "prompt"]

#: Where each scope's keys work, in the order the help screen lists them.
SCOPES: dict[Scope, str] = {
    "main": "Everywhere",
    "app": "Always, also over dialogs",
    "list": "Article list",
    "article": "Reading pane",
    "names": "Who's quoted and named (w)",
    "views": "Views and saved searches (v)",
    "search": "Search box",
    "help": "This help",
    "prompt": "Name prompt",
}


@dataclass(slots=True, frozen=True)
class Action:
    """One thing a key does in one scope."""

    id: str
    """The id the user's key map names (several scopes may share one)."""
    keys: str
    """Default keys: Textual key names, comma-separated (a key map entry replaces them)."""
    action: str
    """The Textual action run in the scope (``"toggle_layer('quote')"``)."""
    description: str
    """Short: the footer's label and the palette's title."""
    scope: Scope
    """Where the key works: the app, or the widget or screen that binds it."""
    explain: str = ""
    """A sentence for the palette (the description when empty)."""
    footer: bool = False
    """Shown in the footer."""
    palette: bool = False
    """Offered in the command palette."""
    priority: bool = False
    """Handled before the focused widget sees the key."""

    def current_keys(self, keymap: Mapping[str, str]) -> str:
        """The keys after the user's key map (Textual names, comma-separated)."""
        return keymap.get(self.id) or self.keys


A = Action
#: The table.  Per scope, the order is the footer's.
ACTIONS: tuple[Action, ...] = (
    # -- everywhere in the reader (the main screen) --
    # Priority, so "/" followed at once by a query loses no keys.
    A(
        "search",
        "slash",
        "focus_search",
        "Search",
        "main",
        "Jump to the search box",
        footer=True,
        palette=True,
        priority=True,
    ),
    A("help", "question_mark", "help", "Help", "main", "Show every key", footer=True, palette=True),
    # Priority: the screen's own Tab (focus next) would skip a hidden pane.
    A(
        "switch-pane",
        "tab",
        "switch_pane",
        "Switch pane",
        "main",
        "From the list to the article and back",
        palette=True,
        priority=True,
    ),
    # Priority, so "q q" (back, then quit) typed fast is handled in order.
    A(
        "quit",
        "q",
        "back_or_quit",
        "Back/Quit",
        "main",
        "Leave the panel or the article; from the list, quit",
        footer=True,
        priority=True,
    ),
    A(
        "sort",
        "s",
        "cycle_sort",
        "Sort",
        "main",
        "Relevance, newest first, oldest first",
        footer=True,
        palette=True,
    ),
    A(
        "names",
        "w",
        "names_panel",
        "Who's quoted/named",
        "main",
        "The panel of who is quoted and named in the article",
        footer=True,
        palette=True,
    ),
    A(
        "copy",
        "y",
        "copy",
        "Copy",
        "main",
        "Copy the article or the chosen quotation (OSC 52, also over SSH)",
        footer=True,
        palette=True,
    ),
    A(
        "toggle-read",
        "r",
        "toggle_read",
        "Read/unread",
        "main",
        "Mark the article read or unread",
        footer=True,
        palette=True,
    ),
    A(
        "mark-all-read",
        "A",
        "mark_all_read",
        "Mark all read",
        "main",
        "Mark every article in the list read",
        palette=True,
    ),
    A(
        "star",
        "f",
        "toggle_star",
        "Star",
        "main",
        "Star or unstar the article",
        footer=True,
        palette=True,
    ),
    A(
        "views",
        "v",
        "sidebar",
        "Views",
        "main",
        "Views (all, unread, starred, today) and saved searches",
        footer=True,
        palette=True,
    ),
    A(
        "timeline-back",
        "left_square_bracket",
        "timeline(-1)",
        "Earlier period",
        "main",
        "Move the timeline cursor to the earlier period",
        palette=True,
    ),
    A(
        "timeline-on",
        "right_square_bracket",
        "timeline(1)",
        "Later period",
        "main",
        "Move the timeline cursor to the later period",
        palette=True,
    ),
    A(
        "timeline-narrow",
        "t",
        "narrow_to_timeline",
        "Narrow to period",
        "main",
        "Only the results from the period under the timeline cursor (again: all)",
        palette=True,
    ),
    A(
        "save-search",
        "ctrl+s",
        "save_search",
        "Save search",
        "main",
        "Save the current search under a name",
        palette=True,
    ),
    A(
        "layer-quote",
        "1",
        "toggle_layer('quote')",
        "Quotations on/off",
        "main",
        "Highlight quotations, or not",
        palette=True,
    ),
    A(
        "layer-person",
        "2",
        "toggle_layer('person')",
        "People on/off",
        "main",
        "Highlight people, or not",
        palette=True,
    ),
    A(
        "layer-org",
        "3",
        "toggle_layer('org')",
        "Organisations on/off",
        "main",
        "Highlight organisations, or not",
        palette=True,
    ),
    A(
        "layer-place",
        "4",
        "toggle_layer('place')",
        "Places on/off",
        "main",
        "Highlight places, or not",
        palette=True,
    ),
    # Priority so it also works while typing in the search box; it passes the
    # key on when there is no suggestion.
    A(
        "accept-suggestion",
        "ctrl+f",
        "accept_suggestion",
        "Accept suggestion",
        "main",
        "Search for the did-you-mean words instead",
        palette=True,
        priority=True,
    ),
    A("force-quit", "ctrl+c", "quit", "Quit", "app", "Quit at once", priority=True),
    A(
        "suspend",
        "ctrl+z",
        "suspend_process",
        "Suspend (fg resumes)",
        "app",
        "Suspend the reader; fg in the shell resumes it",
        palette=True,
    ),
    A("palette", "colon,ctrl+p", "command_palette", "Commands", "app", "The command palette"),
    # -- the article list --
    A("down", "j,down", "move(1)", "Down", "list"),
    A("up", "k,up", "move(-1)", "Up", "list"),
    A("top", "g,home", "first", "Top", "list"),
    A("bottom", "G,end", "last", "Bottom", "list"),
    A("half-down", "ctrl+d", "half_page(1)", "Half page down", "list"),
    A("half-up", "ctrl+u", "half_page(-1)", "Half page up", "list"),
    A("page-down", "space,pagedown", "page(1)", "Page down", "list"),
    A("page-up", "b,pageup", "page(-1)", "Page up", "list"),
    A("open", "enter", "open", "Open", "list", footer=True),
    # -- the reading pane --
    A("down", "j,down", "scroll_lines(1)", "Down", "article"),
    A("up", "k,up", "scroll_lines(-1)", "Up", "article"),
    A("page-down", "space,pagedown", "scroll_pages(1)", "Page down", "article", footer=True),
    A("page-up", "b,pageup", "scroll_pages(-1)", "Page up", "article"),
    A("half-down", "ctrl+d", "scroll_half(1)", "Half page down", "article"),
    A("half-up", "ctrl+u", "scroll_half(-1)", "Half page up", "article"),
    A("top", "g,home", "scroll_to_top", "Top", "article"),
    A("bottom", "G,end", "scroll_to_bottom", "Bottom", "article"),
    A(
        "next-match",
        "n",
        "next_match(1)",
        "Next match",
        "article",
        "Jump to the next search match in the article",
        footer=True,
        palette=True,
    ),
    A(
        "previous-match",
        "N",
        "next_match(-1)",
        "Previous match",
        "article",
        "Jump to the previous search match in the article",
        footer=True,
        palette=True,
    ),
    A("back", "escape", "back", "Back to list", "article", footer=True),
    # -- the names panel --
    A("down", "j,down", "cursor_down", "Down", "names"),
    A("up", "k,up", "cursor_up", "Up", "names"),
    A("choose", "enter", "select", "Search for this", "names", footer=True),
    A("back", "escape", "back", "Back to the article", "names", footer=True),
    # -- the views sidebar --
    A("down", "j,down", "cursor_down", "Down", "views"),
    A("up", "k,up", "cursor_up", "Up", "views"),
    A("choose", "enter", "select", "Show", "views", footer=True),
    A("rename", "R", "rename", "Rename", "views", footer=True),
    A("delete", "d", "delete", "Delete", "views", footer=True),
    # -- the search box --
    A("back", "escape", "leave", "Leave search", "search", footer=True),
    A("history-back", "up", "history(-1)", "Older search", "search"),
    A("history-on", "down", "history(1)", "Newer search", "search"),
    # -- the help screen --
    A("down", "j,down", "scroll_lines(1)", "Down", "help"),
    A("up", "k,up", "scroll_lines(-1)", "Up", "help"),
    A("page-down", "space,pagedown", "scroll_pages(1)", "Page down", "help"),
    A("page-up", "b,pageup", "scroll_pages(-1)", "Page up", "help"),
    A("half-down", "ctrl+d", "scroll_half(1)", "Half page down", "help"),
    A("half-up", "ctrl+u", "scroll_half(-1)", "Half page up", "help"),
    A("top", "g,home", "scroll_to_top", "Top", "help"),
    A("bottom", "G,end", "scroll_to_bottom", "Bottom", "help"),
    A("close-help", "escape,q,question_mark", "dismiss", "Close help", "help", footer=True),
    # -- the name prompt --
    A("back", "escape", "cancel", "Cancel", "prompt", footer=True),
)
del A

#: Every id the key map may name.
ACTION_IDS: frozenset[str] = frozenset(action.id for action in ACTIONS)


def actions_in(scope: Scope) -> tuple[Action, ...]:
    """The actions of one scope, in table order."""
    return tuple(action for action in ACTIONS if action.scope == scope)


def bindings(scope: Scope) -> list[BindingType]:
    """The Textual bindings of one scope (the ``BINDINGS`` of its widget or screen)."""
    from textual.binding import Binding

    return [
        Binding(
            action.keys,
            action.action,
            action.description,
            show=action.footer,
            priority=action.priority,
            id=action.id,
        )
        for action in actions_in(scope)
    ]


def keys_for(action_id: str, keymap: Mapping[str, str]) -> str:
    """The keys of an action as people write them, after the user's key map (for hints)."""
    action = next(action for action in ACTIONS if action.id == action_id)
    return keys_label(action.current_keys(keymap))


# What the help screen and the palette call keys Textual names after their
# function or their Unicode name; the others (letters, digits) are themselves.
_KEY_LABELS = {
    "space": "Space",
    "escape": "Esc",
    "enter": "Enter",
    "tab": "Tab",
    "backspace": "Backspace",
    "delete": "Del",
    "insert": "Ins",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "home": "Home",
    "end": "End",
    "up": "Up",
    "down": "Down",
    "left": "Left",
    "right": "Right",
    "slash": "/",
    "backslash": "\\",
    "minus": "-",
    "plus": "+",
    "at": "@",
    "underscore": "_",
}
_MODIFIERS = {"ctrl": "Ctrl", "shift": "Shift", "alt": "Alt", "meta": "Meta", "super": "Super"}


def key_label(key: str) -> str:
    """How a person writes a Textual key name: ``"left_square_bracket"`` → ``"["``,
    ``"ctrl+s"`` → ``"Ctrl+S"``, ``"question_mark"`` → ``"?"``, ``"G"`` → ``"G"``."""
    *modifiers, name = key.split("+")
    label = _KEY_LABELS.get(name) or _character(name)
    if label is None:
        # "ctrl+s" is written Ctrl+S, as is a function key F1; a lone "G" is shift+g.
        function_key = name[:1] == "f" and name[1:].isdigit()
        label = name.upper() if function_key or (modifiers and len(name) == 1) else name
    return "+".join([*(_MODIFIERS.get(m, m.title()) for m in modifiers), label])


def _character(name: str) -> str | None:
    """The character a key named after it types (``"number_sign"`` → ``"#"``), or None."""
    if len(name) < 2:
        return None
    try:
        return unicodedata.lookup(name.replace("_", " "))
    except KeyError:
        return None


def keys_label(keys: str) -> str:
    """Several keys for people: ``"colon,ctrl+p"`` → ``": Ctrl+P"``."""
    return " ".join(key_label(key.strip()) for key in keys.split(","))
