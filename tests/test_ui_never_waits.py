"""The event loop never reads the index, an article file or the reading state for
list rows, opening an article or marks: with those reads held up, the reader
draws placeholders, stays responsive to keys, and fills in once they are let go."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from pilot_steps import article_shown, settle

from byline.index.library import api
from byline.index.library.state import ReadingState
from byline.index.search.hits import HitList
from byline.reader import app as app_module
from byline.reader.app import BylineApp
from byline.reader.widgets.article_list import ArticleList
from byline.reader.widgets.article_view import ArticleView

if TYPE_CHECKING:
    from pathlib import Path

    import pytest
    from textual.pilot import Pilot

    from byline.index.models import Annotations, Article, Hit, Results

PLACEHOLDER = "\u2500" * 5


class GatedLibrary:
    """A real library whose hit and article reads wait for their gate to open, and
    which records any of those reads made on the event loop's thread."""

    def __init__(self, library: api.Library) -> None:
        self._library = library
        self.rows = threading.Event()
        self.articles = threading.Event()
        self.rows.set()
        self.articles.set()
        self.on_event_loop: list[str] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._library, name)

    def _note(self, what: str) -> None:
        if threading.current_thread() is threading.main_thread():
            self.on_event_loop.append(what)

    def search(self, *args: Any, **kwargs: Any) -> Results:
        results = self._library.search(*args, **kwargs)
        inner = results.hits
        if not isinstance(inner, HitList):
            return results
        index_of = {doc: i for i, doc in enumerate(inner.docnums)}

        def load(doc: int, _score: float) -> Hit:
            self._note("hit")
            self.rows.wait()
            return inner[index_of[doc]]

        def locate(article_id: str) -> int | None:
            self._note("locate")
            position = inner.position(article_id)
            return None if position is None else inner.docnums[position]

        gated = HitList(inner.docnums, [0.0] * len(inner), load, locate)
        return type(results)(
            query=results.query,
            hits=gated,
            total=results.total,
            ignored=results.ignored,
            suggestions=results.suggestions,
            terms=results.terms,
            elapsed=results.elapsed,
        )

    def article(self, article_id: str) -> Article:
        self._note("article")
        self.articles.wait()
        return self._library.article(article_id)

    def annotations(self, article_id: str) -> Annotations:
        self._note("annotations")
        self.articles.wait()
        return self._library.annotations(article_id)


def _gated(monkeypatch: pytest.MonkeyPatch) -> list[GatedLibrary]:
    opened: list[GatedLibrary] = []
    real_open = api.open_library

    def open_gated(*args: Any, **kwargs: Any) -> GatedLibrary:
        opened.append(GatedLibrary(real_open(*args, **kwargs)))
        return opened[-1]

    monkeypatch.setattr(api, "open_library", open_gated)
    return opened


def _row(app: BylineApp, index: int) -> str:
    return "".join(seg.text for seg in app.query_one(ArticleList).render_line(index))


async def _search_without_waiting_for_rows(pilot: Pilot[None], app: BylineApp, query: str) -> None:
    """Search and wait for the results (not for their rows, which may be held up)."""
    await pilot.press("slash", *query, "enter")
    searches = [w for w in app.workers if w.group == "search"]
    if searches:  # (an empty list would mean every worker, the held-up ones too)
        await app.workers.wait_for_complete(searches)
    await pilot.pause()


