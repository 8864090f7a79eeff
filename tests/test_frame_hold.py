"""Frames held over a transition: released by its answer or by the deadline."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from textual.app import App
from textual.widgets import Input, Static

from byline.reader.frame_hold import FrameHold

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.visual import VisualType


class Counted(Static):
    """A Static that counts how often it is drawn."""

    draws = 0

    def render(self) -> VisualType:
        self.draws += 1
        return super().render()


class Holder(App[None]):
    def compose(self) -> ComposeResult:
        yield Input()
        yield Counted("one")


async def test_the_deadline_draws_what_changed_while_held_without_a_key() -> None:
    app = Holder()
    async with app.run_test() as pilot:
        await pilot.pause()
        shown = app.query_one(Counted)
        hold = FrameHold(app)
        hold.hold(0.05)
        held = [hold.held]
        before = shown.draws
        shown.update("two")
        await asyncio.sleep(0.02)  # no input: nothing else wakes the screen
        assert shown.draws == before  # held
        await asyncio.sleep(0.2)
        held.append(hold.held)
        assert held == [True, False]
        assert shown.draws > before  # drawn once the deadline released it


async def test_keys_are_handled_while_held_and_cannot_move_the_deadline() -> None:
    app = Holder()
    async with app.run_test() as pilot:
        hold = FrameHold(app)
        hold.hold(0.3)
        hold.hold(10)  # while held: the first deadline stands
        await pilot.press("a", "b")  # keys are handled while frames are held
        assert app.query_one(Input).value == "ab"
        await asyncio.sleep(0.5)
        assert not hold.held


async def test_an_answer_releases_at_once() -> None:
    app = Holder()
    async with app.run_test() as pilot:
        await pilot.pause()
        shown = app.query_one(Counted)
        hold = FrameHold(app)
        hold.hold(10)
        before = shown.draws
        shown.update("two")
        hold.release()
        assert not hold.held
        hold.release()  # nothing held: nothing to do
        await asyncio.sleep(0.1)
        assert shown.draws > before
