"""Screenshots of the reader at 80x24, compared with the approved SVGs in __snapshots__/.

Update deliberately, after looking at the new picture:
    pytest tests/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from byline.reader.app import BylineApp

if TYPE_CHECKING:
    from pathlib import Path

    from textual.pilot import Pilot


async def _settle(pilot: Pilot[Any]) -> None:
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    # Widgets refilled from workers (the sidebar's counts) repaint after the
    # worker ends: let those repaints land before the picture is taken.
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()
    await pilot.pause()


def test_seed_article_with_highlights(snap_compare: Any, seed_corpus: Path, data_dir: Path) -> None:
    async def open_seed(pilot: Pilot[Any]) -> None:
        await _settle(pilot)
        await pilot.press("slash", *"Rogozin", "enter")
        await _settle(pilot)
        await pilot.press("enter")
        await _settle(pilot)

    app = BylineApp(seed_corpus, data_dir)
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_seed)


def test_sidebar_and_timeline(snap_compare: Any, seed_corpus: Path, data_dir: Path) -> None:
    async def open_sidebar(pilot: Pilot[Any]) -> None:
        await _settle(pilot)
        await pilot.press("slash", *"rail", "enter")
        await _settle(pilot)
        await pilot.press("v")
        await _settle(pilot)

    app = BylineApp(seed_corpus, data_dir)
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_sidebar)
