"""Reading state, settings and themes in the reader (Pilot, 80x24)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pilot_steps import article_shown, settle
from textual.notifications import Notify
from textual.widgets import Static

from byline.index.library.state import ReadingState
from byline.reader.app import BylineApp
from byline.reader.config import Settings
from byline.reader.widgets.article_list import ArticleList
from byline.reader.widgets.article_view import ArticleView
from byline.reader.widgets.search_box import SearchBox

if TYPE_CHECKING:
    from pathlib import Path

    from textual.message import Message


def _row(app: BylineApp, index: int) -> str:
    article_list = app.query_one(ArticleList)
    return "".join(seg.text for seg in article_list.render_line(index))


def _app(corpus: Path, data_dir: Path, state_dir: Path, **kwargs: object) -> BylineApp:
    return BylineApp(corpus, data_dir, state_dir=state_dir, **kwargs)  # type: ignore[arg-type]


async def test_opening_marks_read_and_marks_survive_a_restart(
    seed_corpus: Path, data_dir: Path, tmp_path: Path
) -> None:
    state_dir = tmp_path / "state"
    app = _app(seed_corpus, data_dir, state_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app, 2)
        assert _row(app, 0).startswith("\u25cf")  # unread marker
        first = app.query_one(ArticleList).hits[0].id
        await pilot.press("enter")
        await article_shown(pilot, app)
        await pilot.press("q")
        assert not _row(app, 0).startswith("\u25cf")
        await pilot.press("f")  # star it
        assert _row(app, 0)[1] == "\u2605"
        await pilot.press("j", "r")  # second row: unread -> read
        assert not _row(app, 1).startswith("\u25cf")
        await pilot.press("r")  # and back
        assert _row(app, 1).startswith("\u25cf")

    with ReadingState(seed_corpus.resolve(), state_dir) as state:
        assert state.is_read(first)
        assert state.is_starred(first)

    again = _app(seed_corpus, data_dir, state_dir)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot, again, 2)
        assert _row(again, 0)[:2] == " \u2605"


async def test_mark_all_read(seed_corpus: Path, data_dir: Path, tmp_path: Path) -> None:
    app = _app(seed_corpus, data_dir, tmp_path / "state")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app, 2)
        await pilot.press("A")
        await settle(pilot, app, 2)  # marking all runs in a worker
        rows = [_row(app, i) for i in range(10)]
        assert not any(row.startswith("\u25cf") for row in rows)


async def test_search_history_is_kept_across_runs(
    seed_corpus: Path, data_dir: Path, tmp_path: Path
) -> None:
    state_dir = tmp_path / "state"
    app = _app(seed_corpus, data_dir, state_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app, 2)
        await pilot.press("slash", *"lunar", "enter")
        await settle(pilot, app, 2)
    again = _app(seed_corpus, data_dir, state_dir)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot, again, 2)
        await pilot.press("slash", "up")
        assert again.query_one(SearchBox).value == "lunar"


async def test_settings_choose_layers_date_format_and_theme(
    seed_corpus: Path, data_dir: Path, tmp_path: Path
) -> None:
    settings = Settings(theme="byline-ansi", highlights=("quote",), date_format="%d/%m/%y")
    app = _app(seed_corpus, data_dir, tmp_path / "state", settings=settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app, 2)
        assert app.theme == "byline-ansi"
        view = app.query_one(ArticleView)
        assert view.shown_layers == {"quote": True, "person": False, "org": False, "place": False}
        assert "people (off)" in str(app.query_one("#legend", Static).render())
        hit = app.query_one(ArticleList).hits[0]
        assert hit.date is not None
        assert hit.date.strftime("%d/%m/%y") in _row(app, 0)


async def test_theme_choice_is_remembered(
    seed_corpus: Path, data_dir: Path, tmp_path: Path
) -> None:
    state_dir = tmp_path / "state"
    app = _app(seed_corpus, data_dir, state_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app, 2)
        app.theme = "textual-light"
        await pilot.pause()
    again = _app(seed_corpus, data_dir, state_dir)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot, again, 2)
        assert again.theme == "textual-light"


async def test_config_problems_are_shown_and_defaults_used(
    seed_corpus: Path, data_dir: Path, tmp_path: Path
) -> None:
    note = "config.toml:3: theme: unknown theme 'nope'"
    app = _app(seed_corpus, data_dir, tmp_path / "state", notes=[note])
    messages: list[Message] = []
    async with app.run_test(size=(80, 24), message_hook=messages.append) as pilot:
        await settle(pilot, app, 2)
        shown = [m.notification for m in messages if isinstance(m, Notify)]
        assert [(n.message, n.severity) for n in shown if n.message == note] == [(note, "warning")]
        assert app.theme == "textual-dark"
