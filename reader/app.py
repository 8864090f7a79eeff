"""The byline Textual app: owns the library, the query, the results and the open article."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.actions import SkipAction
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Footer
from textual.worker import get_current_worker

from byline.index.library import Library, LibraryError, open_library
from byline.reader.article_list import ArticleList
from byline.reader.article_view import ArticleView
from byline.reader.help_screen import HelpScreen
from byline.reader.search_box import SearchBox
from byline.reader.status_line import StatusLine

if TYPE_CHECKING:
    from pathlib import Path

    from textual.timer import Timer

    from byline.index.models import Results, UpdateReport

# The list shows at most this many hits; the status line says when there are more.
# Hits are read lazily (only the rows on screen), so this costs little.
LIST_LIMIT = 100_000
# Seconds the start-up check for changes waits for the first list to show.
FIRST_SCREEN_GRACE = 2.0
SEARCH_DEBOUNCE = 0.15


@dataclass
class SearchDone(Message):
    """A search worker finished."""

    query: str
    results: Results


@dataclass
class IndexProgress(Message):
    """The indexing worker made progress."""

    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        # Only the newest progress matters; floods collapse.
        return isinstance(message, IndexProgress)


@dataclass
class IndexDone(Message):
    """The indexing worker finished (``error`` set when it failed)."""

    report: UpdateReport | None
    error: str | None = None


class BylineApp(App[None]):
    """A keyboard-driven reader for a directory of articles."""

    TITLE = "byline"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS: ClassVar[list[BindingType]] = [
        # A priority binding runs before the keys typed after it are handed on,
        # so "/" followed at once by a query loses no keys.
        Binding("slash", "focus_search", "Search", id="search", priority=True),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("q", "quit", "Quit", id="quit"),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
        Binding("colon,ctrl+p", "command_palette", "Commands", show=False, id="palette"),
    ]

    search_query: reactive[str] = reactive("", init=False)

    def __init__(self, corpus_root: Path, data_dir: Path | None = None) -> None:
        super().__init__()
        self.corpus_root = corpus_root
        self.data_dir = data_dir
        self.library: Library | None = None
        self.results: Results | None = None
        self.indexing: str = "opening index…"
        self._search_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield SearchBox(id="search")
        with Horizontal(id="panes"):
            yield ArticleList(id="list")
            yield ArticleView(id="article")
        yield StatusLine(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.theme = "textual-dark"
        try:
            self.library = open_library(self.corpus_root, self.data_dir)
        except LibraryError as exc:
            self.exit(message=str(exc), return_code=2)
            return
        self.sub_title = str(self.corpus_root)
        self.query_one(ArticleList).focus()
        self.run_search("")
        self.update_index()

    def on_unmount(self) -> None:
        if self.library is not None:
            self.library.close()

    # -- searching ------------------------------------------------------

    @on(SearchBox.Changed, "#search")
    def _query_typed(self, event: SearchBox.Changed) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        value = event.value
        self._search_timer = self.set_timer(SEARCH_DEBOUNCE, lambda: self._set_query(value))

    def _set_query(self, value: str) -> None:
        self.search_query = value

    def watch_search_query(self, query: str) -> None:
        self.run_search(query)

    @on(SearchBox.Submitted, "#search")
    def _query_submitted(self, event: SearchBox.Submitted) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        if event.value != self.search_query:
            self.search_query = event.value
        self.query_one(ArticleList).focus()

    @on(SearchBox.Left, "#search")
    def _left_search(self) -> None:
        self.query_one(ArticleList).focus()

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, query: str) -> None:
        """Search in a thread; a newer search cancels this one."""
        library = self.library
        if library is None:
            return
        results = library.search(query, limit=LIST_LIMIT, lazy=True)
        if not get_current_worker().is_cancelled:
            self.post_message(SearchDone(query, results))

    @on(SearchDone)
    def _show_results(self, message: SearchDone) -> None:
        if message.query != self.search_query:
            return
        self.results = message.results
        empty = "No articles match." if message.query.strip() else "No articles yet."
        if not message.query.strip() and self.indexing:
            empty = "Indexing… articles appear as soon as the first batch is in."
        self.query_one(ArticleList).set_hits(
            message.results.hits, snippets=bool(message.results.terms), empty_note=empty
        )
        self._update_status()

    # -- indexing -------------------------------------------------------

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def update_index(self) -> None:
        """Bring the index up to date in the background."""
        library = self.library
        if library is None:
            return
        self.indexing = "checking for new articles…"
        self.call_from_thread(self._update_status)
        # Let the existing index paint first: the check walks the whole corpus
        # and would compete with the first screen for the interpreter.
        worker = get_current_worker()
        deadline = time.monotonic() + FIRST_SCREEN_GRACE
        while self.results is None and time.monotonic() < deadline and not worker.is_cancelled:
            time.sleep(0.01)

        def progress(done: int, total: int) -> None:
            self.post_message(IndexProgress(done, total))

        try:
            # Big updates run in a child process that can fork workers.
            report = library.update(progress=progress, in_child=True)
        except Exception as exc:  # reported in the status line, never a traceback
            self.post_message(IndexDone(None, f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(IndexDone(report))

    @on(IndexProgress)
    def _index_progress(self, message: IndexProgress) -> None:
        if message.total:
            self.indexing = f"indexing {message.done:,}/{message.total:,}…"
            self._update_status()

    @on(IndexDone)
    def _index_done(self, message: IndexDone) -> None:
        self.indexing = ""
        status = self.query_one(StatusLine)
        if message.error:
            status.index_note = f"index update failed: {message.error}"
        elif message.report is not None:
            status.index_note = _describe_report(message.report)
            if message.report.indexed or message.report.removed:
                self.run_search(self.search_query)
        self._update_status()

    def _update_status(self) -> None:
        status = self.query_one(StatusLine)
        status.set_state(
            indexing=self.indexing,
            count=self.library.count() if self.library else 0,
            results=self.results,
            limit=LIST_LIMIT,
        )

    # -- reading --------------------------------------------------------

    @on(ArticleList.Opened)
    def _open(self, message: ArticleList.Opened) -> None:
        library = self.library
        if library is None:
            return
        view = self.query_one(ArticleView)
        try:
            article = library.article(message.hit.id)
            annotations = library.annotations(message.hit.id)
        except LookupError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        terms = self.results.terms if self.results else ()
        view.show(article, annotations, terms)
        view.focus()

    @on(ArticleView.Closed)
    def _close_article(self) -> None:
        self.query_one(ArticleList).focus()

    # -- app keys -------------------------------------------------------

    def action_focus_search(self) -> None:
        """Jump to the search box (in the box, "/" is just a character)."""
        search = self.query_one(SearchBox)
        # screen.focused, not has_focus: the latter lags until the Focus event is handled.
        if self.screen.focused is search or self.screen is not search.screen:
            raise SkipAction()  # let the key through to whatever has focus
        else:
            # Focus at once (Widget.focus defers it): the next keys go to the box.
            self.screen.set_focus(search)

    def action_help(self) -> None:
        """Show the keys."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.active_bindings))


def _describe_report(report: UpdateReport) -> str:
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
