"""Read and starred marks kept in memory, and writes to the reading state done in order
in a worker thread: drawing a row or pressing ``r`` never waits on SQLite."""

from __future__ import annotations

import threading
from collections import deque
from typing import TYPE_CHECKING

from byline.index.library.state import StateError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from byline.index.library.state import ReadingState


class ReadingMarks:
    """The read and starred article ids of the corpus, as last loaded and since changed.

    Until :meth:`load` has been called every article shows as read and unstarred
    (no marks), so a row never shows a mark it does not have.
    """

    def __init__(self) -> None:
        self.loaded = False
        self._read: set[str] = set()
        self._starred: set[str] = set()

    def load(self, read: Iterable[str], starred: Iterable[str]) -> None:
        """Take the marks read from the database (keeping changes made since)."""
        self._read.update(read)
        self._starred.update(starred)
        self.loaded = True

    def marks(self, article_id: str) -> tuple[bool, bool]:
        """(read, starred) for one article."""
        if not self.loaded:
            return True, False
        return article_id in self._read, article_id in self._starred

    def is_read(self, article_id: str) -> bool:
        """Whether ``article_id`` is read."""
        return article_id in self._read

    def is_starred(self, article_id: str) -> bool:
        """Whether ``article_id`` is starred."""
        return article_id in self._starred

    def set_read(self, article_id: str, read: bool) -> None:
        """Mark one article read or unread."""
        if read:
            self._read.add(article_id)
        else:
            self._read.discard(article_id)

    def set_starred(self, article_id: str, starred: bool) -> None:
        """Star or unstar one article."""
        if starred:
            self._starred.add(article_id)
        else:
            self._starred.discard(article_id)

    def mark_many_read(self, ids: Iterable[str]) -> None:
        """Mark every id read."""
        self._read.update(ids)


class StateWrites:
    """Runs writes to a :class:`ReadingState` one after another, in the order given,
    in one worker thread at a time.

    ``start(fn)`` must run ``fn`` in a new worker thread; ``failed(message)``
    is called from it when a write raises :class:`StateError`.
    """

    def __init__(
        self,
        state: ReadingState,
        start: Callable[[Callable[[], None]], object],
        failed: Callable[[str], None],
    ) -> None:
        self._state = state
        self._start = start
        self._failed = failed
        self._lock = threading.Lock()
        self._queue: deque[Callable[[ReadingState], object]] = deque()
        self._running = False
        # Held while a write runs, so flush() can wait for the one under way.
        self._writing = threading.Lock()

    def submit(self, write: Callable[[ReadingState], object]) -> None:
        """Queue ``write(state)``; it runs after every write submitted before it."""
        with self._lock:
            self._queue.append(write)
            if self._running:
                return
            self._running = True
        self._start(self._drain)

    def _next(self) -> Callable[[ReadingState], object] | None:
        with self._lock:
            if not self._queue:
                self._running = False
                return None
            return self._queue.popleft()

    def _drain(self) -> None:
        while True:
            # Taken before the next write is, so flush() waits for it.
            with self._writing:
                write = self._next()
                if write is None:
                    return
                self._run(write)

    def _run(self, write: Callable[[ReadingState], object]) -> None:
        try:
            write(self._state)
        except StateError as exc:
            self._failed(str(exc))
        except Exception as exc:  # reported like the others, and the queue goes on
            self._failed(f"{type(exc).__name__}: {exc}")

    def flush(self) -> None:
        """Run the writes still queued here and now (at exit, before the state closes);
        a write under way in a worker is waited for."""
        with self._writing:
            while True:
                with self._lock:
                    if not self._queue:
                        return
                    write = self._queue.popleft()
                self._run(write)
