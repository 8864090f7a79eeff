"""Reads the hits a virtual list is about to draw, in a worker thread.

A lazy :class:`HitList` reads each hit (stored fields, snippet) from the index
on first access: too slow for ``render_line``.  The list asks a
:class:`RowLoader` for a window of rows instead; one worker thread at a time
reads the rows not yet loaded, newest request first, and hands them back in
batches, while the list draws placeholders for the rows still missing (as
toolong's loader thread feeds its log view).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from byline.index.search.hits import HitList

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from byline.index.models import Hit


def peek(hits: Sequence[Hit], index: int) -> Hit | None:
    """The hit at ``index`` if it is in memory (never reads the index)."""
    if isinstance(hits, HitList):
        return hits.loaded(index)
    return hits[index]


@dataclass(frozen=True, slots=True)
class RowRequest:
    """Rows of one list to load, in the order given (the most wanted first).

    ``generation`` tells the lists apart: a batch for an older list is dropped.
    ``locate`` is an article id whose position is found first (the list keeps
    the cursor on it); its window is then loaded around that position.
    """

    generation: int
    hits: Sequence[Hit]
    ranges: tuple[range, ...]
    locate: str | None = None


@dataclass(frozen=True, slots=True)
class RowBatch:
    """Rows read for a request: the hits by index, and where ``locate`` was found."""

    generation: int
    rows: dict[int, Hit]
    located: int | None = None
    error: str | None = None


class RowLoader:
    """Serves the newest :class:`RowRequest` in a worker thread, one worker at a time.

    ``start(fn)`` must run ``fn`` in a new worker thread; ``deliver(batch)`` is
    called from that thread with each batch (post a message from it).
    """

    # Rows read between looks for a newer request (and between batches).
    BATCH = 24

    def __init__(
        self, start: Callable[[Callable[[], None]], object], deliver: Callable[[RowBatch], None]
    ) -> None:
        self._start = start
        self._deliver = deliver
        self._lock = threading.Lock()
        self._wanted: RowRequest | None = None
        self._running = False

    def want(self, request: RowRequest) -> None:
        """Load ``request``'s rows; it replaces a request not yet being served."""
        with self._lock:
            self._wanted = request
            if self._running:
                return
            self._running = True
        self._start(self._run)

    def _run(self) -> None:
        while True:
            with self._lock:
                request, self._wanted = self._wanted, None
                if request is None:
                    self._running = False
                    return
            try:
                self._serve(request)
            except Exception as exc:  # the list shows it; the loader goes on serving
                error = f"{type(exc).__name__}: {exc}"
                self._deliver(RowBatch(request.generation, {}, error=error))

    def _newer(self) -> bool:
        with self._lock:
            return self._wanted is not None

    def _serve(self, request: RowRequest) -> None:
        hits = request.hits
        ranges = request.ranges
        located: int | None = None
        if request.locate is not None and isinstance(hits, HitList):
            located = hits.position(request.locate)
            if located is not None:
                # The ranges were asked around the old cursor: move them to the new one.
                shift = located - ranges[0].start if ranges else 0
                ranges = tuple(range(r.start + shift, r.stop + shift) for r in ranges)
        rows: dict[int, Hit] = {}
        told = request.locate is None  # whether the list has heard where ``locate`` is
        for wanted in ranges:
            for index in wanted:
                if not 0 <= index < len(hits) or peek(hits, index) is not None:
                    continue
                rows[index] = hits[index]
                if len(rows) == self.BATCH:
                    self._deliver(RowBatch(request.generation, rows, located))
                    rows, told, located = {}, True, None
                    if self._newer():
                        return  # the list moved on: serve where it is now
            # Each range as soon as it is read: the first is the screen.
            if rows or not told:
                self._deliver(RowBatch(request.generation, rows, located))
                rows, told, located = {}, True, None
            if self._newer():
                return
        if not told:
            self._deliver(RowBatch(request.generation, rows, located))
