"""byline's ANSI theme: selectable once registered, with four distinct highlight colours."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from rich.color import ColorType
from textual.app import App, ComposeResult, InvalidThemeError
from textual.widgets import Static

from byline.reader.config import OWN_THEMES
from byline.reader.themes import ANSI_THEME, THEMES, register_themes

if TYPE_CHECKING:
    from pathlib import Path


class Minimal(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("hello", id="text")


def test_the_config_module_knows_every_byline_theme() -> None:
    assert tuple(THEMES) == OWN_THEMES


async def test_an_unregistered_app_refuses_the_theme() -> None:
    app = Minimal()
    async with app.run_test(size=(80, 24)):
        with pytest.raises(InvalidThemeError):
            app.theme = "byline-ansi"


async def test_register_themes_makes_byline_ansi_selectable() -> None:
    app = Minimal()
    async with app.run_test(size=(80, 24)) as pilot:
        register_themes(app)
        assert "byline-ansi" in app.available_themes
        app.theme = "byline-ansi"
        await pilot.pause()
        assert app.current_theme is ANSI_THEME
        variables = app.get_css_variables()
        # The four highlight layers draw with these: all ANSI palette colours, all different.
        layer_colours = [
            variables[name]
            for name in ("text-success", "text-accent", "text-error", "text-secondary")
        ]
        assert all(colour.startswith("ansi_") for colour in layer_colours)
        assert len(set(layer_colours)) == 4
        assert variables["background"] == "ansi_default"  # the terminal's own background
        # Switching back to a built-in light or dark theme still works.
        app.theme = "textual-light"
        await pilot.pause()
        assert app.current_theme.name == "textual-light"


async def test_the_theme_is_offered_in_the_command_palette() -> None:
    app = Minimal()
    async with app.run_test(size=(80, 24)) as pilot:
        register_themes(app)
        await pilot.press("ctrl+p")
        await pilot.press(*"theme")
        await pilot.press("enter")
        await pilot.press(*"byline-ansi")
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "byline-ansi"


async def test_the_reader_draws_an_article_in_byline_ansi(
    seed_corpus: Path, data_dir: Path
) -> None:
    from byline.reader.app import BylineApp
    from byline.reader.widgets.article_view import ArticleView

    app = BylineApp(seed_corpus, data_dir)
    register_themes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.theme = "byline-ansi"
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        view = app.query_one(ArticleView)
        lines = [view.render_line(y) for y in range(view.size.height)]
        text = "\n".join(line.text for line in lines)
        assert text.strip()  # the article is on screen
        colours = [
            seg.style.color
            for line in lines
            for seg in line
            if seg.style is not None and seg.style.color is not None
        ]
        # Text and highlights come out in the terminal's own palette (or its
        # default colour), never as RGB that would ignore the user's palette.
        assert all(c.type in (ColorType.STANDARD, ColorType.DEFAULT) for c in colours), colours
        assert any(c.type is ColorType.STANDARD for c in colours), "some text is highlighted"
