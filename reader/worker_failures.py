"""One line on screen when a background task fails with an error nobody expected.

The reader's workers run with ``exit_on_error=False``: a bug in one search or
count must not end a reading session.  Textual would then drop the error
silently; each node that runs workers hands their state changes here instead.
"""

from __future__ import annotations

import time
import weakref
from typing import TYPE_CHECKING

from textual.worker import WorkerState

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode
    from textual.worker import Worker

# Seconds a failure's note stays up; the same failure again meanwhile (each
# keystroke of a search, say) adds no second note.
SHOWN_FOR = 15.0
_last_shown: weakref.WeakKeyDictionary[App[object], tuple[str, float]] = weakref.WeakKeyDictionary()


def report_failure(node: DOMNode, event: Worker.StateChanged) -> None:
    """Notify the user when ``event`` says a worker failed."""
    if event.state is not WorkerState.ERROR:
        return
    worker, error = event.worker, event.worker.error
    what = worker.group if worker.group != "default" else worker.name
    detail = f"{type(error).__name__}: {error}" if error is not None else "unknown error"
    message = f"Background task '{what}' failed: {detail}"
    app, now = node.app, time.monotonic()
    last = _last_shown.get(app)
    if last is not None and last[0] == message and now - last[1] < SHOWN_FOR:
        return
    _last_shown[app] = (message, now)
    app.notify(
        message,
        title="byline: internal error",
        severity="error",
        timeout=SHOWN_FOR,
        markup=False,
    )
