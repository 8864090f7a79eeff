"""Views, saved searches and the timeline in the reader (Pilot, 80x24)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pilot_steps import settle

from byline.reader.app import BylineApp
from byline.reader.screens.name_prompt import NamePrompt
from byline.reader.widgets.article_list import ArticleList
from byline.reader.widgets.sidebar import Sidebar
from byline.reader.widgets.timeline_bar import TimelineBar

if TYPE_CHECKING:
    from pathlib import Path


def _options(sidebar: Sidebar) -> list[str]:
    return [str(sidebar.get_option_at_index(i).prompt) for i in range(sidebar.option_count)]


async def test_sidebar_views_with_counts(seed_corpus: Path, data_dir: Path, tmp_path: Path) -> None:
    app = BylineApp(seed_corpus, data_dir, state_dir=tmp_path / "state")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app, 3)
        total = len(app.query_one(ArticleList).hits)
        await pilot.press("enter", "q", "A")  # read one, then mark all read
        await pilot.pause()
        await pilot.press("r")  # the first one unread again
        await pilot.press("v")
        await settle(pilot, app, 3)
        sidebar = app.query_one(Sidebar)
        assert sidebar.display
        assert sidebar.has_focus
        options = _options(sidebar)
        assert options[0] == f"All  {total} (1 new)"
        assert options[1] == "Unread  1"
        # Choose "Unread": the list shows only the unread article.
        sidebar.highlighted = 1
        await pilot.press("enter")
        await settle(pilot, app, 3)
        assert len(app.query_one(ArticleList).hits) == 1
        assert app.query_one(ArticleList).has_focus


async def test_save_rename_delete_a_search(
    seed_corpus: Path, data_dir: Path, tmp_path: Path
) -> None:
    app = BylineApp(seed_corpus, data_dir, state_dir=tmp_path / "state")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app, 3)
        await pilot.press("slash", *"rail", "enter")
        await settle(pilot, app, 3)
        rail_hits = len(app.query_one(ArticleList).hits)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NamePrompt)
        await pilot.press(*"Trains", "enter")
        await pilot.pause()
        await pilot.press("v")
        await settle(pilot, app, 3)
        sidebar = app.query_one(Sidebar)
        saved_row = next(i for i, o in enumerate(_options(sidebar)) if o.startswith("Trains"))
        assert _options(sidebar)[saved_row].startswith(f"Trains  {rail_hits}")

        sidebar.highlighted = saved_row
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, NamePrompt)
        await pilot.press("ctrl+u", *"Rail", "enter")
        await settle(pilot, app, 3)
        assert any(o.startswith("Rail  ") for o in _options(sidebar))

        sidebar.highlighted = next(
            i for i, o in enumerate(_options(sidebar)) if o.startswith("Rail")
        )
        await pilot.press("d")
        await settle(pilot, app, 3)
        assert not any(o.startswith("Rail  ") for o in _options(sidebar))


async def test_timeline_narrows_to_a_period(
    seed_corpus: Path, data_dir: Path, tmp_path: Path
) -> None:
    app = BylineApp(seed_corpus, data_dir, state_dir=tmp_path / "state")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app, 3)
        bar = app.query_one(TimelineBar)
        assert bar.timeline is not None
        assert bar.timeline.granularity == "month"  # the seeds span 2019-2024
        assert bar.cursor == len(bar.timeline.buckets) - 1  # the latest month
        latest = bar.timeline.buckets[-1]
        await pilot.press("t")
        await settle(pilot, app, 3)
        hits = app.query_one(ArticleList).hits
        assert hits
        assert len(hits) == latest.count
        assert all(h.date and latest.start <= h.date <= latest.end for h in hits)
        await pilot.press("t")  # back to everything
        await settle(pilot, app, 3)
        assert len(app.query_one(ArticleList).hits) > latest.count
        await pilot.press("left_square_bracket")
        assert bar.cursor == len(bar.timeline.buckets) - 2
