"""The reader on hostile articles (Pilot, 80x24): every one opens, scrolls and stays inert."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from pilot_steps import article_shown, settle

from byline.index.corpus.articles import article_id
from byline.index.library.api import open_library
from byline.index.library.front_page import load_front_page
from byline.index.library.locations import locate
from byline.reader.app import BylineApp
from byline.reader.widgets.article_list import ArticleList
from byline.reader.widgets.article_view import ArticleView

if TYPE_CHECKING:
    from pathlib import Path

    from hostile import HostileCorpus
    from textual.pilot import Pilot

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _screen(view: ArticleView) -> list[str]:
    return ["".join(seg.text for seg in view.render_line(y)) for y in range(view.size.height)]


def _squash(text: str) -> str:
    return "".join(text.split())


async def _open_each(pilot: Pilot[None], app: BylineApp, expected: int) -> set[str]:
    """Open every article in the list, check what is shown, go to its end and back."""
    article_list = app.query_one(ArticleList)
    view = app.query_one(ArticleView)
    assert len(article_list.hits) == expected
    seen: set[str] = set()
    for row in range(expected):
        assert article_list.cursor == row
        await pilot.press("enter")
        await article_shown(pilot, app)
        assert view.has_focus
        assert view.article is not None
        seen.add(view.article.source)
        screen = _screen(view)
        assert not any(_UNSAFE.search(line) for line in screen)
        assert view.article.source in screen[0]
        await pilot.press("G")
        await pilot.pause()
        tail = _squash(view.article.paragraphs[-1])[-12:]
        assert tail in _squash("".join(_screen(view)))
        await pilot.press("g", "q", "j")
        await pilot.pause()
        assert app.is_running
    return seen


async def test_every_hostile_article_opens_and_nothing_acts(
    hostile_corpus: HostileCorpus, data_dir: Path
) -> None:
    # Twice: the first launch indexes in the reader; the relaunch draws the saved
    # front page and reads the date cache, which once crashed on 9999-12-31.
    for launch in ("first", "relaunch"):
        if launch == "relaunch":
            assert load_front_page(locate(hostile_corpus.root, data_dir)[1]) is not None
        app = BylineApp(hostile_corpus.root, data_dir)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, app, 2)
            seen = await _open_each(pilot, app, len(hostile_corpus.articles))
            assert "markup.txt" in seen
            assert {"ancient.txt", "far-future.txt"} <= seen
            status = str(app.query_one("#status").render())
            reported = len(hostile_corpus.problems) + sum(1 for c in hostile_corpus.cases if c.note)
            assert f"{reported} problems" in status, launch
            for key in ("left_square_bracket", "t", "t", "right_square_bracket", "s", "s", "s"):
                await pilot.press(key)
                await settle(pilot, app, 1)
        assert app.return_code is None, launch  # nothing in any article quit the app


@pytest.mark.slow
async def test_huge_articles_open_and_scroll_page_by_page(
    huge_hostile_corpus: HostileCorpus, data_dir: Path
) -> None:
    with open_library(huge_hostile_corpus.root, data_dir) as library:
        library.update()
        huge = library.article(article_id("huge-paragraph.txt"))
        assert len(huge.paragraphs) == 1
        assert len(huge.text) > 3_000_000
        many = library.article(article_id("many-paragraphs.txt"))
        assert len(many.paragraphs) > 40_000
        assert library.search("LASTPARAGRAPH").hits[0].source == "many-paragraphs.txt"
        assert library.search("ENDOFHUGE").hits[0].source == "huge-paragraph.txt"
        ann = library.annotations(article_id("many-paragraphs.txt"))
        text = many.text
        assert all(text[e.start : e.end] == e.text for e in ann.entities)
    app = BylineApp(huge_hostile_corpus.root, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app, 2)
        for word in ("HUGEPARA", "MANYPARAS"):
            await pilot.press("slash", "ctrl+u", *word, "enter")
            await settle(pilot, app, 2)
            await pilot.press("enter")
            await article_shown(pilot, app)
            view = app.query_one(ArticleView)
            assert view.article is not None
            assert word in _screen(view)[2]
            # Paging keeps one line of context: each page starts with the last line
            # of the one before, however far the layout had got.
            for _ in range(12):
                before = _screen(view)
                await pilot.press("space")
                await pilot.pause()
                assert _screen(view)[0] == before[-1]
            assert view.scroll_offset.y == 12 * (view.size.height - 1)
            await pilot.press("G")
            await pilot.pause()
            last = view.scroll_offset.y
            assert last == view.max_scroll_y > 1000
            tail = _squash(view.article.paragraphs[-1])[-12:]
            assert tail in _squash("".join(_screen(view)))
            await pilot.press("k")
            await pilot.pause()
            assert view.scroll_offset.y == last - 1
            await pilot.press("q")
