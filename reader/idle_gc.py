"""Full garbage collections while the user is idle, not between a key and its screen.

A full pass of Python's cyclic collector over the reader's heap (Textual's
strips, segments and caches) took 13 to 86 ms at 100,000 articles
(``benchmarks/keys.py`` with ``gc.callbacks`` timing each pass), and ran
wherever the allocation count happened to cross its threshold: often right
after a key.  The reader freezes what start-up built (it lives as long as the
app), keeps the young generations as Python runs them (passes of a few
milliseconds), and runs the full pass itself when no key or click has come for
a moment, or, while the user keeps typing, at most every ``MAX_DEFERRAL``
seconds.
"""

from __future__ import annotations

import gc
import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

# How long without input counts as idle, and the longest a full pass waits.
IDLE_AFTER = 0.5
MAX_DEFERRAL = 30.0
# The least time between two full passes: an index update that allocates while
# the user is idle must not get one every tick.
MIN_INTERVAL = 5.0
# Python runs no full pass by itself while this many young passes have not
# come (``gc.set_threshold``'s third value).
_NEVER = 1_000_000_000
# Python 3.14's collector is incremental and reads the thresholds differently:
# there the reader leaves it alone.
TAKES_OVER = sys.version_info < (3, 14)


class IdleCollector:
    """Owns the collector's full passes for one reader process."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._last_input = self._clock()
        self._last_full = self._clock()
        # Python's thresholds from before start(); None when not started.
        self._threshold: tuple[int, int, int] | None = None
        self.full_passes = 0

    def start(self) -> None:
        """Freeze what exists now, turn collection on and take over the full passes."""
        if self._threshold is not None:
            return
        self._threshold = gc.get_threshold()
        gc.freeze()
        if TAKES_OVER:
            young0, young1, _full = self._threshold
            gc.set_threshold(young0, young1, _NEVER)
        gc.enable()

    def stop(self) -> None:
        """Give the full passes back to Python (the app is ending)."""
        if self._threshold is not None:
            gc.set_threshold(*self._threshold)
            self._threshold = None

    @property
    def started(self) -> bool:
        """Whether :meth:`start` has run."""
        return self._threshold is not None

    def input_seen(self) -> None:
        """A key or click arrived."""
        self._last_input = self._clock()

    def tick(self) -> bool:
        """Run a full pass if one is due and the user is idle (or it waited too
        long); True when it ran."""
        if not self.started or not TAKES_OVER or not gc.isenabled():
            return False
        now = self._clock()
        if now - self._last_full < MIN_INTERVAL:
            return False
        # Python's own rule: a full pass after ten middle-generation passes.
        due = gc.get_count()[2] >= 10
        idle = now - self._last_input >= IDLE_AFTER
        overdue = now - self._last_full >= MAX_DEFERRAL
        if not due or not (idle or overdue):
            return False
        gc.collect()
        self._last_full = now
        self.full_passes += 1
        return True
