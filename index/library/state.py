"""What the reader remembers between runs: read/starred marks, saved searches, history.

All of it lives in one SQLite database, ``state.sqlite3`` in the state
directory (default: byline's folder in the user's *data* dir; the
``BYLINE_STATE_DIR`` environment variable or an explicit argument moves it).
One database for every corpus rather than one per corpus, because:

* saved searches, the search history and remembered choices (such as the
  theme picked in the reader) belong to the person, not to a corpus: a
  query such as ``speaker:Rogozin date:"last week"`` means the same in any
  corpus, and the history recalled with the up arrow should not depend on
  which directory was opened;
* ``byline serve`` gives each SSH key its own state directory, and one file
  per person is easy to find, back up and delete;
* read and starred marks are scoped by the (resolved) corpus root, so two
  corpora that happen to share a relative path (and so an article id) never
  share a mark.

Marks are keyed by article id (derived from the path inside the corpus, see
:func:`byline.index.corpus.articles.article_id`), never by index document numbers, so
they survive re-indexing, a rebuilt index and a moved index directory.

Every action is one ``BEGIN IMMEDIATE`` transaction in WAL mode with a busy
timeout: a second process on the same database sees each action as soon as
it returns, and a crash loses at most the action in flight.  Methods are
safe to call from several threads of one process.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Self

from byline.index import paths

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator
    from types import TracebackType

#: How many searches the history keeps (oldest dropped first).
HISTORY_CAP = 500
SCHEMA_VERSION = 1
# SQLite allows 999 host parameters in old builds; stay well below.
_CHUNK = 500
# Past this many ids a batch query reads all of the corpus's marks instead.
_SCAN_OVER = 4 * _CHUNK

_SCHEMA = """
CREATE TABLE IF NOT EXISTS marks (
    corpus TEXT NOT NULL,
    id TEXT NOT NULL,
    read_at REAL,
    starred_at REAL,
    PRIMARY KEY (corpus, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS saved_searches (
    name TEXT PRIMARY KEY,
    query TEXT NOT NULL,
    position INTEGER NOT NULL,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS preferences (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS history (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    query TEXT NOT NULL,
    at REAL NOT NULL
);
"""


class StateError(Exception):
    """The state cannot be opened or an action cannot be done; the message is for the user."""


@dataclass(slots=True, frozen=True)
class ArticleState:
    """The marks on one article; ``None`` means not read / not starred."""

    id: str
    read_at: dt.datetime | None
    starred_at: dt.datetime | None

    @property
    def is_read(self) -> bool:
        """Whether the article has been read."""
        return self.read_at is not None

    @property
    def is_starred(self) -> bool:
        """Whether the article is starred."""
        return self.starred_at is not None


@dataclass(slots=True, frozen=True)
class SavedSearch:
    """A query kept under a name, exactly as typed (relative dates stay relative)."""

    name: str
    query: str
    position: int
    created_at: dt.datetime


@dataclass(slots=True, frozen=True)
class HistoryEntry:
    """One search from the history."""

    query: str
    at: dt.datetime


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _from_ts(value: float | None) -> dt.datetime | None:
    return None if value is None else dt.datetime.fromtimestamp(value, dt.UTC)


def _chunks(ids: Iterable[str]) -> Iterator[list[str]]:
    batch: list[str] = []
    for item in ids:
        batch.append(item)
        if len(batch) == _CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


class ReadingState:
    """The reading state of one corpus (plus the person's saved searches and history).

    ``corpus_root`` scopes the read/starred marks; ``state_dir`` defaults to
    :func:`byline.index.paths.state_dir`.  ``clock`` (returning an aware datetime) is
    for tests.  Raises :class:`StateError` when the database cannot be
    opened (unwritable directory, not a database).
    """

    def __init__(
        self,
        corpus_root: Path | str,
        state_dir: Path | str | None = None,
        *,
        history_cap: int = HISTORY_CAP,
        clock: Callable[[], dt.datetime] = _utc_now,
        busy_timeout: float = 10.0,
    ) -> None:
        self.corpus = os.fsdecode(Path(corpus_root).expanduser().resolve())
        directory = Path(state_dir).expanduser() if state_dir is not None else paths.state_dir()
        self.path = directory / paths.STATE_FILE
        self.history_cap = history_cap
        self._clock = clock
        self._lock = threading.Lock()
        try:
            directory.mkdir(parents=True, exist_ok=True)
            # Autocommit mode: transactions are begun explicitly in _write().
            self._db = sqlite3.connect(
                self.path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
            )
        except (OSError, sqlite3.Error) as exc:
            raise StateError(f"cannot open reading state {self.path}: {exc}") from exc
        try:
            self._db.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            self._db.execute("PRAGMA journal_mode = WAL")
            # FULL syncs the WAL at each commit, so even a power cut loses at
            # most the action in flight (NORMAL could lose several).  Actions
            # are one per keystroke, so the sync is not felt.
            self._db.execute("PRAGMA synchronous = FULL")
            with self._write() as db:
                version = db.execute("PRAGMA user_version").fetchone()[0]
                if version > SCHEMA_VERSION:
                    raise StateError(
                        f"reading state {self.path} was written by a newer byline "
                        f"(schema {version}, this one knows {SCHEMA_VERSION})"
                    )
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except sqlite3.Error as exc:
            self._db.close()
            raise StateError(f"cannot use reading state {self.path}: {exc}") from exc
        except StateError:
            self._db.close()
            raise

    # -- plumbing -------------------------------------------------------

    def _write(self) -> _Transaction:
        return _Transaction(self._db, self._lock)

    def _now(self) -> float:
        return self._clock().timestamp()

    def close(self) -> None:
        """Close the database (every action is already committed)."""
        with self._lock:
            self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _read_flag(self, id: str, column: str) -> bool:
        with self._lock:
            row = self._db.execute(
                f"SELECT {column} FROM marks WHERE corpus = ? AND id = ?", (self.corpus, id)
            ).fetchone()
        return row is not None and row[0] is not None

    def _set_flag(self, id: str, column: str, on: bool) -> bool:
        """Set or clear ``column`` on ``id``; True when that changed anything."""
        with self._write() as db:
            return _set_flag(db, self.corpus, id, column, self._now() if on else None)

    def _toggle_flag(self, id: str, column: str) -> bool:
        with self._write() as db:
            row = db.execute(
                f"SELECT {column} FROM marks WHERE corpus = ? AND id = ?", (self.corpus, id)
            ).fetchone()
            on = row is None or row[0] is None
            _set_flag(db, self.corpus, id, column, self._now() if on else None)
        return on

    def _ids_with(self, column: str, ids: Iterable[str] | None) -> frozenset[str]:
        with self._lock:
            if ids is None:
                cur = self._db.execute(
                    f"SELECT id FROM marks WHERE corpus = ? AND {column} IS NOT NULL",
                    (self.corpus,),
                )
                return frozenset(row[0] for row in cur)
            wanted = ids if isinstance(ids, set | frozenset) else set(ids)
            if len(wanted) > _SCAN_OVER:
                # One scan of the corpus's marks beats hundreds of IN (...) lookups.
                cur = self._db.execute(
                    f"SELECT id FROM marks WHERE corpus = ? AND {column} IS NOT NULL",
                    (self.corpus,),
                )
                return frozenset(row[0] for row in cur if row[0] in wanted)
            found: set[str] = set()
            for batch in _chunks(wanted):
                marks = ",".join("?" * len(batch))
                cur = self._db.execute(
                    f"SELECT id FROM marks WHERE corpus = ? AND {column} IS NOT NULL "
                    f"AND id IN ({marks})",
                    (self.corpus, *batch),
                )
                found.update(row[0] for row in cur)
            return frozenset(found)

    # -- read / unread --------------------------------------------------

    def mark_read(self, id: str) -> bool:
        """Mark ``id`` read (keeping the first time it was read); True if it was unread."""
        with self._write() as db:
            return _set_flag(db, self.corpus, id, "read_at", self._now(), keep=True)

    def mark_unread(self, id: str) -> bool:
        """Mark ``id`` unread; True if it was read."""
        return self._set_flag(id, "read_at", on=False)

    def toggle_read(self, id: str) -> bool:
        """Flip the read mark of ``id``; returns whether it is now read."""
        return self._toggle_flag(id, "read_at")

    def mark_many_read(self, ids: Iterable[str]) -> int:
        """Mark every id read in one transaction (all or none); returns how many were unread."""
        now = self._now()
        with self._write() as db:
            before = db.total_changes
            # An upsert whose WHERE fails changes nothing, so total_changes
            # counts exactly the ids that were unread.
            db.executemany(
                "INSERT INTO marks (corpus, id, read_at) VALUES (?, ?, ?) "
                "ON CONFLICT (corpus, id) DO UPDATE SET read_at = excluded.read_at "
                "WHERE read_at IS NULL",
                ((self.corpus, aid, now) for aid in ids),
            )
            return db.total_changes - before

    def is_read(self, id: str) -> bool:
        """Whether ``id`` has been read."""
        return self._read_flag(id, "read_at")

    def read_ids(self, ids: Iterable[str] | None = None) -> frozenset[str]:
        """The read ids of this corpus, or those among ``ids``."""
        return self._ids_with("read_at", ids)

    def count_read(self, ids: Iterable[str] | None = None) -> int:
        """How many articles of this corpus (or among ``ids``) are read."""
        if ids is None:
            with self._lock:
                row = self._db.execute(
                    "SELECT count(*) FROM marks WHERE corpus = ? AND read_at IS NOT NULL",
                    (self.corpus,),
                ).fetchone()
            return int(row[0])
        return len(self.read_ids(ids))

    def count_unread(self, ids: Iterable[str]) -> int:
        """How many of ``ids`` (duplicates counted once) are not read."""
        unique = set(ids)
        return len(unique) - len(self.read_ids(unique))

    # -- starred --------------------------------------------------------

    def star(self, id: str) -> bool:
        """Star ``id``; True if it was not starred."""
        with self._write() as db:
            return _set_flag(db, self.corpus, id, "starred_at", self._now(), keep=True)

    def unstar(self, id: str) -> bool:
        """Remove the star from ``id``; True if it was starred."""
        return self._set_flag(id, "starred_at", on=False)

    def toggle_star(self, id: str) -> bool:
        """Flip the star on ``id``; returns whether it is now starred."""
        return self._toggle_flag(id, "starred_at")

    def is_starred(self, id: str) -> bool:
        """Whether ``id`` is starred."""
        return self._read_flag(id, "starred_at")

    def starred_ids(self, ids: Iterable[str] | None = None) -> frozenset[str]:
        """The starred ids of this corpus, or those among ``ids``."""
        return self._ids_with("starred_at", ids)

    def count_starred(self, ids: Iterable[str] | None = None) -> int:
        """How many articles of this corpus (or among ``ids``) are starred."""
        return len(self.starred_ids(ids))

    # -- both -----------------------------------------------------------

    def article_states(self, ids: Iterable[str]) -> dict[str, ArticleState]:
        """The marks on each of ``ids`` (unmarked ids map to an all-``None`` state)."""
        wanted = list(dict.fromkeys(ids))
        found: dict[str, ArticleState] = {}
        with self._lock:
            for batch in _chunks(wanted):
                marks = ",".join("?" * len(batch))
                cur = self._db.execute(
                    "SELECT id, read_at, starred_at FROM marks "
                    f"WHERE corpus = ? AND id IN ({marks})",
                    (self.corpus, *batch),
                )
                for aid, read_at, starred_at in cur:
                    found[aid] = ArticleState(aid, _from_ts(read_at), _from_ts(starred_at))
        return {aid: found.get(aid) or ArticleState(aid, None, None) for aid in wanted}

    def article_state(self, id: str) -> ArticleState:
        """The marks on ``id``."""
        return self.article_states([id])[id]

    # -- saved searches -------------------------------------------------

    def save_search(self, name: str, query: str) -> SavedSearch:
        """Keep ``query`` as typed under ``name``.

        Saving under an existing name replaces its query and keeps its place
        in the list; a new name goes last.  Raises :class:`StateError` for a
        blank name.
        """
        name = _clean_name(name)
        with self._write() as db:
            row = db.execute(
                "SELECT position, created_at FROM saved_searches WHERE name = ?", (name,)
            ).fetchone()
            if row is not None:
                db.execute("UPDATE saved_searches SET query = ? WHERE name = ?", (query, name))
                position, created = row
            else:
                position = db.execute(
                    "SELECT coalesce(max(position) + 1, 0) FROM saved_searches"
                ).fetchone()[0]
                created = self._now()
                db.execute(
                    "INSERT INTO saved_searches VALUES (?, ?, ?, ?)",
                    (name, query, position, created),
                )
        return SavedSearch(name, query, position, dt.datetime.fromtimestamp(created, dt.UTC))

    def rename_search(self, old: str, new: str) -> SavedSearch:
        """Rename a saved search, keeping its query and place.

        Raises :class:`StateError` when ``old`` does not exist, ``new`` is
        blank, or another saved search is already called ``new``.
        """
        new = _clean_name(new)
        with self._write() as db:
            row = db.execute(
                "SELECT query, position, created_at FROM saved_searches WHERE name = ?", (old,)
            ).fetchone()
            if row is None:
                raise StateError(f"no saved search called {old!r}")
            if (
                new != old
                and db.execute("SELECT 1 FROM saved_searches WHERE name = ?", (new,)).fetchone()
            ):
                raise StateError(f"there is already a saved search called {new!r}")
            db.execute("UPDATE saved_searches SET name = ? WHERE name = ?", (new, old))
        query, position, created = row
        return SavedSearch(new, query, position, dt.datetime.fromtimestamp(created, dt.UTC))

    def delete_search(self, name: str) -> bool:
        """Forget the saved search ``name``; True if there was one."""
        with self._write() as db:
            cur = db.execute("DELETE FROM saved_searches WHERE name = ?", (name,))
            return cur.rowcount > 0

    def move_search(self, name: str, index: int) -> None:
        """Move the saved search ``name`` to place ``index`` (clamped) in the list.

        Raises :class:`StateError` when there is no such saved search.
        """
        with self._write() as db:
            names = [
                row[0]
                for row in db.execute("SELECT name FROM saved_searches ORDER BY position, name")
            ]
            if name not in names:
                raise StateError(f"no saved search called {name!r}")
            names.remove(name)
            names.insert(max(0, min(index, len(names))), name)
            db.executemany(
                "UPDATE saved_searches SET position = ? WHERE name = ?",
                ((pos, each) for pos, each in enumerate(names)),
            )

    def saved_searches(self) -> list[SavedSearch]:
        """Every saved search, in list order."""
        with self._lock:
            cur = self._db.execute(
                "SELECT name, query, position, created_at FROM saved_searches "
                "ORDER BY position, name"
            )
            return [
                SavedSearch(name, query, position, dt.datetime.fromtimestamp(created, dt.UTC))
                for name, query, position, created in cur
            ]

    # -- search history -------------------------------------------------

    def add_history(self, query: str) -> None:
        """Remember a search; blank ones are skipped, a repeat of the last one only moves its time.

        The history keeps the newest :attr:`history_cap` searches.
        """
        if not query.strip():
            return
        now = self._now()
        with self._write() as db:
            last = db.execute("SELECT seq, query FROM history ORDER BY seq DESC LIMIT 1").fetchone()
            if last is not None and last[1] == query:
                db.execute("UPDATE history SET at = ? WHERE seq = ?", (now, last[0]))
                return
            cur = db.execute("INSERT INTO history (query, at) VALUES (?, ?)", (query, now))
            db.execute(
                "DELETE FROM history WHERE seq <= ?", ((cur.lastrowid or 0) - self.history_cap,)
            )

    def history(self, limit: int | None = None) -> list[HistoryEntry]:
        """Past searches, newest first (at most ``limit``)."""
        with self._lock:
            cur = self._db.execute(
                "SELECT query, at FROM history ORDER BY seq DESC LIMIT ?",
                (-1 if limit is None else limit,),
            )
            return [HistoryEntry(query, dt.datetime.fromtimestamp(at, dt.UTC)) for query, at in cur]

    def clear_history(self) -> None:
        """Forget every past search."""
        with self._write() as db:
            db.execute("DELETE FROM history")

    # -- preferences ----------------------------------------------------

    def preference(self, name: str, default: str | None = None) -> str | None:
        """A remembered choice made in the reader (e.g. ``"theme"``), or ``default``."""
        with self._lock:
            row = self._db.execute(
                "SELECT value FROM preferences WHERE name = ?", (name,)
            ).fetchone()
        return default if row is None else str(row[0])

    def set_preference(self, name: str, value: str | None) -> None:
        """Remember ``value`` under ``name`` (None forgets it)."""
        with self._write() as db:
            if value is None:
                db.execute("DELETE FROM preferences WHERE name = ?", (name,))
            else:
                db.execute(
                    "INSERT INTO preferences VALUES (?, ?) "
                    "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                    (name, value),
                )


class _Transaction:
    """``with`` block = one ``BEGIN IMMEDIATE`` transaction, committed or rolled back whole."""

    def __init__(self, db: sqlite3.Connection, lock: threading.Lock) -> None:
        self._db = db
        self._lock = lock

    def __enter__(self) -> sqlite3.Connection:
        self._lock.acquire()
        try:
            # IMMEDIATE takes the write lock now, so two writers queue on the
            # busy timeout instead of failing when a read lock would upgrade.
            self._db.execute("BEGIN IMMEDIATE")
        except BaseException:
            self._lock.release()
            raise
        return self._db

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if exc_type is None:
                try:
                    self._db.execute("COMMIT")
                except BaseException:
                    self._rollback()
                    raise
            else:
                self._rollback()
        finally:
            self._lock.release()

    def _rollback(self) -> None:
        if self._db.in_transaction:
            self._db.execute("ROLLBACK")


def _set_flag(
    db: sqlite3.Connection,
    corpus: str,
    id: str,
    column: str,
    value: float | None,
    *,
    keep: bool = False,
) -> bool:
    """Set ``column`` of ``id`` to ``value``; ``keep`` leaves an existing mark's time alone."""
    row = db.execute(
        f"SELECT {column} FROM marks WHERE corpus = ? AND id = ?", (corpus, id)
    ).fetchone()
    before = None if row is None else row[0]
    if (before is None) == (value is None) and (keep or before == value):
        return False
    if row is None:
        db.execute(
            f"INSERT INTO marks (corpus, id, {column}) VALUES (?, ?, ?)", (corpus, id, value)
        )
    else:
        db.execute(
            f"UPDATE marks SET {column} = ? WHERE corpus = ? AND id = ?", (value, corpus, id)
        )
    # Rows with no mark left are dropped so the table only holds marked articles.
    db.execute(
        "DELETE FROM marks WHERE corpus = ? AND id = ? AND read_at IS NULL AND starred_at IS NULL",
        (corpus, id),
    )
    return (before is None) != (value is None)


def _clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise StateError("a saved search needs a name")
    return cleaned
