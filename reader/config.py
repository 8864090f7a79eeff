"""The user's settings: a TOML file in the config dir, read into a frozen :class:`Settings`.

The file is ``config.toml`` in byline's folder of the user's config dir
(``~/.config/byline/config.toml`` on Linux), or wherever ``BYLINE_CONFIG``
points.  Reading it never raises: :func:`load_settings` returns the settings
with every bad part replaced by its default, plus one line per problem
naming the file, the line when there is one, and what is wrong, e.g.
``~/.config/byline/config.toml:4: theme: unknown theme 'solar' (known: …)``.

No Textual here (the CLI imports this module and must stay light): theme
names are checked against a plain list of Textual's built-in themes plus
byline's own.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from byline.index import paths
from byline.index.corpus.sanitize import safe_display

if TYPE_CHECKING:
    from collections.abc import Collection, Mapping

#: Highlight layers of the reading pane, in the order the legend shows them.
LAYERS: tuple[str, ...] = ("quote", "person", "org", "place")
#: byline's own themes (registered by :func:`byline.reader.themes.register_themes`).
OWN_THEMES: tuple[str, ...] = ("byline-ansi",)
#: Textual 8's built-in themes (kept as a list so this module needs no Textual).
TEXTUAL_THEMES: tuple[str, ...] = (
    "textual-dark",
    "textual-light",
    "nord",
    "gruvbox",
    "catppuccin-mocha",
    "catppuccin-latte",
    "catppuccin-frappe",
    "catppuccin-macchiato",
    "dracula",
    "tokyo-night",
    "monokai",
    "flexoki",
    "solarized-light",
    "solarized-dark",
    "rose-pine",
    "rose-pine-moon",
    "rose-pine-dawn",
    "atom-one-dark",
    "atom-one-light",
    "ansi-dark",
    "ansi-light",
)
KNOWN_THEMES: tuple[str, ...] = OWN_THEMES + TEXTUAL_THEMES

# strftime directives that mean the same in C, glibc and Python, plus the
# common glibc flags (%-d) and widths.
_DIRECTIVE = re.compile(r"%([-_0^#]?)(\d*)(.?)", re.DOTALL)
_DIRECTIVE_LETTERS = frozenset("aAbBcCdDeFgGhHIjklmMnpPrRsStTuUVwWxXyYzZf%")
_KEY_NAME = re.compile(r"^[A-Za-z0-9_+\-]+$|^[^\s,]$")


@dataclass(slots=True, frozen=True)
class Settings:
    """What the config file can set; every field has a default."""

    corpus: Path | None = None
    """Directory opened when ``byline`` is run without one (None: the bundled samples)."""

    keys: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Key overrides: binding id (``"search"``, ``"help"``, ``"quit"``…) → keys,
    comma-separated Textual key names (``"slash,f"``, ``"ctrl+f"``), ready for
    ``App.set_keymap``; single characters such as ``"?"`` are already turned
    into names (``"question_mark"``)."""

    theme: str = "textual-dark"
    """Theme name: Textual's built-in themes or ``"byline-ansi"`` (the terminal's 16 colours)."""

    highlights: tuple[str, ...] = LAYERS
    """Highlight layers switched on at start, any of ``quote``, ``person``, ``org``, ``place``."""

    date_format: str = "%Y-%m-%d"
    """How dates are shown: a ``strftime`` format."""


