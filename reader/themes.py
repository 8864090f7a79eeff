"""byline's own themes; Textual's built-in ones (textual-dark, textual-light…) need nothing.

``byline-ansi`` draws with the terminal's own 16-colour palette and default
background, so byline looks like the rest of the user's terminal (and like
their other tools over SSH).  Its highlight colours are all different from
one another, and the reading pane also tells the layers apart by style
(quotes italic, people bold, organisations underlined, places bold italic),
so nothing depends on colour alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.theme import Theme

if TYPE_CHECKING:
    from textual.app import App

ANSI_THEME = Theme(
    name="byline-ansi",
    ansi=True,
    dark=True,
    primary="ansi_blue",
    # The highlight layers use these four: quotes $text-success, people
    # $text-accent, organisations $text-error, places $text-secondary.
    # Textual's ansi-dark gives accent and success the same green; here they differ.
    secondary="ansi_cyan",
    accent="ansi_magenta",
    success="ansi_green",
    warning="ansi_yellow",
    error="ansi_red",
    foreground="ansi_default",
    background="ansi_default",
    surface="ansi_default",
    panel="ansi_default",
    boost="ansi_default",
    variables={
        # Textual's own widgets (toasts, tooltips, buttons) need these two in ANSI themes.
        "ansi-background": "ansi_black",
        "ansi-foreground": "ansi_white",
        "border": "ansi_blue",
        "border-blurred": "ansi_bright_black",
        "block-cursor-foreground": "ansi_bright_white",
        "block-cursor-background": "ansi_blue",
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-foreground": "ansi_default",
        "block-cursor-blurred-background": "ansi_bright_black",
        "block-cursor-blurred-text-style": "none",
        "footer-key-foreground": "ansi_cyan",
        "input-cursor-text-style": "reverse",
        "input-selection-background": "ansi_blue",
        "input-selection-foreground": "ansi_bright_white",
        "screen-selection-background": "ansi_blue",
        "screen-selection-foreground": "ansi_bright_white",
        "scrollbar": "ansi_bright_black",
        "scrollbar-hover": "ansi_blue",
        "scrollbar-active": "ansi_bright_blue",
        "scrollbar-background": "ansi_default",
        "scrollbar-background-hover": "ansi_default",
        "scrollbar-background-active": "ansi_default",
    },
)

#: Every theme byline adds to Textual's, by name (config.OWN_THEMES lists the same names).
THEMES: dict[str, Theme] = {ANSI_THEME.name: ANSI_THEME}


def register_themes(app: App[Any]) -> None:
    """Make byline's themes selectable in ``app`` (``app.theme = "byline-ansi"``, the palette)."""
    for theme in THEMES.values():
        app.register_theme(theme)
