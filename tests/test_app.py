"""The reader driven by Textual's Pilot at 80x24 on the seed corpus."""

from __future__ import annotations

import asyncio
import gc
from typing import TYPE_CHECKING

import pytest
from pilot_steps import article_shown, first_screen_drawn, settle
from textual.notifications import Notify

from byline.index.library.api import open_library
from byline.reader import app as app_module
from byline.reader.app import BylineApp
from byline.reader.config import Settings
from byline.reader.screens.help import HelpScreen
from byline.reader.widgets.article_list import ArticleList
from byline.reader.widgets.article_view import ArticleView
from byline.reader.widgets.footer import KeyFooter
from byline.reader.widgets.search_box import SearchBox

if TYPE_CHECKING:
    from pathlib import Path

    from textual.message import Message


def _visible_text(app: BylineApp, widget: ArticleList | ArticleView) -> str:
    return "\n".join(
        "".join(seg.text for seg in widget.render_line(y)) for y in range(widget.size.height)
    )


async def test_launch_lists_articles_newest_first(seed_corpus: Path, data_dir: Path) -> None:
    app = BylineApp(seed_corpus, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app, 2)
        article_list = app.query_one(ArticleList)
        assert len(article_list.hits) == app.library.count() if app.library else False
        dates = [h.date for h in article_list.hits if h.date]
        assert dates == sorted(dates, reverse=True)
        assert article_list.has_focus
        status = str(app.query_one("#status").render())
        assert f"{len(article_list.hits)} articles" in status


async def test_search_filters_the_list_and_enter_opens(seed_corpus: Path, data_dir: Path) -> None:
    app = BylineApp(seed_corpus, data_dir, search_delay=0)  # each key searches at once
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app, 2)
        total = len(app.query_one(ArticleList).hits)
        await pilot.press("slash")
        assert app.query_one(SearchBox).has_focus
        await pilot.press(*"Rogozin")
        await settle(pilot, app, 1)
        article_list = app.query_one(ArticleList)
        assert 0 < len(article_list.hits) < total
        assert article_list.hits[0].source == "000_5422f9083324faf0.txt"
        assert "Rogozin" in _visible_text(app, article_list)

        await pilot.press("enter")  # from the search box to the list
        assert article_list.has_focus
        await pilot.press("enter")  # open
        await pilot.pause()
        view = app.query_one(ArticleView)
        assert view.has_focus
        assert view.article is not None
        assert view.article.source == "000_5422f9083324faf0.txt"
        shown = _visible_text(app, view)
        assert "2021-01-25" in shown
        assert "Dmitry Rogozin" in shown

        await pilot.press("space")
        await pilot.pause()
        assert view.scroll_offset.y > 0
        await pilot.press("q")  # back to the list
        assert article_list.has_focus
        await pilot.press("q")  # quit
        await pilot.pause()
    assert app.return_code == 0


async def test_keys_move_the_cursor(seed_corpus: Path, data_dir: Path) -> None:
    app = BylineApp(seed_corpus, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app, 2)
        article_list = app.query_one(ArticleList)
        await pilot.press("j", "j", "down")
        assert article_list.cursor == 3
        await pilot.press("k")
        assert article_list.cursor == 2
        await pilot.press("G")
        assert article_list.cursor == len(article_list.hits) - 1
        await pilot.press("g")
        assert article_list.cursor == 0
        await pilot.press("ctrl+d")
        assert article_list.cursor > 0


async def test_a_long_list_has_no_horizontal_scrollbar(seed_corpus: Path, data_dir: Path) -> None:
    # The vertical scrollbar narrows the rows; they are cut to fit, so no
    # horizontal scrollbar may take the list's last line.
    app = BylineApp(seed_corpus, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app, 2)
        article_list = app.query_one(ArticleList)
        assert len(article_list.hits) > article_list.size.height
        assert article_list.show_vertical_scrollbar
        assert not article_list.show_horizontal_scrollbar
        last = _visible_text(app, article_list).splitlines()[-1]
        assert last.strip(), "the last line of the list is empty"


async def test_escape_leaves_search_and_tab_switches_panes(
    seed_corpus: Path, data_dir: Path
) -> None:
    app = BylineApp(seed_corpus, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app, 2)
        await pilot.press("slash")
        await pilot.press("escape")
        assert app.query_one(ArticleList).has_focus
        await pilot.press("tab")
        assert app.query_one(ArticleView).has_focus


async def test_help_lists_the_keys(seed_corpus: Path, data_dir: Path) -> None:
    app = BylineApp(seed_corpus, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app, 2)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_markup_in_article_text_is_shown_literally(tmp_path: Path, data_dir: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        " date 2022-02-02 Click [@click=app.quit]here[/] and [bold red]shout[/bold red] now.\n",
        encoding="utf-8",
    )
    app = BylineApp(corpus, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app, 2)
        await pilot.press("enter")
        await article_shown(pilot, app)
        view = app.query_one(ArticleView)
        shown = " ".join(_visible_text(app, view).split())
        assert "[@click=app.quit]here[/]" in shown
        assert "[bold red]shout[/bold red]" in shown
        await pilot.click(ArticleView, offset=(10, 2))
        await pilot.pause()
        assert app.is_running


