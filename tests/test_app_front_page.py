"""The first screen drawn from the saved front page while the index opens (Pilot, 80x24)."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import pytest
from pilot_steps import first_screen_drawn, settle

from byline.index.library import api as library_module
from byline.index.library.front_page import load_front_page
from byline.index.search.hits import HitList
from byline.reader.app import BylineApp
from byline.reader.widgets.article_list import ArticleList
from byline.reader.widgets.article_view import ArticleView

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from byline.index.library.api import Library


@pytest.fixture
def held_open(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Holds the reader's ``open_library`` until the event is set: the time the
    front page is on screen without an index, made long enough to look at."""
    release = threading.Event()
    real = library_module.open_library

    def held(*args: object, **kwargs: object) -> Library:
        assert release.wait(30), "the test never let the index open"
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(library_module, "open_library", held)
    yield release
    release.set()  # a failed test must not leave the worker waiting


def _status(app: BylineApp) -> str:
    return str(app.query_one("#status").render())


async def test_the_front_page_shows_first_and_keys_wait_for_the_index(
    library: Library, seed_corpus: Path, data_dir: Path, held_open: threading.Event
) -> None:
    page = load_front_page(library.index_dir)
    assert page is not None
    app = BylineApp(seed_corpus, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await first_screen_drawn(pilot, app, 5.0), "the first screen was never drawn"
        article_list = app.query_one(ArticleList)
        assert app.library is None
        assert [h.id for h in article_list.hits] == [h.id for h in page.hits]
        assert f"{page.count} articles" in _status(app)
        await pilot.press("j", "enter")  # the second article; opening needs the index
        await pilot.pause()
        view = app.query_one(ArticleView)
        assert view.article is None
        held_open.set()
        await settle(pilot, app, 3)
        assert app.library is not None
        assert isinstance(article_list.hits, HitList)
        assert len(article_list.hits) == library.count()
        assert view.article is not None
        assert view.article.id == page.hits[1].id
        assert view.has_focus


async def test_a_page_older_than_the_index_is_not_shown(
    library: Library, seed_corpus: Path, data_dir: Path, held_open: threading.Event
) -> None:
    gone = library.search("", limit=1).hits[0]
    with library.store.writer() as writer:  # a commit that saved no page
        writer.delete_by_term("id", gone.id)
    app = BylineApp(seed_corpus, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        # The main screen decides on the saved page when it mounts; the index
        # is held closed, so the list is what that decision drew.
        await pilot.pause()
        article_list = app.query_one(ArticleList)
        assert len(article_list.hits) == 0
        held_open.set()
        await settle(pilot, app, 3)
        ids = [h.id for h in article_list.hits]
        assert gone.id not in ids
        assert len(ids) == library.count()


async def test_mark_all_read_from_the_front_page_marks_the_whole_list(
    library: Library,
    seed_corpus: Path,
    data_dir: Path,
    held_open: threading.Event,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(library_module, "ROWS", 3)
    (library.index_dir / "front_page.json").unlink()
    assert library.save_front_page()
    everything = [h.id for h in library.search("", limit=None).hits]
    app = BylineApp(seed_corpus, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await first_screen_drawn(pilot, app, 5.0), "the first screen was never drawn"
        assert len(app.query_one(ArticleList).hits) == 3
        await pilot.press("A")
        await pilot.pause()
        assert app.state is not None
        assert app.state.count_unread(everything) == len(everything)
        held_open.set()
        await settle(pilot, app, 3)
        assert app.state.count_unread(everything) == 0


async def test_an_index_that_cannot_be_opened_ends_the_app_with_its_reason(
    seed_corpus: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the index directory should be")
    app = BylineApp(seed_corpus, blocker)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app, 3)
    assert app.return_code == 2
