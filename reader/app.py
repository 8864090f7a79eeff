"""The byline Textual app: owns the library, the query, the results and the open article."""

from __future__ import annotations

import contextlib
import gc
import threading
import time
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.actions import SkipAction
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.driver import Driver
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static
from textual.worker import get_current_worker

from byline.index.errors import IndexBusyError, LibraryError
from byline.index.library.front_page import LIST_LIMIT, FrontPage, load_front_page
from byline.index.library.locations import locate
from byline.index.library.state import ReadingState, StateError
from byline.index.models import SORTS, Results, Sort
from byline.index.search.timeline import day_timeline
from byline.reader.config import Settings
from byline.reader.reading_marks import ReadingMarks, StateWrites
from byline.reader.screens.help import HelpScreen
from byline.reader.screens.name_prompt import NamePrompt
from byline.reader.signal_wakeup import SignalWakeup
from byline.reader.text import format_date, safe_text
from byline.reader.themes import register_themes
from byline.reader.widgets.article_list import ArticleList
from byline.reader.widgets.article_view import ArticleView
from byline.reader.widgets.footer import KeyFooter
from byline.reader.widgets.names_panel import NamesPanel
from byline.reader.widgets.search_box import SearchBox
from byline.reader.widgets.sidebar import BUILT_IN, Sidebar
from byline.reader.widgets.status_line import StatusLine
from byline.reader.widgets.timeline_bar import TimelineBar

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence
    from pathlib import Path

    from textual.screen import Screen
    from textual.timer import Timer

    from byline.index.library.api import Library
    from byline.index.models import Annotations, Article, Hit, UpdateReport
    from byline.index.search.timeline import Timeline

# The list shows at most LIST_LIMIT hits; the status line says when there are more.
# Hits are read lazily (only the rows on screen), so this costs little.
# Seconds the start-up check for changes waits for the first list to be drawn.
FIRST_SCREEN_GRACE = 2.0
# Below this width the list and the article take turns on the whole screen
# (as in mutt or newsboat) instead of sharing it.
NARROW_WIDTH = 100
# The unread and starred views look at this many hits at most.
FILTER_LIMIT = 5000
SEARCH_DEBOUNCE = 0.15
# How often to look whether another process has finished indexing.
BUSY_POLL = 0.3


