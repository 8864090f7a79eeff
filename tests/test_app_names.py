"""The names panel in the real app (Pilot, 80x24): one entry per person, and pivots
that run the canonical name's search over a real index."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pilot_steps import list_sources, open_names_panel, settle
from test_names_index import ARTICLES

from byline.reader.app import BylineApp
from byline.reader.widgets.names_panel import NamesPanel
from byline.reader.widgets.search_box import SearchBox

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from textual.pilot import Pilot


@pytest.fixture
def blair_corpus(tmp_path: Path, write_article: Callable[[Path, str, str], Path]) -> Path:
    root = tmp_path / "corpus"
    for name, text in ARTICLES.items():
        write_article(root, name, text)
    return root


async def _pivot(pilot: Pilot[None], app: BylineApp, rows: list[str], start: str) -> str:
    """Enter on the row starting with ``start``; the search it ran."""
    app.query_one(NamesPanel).highlighted = next(
        i for i, row in enumerate(rows) if row.startswith(start)
    )
    await pilot.press("enter")
    await settle(pilot, app, 2)
    return app.query_one(SearchBox).value


async def test_one_entry_for_every_way_the_article_names_him(
    blair_corpus: Path, data_dir: Path
) -> None:
    app = BylineApp(blair_corpus, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        rows = await open_names_panel(pilot, app, "Sedgefield", "full.txt")
        blair_rows = [row for row in rows if "Blair" in row]
        # "Tony Blair", "Mr Blair", "Blair" and "Blair's": one person, four mentions,
        # and the quotation attributed to "Blair" is his.
        assert blair_rows == ["Tony Blair  1 quote", "Tony Blair  \u00d74"]

        query = await _pivot(pilot, app, rows, "Tony Blair  \u00d7")
        assert query == 'person:"Tony Blair"'
        assert list_sources(app) == {"full.txt", "only-full.txt", "both.txt"}


async def test_namesakes_keep_their_own_entries_and_pivots(
    blair_corpus: Path, data_dir: Path
) -> None:
    app = BylineApp(blair_corpus, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        rows = await open_names_panel(pilot, app, "Durham", "both.txt")
        assert [row for row in rows if "Blair" in row] == [
            "Tony Blair  1 quote",
            "Cherie Blair  \u00d72",
            "Tony Blair  \u00d72",
        ]
        query = await _pivot(pilot, app, rows, "Tony Blair  1 quote")
        assert query == 'speaker:"Tony Blair"'
        assert list_sources(app) == {"full.txt", "both.txt"}

        rows = await open_names_panel(pilot, app, "Durham", "both.txt")
        query = await _pivot(pilot, app, rows, "Cherie Blair")
        assert query == 'person:"Cherie Blair"'
        assert list_sources(app) == {"both.txt"}


async def test_an_organisation_pivot_finds_its_short_name(
    blair_corpus: Path, data_dir: Path
) -> None:
    app = BylineApp(blair_corpus, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        rows = await open_names_panel(pilot, app, "profits", "corp.txt")
        assert [row for row in rows if "Microsoft" in row] == ["Microsoft Corp  \u00d72"]
        query = await _pivot(pilot, app, rows, "Microsoft Corp")
        assert query == 'org:"Microsoft"'
        assert list_sources(app) == {"corp.txt", "plain.txt"}
