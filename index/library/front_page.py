"""The reader's first screen of an index, saved so that a launch can show it before Whoosh loads.

The reader opens on every article, newest first.  Building that list takes
importing Whoosh, opening the index, sorting every article by date and
counting them per day: over a tenth of a second at 100,000 articles, though
the index rarely changes between launches.  The front page keeps the list's
first rows, its length and its articles per day in a small JSON file next to
the index, so the reader can draw its first screen while the index opens.

A page belongs to one commit of the index: the generation number, mtime and
size of Whoosh's table of contents, which every commit writes anew.  A page
saved before a commit is therefore never taken for the index after it, and a
rebuilt index deletes its page.  This module never imports Whoosh.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from byline.index.library.atomic import write_atomic
from byline.index.library.locations import SCHEMA_VERSION, WHOOSH_INDEX_NAME, WHOOSH_SUBDIR
from byline.index.models import Hit

if TYPE_CHECKING:
    from collections.abc import Mapping

FRONT_PAGE_FILE = "front_page.json"
FORMAT = 1
#: Rows kept: more than a terminal shows at once.
ROWS = 200
#: The most hits the reader's list holds; the front page counts days over these.
LIST_LIMIT = 100_000


@dataclass(slots=True, frozen=True)
class IndexVersion:
    """One commit of a Whoosh index: its table of contents' generation, mtime and size."""

    generation: int
    mtime_ns: int
    size: int


@dataclass(slots=True, frozen=True)
class FrontPage:
    """The first rows of the newest-first list of a whole index, as of one commit.

    ``total`` is how many hits the full list has (every article, up to
    :data:`LIST_LIMIT`), ``days`` and ``undated`` count them per day.
    """

    version: IndexVersion
    count: int
    total: int
    hits: tuple[Hit, ...]
    days: Mapping[dt.date, int]
    undated: int


def index_version(directory: Path) -> IndexVersion | None:
    """The newest commit of the index in the library ``directory`` (``None``: no index)."""
    whoosh = directory / WHOOSH_SUBDIR
    prefix, suffix = f"_{WHOOSH_INDEX_NAME}_", ".toc"
    try:
        names = os.listdir(whoosh)
    except OSError:
        return None
    generations = [
        int(name[len(prefix) : -len(suffix)])
        for name in names
        if name.startswith(prefix)
        and name.endswith(suffix)
        and name[len(prefix) : -len(suffix)].isdigit()
    ]
    if not generations:
        return None
    newest = max(generations)
    try:
        st = os.stat(whoosh / f"{prefix}{newest}{suffix}")
    except OSError:  # a commit just replaced it
        return None
    return IndexVersion(newest, st.st_mtime_ns, st.st_size)


def load_front_page(directory: Path) -> FrontPage | None:
    """The saved front page of the library in ``directory``, if it is that of its index now."""
    try:
        data = json.loads((directory / FRONT_PAGE_FILE).read_bytes())
    except (OSError, ValueError):
        return None
    try:
        return _decode(data, index_version(directory))
    except (KeyError, TypeError, ValueError, OverflowError):  # damaged: as if there were none
        return None


def save_front_page(directory: Path, page: FrontPage) -> None:
    """Write ``page`` for the library in ``directory`` (atomically: all or nothing)."""
    data = {
        "format": FORMAT,
        "schema": SCHEMA_VERSION,
        "limit": LIST_LIMIT,
        "version": [page.version.generation, page.version.mtime_ns, page.version.size],
        "count": page.count,
        "total": page.total,
        "undated": page.undated,
        "days": [[day.toordinal(), n] for day, n in sorted(page.days.items())],
        # Paths may hold undecodable bytes: json escapes their surrogates.
        "rows": [
            [
                h.id,
                os.fsdecode(h.path),
                h.source,
                h.headline,
                h.date.toordinal() if h.date else None,
                h.score,
            ]
            for h in page.hits
        ],
    }
    write_atomic(directory / FRONT_PAGE_FILE, json.dumps(data, separators=(",", ":")).encode())


def _decode(data: Any, current: IndexVersion | None) -> FrontPage | None:
    version = IndexVersion(*(int(v) for v in data["version"]))
    if (
        current != version
        or data["format"] != FORMAT
        or data["schema"] != SCHEMA_VERSION
        or data["limit"] != LIST_LIMIT
    ):
        return None
    hits = tuple(
        Hit(
            id=str(article_id),
            path=Path(path),
            source=str(source),
            headline=str(headline),
            date=dt.date.fromordinal(day) if day is not None else None,
            score=float(score),
            snippet="",
        )
        for article_id, path, source, headline, day, score in data["rows"]
    )
    return FrontPage(
        version=version,
        count=int(data["count"]),
        total=int(data["total"]),
        hits=hits,
        days={dt.date.fromordinal(int(day)): int(n) for day, n in data["days"]},
        undated=int(data["undated"]),
    )
