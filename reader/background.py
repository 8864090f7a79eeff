"""The work the reader does in threads: searching, indexing, counting views, marking read.

Plain functions over the library and the reading state; the screen's
``@work`` methods call them and post what they return.  Nothing here
touches a widget.
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import TYPE_CHECKING

from byline.index.errors import IndexBusyError
from byline.index.library.front_page import LIST_LIMIT
from byline.index.library.state import StateError
from byline.index.search.timeline import day_timeline
from byline.reader.messages import (
    IndexChanged,
    IndexDone,
    IndexNote,
    IndexProgress,
    SearchDone,
    ViewsCounted,
)
from byline.reader.widgets.sidebar import BUILT_IN

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from textual.message import Message

    from byline.index.library.api import Library
    from byline.index.library.state import ReadingState
    from byline.index.models import Annotations, Article, Hit, UpdateReport
    from byline.reader.session import SearchRequest

# How often to look whether another process has finished indexing.
BUSY_POLL = 0.3
# The unread and starred views, and "mark all read", look at this many hits at most.
FILTER_LIMIT = 5000


def search(library: Library, request: SearchRequest, state: ReadingState | None) -> SearchDone:
    """Run ``request``: the results, the hits its view keeps, and their timeline."""
    results = library.search(request.text, sort=request.sort, limit=LIST_LIMIT, lazy=True)
    results = replace(results, query=request.query)
    hits = with_mark(results.hits, request.only, state)
    # Counted here, not on the event loop: 100,000 hits take a while.
    spread = day_timeline(*library.hit_days(hits))
    return SearchDone(request.query, results, hits, spread, library.count())


def with_mark(hits: Sequence[Hit], only: str | None, state: ReadingState | None) -> Sequence[Hit]:
    """The hits a marks view (``only``: unread, starred) shows; all of them for None.

    Filtering reads each hit, so it looks at the first FILTER_LIMIT only.
    """
    if only is None or state is None:
        return hits
    hits = hits[:FILTER_LIMIT]
    ids = [h.id for h in hits]
    try:
        if only == "unread":
            read = state.read_ids(ids)
            return tuple(h for h in hits if h.id not in read)
        starred = state.starred_ids(ids)
    except StateError:
        return hits  # no marks to filter on: the whole list, as without state
    return tuple(h for h in hits if h.id in starred)


def count_views(
    library: Library, state: ReadingState | None, cancelled: Callable[[], bool]
) -> ViewsCounted | None:
    """Every view and saved search, counted (total and unread); None when cancelled."""
    saved = state.saved_searches() if state else []
    queries = {v.key: v.query for v in BUILT_IN if v.only is None}
    queries.update({f"saved:{s.name}": s.query for s in saved})
    counts: dict[str, tuple[int, int | None]] = {}
    for key, query in queries.items():
        if cancelled():
            return None
        ids = library.match_ids(query)
        counts[key] = (len(ids), state.count_unread(ids) if state else None)
        if key == "all" and state is not None:
            unread = counts[key][1] or 0
            counts["unread"] = (unread, None)
            counts["starred"] = (state.count_starred(ids), None)
    return ViewsCounted(saved, counts)


def mark_all_read(state: ReadingState, hits: Sequence[Hit]) -> tuple[str, list[str]]:
    """Mark the first FILTER_LIMIT of ``hits`` read; what was done, for a note, and the ids.

    Raises StateError when the marks cannot be written.
    """
    # Reading thousands of lazy hits is why this runs in a thread.
    ids = [hit.id for hit in hits[:FILTER_LIMIT]]
    count = state.mark_many_read(ids)
    return f"Marked {count:,} article{'s' if count != 1 else ''} read", ids


def read_article(library: Library, article_id: str) -> tuple[Article, Annotations]:
    """An article and its annotations (in a worker: reads the file and the index)."""
    return library.article(article_id), library.annotations(article_id)


def update_index(
    library: Library, post: Callable[[Message], object], cancelled: Callable[[], bool]
) -> None:
    """Bring the index up to date, posting progress and, at the end, :class:`IndexDone`.

    While another process indexes, waits for it and posts :class:`IndexChanged`
    as its commits land.
    """

    def progress(done: int, total: int) -> None:
        post(IndexProgress(done, total))

    while True:
        if not _wait_for_other_indexer(library, post, cancelled):
            return
        try:
            # Big updates run in a child process that can fork workers.
            report = library.update(progress=progress, in_child=True)
        except IndexBusyError:
            continue  # another process got in first: wait for it again
        except Exception as exc:  # reported in the status line, never a traceback
            post(IndexDone(None, f"{type(exc).__name__}: {exc}"))
            return
        post(IndexDone(report, count=library.count()))
        # Then the first search need not wait for the engine to load.
        library.warm_up()
        return


def _wait_for_other_indexer(
    library: Library, post: Callable[[Message], object], cancelled: Callable[[], bool]
) -> bool:
    """While another process indexes, show its commits as they land (False: cancelled)."""
    waited = False
    while library.busy():
        if cancelled():
            return False
        if not waited:
            waited = True
            post(IndexNote("another byline process is indexing; showing the index as it is"))
        if library.refresh():
            post(IndexChanged())
        time.sleep(BUSY_POLL)
    if waited and library.refresh():
        post(IndexChanged())
    return True


def describe_report(report: UpdateReport) -> str:
    """One line for the status line: what an index update did."""
    parts = []
    if report.added:
        parts.append(f"{report.added:,} new")
    if report.changed:
        parts.append(f"{report.changed:,} changed")
    if report.removed:
        parts.append(f"{report.removed:,} removed")
    if report.problems:
        parts.append(f"{len(report.problems):,} problem{'s' if len(report.problems) != 1 else ''}")
    return "index up to date" + (f" ({', '.join(parts)})" if parts else "")