@dataclass
class SearchDone(Message):
    """A search worker finished: its results, the hits to list (a view may have
    filtered them) and how those hits spread over time."""

    query: str
    results: Results
    hits: Sequence[Hit]
    timeline: Timeline


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
        # Priority: the screen's own Tab (focus next) would skip a hidden pane.
        Binding("tab", "switch_pane", "Switch pane", show=False, priority=True, id="switch-pane"),
        # Priority, so "q q" (back, then quit) typed fast is handled in order.
        Binding("q", "back_or_quit", "Back/Quit", id="quit", priority=True),
        Binding("s", "cycle_sort", "Sort", id="sort"),
        Binding("w", "names_panel", "Who's quoted/named", id="names"),
        Binding("y", "copy", "Copy", id="copy"),
        Binding("r", "toggle_read", "Read/unread", id="toggle-read"),
        Binding("A", "mark_all_read", "All read", show=False, id="mark-all-read"),
        Binding("f", "toggle_star", "Star", id="star"),
        Binding("v", "sidebar", "Views", id="views"),
        Binding("left_square_bracket", "timeline(-1)", "Earlier", show=False, id="timeline-back"),
        Binding("right_square_bracket", "timeline(1)", "Later", show=False, id="timeline-on"),
        Binding("t", "narrow_to_timeline", "Narrow to period", show=False, id="timeline-narrow"),
        Binding("ctrl+s", "save_search", "Save search", show=False, id="save-search"),
        Binding("1", "toggle_layer('quote')", "Quotes on/off", show=False, id="layer-quote"),
        Binding("2", "toggle_layer('person')", "People on/off", show=False, id="layer-person"),
        Binding("3", "toggle_layer('org')", "Orgs on/off", show=False, id="layer-org"),
        Binding("4", "toggle_layer('place')", "Places on/off", show=False, id="layer-place"),
        # Priority so it also works while typing in the search box; it passes
        # the key on when there is no suggestion.
        Binding("ctrl+f", "accept_suggestion", "Accept suggestion", show=False, priority=True),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
        Binding("ctrl+z", "suspend_process", "Suspend (fg resumes)", show=False, id="suspend"),
        Binding("colon,ctrl+p", "command_palette", "Commands", show=False, id="palette"),
    ]

    search_query: reactive[str] = reactive("", init=False)
    sort: reactive[Sort] = reactive[Sort]("relevance", init=False)

    def __init__(
        self,
        corpus_root: Path,
        data_dir: Path | None = None,
        *,
        settings: Settings | None = None,
        notes: Sequence[str] = (),
        state_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self.corpus_root = corpus_root
        self.data_dir = data_dir
        self.settings = settings or Settings()
        self.state_dir = state_dir
        self.state: ReadingState | None = None
        # Marks drawn from memory; writes to the state run in order in a worker.
        self.marks = ReadingMarks()
        self._writes: StateWrites | None = None
        self._notes = list(notes)
        self.library: Library | None = None
        # Until the first search of the opened index is shown, the list may be
        # the saved front page: what needs the whole list or the index waits.
        self._live = False
        self._when_live: list[Callable[[], None]] = []
        self._pending_open: Hit | None = None
        self._count_hint = 0
        self._signal_wakeup: SignalWakeup | None = None
        self.results: Results | None = None
        self.indexing: str = "opening index…"
        self._search_timer: Timer | None = None
        self._match: tuple[int, int] = (-1, 0)
        self._reading = False
        # A built-in view that filters on reading marks ("unread", "starred").
        self.only: str | None = None
        self._sidebar_open = False
        # A date: query from the timeline that narrows every search, or None.
        self._narrowed: str | None = None
        # Set once the first list has been drawn (the start-up check waits for it).
        self._first_screen = threading.Event()

    def compose(self) -> ComposeResult:
        yield SearchBox(id="search")
        yield Static(id="suggestion")
        with Horizontal(id="panes"):
            yield Sidebar(id="sidebar")
            with Vertical(id="results"):
                yield TimelineBar(id="timeline")
                yield ArticleList(id="list")
            with Vertical(id="reader"):
                yield Static(id="legend")
                yield ArticleView(id="article")
                yield NamesPanel(id="names")
        yield StatusLine(id="status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._signal_wakeup = SignalWakeup()
        self.sub_title = str(self.corpus_root)
        self._apply_settings()
        self._update_legend()
        self._focus_list()
        # The saved front page is drawn while Whoosh loads and the index opens.
        page = load_front_page(locate(self.corpus_root, self.data_dir)[1])
        if page is not None:
            self._show_front_page(page)
        self._open_library(after_first_screen=page is not None)

    def _show_front_page(self, page: FrontPage) -> None:
        self._count_hint = page.count
        results = Results(query="", hits=page.hits, total=page.total)
        timeline = day_timeline(page.days, page.undated)
        self._show_results(SearchDone("", results, page.hits, timeline))

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def _open_library(self, *, after_first_screen: bool) -> None:
        """Open the index (which loads Whoosh) in a thread, then search and check for changes."""
        # Loading Whoosh would compete with drawing the front page.
        if after_first_screen and not self._wait_for_first_screen():
            return
        from byline.index.library.api import open_library

        try:
            library = open_library(self.corpus_root, self.data_dir)
        except LibraryError as exc:
            self.call_from_thread(self.exit, message=str(exc), return_code=2)
            return
        self.call_from_thread(self._library_opened, library)

    def _library_opened(self, library: Library) -> None:
        if not self.is_running:  # quit while it opened
            library.close()
            return
        self.library = library
        self.run_search(self.search_query)
        self.update_index()
        if self._pending_open is not None:
            self._open_hit(self._pending_open)

    def _wait_for_first_screen(self) -> bool:
        """In a worker: wait for the first list to be drawn, or the grace (False: cancelled)."""
        worker = get_current_worker()
        deadline = time.monotonic() + FIRST_SCREEN_GRACE
        while not self._first_screen.wait(0.01):
            if time.monotonic() >= deadline or worker.is_cancelled:
                break
        return not worker.is_cancelled

    def _once_live(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` now if the list comes from the index, else once it does."""
        if self._live:
            callback()
        else:
            self._when_live.append(callback)

    def on_resize(self) -> None:
        self._apply_layout()

    def action_back_or_quit(self) -> None:
        """Leave the panel or the article; from the list, quit."""
        focused = self.screen.focused
        if not self.screen.query(ArticleList) or isinstance(focused, SearchBox):
            raise SkipAction()  # another screen is on top, or typing a "q"
        if isinstance(focused, NamesPanel):
            self._focus_reader(self.query_one(ArticleView))
        elif isinstance(focused, ArticleView):
            self._focus_list()
        else:
            self.exit()

    def action_switch_pane(self) -> None:
        """From the list to the article and back; from the search box to the list."""
        if not self.screen.query(ArticleList):
            raise SkipAction()  # another screen (help, palette) is on top
        if isinstance(self.screen.focused, ArticleList):
            self._focus_reader(self.query_one(ArticleView))
        else:
            self._focus_list()

    # In the narrow layout only one of list and reading pane is shown, the
    # one being read. It changes together with each deliberate focus move, and
    # focus moves at once (Widget.focus would defer it, and a key typed
    # meanwhile would reach the pane being left).
    def _focus_reader(self, widget: ArticleView | NamesPanel) -> None:
        self._reading = True
        self._apply_layout()
        self.screen.set_focus(widget)

    def _focus_list(self) -> None:
        self._reading = False
        self._apply_layout()
        self.screen.set_focus(self.query_one(ArticleList))

    def _apply_layout(self) -> None:
        narrow = self.size.width < NARROW_WIDTH
        results = self.query_one("#results")
        results.display = not (narrow and self._reading)
        results.set_class(narrow, "-alone")  # no divider when it fills the screen
        self.query_one("#reader").display = not narrow or self._reading
        self.query_one(Sidebar).display = self._sidebar_open and not (narrow and self._reading)

    def _apply_settings(self) -> None:
        """Reading state, theme, keys, layers and date format from state and config."""
        try:
            self.state = ReadingState(self.corpus_root, self.state_dir)
        except StateError as exc:
            self._notes.append(f"{exc}; read marks and history are off this time")
        else:
            self._writes = StateWrites(self.state, self._start_state_writes, self._write_failed)
            self._writes.submit(self._load_marks)
        register_themes(self)
        remembered = self.state.preference("theme") if self.state else None
        for theme in (remembered, self.settings.theme):
            if theme and theme in self.available_themes:
                self.theme = theme
                break
        if self.settings.keys:
            self.set_keymap(dict(self.settings.keys))
        view = self.query_one(ArticleView)
        for layer in view.shown_layers:
            view.shown_layers[layer] = layer in self.settings.highlights
        view.date_format = self.settings.date_format
        self.query_one(ArticleList).date_format = self.settings.date_format
        if self.state is not None:
            box = self.query_one(SearchBox)
            box.history = [entry.query for entry in reversed(self.state.history())]
            box.remember("")  # puts the history cursor after the newest entry
        for note in self._notes:
            self.notify(note, title="byline", severity="warning", timeout=12, markup=False)

    def watch_theme(self, theme: str) -> None:
        if self._writes is not None:
            self._writes.submit(lambda state: state.set_preference("theme", theme))

    def on_unmount(self) -> None:
        if self._signal_wakeup is not None:
            self._signal_wakeup.close()
        if self._writes is not None:
            self._writes.flush()
        if self.state is not None:
            self.state.close()
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
        self._submit_search(event.value)

    def _submit_search(self, value: str) -> None:
        self._remember(value)
        if self._search_timer is not None:
            self._search_timer.stop()
        if value != self.search_query:
            self.search_query = value
        self._focus_list()

    @on(SearchBox.Left, "#search")
    def _left_search(self) -> None:
        self._focus_list()

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, query: str) -> None:
        """Search in a thread; a newer search cancels this one."""
        library = self.library
        if library is None:
            return
        narrowed = self._narrowed  # set on the event loop; a str is read atomically
        full = f"({query}) {narrowed}" if narrowed and query.strip() else (narrowed or query)
        results = library.search(full, sort=self.sort, limit=LIST_LIMIT, lazy=True)
        results = replace(results, query=query)
        hits = self._filtered(results.hits)
        # Counted here, not on the event loop: 100,000 hits take a while.
        spread = day_timeline(*library.hit_days(hits))
        self._count_hint = library.count()  # for the status line, which must not ask the index
        if not get_current_worker().is_cancelled:
            self.post_message(SearchDone(query, results, hits, spread))

    @on(SearchDone)
    def _show_results(self, message: SearchDone) -> None:
        if message.query != self.search_query:
            return
        live = self.library is not None
        self.results = message.results
        self._show_suggestion(message.results)
        empty = (
            "No articles match." if message.query.strip() or self._narrowed else "No articles yet."
        )
        if not message.query.strip() and self.indexing:
            empty = "Indexing… articles appear as soon as the first batch is in."
        self.query_one(ArticleList).set_hits(
            message.hits,
            snippets=bool(message.results.terms),
            empty_note=empty,
        )
        self._refresh_marks()
        self.query_one(TimelineBar).show_timeline(message.timeline)
        self._update_status()
        if not message.hits:
            self._first_screen_drawn()  # nothing to draw: no rows will report it
        if live and not self._live:
            self._live = True
            waiting, self._when_live = self._when_live, []
            for callback in waiting:
                callback()

    @on(ArticleList.RowsDrawn)
    def _first_screen_drawn(self) -> None:
        # The first rows are being written to the terminal: the start-up check
        # for changes (which competes for the interpreter) may begin after it.
        if not self._first_screen.is_set():
            self.call_after_refresh(self._first_screen.set)

    @staticmethod
    def _resume_gc() -> None:
        """Resume garbage collection if the ``byline`` launcher paused it for start-up."""
        if not gc.isenabled():
            # What start-up built lives as long as the app: later full passes
            # need not walk it again.
            gc.freeze()
            gc.enable()

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
        # and would compete with the first screen for the interpreter, also
        # while that screen is drawn and written after its rows were found.
        cancelled = not self._wait_for_first_screen()
        self._resume_gc()
        if cancelled:
            return

        def progress(done: int, total: int) -> None:
            self.post_message(IndexProgress(done, total))

        while True:
            if not self._wait_for_other_indexer(library):
                return
            try:
                # Big updates run in a child process that can fork workers.
                report = library.update(progress=progress, in_child=True)
            except IndexBusyError:
                continue  # another process got in first: wait for it again
            except Exception as exc:  # reported in the status line, never a traceback
                self.post_message(IndexDone(None, f"{type(exc).__name__}: {exc}"))
                return
            self._count_hint = library.count()
            self.post_message(IndexDone(report))
            # Then the first search need not wait for the engine to load.
            library.warm_up()
            return

    def _wait_for_other_indexer(self, library: Library) -> bool:
        """While another process indexes, show its commits as they land (False: cancelled)."""
        worker = get_current_worker()
        waited = False
        while library.busy():
            if worker.is_cancelled:
                return False
            if not waited:
                waited = True
                self.indexing = "another byline process is indexing; showing the index as it is"
                self.call_from_thread(self._update_status)
            if library.refresh():
                self.call_from_thread(self.run_search, self.search_query)
            time.sleep(BUSY_POLL)
        if waited and library.refresh():
            self.call_from_thread(self.run_search, self.search_query)
        return True

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
            # A rebuilt index says why, first.
            status.index_note = "; ".join((*message.report.notes, _describe_report(message.report)))
            if message.report.indexed or message.report.removed:
                self.run_search(self.search_query)
            if self._sidebar_open:
                self.refresh_views()
        self._update_status()

    def _update_status(self) -> None:
        status = self.query_one(StatusLine)
        status.set_state(
            indexing=self.indexing,
            count=self._count_hint,
            results=self.results,
            limit=LIST_LIMIT,
            sort=self.sort,
            match=self._match,
        )

    # -- reading --------------------------------------------------------

    @on(ArticleList.Opened)
    def _opened(self, message: ArticleList.Opened) -> None:
        self._open_hit(message.hit)

    def _open_hit(self, hit: Hit) -> None:
        library = self.library
        self._pending_open = None
        if library is None:
            self._pending_open = hit  # opened as soon as the index is
            return
        view = self.query_one(ArticleView)
        terms = self.results.terms if self.results else ()
        # Read in a worker: the header shows at once, the text when it is read.
        view.load(hit, partial(_read_article, library, hit.id), terms)
        self.query_one(NamesPanel).show_summary(None)
        self._focus_reader(view)

    @on(ArticleView.Loaded)
    def _article_loaded(self, message: ArticleView.Loaded) -> None:
        self.query_one(NamesPanel).show_summary(message.annotations, message.article.text)
        article_id = message.article.id
        if self._writes is not None and not self.marks.is_read(article_id):
            self.marks.set_read(article_id, True)
            self._writes.submit(lambda state: state.mark_read(article_id))
            self._refresh_marks()

    @on(ArticleView.LoadFailed)
    def _article_failed(self, message: ArticleView.LoadFailed) -> None:
        self.notify(message.error, severity="warning", markup=False)

    @on(ArticleView.Closed)
    def _close_article(self) -> None:
        self._focus_list()

    # -- app keys -------------------------------------------------------

    def action_focus_search(self) -> None:
        """Jump to the search box (in the box, "/" is just a character)."""
        boxes = self.screen.query(SearchBox)
        # screen.focused, not has_focus: the latter lags until the Focus event is handled.
        if not boxes or self.screen.focused is boxes.first():
            raise SkipAction()  # another screen is on top, or typing "/" in the box
        # Focus at once (Widget.focus defers it): the next keys go to the box.
        self.screen.set_focus(boxes.first())

    @on(ArticleView.MatchMoved)
    def _match_moved(self, message: ArticleView.MatchMoved) -> None:
        self._match = (message.index, message.total)
        self._update_status()

    @on(NamesPanel.Pivot)
    def _pivot(self, message: NamesPanel.Pivot) -> None:
        search = self.query_one(SearchBox)
        search.value = message.query
        search.cursor_position = len(message.query)
        self._remember(message.query)
        self.search_query = message.query
        self._focus_list()

    @on(NamesPanel.Closed)
    def _close_names(self) -> None:
        self.query_one(ArticleView).focus()

    # -- reading state ----------------------------------------------------

    def _remember(self, query: str) -> None:
        self.query_one(SearchBox).remember(query)
        if self._writes is not None and query.strip():
            self._writes.submit(lambda state: state.add_history(query))

    def _start_state_writes(self, drain: Callable[[], None]) -> object:
        return self.run_worker(drain, thread=True, group="state-writes", exit_on_error=False)

    def _write_failed(self, error: str) -> None:
        # In the writes' worker thread.
        self.notify(error, severity="error", markup=False)

    def _load_marks(self, state: ReadingState) -> None:
        """In the writes' worker: read every read and starred id once, for the rows."""
        read, starred = state.read_ids(), state.starred_ids()
        self.call_from_thread(self._marks_loaded, read, starred)

    def _marks_loaded(self, read: frozenset[str], starred: frozenset[str]) -> None:
        self.marks.load(read, starred)
        self._refresh_marks()

    def _refresh_marks(self) -> None:
        self.query_one(ArticleList).set_marks(self._marks if self.state is not None else None)

    def _marks(self, article_id: str) -> tuple[bool, bool]:
        """(read, starred) for one list row, from memory."""
        return self.marks.marks(article_id)

    def _target_id(self) -> str | None:
        """The article a mark applies to: the open one in the reading pane, else the cursor's."""
        view = self.query_one(ArticleView)
        if isinstance(self.screen.focused, (ArticleView, NamesPanel)) and view.article:
            return view.article.id
        hit = self.query_one(ArticleList).current_hit
        return hit.id if hit else None

    def _change_state(self, change: str) -> None:
        article_id = self._target_id()
        writes = self._writes
        if writes is None or article_id is None:
            self.notify("No reading state: marks are off", severity="warning")
            return
        if not self.marks.loaded:
            self.notify("Reading marks are still loading", severity="warning", timeout=1.5)
            return
        # Changed in memory at once; written to the database in order, in a worker.
        if change == "read":
            now = not self.marks.is_read(article_id)
            self.marks.set_read(article_id, now)
            writes.submit(
                lambda state: state.mark_read(article_id) if now else state.mark_unread(article_id)
            )
            self.notify("Marked read" if now else "Marked unread", timeout=1.5)
        else:
            now = not self.marks.is_starred(article_id)
            self.marks.set_starred(article_id, now)
            writes.submit(lambda state: state.star(article_id) if now else state.unstar(article_id))
            self.notify("Starred" if now else "Unstarred", timeout=1.5)
        self._refresh_marks()

    def action_toggle_read(self) -> None:
        """Mark the article read or unread."""
        self._change_state("read")

    def action_toggle_star(self) -> None:
        """Star or unstar the article."""
        self._change_state("star")

    def action_mark_all_read(self) -> None:
        """Mark every article in the list read (the first FILTER_LIMIT of a long list)."""
        if self.state is not None:
            # Not from the front page: it holds the first rows only.
            self._once_live(self._mark_list_read)

    def _mark_list_read(self) -> None:
        self._mark_all_read(self.query_one(ArticleList).hits)

    @work(thread=True, exclusive=True, group="marks", exit_on_error=False)
    def _mark_all_read(self, hits: Sequence[Hit]) -> None:
        # In a thread: reading thousands of lazy hits must not stall the screen.
        state = self.state
        if state is None:
            return
        ids = [hit.id for hit in hits[:FILTER_LIMIT]]
        try:
            count = state.mark_many_read(ids)
        except StateError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.notify(f"Marked {count:,} article{'s' if count != 1 else ''} read", timeout=2)
        self.call_from_thread(self._marked_read, ids)

    def _marked_read(self, ids: list[str]) -> None:
        self.marks.mark_many_read(ids)
        self._refresh_marks()

    def action_timeline(self, step: int) -> None:
        """Move the timeline cursor to an earlier or later period."""
        bar = self.query_one(TimelineBar)
        if bar.narrowed is None:
            bar.move(step)

    def action_narrow_to_timeline(self) -> None:
        """Show only the results from the period under the timeline cursor (again: all)."""
        bar = self.query_one(TimelineBar)
        bar.narrowed = self._narrowed = None if self._narrowed else bar.cursor_query()
        self.run_search(self.search_query)

    def _filtered(self, hits: Sequence[Hit]) -> Sequence[Hit]:
        """The hits a marks view (unread, starred) shows; runs in the search worker.

        Filtering reads each hit, so it looks at the first FILTER_LIMIT only.
        """
        if self.only is None or self.state is None:
            return hits
        hits = hits[:FILTER_LIMIT]
        ids = [h.id for h in hits]
        try:
            if self.only == "unread":
                read = self.state.read_ids(ids)
                return tuple(h for h in hits if h.id not in read)
            starred = self.state.starred_ids(ids)
        except StateError:
            return hits
        return tuple(h for h in hits if h.id in starred)

    # -- views and saved searches -------------------------------------------

    def action_sidebar(self) -> None:
        """Show the views and saved searches, or hide them."""
        sidebar = self.query_one(Sidebar)
        if sidebar.has_focus:
            self._sidebar_open = False
            self._focus_list()
            return
        self._sidebar_open = True
        self._reading = False
        self._apply_layout()
        self.screen.set_focus(sidebar)
        self.refresh_views()

    @work(thread=True, exclusive=True, group="counts", exit_on_error=False)
    def refresh_views(self) -> None:
        """Recount every view and saved search (total and unread) in the background."""
        library, state = self.library, self.state
        if library is None:
            return
        saved = state.saved_searches() if state else []
        queries = {v.key: v.query for v in BUILT_IN if v.only is None}
        queries.update({f"saved:{s.name}": s.query for s in saved})
        counts: dict[str, tuple[int, int | None]] = {}
        for key, query in queries.items():
            if get_current_worker().is_cancelled:
                return
            ids = library.match_ids(query)
            counts[key] = (len(ids), state.count_unread(ids) if state else None)
            if key == "all" and state is not None:
                unread = counts[key][1] or 0
                counts["unread"] = (unread, None)
                counts["starred"] = (state.count_starred(ids), None)
        self.call_from_thread(self.query_one(Sidebar).show_views, saved, counts)

    @on(Sidebar.Chosen)
    def _view_chosen(self, message: Sidebar.Chosen) -> None:
        view = message.view
        self.only = view.only
        self.query_one(SearchBox).value = view.query
        self.search_query = view.query
        self.run_search(view.query)  # also when the query is unchanged but the filter is not
        self._focus_list()

    def action_save_search(self) -> None:
        """Save the current search under a name."""
        query = self.search_query.strip()
        if not query or self.state is None:
            self.notify("Type a search first (and reading state must be available)", timeout=3)
            return

        def save(name: str | None) -> None:
            if name and self.state is not None:
                try:
                    self.state.save_search(name, query)
                except StateError as exc:
                    self.notify(str(exc), severity="error", markup=False)
                    return
                self.notify(f"Saved as {name}", timeout=2, markup=False)
                self.refresh_views()

        self.push_screen(NamePrompt(f"Save the search {query!r} as:"), save)

    @on(Sidebar.Edit)
    def _edit_saved(self, message: Sidebar.Edit) -> None:
        state, name = self.state, message.view.label
        if state is None:
            return
        if message.delete:
            with contextlib.suppress(StateError):
                state.delete_search(name)
            self.notify(f"Deleted {name}", timeout=2, markup=False)
            self.refresh_views()
            return

        def rename(new: str | None) -> None:
            if new and new != name:
                try:
                    state.rename_search(name, new)
                except StateError as exc:
                    self.notify(str(exc), severity="error", markup=False)
                self.refresh_views()

        self.push_screen(NamePrompt(f"Rename {name!r} to:", name), rename)

    def _show_suggestion(self, results: Results) -> None:
        line = self.query_one("#suggestion", Static)
        if not results.suggestions or results.hits:
            line.display = False
            return
        text = Text("Did you mean ")
        text.append_text(safe_text(self._corrected_query(results), style="bold italic"))
        text.append("?  Ctrl-f accepts")
        line.update(text)
        line.display = True

    def _corrected_query(self, results: Results) -> str:
        from byline.index.search.query import parse_query  # loaded by the index by then

        return parse_query(results.query).replace_words(dict(results.suggestions))

    def action_accept_suggestion(self) -> None:
        """Search for the did-you-mean suggestion instead."""
        results = self.results
        if results is None or not results.suggestions or results.hits:
            raise SkipAction()
        corrected = self._corrected_query(results)
        search = self.query_one(SearchBox)
        search.value = corrected
        search.cursor_position = len(corrected)
        self.search_query = corrected

    def action_cycle_sort(self) -> None:
        """Relevance, newest first, oldest first."""
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]

    def watch_sort(self) -> None:
        self.run_search(self.search_query)
        self.notify(f"Sorted by {self.sort}", timeout=1.5)

    def action_toggle_layer(self, layer: str) -> None:
        """Turn a highlight layer (quote, person, org, place) on or off."""
        view = self.query_one(ArticleView)
        view.set_layer(layer, not view.shown_layers[layer])
        self._update_legend()

    def _update_legend(self) -> None:
        self.query_one("#legend", Static).update(self.query_one(ArticleView).legend())

    def action_names_panel(self) -> None:
        """Show the panel of who is quoted and named, or move into it."""
        panel = self.query_one(NamesPanel)
        if panel.has_focus:
            panel.display = False
            self.query_one(ArticleView).focus()
            return
        panel.display = True
        self._focus_reader(panel)

    def action_copy(self) -> None:
        """Copy the chosen quotation, or the open article, to the clipboard (OSC 52)."""
        view = self.query_one(ArticleView)
        panel = self.query_one(NamesPanel)
        quote = panel.highlighted_quote if panel.has_focus else None
        if quote is not None:
            self.copy_to_clipboard(quote.text)
            self.notify("Quotation copied to the clipboard", timeout=2)
        elif view.article is not None:
            article = view.article
            header = f"{format_date(article.date)}  {article.source}"
            self.copy_to_clipboard(f"{header}\n\n{article.text}\n")
            self.notify("Article copied to the clipboard", timeout=2)
        else:
            self.notify("Open an article first", severity="warning", timeout=2)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every key's action is also a command in the palette (: or Ctrl-p)."""
        yield from super().get_system_commands(screen)
        commands = [
            ("Search", "Jump to the search box (/)", self.action_focus_search),
            ("Sort: cycle", "Relevance, newest first, oldest first (s)", self.action_cycle_sort),
            ("Who's quoted and named", "Panel of speakers and names (w)", self.action_names_panel),
            ("Copy", "Copy the article or chosen quotation, also over SSH (y)", self.action_copy),
            (
                "Accept suggestion",
                "Search for the did-you-mean words (Ctrl-f)",
                self._accept_if_any,
            ),
            ("Next match", "Jump to the next search match in the article (n)", self._next_match),
            ("Previous match", "Jump to the previous match (N)", self._previous_match),
            ("Help", "Show the keys (?)", self.action_help),
        ]
        for layer, label in (
            ("quote", "quotations"),
            ("person", "people"),
            ("org", "organisations"),
            ("place", "places"),
        ):
            commands.append(
                (
                    f"Highlight {label}: on/off",
                    f"Toggle the {label} highlight layer",
                    partial(self.action_toggle_layer, layer),
                )
            )
        for title, help_text, callback in commands:
            yield SystemCommand(title, help_text, callback)

    def _accept_if_any(self) -> None:
        with contextlib.suppress(SkipAction):
            self.action_accept_suggestion()

    def _next_match(self) -> None:
        self.query_one(ArticleView).action_next_match(1)

    def _previous_match(self) -> None:
        self.query_one(ArticleView).action_next_match(-1)

    @on(Driver.SignalResume)
    def _repaint_after_resume(self) -> None:
        # After Ctrl-z and fg the terminal's screen was cleared but its size is
        # the same, so no resize repaints it: repaint everything.
        self.screen.refresh()

    def action_help(self) -> None:
        """Show the keys."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.active_bindings))


def _read_article(library: Library, article_id: str) -> tuple[Article, Annotations]:
    """An article and its annotations (in a worker: reads the file and the index)."""
    return library.article(article_id), library.annotations(article_id)


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