async def test_priority_keys_do_nothing_on_the_help_screen(
    seed_corpus: Path, data_dir: Path
) -> None:
    app = BylineApp(seed_corpus, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app, 2)
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("slash", "tab", "ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert app.is_running


async def test_narrow_terminal_shows_one_pane_at_a_time(seed_corpus: Path, data_dir: Path) -> None:
    app = BylineApp(seed_corpus, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app, 2)
        article_list, view = app.query_one(ArticleList), app.query_one(ArticleView)
        assert article_list.region.width == 80
        assert view.region.width == 0
        await pilot.press("enter")
        await article_shown(pilot, app)
        assert view.region.width > 70
        assert article_list.region.width == 0
        await pilot.press("q")
        await pilot.pause()
        assert article_list.region.width == 80


async def test_wide_terminal_shows_list_and_article_side_by_side(
    seed_corpus: Path, data_dir: Path
) -> None:
    app = BylineApp(seed_corpus, data_dir)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot, app, 2)
        await pilot.press("enter")
        await article_shown(pilot, app)
        article_list, view = app.query_one(ArticleList), app.query_one(ArticleView)
        assert article_list.region.width > 30
        assert view.region.width > 60
        assert view.has_focus


@pytest.mark.parametrize("indexed", [False, True], ids=["first-launch", "indexed"])
async def test_the_start_up_check_follows_the_first_screen(
    seed_corpus: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch, indexed: bool
) -> None:
    # The check for changes waits for the first list to be drawn, at most for
    # FIRST_SCREEN_GRACE: a first screen that never counts as drawn (an empty
    # index, or rows drawn but not reported) shows as the grace running out.
    monkeypatch.setattr(app_module, "FIRST_SCREEN_GRACE", 20.0)
    if indexed:
        library = open_library(seed_corpus, data_dir)
        library.update()
        library.close()
    app = BylineApp(seed_corpus, data_dir)
    threshold = gc.get_threshold()
    gc.disable()  # as the byline launcher does; the app resumes collection
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            drawn = await first_screen_drawn(pilot, app, 10.0)
            assert drawn, "the first screen was never reported drawn"
            await asyncio.wait_for(settle(pilot, app, 2), timeout=60)
            assert app.library is not None
            assert len(app.query_one(ArticleList).hits) == app.library.count() == 42
            assert app.session.indexing == ""
            assert gc.isenabled()
        assert gc.get_threshold() == threshold  # given back when the app ended
    finally:
        gc.enable()
        gc.unfreeze()
        gc.set_threshold(*threshold)


async def test_the_footer_shows_the_focused_keys_and_a_click_presses_one(
    seed_corpus: Path, data_dir: Path
) -> None:
    app = BylineApp(seed_corpus, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app, 2)
        footer = app.query_one(KeyFooter)
        keys = footer.items
        assert "Open" in {item.description for item in keys}
        app.screen.bindings_updated_signal.publish(app.screen)  # nothing changed
        await pilot.pause()
        assert footer.items is keys  # not rebuilt
        await pilot.press("enter")  # the article: other keys
        await pilot.pause()
        opened = {item.description for item in footer.items}
        assert "Back to list" in opened
        assert opened != {item.description for item in keys}
        await pilot.press("escape")
        await pilot.pause()
        assert {item.description for item in footer.items} == {item.description for item in keys}
        # The line shows them; a click on "Open" opens the article again.
        line = footer.render().plain
        assert "Open" in line
        assert line.rstrip().endswith("Commands")
        at = line.index("Open")
        await pilot.click(KeyFooter, offset=(at, 0))
        await pilot.pause()
        assert "Back to list" in {item.description for item in footer.items}


async def test_a_search_engine_failure_is_shown_and_the_reader_goes_on(
    seed_corpus: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = BylineApp(seed_corpus, data_dir, search_delay=0)
    messages: list[Message] = []
    async with app.run_test(size=(80, 24), message_hook=messages.append) as pilot:
        await settle(pilot, app, 2)
        library = app.library
        assert library is not None

        def broken(*args: object, **kwargs: object) -> None:
            raise RuntimeError("engine exploded")

        monkeypatch.setattr(library, "search", broken)
        await pilot.press("slash", *"rail", "enter")
        await settle(pilot, app, 2)
        shown = [m.notification for m in messages if isinstance(m, Notify)]
        failures = [n for n in shown if n.severity == "error"]
        assert [n.message for n in failures] == [
            "Background task 'search' failed: RuntimeError: engine exploded"
        ]
        # Still running and answering keys.
        await pilot.press("escape", "j")
        assert app.query_one(ArticleList).cursor == 1


@pytest.mark.parametrize(
    ("keys", "shown"),
    [
        ({"palette": "ctrl+k"}, "^k Commands"),
        ({"palette": "ctrl+k", "help": "ctrl+p"}, "^k Commands"),
    ],
    ids=["palette-remapped", "palette-key-taken-by-help"],
)
async def test_the_footer_finds_the_palette_by_its_action_after_a_remap(
    seed_corpus: Path, data_dir: Path, keys: dict[str, str], shown: str
) -> None:
    app = BylineApp(seed_corpus, data_dir, settings=Settings(keys=keys))
    async with app.run_test(size=(120, 24)) as pilot:
        await settle(pilot, app, 2)
        footer = app.query_one(KeyFooter)
        line = footer.render().plain
        assert line.rstrip().endswith(shown)
        descriptions = [item.description for item in footer.items]
        assert "Commands" not in descriptions
        assert descriptions.count("Help") <= 1
        # Only whole keys: a narrow footer drops the ones that do not fit.
        await pilot.resize_terminal(50, 24)
        await pilot.pause()
        narrow = footer.render().plain
        assert narrow.rstrip().endswith(shown)
        drawn = narrow[: narrow.index("\u258f")].split("  ")
        assert all(
            any(part.strip() == f"{i.display} {i.description}" for i in footer.items)
            for part in drawn
            if part.strip()
        )
