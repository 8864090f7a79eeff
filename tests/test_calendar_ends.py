"""Articles dated on the first and last days of the calendar (0001-01-01, 9999-12-31).

Python's calendar runs from year 1 to year 9999, so the week, month or year
after the last day (and the day before the first) cannot be computed.  Such
dates are kept and shown as written; the timeline, date searches, sorting,
the front page and the date cache handle them, on the first launch (the
reader indexes) and on a relaunch (the saved front page and caches in play).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from pilot_steps import settle

from byline.index.library.api import open_library
from byline.index.library.front_page import load_front_page
from byline.index.library.locations import locate
from byline.reader.app import BylineApp
from byline.reader.text import format_date
from byline.reader.widgets.article_list import ArticleList
from byline.reader.widgets.timeline_bar import TimelineBar

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from textual.pilot import Pilot

FIRST, LAST = dt.date.min, dt.date.max
ARTICLES = {
    "first.txt": " date 0001-01-01 Scribes record the first harvest, the abbot said.\n",
    "last.txt": " date 9999-12-31 Robots record the last harvest, the archivist said.\n",
    "middle.txt": " date 2021-06-15 Farmers record a fair harvest, the council said.\n",
}


@pytest.fixture
def ends_corpus(tmp_path: Path, write_article: Callable[[Path, str, str], Path]) -> Path:
    root = tmp_path / "ends"
    for name, text in ARTICLES.items():
        write_article(root, name, text)
    return root


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("date:9999", ["last.txt"]),
        ("date:9999-12", ["last.txt"]),
        ("date:9999-12-31", ["last.txt"]),
        ("date:9999-12-27..9999-12-31", ["last.txt"]),  # the calendar's last (short) week
        ("date:0001", ["first.txt"]),
        ("date:0001-01", ["first.txt"]),
        ("after:9999-12-30", ["last.txt"]),
        ("after:9999", []),
        ("after:9999-12-31", []),
        ("before:0001", []),
        ("before:0001-01-02", ["first.txt"]),
        ("harvest after:9999", []),
        ("harvest -after:9999", ["last.txt", "middle.txt", "first.txt"]),
        ('date:"last 5000 years"', ["middle.txt", "first.txt"]),
        ("date:0001..9999", ["last.txt", "middle.txt", "first.txt"]),
    ],
)
def test_date_searches_reach_both_ends(
    ends_corpus: Path, data_dir: Path, query: str, expected: list[str]
) -> None:
    with open_library(ends_corpus, data_dir) as library:
        library.update()
        results = library.search(query, sort="newest", now=dt.date(2026, 12, 4))
        assert results.ignored == ()
        assert [hit.source for hit in results.hits] == expected


def test_sorting_keeps_both_ends_in_order(ends_corpus: Path, data_dir: Path) -> None:
    with open_library(ends_corpus, data_dir) as library:
        library.update()
        newest = [h.date for h in library.search("harvest", sort="newest").hits]
        oldest = [h.date for h in library.search("", sort="oldest").hits]
        assert newest == [LAST, dt.date(2021, 6, 15), FIRST]
        assert oldest == newest[::-1]
        assert library.article(library.search("date:0001").hits[0].id).date == FIRST


def test_front_page_and_date_cache_round_trip_both_ends(ends_corpus: Path, data_dir: Path) -> None:
    with open_library(ends_corpus, data_dir) as library:
        library.update()
    page = load_front_page(locate(ends_corpus, data_dir)[1])
    assert page is not None
    assert [h.date for h in page.hits] == [LAST, dt.date(2021, 6, 15), FIRST]
    assert page.days == {FIRST: 1, LAST: 1, dt.date(2021, 6, 15): 1}
    # A second opening reads the day counts from the date cache.
    for _ in range(2):
        with open_library(ends_corpus, data_dir) as library:
            hits = library.search("", sort="newest").hits
            assert library.hit_days(hits) == ({FIRST: 1, LAST: 1, dt.date(2021, 6, 15): 1}, 0)


def _rows(app: BylineApp) -> list[str]:
    return [hit.source for hit in app.query_one(ArticleList).hits]


def _status(app: BylineApp) -> str:
    return str(app.query_one("#status").render())


async def _search(pilot: Pilot[None], app: BylineApp, query: str) -> None:
    await pilot.press("slash", "ctrl+u", *query, "enter")
    await settle(pilot, app, 2)


async def _narrow_and_back(pilot: Pilot[None], app: BylineApp, row: str, label: str) -> None:
    """``t`` narrows the list to the period under the cursor, ``t`` again shows all."""
    await pilot.press("t")
    await settle(pilot, app, 2)
    assert _rows(app) == [row]
    assert label in str(app.query_one(TimelineBar).render())
    await pilot.press("t")
    await settle(pilot, app, 2)
    assert len(_rows(app)) == len(ARTICLES)


async def _use_every_date_feature(pilot: Pilot[None], app: BylineApp) -> None:
    """Timeline to both ends and back, narrowing, sorting and date searches."""
    bar = app.query_one(TimelineBar)
    assert _rows(app) == ["last.txt", "middle.txt", "first.txt"]
    line = app.query_one(ArticleList).render_line(0).text
    assert "9999-12-31" in line
    timeline = bar.timeline
    assert timeline is not None
    assert timeline.granularity == "year"
    assert (timeline.buckets[0].start, timeline.buckets[-1].end) == (FIRST, LAST)
    assert bar.cursor == len(timeline.buckets) - 1  # starts on the latest period
    await pilot.press("right_square_bracket")  # already at the end: stays
    assert bar.cursor == len(timeline.buckets) - 1
    # (The narrowed list's own timeline is drawn: one article, one week.)
    await _narrow_and_back(pilot, app, "last.txt", "week of 9999-12-27: 1 narrowed")
    # The year before holds nothing: narrowed to it, the list says so.
    await pilot.press("left_square_bracket", "t")
    await settle(pilot, app, 2)
    assert _rows(app) == []
    assert "No articles match." in app.query_one(ArticleList).render_line(0).text
    assert "date:9998: nothing here" in str(bar.render())
    await pilot.press("t", "right_square_bracket")
    await settle(pilot, app, 2)
    # All the way back to year 1, past the start, and narrow there.
    for _ in range(3):
        bar.move(-5000)
        await pilot.press("left_square_bracket")
    assert bar.cursor == 0
    await _narrow_and_back(pilot, app, "first.txt", "week of 0001-01-01: 1 narrowed")
    # Sorting: relevance → newest → oldest.
    await _search(pilot, app, "harvest")
    for expected in (
        ["last.txt", "middle.txt", "first.txt"],
        ["first.txt", "middle.txt", "last.txt"],
    ):
        await pilot.press("s")
        await settle(pilot, app, 2)
        assert _rows(app) == expected
    await pilot.press("s")  # back to relevance
    await settle(pilot, app, 2)
    # Searches at the ends of the calendar, and one that can match nothing.
    await _search(pilot, app, "date:9999-12")
    assert _rows(app) == ["last.txt"]
    timeline = bar.timeline
    assert timeline is not None
    assert timeline.granularity == "week"
    assert timeline.buckets[-1].end == LAST  # the last week is cut short
    await pilot.press("t")
    await settle(pilot, app, 2)
    assert _rows(app) == ["last.txt"]
    assert "ignored" not in _status(app)
    await pilot.press("t")
    await _search(pilot, app, "date:0001-01")
    assert _rows(app) == ["first.txt"]
    await _search(pilot, app, "after:9999")
    assert _rows(app) == []
    assert "ignored" not in _status(app)
    # Open each end's article.
    for query, name in (("date:0001", "first.txt"), ("date:9999", "last.txt")):
        await _search(pilot, app, query)
        await pilot.press("enter")
        await settle(pilot, app, 1)
        view = app.query_one("#article")
        assert name in "".join(seg.text for seg in view.render_line(0))
        await pilot.press("q")


async def test_reader_on_first_launch_and_relaunch(ends_corpus: Path, data_dir: Path) -> None:
    for launch in ("first", "relaunch"):
        if launch == "relaunch":  # the first launch left a front page for this index
            assert load_front_page(locate(ends_corpus, data_dir)[1]) is not None
        app = BylineApp(ends_corpus, data_dir)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, app, 3)
            assert "3 articles" in _status(app), launch
            await _use_every_date_feature(pilot, app)
        assert app.return_code is None, launch


@pytest.mark.parametrize(
    ("fmt", "shown"),
    [
        ("%Y-%m-%d", "0001-01-01"),
        ("%d %b %Y", "01 Jan 0001"),
        ("%F", "0001-01-01"),
        ("%G-W%V", "0001-W01"),
        ("%%Y %Y", "%Y 0001"),  # an escaped %Y stays literal
        ("%C%y", "0001"),
        ("%c", "Mon Jan  1 00:00:00 0001"),
    ],
)
def test_early_years_keep_four_digits(fmt: str, shown: str) -> None:
    # glibc writes year 1 as "1": the list's date column would lose its width.
    assert format_date(FIRST, fmt) == shown
    assert len(format_date(FIRST, fmt)) == len(format_date(None, fmt))
    assert format_date(LAST, fmt).count("9999") == 1
