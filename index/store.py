"""The on-disk index: Whoosh schema, where it lives, opening, rebuilding, writing.

Layout of one library's data directory::

    <data_dir>/
        meta.json        schema version and the corpus root it belongs to
        manifest.sqlite  one row per corpus file: mtime, size, id, problem
        whoosh/          the Whoosh index

The manifest lets ``update`` find new, changed and deleted files without
reading the index's stored fields.  It is written after the index commits,
so after a crash it can only lag behind the index, which makes the next
update redo a little work, never lose any.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs
from whoosh import index as whoosh_index
from whoosh.fields import DATETIME, ID, STORED, TEXT, Schema
from whoosh.index import Index, LockError
from whoosh.writing import SegmentWriter

from byline.index.analyzers import name_analyzer, text_analyzer

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

SCHEMA_VERSION = 1
APP_NAME = "byline"
WRITER_WAIT_SECONDS = 60.0
WRITER_LIMIT_MB = 128
#: Whoosh reads each file of a compound segment into memory (a BytesIO copy
#: of the whole postings file) when a searcher opens it: 450 MB at 100,000
#: articles.  Plain segment files are read from disk as needed.
COMPOUND_SEGMENTS = False


class IndexBusyError(Exception):
    """Another process holds the index's write lock for too long."""


def make_schema() -> Schema:
    """The Whoosh schema; bump :data:`SCHEMA_VERSION` whenever it changes."""
    text = text_analyzer()
    names = name_analyzer()
    return Schema(
        id=ID(unique=True, stored=True),
        rel=STORED(),
        mtime=STORED(),
        size=STORED(),
        ann=STORED(),
        headline=TEXT(analyzer=text, stored=True, field_boost=2.0),
        body=TEXT(analyzer=text),
        quote=TEXT(analyzer=text),
        person=TEXT(analyzer=names),
        org=TEXT(analyzer=names),
        place=TEXT(analyzer=names),
        speaker=TEXT(analyzer=names),
        date=DATETIME(stored=True, sortable=True),
    )


def default_data_root() -> Path:
    """Where indexes live unless the caller says otherwise (the user's cache dir)."""
    override = os.environ.get("BYLINE_CACHE_DIR")
    return Path(override) if override else Path(platformdirs.user_cache_dir(APP_NAME))


def library_dir(corpus_root: Path, data_dir: Path | None) -> Path:
    """The data directory of the library for ``corpus_root`` (one per corpus root)."""
    base = data_dir if data_dir is not None else default_data_root() / "libraries"
    key = hashlib.blake2b(os.fsencode(corpus_root), digest_size=6).hexdigest()
    name = "".join(c if c.isalnum() or c in "-_" else "_" for c in corpus_root.name)[:40]
    return base / f"{name or 'root'}-{key}"


@dataclass(slots=True, frozen=True)
class ManifestRow:
    """What the last update saw of one corpus file."""

    rel: str
    id: str
    mtime_ns: int
    size: int
    problem: str | None
    indexed: bool


class Manifest:
    """SQLite table of the corpus files as last indexed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = sqlite3.connect(path, timeout=30.0, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS files (rel TEXT PRIMARY KEY, id TEXT NOT NULL, "
            "mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL, problem TEXT, "
            "indexed INTEGER NOT NULL)"
        )
        self._db.commit()

    def rows(self) -> dict[str, ManifestRow]:
        """All rows, keyed by relative path."""
        cur = self._db.execute("SELECT rel, id, mtime_ns, size, problem, indexed FROM files")
        return {r[0]: ManifestRow(r[0], r[1], r[2], r[3], r[4], bool(r[5])) for r in cur}

    def apply(self, upserts: Iterable[ManifestRow], deletes: Iterable[str]) -> None:
        """Record a finished update in one transaction."""
        with self._db:
            self._db.executemany("DELETE FROM files WHERE rel = ?", ((r,) for r in deletes))
            self._db.executemany(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)",
                ((r.rel, r.id, r.mtime_ns, r.size, r.problem, int(r.indexed)) for r in upserts),
            )

    def close(self) -> None:
        """Close the database."""
        self._db.close()


def _read_meta(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


class Writer(SegmentWriter):  # type: ignore[misc]  # whoosh is untyped
    """A Whoosh segment writer that also commits segments other processes
    wrote for it (see :func:`byline.index.indexer.write_segments`)."""

    def __init__(self, ix: Index, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self.extra_segments: list[Any] = []

    def commit(self, mergetype: Any = None, optimize: Any = None, merge: Any = None) -> None:
        """Commit this writer's documents, deletions and the extra segments."""
        if not self.extra_segments:
            super().commit(mergetype=mergetype, optimize=optimize, merge=merge)
            return
        self._check_state()
        # Small old segments are merged as usual; the workers' big new ones
        # are added as they are (merging them would run on one core).
        final = self._merge_segments(mergetype, optimize, merge)
        final.extend(self.extra_segments)
        if self._added:
            final.append(self._finalize_segment())
        else:
            self._close_segment()
        self._commit_toc(final)
        self._finish()


class Store:
    """One library's index and manifest on disk."""

    def __init__(self, directory: Path, corpus_root: Path) -> None:
        self.directory = directory
        self.corpus_root = corpus_root
        self.whoosh_dir = directory / "whoosh"
        self.meta_path = directory / "meta.json"
        self.rebuilt_reason: str | None = None
        self.index = self._open_or_create()
        self.manifest = Manifest(directory / "manifest.sqlite")

    def _open_or_create(self) -> Index:
        self.directory.mkdir(parents=True, exist_ok=True)
        meta = _read_meta(self.meta_path)
        exists = whoosh_index.exists_in(str(self.whoosh_dir))
        if exists and meta.get("schema_version") == SCHEMA_VERSION:
            try:
                return whoosh_index.open_dir(str(self.whoosh_dir))
            except Exception as exc:  # any failure to open means the index is unusable
                self.rebuilt_reason = (
                    f"the index could not be opened ({type(exc).__name__}); rebuilt"
                )
        elif exists:
            self.rebuilt_reason = "the index was made by another version of byline; rebuilt"
        return self._create()

    def _create(self) -> Index:
        # The manifest describes the old index: it goes with it.
        for name in ("whoosh", "manifest.sqlite", "manifest.sqlite-wal", "manifest.sqlite-shm"):
            target = self.directory / name
            if target.is_dir():
                shutil.rmtree(target, ignore_errors=True)
            else:
                target.unlink(missing_ok=True)
        self.whoosh_dir.mkdir(parents=True, exist_ok=True)
        ix = whoosh_index.create_in(str(self.whoosh_dir), make_schema())
        _write_atomic(
            self.meta_path,
            json.dumps({"schema_version": SCHEMA_VERSION, "corpus": os.fsdecode(self.corpus_root)}),
        )
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
                if time.monotonic() > deadline:
                    raise IndexBusyError(
                        "another byline process is updating this index; try again later"
                    ) from None
                time.sleep(0.2)
        try:
            yield w
        except BaseException:
            w.cancel()
            raise
        else:
            w.commit()

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
