"""Hold the screen's frames over a short transition until its answer comes.

Opening an article changes the layout at once (list hidden, article shown,
other keys) and shows the text when its worker has read it.  Drawn as it
happens, that is two frames, and the worker's read competes for the
interpreter with the first (measured with ``benchmarks/keys.py``: the read took
12 to 20 ms in its worker for 1.3 ms of work).  Holding the frames until the
answer comes, for at most a deadline, draws the change once.  Keys are still
handled meanwhile; only drawing waits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from textual.app import App
    from textual.timer import Timer


class FrameHold:
    """Frames held by Textual's ``App.batch_update`` until :meth:`release` or a deadline."""

    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._batch: AbstractContextManager[None] | None = None
        self._deadline: Timer | None = None

    @property
    def held(self) -> bool:
        """Whether frames are being held."""
        return self._batch is not None

    def hold(self, seconds: float) -> None:
        """Hold frames for at most ``seconds`` from now; while already held, the
        first deadline stands (keys in a row cannot keep the screen from drawing)."""
        if self._batch is not None:
            return
        self._batch = self._app.batch_update()
        self._batch.__enter__()
        self._deadline = self._app.set_timer(seconds, self.release, name="frame-hold")

    def release(self) -> None:
        """Draw again (what changed meanwhile is drawn in the next frame)."""
        if self._deadline is not None:
            self._deadline.stop()
            self._deadline = None
        batch, self._batch = self._batch, None
        if batch is not None:
            batch.__exit__(None, None, None)
            # Ending the batch wakes the app, not the screen, whose idle handler
            # skipped drawing while it was held: without this a release by the
            # deadline draws nothing until the next key.
            self._app.screen.check_idle()
