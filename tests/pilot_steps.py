"""Steps shared by the Pilot tests: waiting for the reader's workers and first
screen, and opening an article's names panel."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from byline.reader.widgets.article_list import ArticleList
from byline.reader.widgets.article_view import ArticleView
from byline.reader.widgets.names_panel import NamesPanel

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from byline.reader.app import BylineApp


async def settle(pilot: Pilot[Any], app: BylineApp, rounds: int) -> None:
    """Let the app's workers finish ``rounds`` times over (a finished worker may
    start the next: indexing re-runs the search, which may recount the views),
    then let the screen catch up."""
    for _ in range(rounds):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


async def first_screen_drawn(pilot: Pilot[Any], app: BylineApp, seconds: float) -> bool:
    """Whether the app reports its first list drawn within ``seconds``."""
    for _ in range(round(seconds / 0.05)):
        if app.first_screen_drawn:
            return True
        await pilot.pause(0.05)
    return app.first_screen_drawn


async def article_shown(pilot: Pilot[Any], app: BylineApp) -> None:
    """Wait for the article being opened to be read (in a worker) and shown."""
    await settle(pilot, app, 2)
    assert app.query_one(ArticleView).opening is None


def list_sources(app: BylineApp) -> set[str]:
    """The files of the articles the list shows."""
    return {hit.source for hit in app.query_one(ArticleList).hits}


async def open_names_panel(pilot: Pilot[Any], app: BylineApp, query: str, source: str) -> list[str]:
    """Search for ``query`` (which must find only ``source``), open it and the
    names panel; the text of the panel's rows."""
    await settle(pilot, app, 2)
    await pilot.press("slash", *query, "enter")  # Enter searches at once
    await settle(pilot, app, 2)
    assert list_sources(app) == {source}
    await pilot.press("enter")
    await article_shown(pilot, app)
    assert app.query_one(ArticleView).article is not None
    await pilot.press("w")
    await pilot.pause()
    panel = app.query_one(NamesPanel)
    assert panel.has_focus
    return [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]
