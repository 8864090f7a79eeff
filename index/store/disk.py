"""The on-disk index: Whoosh schema, where it lives, opening, rebuilding, writing.

Layout of one library's data directory::

    <data_dir>/
        meta.json        schema version and the corpus root it belongs to
        manifest.sqlite  one row per corpus file: mtime, size, id, problem
        whoosh/          the Whoosh index
        front_page.json  the reader's first screen (see byline.index.library.front_page)
        dates-*.bin      the newest-first order (see byline.index.library.date_cache)

The manifest lets ``update`` find new, changed and deleted files without
reading the index's stored fields.  It is written after the index commits,
so after a crash it can only lag behind the index, which makes the next
update redo a little work, never lose any.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import json
import os
import shutil
import signal
import sqlite3
import sys
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if sys.platform != "win32":
    import fcntl
from whoosh import index as whoosh_index
from whoosh.fields import DATETIME, ID, NUMERIC, STORED, Schema
from whoosh.index import Index, LockError

from byline.index.corpus.scan_keys import Stat, parse_key, stat_key, walk_order
from byline.index.errors import IndexBusyError
from byline.index.library.atomic import write_atomic
from byline.index.library.front_page import FRONT_PAGE_FILE
from byline.index.library.locations import SCHEMA_VERSION, WHOOSH_INDEX_NAME, WHOOSH_SUBDIR
from byline.index.store.analyzers import WordField, name_analyzer, text_analyzer
from byline.index.store.whoosh_private import Writer

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from pathlib import Path

WRITER_WAIT_SECONDS = 60.0
WRITER_LIMIT_MB = 128
#: Bound parameters per SQLite statement (old builds allow no more than 999).
_SQL_CHUNK = 500
#: Whoosh reads each file of a compound segment into memory (a BytesIO copy
#: of the whole postings file) when a searcher opens it: 450 MB at 100,000
#: articles.  Plain segment files are read from disk as needed.
COMPOUND_SEGMENTS = False


def make_schema() -> Schema:
    """The schema byline indexes and searches with; bump :data:`SCHEMA_VERSION`
    whenever it changes.

    The index stores it as plain Whoosh fields (see
    :class:`~byline.index.store.analyzers.WordField`), which Whoosh alone can
    open; byline opens the index with this one.
    """
    text = text_analyzer()
    names = name_analyzer()
    return Schema(
        id=ID(unique=True, stored=True),
        rel=STORED(),
        mtime=STORED(),
        size=STORED(),
        ann=STORED(),
        headline=WordField(analyzer=text, stored=True, field_boost=2.0),
        body=WordField(analyzer=text),
        quote=WordField(analyzer=text),
        person=WordField(analyzer=names),
        org=WordField(analyzer=names),
        place=WordField(analyzer=names),
        speaker=WordField(analyzer=names),
        date=DATETIME(stored=True, sortable=True),
        # 1 for articles without a date: sorts them after the dated ones.
        undated=NUMERIC(sortable=True),
    )


@dataclass(slots=True, frozen=True)
class ManifestRow:
    """What the last update saw of one corpus file."""

    rel: str
    id: str
    mtime_ns: int
    size: int
    problem: str | None
    indexed: bool


@dataclass(slots=True)
class ManifestDiff:
    """How a scan of the corpus differs from the manifest."""

    #: New or changed files, in scan order.
    changed: list[Stat]
    #: Manifest rows of files that are gone.
    gone: list[ManifestRow]
    #: Manifest rows of the changed files the manifest knows (by path).
    known: dict[str, ManifestRow]
    unchanged: int
    #: Problems recorded for unchanged files: (path, reasons), in scan order.
    problems: list[tuple[str, str]]


@dataclass(slots=True)
class _Snapshot:
    # The manifest as stat keys: set differences against a scan run in C.
    version: int
    keys: set[str]
    #: Recorded problems by stat key.
    problems: dict[str, str]


class Manifest:
    """SQLite table of the corpus files as last indexed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = sqlite3.connect(path, timeout=30.0, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        # In WAL mode NORMAL cannot corrupt the file; a power cut may lose the
        # last update's rows, which only makes the next update redo them.
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS files (rel TEXT PRIMARY KEY, id TEXT NOT NULL, "
            "mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL, problem TEXT, "
            "indexed INTEGER NOT NULL)"
        )
        self._db.commit()
        self._snapshot: _Snapshot | None = None

    def rows_for(self, rels: Iterable[str]) -> dict[str, ManifestRow]:
        """The rows of ``rels`` that exist, keyed by relative path."""
        out: dict[str, ManifestRow] = {}
        keys = [_rel_to_db(rel) for rel in rels]
        for start in range(0, len(keys), _SQL_CHUNK):
            chunk = keys[start : start + _SQL_CHUNK]
            cur = self._db.execute(
                "SELECT rel, id, mtime_ns, size, problem, indexed FROM files "
                f"WHERE rel IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            for r in cur:
                rel = _rel_from_db(r[0])
                out[rel] = ManifestRow(rel, r[1], r[2], r[3], r[4], bool(r[5]))
        return out

    def diff(self, found: set[str]) -> ManifestDiff:
        """Compare a scan (a :func:`~byline.index.corpus.scan_keys.stat_key` each) to the manifest.

        The manifest is kept in memory between calls and reread only when
        another connection has written to it: at 100,000 files, reading it
        costs more than the scan.
        """
        snap = self._current()
        fresh = found - snap.keys
        stale = snap.keys - found
        changed = sorted(map(parse_key, fresh), key=lambda stat: walk_order(stat[0]))
        fresh_rels = {rel for rel, _m, _s in changed}
        stale_rels = {parse_key(key)[0] for key in stale}
        known = self.rows_for(stale_rels) if stale_rels else {}
        recorded = snap.problems.items()
        problems = sorted(
            ((parse_key(key)[0], reasons) for key, reasons in recorded if key in found),
            key=lambda item: walk_order(item[0]),
        )
        gone = [known.pop(rel) for rel in sorted(stale_rels - fresh_rels) if rel in known]
        return ManifestDiff(changed, gone, known, len(found) - len(fresh), problems)

    def _version(self) -> int:
        # Changes when another connection commits, never for this one's own.
        return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    def _current(self) -> _Snapshot:
        version = self._version()
        snap = self._snapshot
        if snap is None or snap.version != version:
            keys: set[str] = set()
            problems: dict[str, str] = {}
            cur = self._db.execute("SELECT rel, mtime_ns, size, problem FROM files")
            for rel, mtime_ns, size, problem in cur:
                if type(rel) is not str:
                    rel = _rel_from_db(rel)
                key = stat_key(rel, mtime_ns, size)
                keys.add(key)
                if problem:
                    problems[key] = problem
            snap = self._snapshot = _Snapshot(version, keys, problems)
        return snap

    def apply(self, upserts: Iterable[ManifestRow], deletes: Iterable[str]) -> None:
        """Record a finished update in one transaction."""
        upserts = list(upserts)
        deletes = list(deletes)
        snap = self._snapshot
        if snap is not None and snap.version != self._version():
            snap = self._snapshot = None
        old = self.rows_for([*deletes, *(r.rel for r in upserts)]) if snap is not None else {}
        with self._db:
            self._db.executemany(
                "DELETE FROM files WHERE rel = ?", ((_rel_to_db(r),) for r in deletes)
            )
            self._db.executemany(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)",
                (
                    (_rel_to_db(r.rel), r.id, r.mtime_ns, r.size, r.problem, int(r.indexed))
                    for r in upserts
                ),
            )
        if snap is not None:
            for row in old.values():
                key = stat_key(row.rel, row.mtime_ns, row.size)
                snap.keys.discard(key)
                snap.problems.pop(key, None)
            for row in upserts:
                key = stat_key(row.rel, row.mtime_ns, row.size)
                snap.keys.add(key)
                if row.problem:
                    snap.problems[key] = row.problem

    def close(self) -> None:
        """Close the database."""
        self._db.close()


def _rel_to_db(rel: str) -> str | bytes:
    # A file name that is not UTF-8 holds surrogate escapes, which SQLite text
    # cannot store: such names are kept as their raw bytes instead.
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        return rel.encode("utf-8", "surrogateescape")
    return rel


def _rel_from_db(value: str | bytes) -> str:
    return value.decode("utf-8", "surrogateescape") if isinstance(value, bytes) else value


def _read_meta(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _one_line(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """An exclusive ``flock`` on ``path`` (released by the kernel if we die)."""
    if sys.platform == "win32":  # no flock: go without
        yield
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


# File descriptors of write locks this process holds.  A child forked during
# an update (an indexing worker) inherits them, and an flock lives as long as
# any copy is open: a worker orphaned by a killed indexer would keep the index
# locked for good.  The code that forks has each child call
# :func:`detach_forked_child` first thing.
_HELD_LOCK_FDS: set[int] = set()
_PR_SET_PDEATHSIG = 1


def detach_forked_child(parent_pid: int) -> None:
    """In a child just forked by ``parent_pid`` during an update: close this
    process's copies of the parent's write locks (the parent's lock is
    untouched) and, on Linux, have the child killed when its parent dies."""
    for fd in _HELD_LOCK_FDS:
        os.close(fd)
    _HELD_LOCK_FDS.clear()
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
        if os.getppid() != parent_pid:  # the parent died before we asked
            os._exit(1)


def verify(ix: Index) -> None:
    """Read a little of every segment of ``ix``; raise if any of it is damaged.

    A truncated or missing segment file or table of contents fails when the
    reader opens; the stored fields of each segment's first and last
    documents and the first block of postings of every field cover the ends
    and beginnings of the rest.  Cheap: a handful of reads per segment, at
    any size (a field's first posting list can hold every document).
    """
    reader = ix.reader()
    try:
        reader.doc_count()
        for leaf, _offset in reader.leaf_readers():
            last = leaf.doc_count_all() - 1
            if last < 0:
                continue
            leaf.stored_fields(0)
            leaf.stored_fields(last)
            for fieldname in leaf.indexed_field_names():
                for term in leaf.lexicon(fieldname):
                    postings = leaf.postings(fieldname, term)
                    if postings.is_active():
                        postings.id()  # reads and decodes the list's first block
                    break
            if leaf.has_column("date"):
                column = leaf.column_reader("date", translate=False)
                column[0]
                column[last]
    finally:
        reader.close()


class Store:
    """One library's index and manifest on disk."""

    def __init__(self, directory: Path, corpus_root: Path) -> None:
        self.directory = directory
        self.corpus_root = corpus_root
        self.whoosh_dir = directory / WHOOSH_SUBDIR
        self.meta_path = directory / "meta.json"
        self.rebuilt_reason: str | None = None
        self.index = self._open_or_create()
        self.manifest = Manifest(directory / "manifest.sqlite")

    def _open_or_create(self) -> Index:
        self.directory.mkdir(parents=True, exist_ok=True)
        # Held while deciding whether to rebuild: two processes starting at once
        # must not both rebuild, nor one delete what the other is creating.
        with _file_lock(self.directory / "open.lock"):
            meta = _read_meta(self.meta_path)
            # Whoosh's own exists_in() raises on a damaged table of contents.
            exists = any(self.whoosh_dir.glob(f"_{WHOOSH_INDEX_NAME}_*.toc"))
            if meta.get("schema_version") == SCHEMA_VERSION:
                try:
                    # byline's schema, not the plain Whoosh one the index stores.
                    ix = whoosh_index.open_dir(
                        str(self.whoosh_dir), indexname=WHOOSH_INDEX_NAME, schema=make_schema()
                    )
                    verify(ix)
                except Exception as exc:  # any failure to read means the index is unusable
                    self.rebuilt_reason = (
                        f"the index was damaged ({type(exc).__name__}: "
                        f"{_one_line(str(exc))}); rebuilt"
                    )
                else:
                    return ix
            elif exists and not meta:
                self.rebuilt_reason = "the index was left incomplete by an interrupted run; rebuilt"
            elif exists:
                self.rebuilt_reason = "the index was made by another version of byline; rebuilt"
            return self._create()

    def _create(self) -> Index:
        # The manifest and the front page describe the old index: they go with it.
        for name in (
            WHOOSH_SUBDIR,
            "manifest.sqlite",
            "manifest.sqlite-wal",
            "manifest.sqlite-shm",
            FRONT_PAGE_FILE,
        ):
            target = self.directory / name
            if target.is_dir():
                shutil.rmtree(target, ignore_errors=True)
            else:
                target.unlink(missing_ok=True)
        self.whoosh_dir.mkdir(parents=True, exist_ok=True)
        ix = whoosh_index.create_in(
            str(self.whoosh_dir), make_schema(), indexname=WHOOSH_INDEX_NAME
        )
        meta = {"schema_version": SCHEMA_VERSION, "corpus": os.fsdecode(self.corpus_root)}
        write_atomic(self.meta_path, json.dumps(meta).encode())
        return ix

    @contextlib.contextmanager
    def writer(self, wait: float = WRITER_WAIT_SECONDS) -> Iterator[Any]:
        """A Whoosh writer, waiting for another process's writer to finish.

        Whoosh's lock is an ``flock``: the kernel releases it when its holder
        dies, so a killed indexer never leaves a stale lock behind.
        """
        deadline = time.monotonic() + wait
        while True:
            try:
                w = Writer(self.index, limitmb=WRITER_LIMIT_MB, compound=COMPOUND_SEGMENTS)
                break
            except LockError:
                if time.monotonic() >= deadline:
                    raise IndexBusyError(
                        "another byline process is updating this index; try again later"
                    ) from None
                time.sleep(0.2)
        lock_fd = getattr(getattr(w, "writelock", None), "fd", None)
        if isinstance(lock_fd, int):
            _HELD_LOCK_FDS.add(lock_fd)
        try:
            yield w
        except BaseException:
            w.cancel()
            raise
        else:
            w.commit()
        finally:
            _HELD_LOCK_FDS.discard(lock_fd)

    def writer_busy(self) -> bool:
        """Whether someone else (another process, say) holds the write lock right now."""
        lock = self.index.lock("WRITELOCK")
        if lock.acquire(blocking=False):
            lock.release()
            return False
        return True

    def doc_count(self) -> int:
        """Articles in the index."""
        return int(self.index.doc_count())

    def close(self) -> None:
        """Release files."""
        self.manifest.close()
        self.index.close()


def to_datetime(day: dt.date | None) -> dt.datetime | None:
    """Whoosh stores dates as datetimes."""
    return dt.datetime(day.year, day.month, day.day) if day else None