async def test_rows_not_read_yet_are_placeholders_and_keys_still_work(
    seed_corpus: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = _gated(monkeypatch)
    app = BylineApp(seed_corpus, data_dir)
    # Wide: the list stays on screen beside the article.
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot, app, 2)
        library = opened[0]
        library.rows.clear()
        try:
            await _search_without_waiting_for_rows(pilot, app, "rail")
            article_list = app.query_one(ArticleList)
            assert len(article_list.hits) > 3
            assert article_list.current_hit is None
            line = 2 * article_list.row_height  # the third hit (a headline and a snippet each)
            assert PLACEHOLDER in _row(app, 0)
            # Keys are handled while the rows are being read.
            await pilot.press("j", "j")
            assert article_list.cursor == 2
            await pilot.press("enter")  # opens once the row is read
            assert app.query_one(ArticleView).opening is None
            assert PLACEHOLDER in _row(app, line)
        finally:
            library.rows.set()  # also when a check failed: the app must end
        await article_shown(pilot, app)
        expected = article_list.hits[2]
        assert PLACEHOLDER not in _row(app, line)
        assert expected.headline[:20] in _row(app, line)
        view = app.query_one(ArticleView)
        assert view.article is not None
        assert view.article.id == expected.id
        assert library.on_event_loop == []


async def test_the_cursor_stays_on_its_article_when_the_list_is_replaced(
    seed_corpus: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = _gated(monkeypatch)
    app = BylineApp(seed_corpus, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app, 2)
        await pilot.press("slash", *"rail", "enter")
        await settle(pilot, app, 2)
        article_list = app.query_one(ArticleList)
        await pilot.press("j", "j", "j")
        chosen = article_list.current_hit
        assert chosen is not None
        await pilot.press("s")  # newest first: the same hits in another order
        await settle(pilot, app, 2)
        now = article_list.current_hit
        assert now is not None
        assert now.id == chosen.id
        assert article_list.cursor == [h.id for h in article_list.hits].index(chosen.id)
        assert opened[0].on_event_loop == []


async def test_an_article_being_read_shows_its_header_and_keys_still_work(
    seed_corpus: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = _gated(monkeypatch)
    app = BylineApp(seed_corpus, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app, 2)
        library = opened[0]
        library.articles.clear()
        try:
            article_list = app.query_one(ArticleList)
            hit = article_list.current_hit
            assert hit is not None
            await pilot.press("enter")
            await pilot.pause()
            view = app.query_one(ArticleView)
            assert view.has_focus
            assert view.opening == hit
            shown = "\n".join("".join(s.text for s in view.render_line(y)) for y in range(8))
            assert hit.source in shown
            assert "Loading…" in shown
            # The app answers keys meanwhile: back to the list, down a row.
            await pilot.press("q", "j")
            assert app.screen.focused is article_list
            assert article_list.cursor == 1
            assert app.marks.is_read(hit.id) is False
        finally:
            library.articles.set()  # also when a check failed: the app must end
        await settle(pilot, app, 2)
        assert view.article is not None
        assert view.article.id == hit.id
        assert app.marks.is_read(hit.id)
        assert library.on_event_loop == []


class WatchedState(ReadingState):
    """A real reading state that records the public calls made on the event loop's thread."""

    on_event_loop: list[str]

    def __getattribute__(self, name: str) -> Any:
        value = super().__getattribute__(name)
        if (
            not name.startswith("_")
            and callable(value)
            and threading.current_thread() is threading.main_thread()
        ):
            super().__getattribute__("on_event_loop").append(name)
        return value


async def test_marks_are_drawn_and_changed_without_asking_the_database(
    seed_corpus: Path, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    monkeypatch.setattr(WatchedState, "on_event_loop", calls, raising=False)
    monkeypatch.setattr(app_module, "ReadingState", WatchedState)
    state_dir = tmp_path / "state"
    app = BylineApp(seed_corpus, data_dir, state_dir=state_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app, 2)
        # Start-up reads the theme and the search history before the first screen.
        calls.clear()
        first = app.query_one(ArticleList).current_hit
        assert first is not None
        assert _row(app, 0).startswith("\u25cf")
        await pilot.press("r", "f", "j", "enter")
        await article_shown(pilot, app)
        await pilot.press("q")
        await pilot.press("slash", *"rail", "enter")
        await settle(pilot, app, 2)
        assert calls == []
    # The writes reached the database, in order.
    with ReadingState(seed_corpus.resolve(), state_dir) as state:
        assert state.is_read(first.id)
        assert state.is_starred(first.id)
        assert [entry.query for entry in state.history()] == ["rail"]
