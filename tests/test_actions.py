"""The action registry: it feeds the bindings, the key map, the palette and the help screen."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from typing import TYPE_CHECKING, Any

import pytest
from pilot_steps import settle
from rich.console import Console
from textual.command import CommandList, CommandPalette
from textual.containers import VerticalScroll
from textual.widgets import Static

from byline.index.library.state import ReadingState
from byline.reader.actions import ACTION_IDS, ACTIONS, SCOPES, actions_in, key_label, keys_label
from byline.reader.app import BylineApp
from byline.reader.config import Settings
from byline.reader.screens.help import HelpScreen
from byline.reader.screens.main import MainScreen
from byline.reader.screens.name_prompt import NamePrompt
from byline.reader.widgets.article_list import ArticleList
from byline.reader.widgets.article_view import ArticleView
from byline.reader.widgets.names_panel import NamesPanel
from byline.reader.widgets.search_box import SearchBox
from byline.reader.widgets.sidebar import Sidebar
from byline.reader.widgets.timeline_bar import TimelineBar

if TYPE_CHECKING:
    from pathlib import Path

    from textual.pilot import Pilot

# Where each scope's bindings live.
OWNERS: dict[str, type[Any]] = {
    "main": MainScreen,
    "app": BylineApp,
    "list": ArticleList,
    "article": ArticleView,
    "names": NamesPanel,
    "views": Sidebar,
    "search": SearchBox,
    "help": HelpScreen,
    "prompt": NamePrompt,
}
RAW_NAMES = ("left_square_bracket", "right_square_bracket", "question_mark", "slash", "ctrl+")


def test_every_scope_is_bound_by_its_owner_from_the_registry() -> None:
    assert set(OWNERS) == set(SCOPES)
    for scope, owner in OWNERS.items():
        bound = [(b.key, b.action, b.id) for b in owner.BINDINGS]  # type: ignore[union-attr]
        assert bound == [(a.keys, a.action, a.id) for a in actions_in(scope)], scope


def test_every_action_names_a_method_of_its_owner() -> None:
    # A key the help lists must do something: its action exists where it is bound.
    for action in ACTIONS:
        name = action.action.split("(")[0]
        assert hasattr(OWNERS[action.scope], f"action_{name}"), (action.scope, name)


def test_an_id_shared_by_scopes_has_the_same_default_keys() -> None:
    for action_id in ACTION_IDS:
        keys = {a.keys for a in ACTIONS if a.id == action_id}
        assert len(keys) == 1, (action_id, keys)


@pytest.mark.parametrize(
    ("key", "label"),
    [
        ("left_square_bracket", "["),
        ("right_square_bracket", "]"),
        ("ctrl+s", "Ctrl+S"),
        ("question_mark", "?"),
        ("slash", "/"),
        ("colon", ":"),
        ("G", "G"),
        ("g", "g"),
        ("super+c", "Super+C"),
        ("space", "Space"),
        ("escape", "Esc"),
        ("f1", "F1"),
        ("shift+tab", "Shift+Tab"),
    ],
)
def test_key_labels_are_what_people_write(key: str, label: str) -> None:
    assert key_label(key) == label


def test_config_check_knows_the_action_ids(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"

    def check() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "byline.reader", "config", "--check"],
            capture_output=True,
            text=True,
            timeout=60,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "BYLINE_CONFIG": str(config)},
            check=False,
        )

    config.write_text('[keys]\nstar = "x"\ntimeline-back = "<"\n', encoding="utf-8")
    done = check()
    assert (done.returncode, done.stderr) == (0, "")
    config.write_text('[keys]\nstar = "x"\nstarr = "z"\n', encoding="utf-8")
    done = check()
    assert done.returncode == 2
    assert done.stderr.startswith(f"{config}:3: keys.starr: no binding with this id (known: ")
    assert "mark-all-read" in done.stderr


def _help_text(app: BylineApp) -> str:
    console = Console(width=200, file=io.StringIO(), record=True)
    console.print(app.screen.query_one(Static).content)
    return console.export_text()


async def test_help_names_keys_as_people_write_them_after_a_remap(
    seed_corpus: Path, data_dir: Path
) -> None:
    settings = Settings(keys={"star": "x", "save-search": "ctrl+w"})
    app = BylineApp(seed_corpus, data_dir, settings=settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app, 2)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = _help_text(app)
        rows = {" ".join(line.split()) for line in text.splitlines()}
        for row in (
            "[ Earlier period timeline-back",
            "] Later period timeline-on",
            "Ctrl+W Save search save-search",
            "x Star star",
            "? Help help",
            "g Home Top top",
        ):
            assert row in rows
        assert not any(row.startswith("Ctrl+S Save") for row in rows)
        for raw in RAW_NAMES:
            assert raw not in text


async def test_help_scrolls_with_the_keys_it_lists(seed_corpus: Path, data_dir: Path) -> None:
    app = BylineApp(seed_corpus, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app, 2)
        await pilot.press("question_mark")
        await pilot.pause()
        scroller = app.screen.query_one(VerticalScroll)
        assert scroller.max_scroll_y > 20  # longer than the screen
        steps = [
            ("j", lambda y: y == 1),
            ("j", lambda y: y == 2),
            ("k", lambda y: y == 1),
            ("space", lambda y: y > 10),
            ("b", lambda y: y == 1),
            ("ctrl+d", lambda y: y > 5),
            ("ctrl+u", lambda y: y == 1),
            ("G", lambda y: y == scroller.max_scroll_y),
            ("g", lambda y: y == 0),
        ]
        for key, where in steps:
            await pilot.press(key)
            await pilot.pause()
            assert where(scroller.scroll_y), (key, scroller.scroll_y)
        await pilot.press("q")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        assert app.is_running


async def test_the_palette_offers_every_action_with_its_current_key(
    seed_corpus: Path, data_dir: Path
) -> None:
    settings = Settings(keys={"star": "x", "views": "ctrl+v,V"})
    app = BylineApp(seed_corpus, data_dir, settings=settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app, 2)
        offered = {c.title: c.help for c in app.get_system_commands(app.screen)}
        for action in ACTIONS:
            if action.palette:
                keys = keys_label(action.current_keys(settings.keys))
                assert offered[action.description].endswith(f"({keys})")
        assert offered["Star"].endswith("(x)")
        assert offered["Views"].endswith("(Ctrl+V V)")
        for title in ("Star", "Read/unread", "Mark all read", "Save search", "Views"):
            assert title in offered
        assert "Narrow to period" in offered
        assert "Keys" not in offered  # one help: ours
        assert "Theme" in offered  # Textual's other commands stay
        # The palette itself shows the remapped key.
        prompts = await _palette_prompts(pilot, app, "Star")
        assert any(p.startswith("Star") and "(x)" in p for p in prompts), prompts


async def _palette_prompts(pilot: Pilot[None], app: BylineApp, typed: str) -> list[str]:
    await pilot.press("colon", *typed)
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    commands = app.screen.query_one(CommandList)
    return [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]


async def _run_command(pilot: Pilot[None], app: BylineApp, title: str) -> None:
    """Run the palette command ``title`` as a user would: ':', its name, down, Enter."""
    prompts = await _palette_prompts(pilot, app, title)
    assert prompts
    assert prompts[0].startswith(title), prompts
    await pilot.press("down", "enter")
    await pilot.pause()
    await settle(pilot, app, 2)


def _row(app: BylineApp, index: int) -> str:
    return "".join(seg.text for seg in app.query_one(ArticleList).render_line(index))


async def test_the_palette_runs_marks_views_saving_and_narrowing(
    seed_corpus: Path, data_dir: Path, tmp_path: Path
) -> None:
    state_dir = tmp_path / "state"
    app = BylineApp(seed_corpus, data_dir, state_dir=state_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app, 2)
        article_list = app.query_one(ArticleList)
        first = article_list.hits[0].id
        await _run_command(pilot, app, "Star")
        assert _row(app, 0)[1] == "\u2605"
        await _run_command(pilot, app, "Read/unread")
        assert not _row(app, 0).startswith("\u25cf")
        await _run_command(pilot, app, "Mark all read")
        assert not any(_row(app, i).startswith("\u25cf") for i in range(10))

        total = len(article_list.hits)
        await _run_command(pilot, app, "Narrow to period")
        bar = app.query_one(TimelineBar)
        assert bar.narrowed is not None
        assert 0 < len(article_list.hits) < total
        await _run_command(pilot, app, "Narrow to period")
        assert len(article_list.hits) == total

        await _run_command(pilot, app, "Views")
        assert app.query_one(Sidebar).has_focus

        await pilot.press("escape")  # the sidebar keeps focus; search for something to save
        box = app.query_one(SearchBox)
        await pilot.press("slash", *"rail", "enter")
        await settle(pilot, app, 2)
        assert box.value == "rail"
        await _run_command(pilot, app, "Save search")
        assert isinstance(app.screen, NamePrompt)
        await pilot.press(*"Trains", "enter")
        await settle(pilot, app, 2)

    with ReadingState(seed_corpus.resolve(), state_dir) as state:
        assert state.is_starred(first)
        assert [(s.name, s.query) for s in state.saved_searches()] == [("Trains", "rail")]


async def test_next_match_from_the_palette_moves_in_the_article(
    seed_corpus: Path, data_dir: Path
) -> None:
    app = BylineApp(seed_corpus, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app, 2)
        await pilot.press("slash", *"Rogozin", "enter")
        await settle(pilot, app, 2)
        await pilot.press("enter")
        await settle(pilot, app, 1)
        view = app.query_one(ArticleView)
        assert view.matches
        await _run_command(pilot, app, "Next match")
        assert view.match_index == 0


async def test_hints_on_screen_name_the_remapped_keys(
    seed_corpus: Path, data_dir: Path, tmp_path: Path
) -> None:
    keys = {
        "next-match": "m",
        "previous-match": "M",
        "timeline-back": "comma",
        "timeline-on": "full_stop",
        "timeline-narrow": "T",
        "save-search": "ctrl+w",
        "search": "slash,f3",
    }
    app = BylineApp(
        seed_corpus, data_dir, settings=Settings(keys=keys), state_dir=tmp_path / "state"
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app, 2)
        assert "press / F3 to search" in app.query_one(SearchBox).placeholder
        bar = app.query_one(TimelineBar)
        assert str(bar.render()).endswith(" , . T")
        cursor = bar.cursor
        assert cursor  # the latest of several periods
        await pilot.press("comma")
        assert bar.cursor == cursor - 1
        await pilot.press("v")
        await settle(pilot, app, 2)
        sidebar = app.query_one(Sidebar)
        hints = [str(sidebar.get_option_at_index(i).prompt) for i in range(sidebar.option_count)]
        assert "Ctrl+W saves the current search" in hints
        await pilot.press("v", "slash", *"Rogozin", "enter")
        await settle(pilot, app, 2)
        await pilot.press("enter")
        await settle(pilot, app, 1)
        total = len(app.query_one(ArticleView).matches)
        status = app.query_one("#status", Static)
        assert f"match -/{total} (m/M)" in str(status.render())
        await pilot.press("m")
        assert f"match 1/{total} (m/M)" in str(status.render())
