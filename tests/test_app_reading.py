"""Reading-pane features driven by Pilot at 80x24: highlights, matches, names panel, copy."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pilot_steps import article_shown, settle
from textual.widgets import Static

from byline.reader.app import BylineApp
from byline.reader.widgets.article_list import ArticleList
from byline.reader.widgets.article_view import ArticleView
from byline.reader.widgets.names_panel import NamesPanel
from byline.reader.widgets.search_box import SearchBox

if TYPE_CHECKING:
    from pathlib import Path

    from textual.pilot import Pilot


async def _search(pilot: Pilot[None], app: BylineApp, query: str) -> None:
    await pilot.press("slash", *query, "enter")  # Enter searches at once
    await settle(pilot, app, 2)


def _status(app: BylineApp) -> str:
    return str(app.query_one("#status", Static).render())


async def _open_seed(pilot: Pilot[None], app: BylineApp) -> ArticleView:
    await settle(pilot, app, 2)
    await _search(pilot, app, "Rogozin")
    assert app.query_one(ArticleList).hits[0].source == "000_5422f9083324faf0.txt"
    await pilot.press("enter")
    await article_shown(pilot, app)
    view = app.query_one(ArticleView)
    assert view.article is not None
    return view


async def test_n_and_N_walk_the_matches(seed_corpus: Path, data_dir: Path) -> None:
    app = BylineApp(seed_corpus, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        view = await _open_seed(pilot, app)
        total = len(view.matches)
        assert total >= 3  # "Rogozin" appears several times in the seed article
        assert f"match -/{total}" in _status(app)
        await pilot.press("n")
        assert view.match_index == 0
        assert f"match 1/{total}" in _status(app)
        await pilot.press("n", "n")
        assert f"match 3/{total}" in _status(app)
        await pilot.press("N", "N", "N")
        assert f"match {total}/{total}" in _status(app)  # wraps round
        # The current match is on screen after jumping to it.
        await pilot.press("n")  # back to the first
        await pilot.press("N")  # the last one, near the end of the article
        await pilot.pause()
        assert view.scroll_offset.y > 0


async def test_layer_toggles_change_the_legend_and_the_text(
    seed_corpus: Path, data_dir: Path
) -> None:
    app = BylineApp(seed_corpus, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        view = await _open_seed(pilot, app)
        legend = app.query_one("#legend", Static)
        assert "(off)" not in str(legend.render())
        quote_style = view.get_component_rich_style("article-view--quote")

        def quote_styled() -> bool:
            # Colour and italic together are the quotation style (places are italic too).
            return any(
                seg.style is not None and seg.style.italic and seg.style.color == quote_style.color
                for y in range(view.size.height)
                for seg in view.render_line(y)
            )

        await pilot.press("G")  # scroll to where the quotations are
        await pilot.pause()
        assert quote_styled()
        await pilot.press("1")
        await pilot.pause()
        assert "quotes” (off)" in str(legend.render())
        assert not view.shown_layers["quote"]
        assert not quote_styled()
        await pilot.press("1")
        assert view.shown_layers["quote"]
        for key, layer in (("2", "person"), ("3", "org"), ("4", "place")):
            await pilot.press(key)
            assert not view.shown_layers[layer]


async def test_names_panel_lists_speakers_and_pivots(seed_corpus: Path, data_dir: Path) -> None:
    app = BylineApp(seed_corpus, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_seed(pilot, app)
        await pilot.press("w")
        await pilot.pause()
        panel = app.query_one(NamesPanel)
        assert panel.display
        assert panel.has_focus
        prompts = [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]
        joined = "\n".join(prompts)
        assert "Dmitry Rogozin" in joined
        assert "Roscosmos" in joined
        assert "We are not interested in this" in joined

        # Copy the highlighted quotation with y.
        quote_row = next(i for i, p in enumerate(prompts) if "We are not interested" in p)
        panel.highlighted = quote_row
        await pilot.press("y")
        assert app.clipboard.startswith("We are not interested in this.")

        # Enter on the speaker searches for every article quoting them.
        speaker_row = next(i for i, p in enumerate(prompts) if p.startswith("Dmitry Rogozin"))
        panel.highlighted = speaker_row
        await pilot.press("enter")
        await settle(pilot, app, 2)
        assert app.query_one(SearchBox).value == 'speaker:"Dmitry Rogozin"'
        hits = app.query_one(ArticleList).hits
        assert [h.source for h in hits] == ["000_5422f9083324faf0.txt"]


async def test_y_copies_the_open_article(seed_corpus: Path, data_dir: Path) -> None:
    app = BylineApp(seed_corpus, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        view = await _open_seed(pilot, app)
        await pilot.press("y")
        assert view.article is not None
        assert app.clipboard.startswith("2021-01-25  000_5422f9083324faf0.txt")
        assert view.article.paragraphs[-1] in app.clipboard


async def test_sort_cycles(seed_corpus: Path, data_dir: Path) -> None:
    app = BylineApp(seed_corpus, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app, 2)
        await _search(pilot, app, "rail")
        await pilot.press("s")
        await settle(pilot, app, 2)
        assert app.session.sort == "newest"
        assert "newest first" in _status(app)
        dates = [h.date for h in app.query_one(ArticleList).hits if h.date]
        assert dates == sorted(dates, reverse=True)
        await pilot.press("s")
        await settle(pilot, app, 2)
        dates = [h.date for h in app.query_one(ArticleList).hits if h.date]
        assert dates == sorted(dates)
        await pilot.press("s")
        assert app.session.sort == "relevance"


async def test_did_you_mean_and_accept(seed_corpus: Path, data_dir: Path) -> None:
    app = BylineApp(seed_corpus, data_dir, search_delay=0)  # each key searches at once
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app, 2)
        await pilot.press("slash", *"Rogozn")
        await settle(pilot, app, 2)
        line = app.query_one("#suggestion", Static)
        assert line.display
        assert "Did you mean rogozin?" in str(line.render())
        await pilot.press("ctrl+f")
        await settle(pilot, app, 2)
        assert app.query_one(SearchBox).value == "rogozin"
        assert app.query_one(ArticleList).hits
        assert not line.display


async def test_search_history_up_and_down(seed_corpus: Path, data_dir: Path) -> None:
    app = BylineApp(seed_corpus, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app, 2)
        await _search(pilot, app, "lunar")
        await _search(pilot, app, "rail")
        box = app.query_one(SearchBox)
        await pilot.press("slash")
        box.value = ""
        await pilot.press("up")
        assert box.value == "rail"
        await pilot.press("up")
        assert box.value == "lunar"
        await pilot.press("down", "down")
        assert box.value == ""
