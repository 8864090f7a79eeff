"""Frames held over a transition: released by its answer or by the deadline."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Input

from byline.reader.frame_hold import FrameHold


class Holder(App[None]):
    def compose(self) -> ComposeResult:
        yield Input()


async def test_the_deadline_releases_frames_that_no_answer_released() -> None:
    app = Holder()
    async with app.run_test() as pilot:
        hold = FrameHold(app)
        hold.hold(0.05)
        assert hold.held
        await pilot.press("a", "b")  # keys are handled while frames are held
        assert app.query_one(Input).value == "ab"
        await pilot.pause(0.15)
        assert not hold.held


async def test_an_answer_releases_at_once_and_a_second_hold_only_moves_the_deadline() -> None:
    app = Holder()
    async with app.run_test() as pilot:
        hold = FrameHold(app)
        hold.hold(5)
        hold.hold(5)  # one batch, not two: one release ends it
        hold.release()
        assert not hold.held
        hold.release()  # nothing held: nothing to do
        with app.batch_update():  # a batch of the app's own is not disturbed
            hold.hold(5)
            hold.release()
        await pilot.press("x")
        await pilot.pause()
        assert app.query_one(Input).value == "x"
