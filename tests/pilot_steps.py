"""Waiting for the reader under Pilot: for its workers, and for its first screen."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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
        if app._first_screen.is_set():
            return True
        await pilot.pause(0.05)
    return app._first_screen.is_set()