def default_config_text() -> str:
    """A config file holding every setting at its default, commented out, with explanations."""
    themes = ", ".join(KNOWN_THEMES)
    return f"""\
# byline configuration (TOML). Every setting is optional; remove the leading
# '#' to change one. `byline config --path` prints where this file lives.

# Directory of articles opened when byline is run without one
# (default: the bundled sample articles). A leading ~ means your home.
# corpus = "~/news"

# Colour theme. One of: {themes}.
# byline-ansi uses your terminal's own 16 colours.
# theme = "textual-dark"

# Highlight layers switched on at start (toggle them in the reader).
# highlights = ["quote", "person", "org", "place"]

# How dates are shown, as a strftime format, e.g. "%d %b %Y" for 25 Jan 2021.
# date_format = "%Y-%m-%d"

# Key overrides: binding id = "keys". Keys are Textual key names ("ctrl+f",
# "question_mark") or the character typed ("?"), several separated by
# commas; press ? in the reader to see the bindings.
[keys]
# search = "slash"
# help = "question_mark,f1"
# quit = "q"
"""


def load_settings(
    path: Path | None = None, *, binding_ids: Collection[str] | None = None
) -> tuple[Settings, list[str]]:
    """Read the config file at ``path`` (default: ``paths.config_file()``); never raises.

    Returns the settings and a list of one-line problems.  A missing file
    is not a problem (all defaults).  A file that cannot be read or parsed
    gives all defaults; a bad setting gives that setting's default, the
    others still apply.  ``binding_ids``, when given, are the ids key
    overrides may name (others are reported and skipped).
    """
    path = paths.config_file() if path is None else path
    where = safe_display(str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings(), []
    except UnicodeDecodeError:
        return Settings(), [f"{where}: not UTF-8 text; using the default settings"]
    except OSError as exc:
        return Settings(), [f"{where}: cannot read: {exc.strerror or exc}; using the defaults"]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        line = re.search(r"\(at line (\d+), column \d+\)", message)
        problem = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
        prefix = f"{where}:{line.group(1)}" if line else where
        return Settings(), [f"{prefix}: invalid TOML: {problem}; using the default settings"]
    checker = _Checker(where, text)
    settings = checker.settings(data, binding_ids)
    return settings, checker.errors


class _Checker:
    """Validates parsed TOML against :class:`Settings`, collecting one line per problem."""

    def __init__(self, where: str, text: str) -> None:
        self.where = where
        self.lines = text.splitlines()
        self.errors: list[str] = []

    def error(self, table: str | None, key: str, problem: str) -> None:
        line = self.line_of(table, key)
        prefix = f"{self.where}:{line}" if line else self.where
        name = f"{table}.{key}" if table else key
        self.errors.append(f"{prefix}: {safe_display(name)}: {problem}")

    def line_of(self, table: str | None, key: str) -> int | None:
        """The line assigning ``key`` in ``table`` (None: top level), found by a plain scan."""
        current: str | None = None
        assign = re.compile(
            rf"""^\s*(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*="""
        )
        for number, line in enumerate(self.lines, start=1):
            header = re.match(r"^\s*\[\s*([^\]]+?)\s*\]", line)
            if header:
                current = header.group(1).strip("\"'")
            elif current == table and assign.match(line):
                return number
        if table is not None:
            return self.line_of(None, table)
        return None

    def settings(self, data: dict[str, Any], binding_ids: Collection[str] | None) -> Settings:
        result = Settings()
        known = {f.name for f in fields(Settings)}
        for key, value in data.items():
            if key not in known:
                self.error(None, key, f"unknown setting (known: {', '.join(sorted(known))})")
                continue
            checked = getattr(self, f"check_{key}")(value, binding_ids)
            if checked is not _BAD:
                result = replace(result, **{key: checked})
        return result

    def check_corpus(self, value: object, _ids: object) -> object:
        if not isinstance(value, str) or not value.strip():
            self.error(None, "corpus", f"expected a directory path in quotes, not {_show(value)}")
            return _BAD
        path = Path(value).expanduser()
        if not path.is_dir():
            self.error(None, "corpus", f"no such directory: {safe_display(str(path))}")
            return _BAD
        return path

    def check_theme(self, value: object, _ids: object) -> object:
        if not isinstance(value, str):
            self.error(None, "theme", f"expected a theme name in quotes, not {_show(value)}")
            return _BAD
        if value not in KNOWN_THEMES:
            self.error(
                None,
                "theme",
                f"unknown theme {safe_display(repr(value))} (known: {', '.join(KNOWN_THEMES)})",
            )
            return _BAD
        return value

    def check_highlights(self, value: object, _ids: object) -> object:
        if not isinstance(value, list):
            self.error(None, "highlights", f"expected a list of layer names, not {_show(value)}")
            return _BAD
        odd = next((item for item in value if not isinstance(item, str)), None)
        if odd is not None:
            self.error(None, "highlights", f"expected layer names in quotes, not {_show(odd)}")
            return _BAD
        unknown = [item for item in value if item not in LAYERS]
        if unknown:
            self.error(
                None,
                "highlights",
                f"unknown layer {safe_display(repr(unknown[0]))} (known: {', '.join(LAYERS)})",
            )
            return _BAD
        return tuple(layer for layer in LAYERS if layer in value)

    def check_date_format(self, value: object, _ids: object) -> object:
        if not isinstance(value, str):
            self.error(None, "date_format", f"expected a strftime format, not {_show(value)}")
            return _BAD
        problem = strftime_problem(value)
        if problem:
            self.error(None, "date_format", problem)
            return _BAD
        return value

    def check_keys(self, value: object, binding_ids: Collection[str] | None) -> object:
        if not isinstance(value, dict):
            self.error(None, "keys", f"expected a [keys] table, not {_show(value)}")
            return _BAD
        good: dict[str, str] = {}
        for binding, keys in value.items():
            if binding_ids is not None and binding not in binding_ids:
                self.error(
                    "keys",
                    binding,
                    f"no binding with this id (known: {', '.join(sorted(binding_ids))})",
                )
                continue
            if not isinstance(keys, str):
                self.error("keys", binding, f"expected keys in quotes, not {_show(keys)}")
                continue
            names = [name.strip() for name in keys.split(",")]
            bad = next((name for name in names if not _KEY_NAME.match(name)), None)
            if bad is not None:
                self.error(
                    "keys",
                    binding,
                    f"not a key name: {safe_display(repr(bad))} "
                    '(use Textual key names separated by commas, e.g. "ctrl+f,slash")',
                )
                continue
            good[binding] = ",".join(key_name(name) for name in names)
        return MappingProxyType(good)


_BAD = object()


def _show(value: object) -> str:
    """A short description of a TOML value for a message."""
    kinds = {
        bool: "true/false",
        str: "a string",
        int: "a number",
        float: "a number",
        list: "a list",
        dict: "a table",
    }
    kind = next((name for typ, name in kinds.items() if isinstance(value, typ)), None)
    return kind or type(value).__name__


# Textual names punctuation keys after their Unicode names, with these shortened.
_SHORT_KEY_NAMES = {
    "solidus": "slash",
    "reverse_solidus": "backslash",
    "commercial_at": "at",
    "hyphen_minus": "minus",
    "plus_sign": "plus",
    "low_line": "underscore",
}


def key_name(key: str) -> str:
    """The Textual key name for ``key``: ``"?"`` → ``"question_mark"``; names pass unchanged.

    Textual's keymaps match key names only, so a key written as the
    character it types must be translated before it reaches ``set_keymap``.
    """
    if len(key) != 1 or key.isalnum():
        return key
    try:
        name = unicodedata.name(key).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        return key
    return _SHORT_KEY_NAMES.get(name, name)


def strftime_problem(fmt: str) -> str | None:
    """Why ``fmt`` is not a usable date format, or None when it is fine."""
    if not fmt.strip():
        return "the date format is empty"
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in fmt):
        return "the date format holds control characters"
    for match in _DIRECTIVE.finditer(fmt):
        letter = match.group(3)
        if not letter:
            return "the date format ends with a lone '%'"
        if letter not in _DIRECTIVE_LETTERS:
            return f"unknown strftime directive {safe_display(repr(match.group(0)))}"
    return None
