"""The main screen: search box, sidebar, results and reading panes, status line.

It routes: keys and widget messages change the app's :class:`Session` and
start workers; workers post messages (:mod:`byline.reader.messages`) that
it turns into what the panes show.  Workers touch no widget.
"""

from __future__ import annotations

from functools import cached_property, partial
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.actions import SkipAction
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import Worker, get_current_worker

from byline.index.library.front_page import LIST_LIMIT
from byline.index.library.state import StateError
from byline.index.models import Results
from byline.index.search.timeline import day_timeline
from byline.reader import background
from byline.reader.actions import bindings
from byline.reader.background import read_article
from byline.reader.frame_hold import FrameHold
from byline.reader.messages import (
    IndexChanged,
    IndexDone,
    IndexNote,
    IndexProgress,
    MarksChanged,
    SearchDone,
)
from byline.reader.screens.help import HelpScreen
from byline.reader.screens.reading_pane import ReadingPane
from byline.reader.screens.results_pane import ResultsPane
from byline.reader.screens.views_pane import ViewsPane
from byline.reader.text import safe_text
from byline.reader.widgets.article_list import ArticleList
from byline.reader.widgets.article_view import ArticleView
from byline.reader.widgets.footer import KeyFooter
from byline.reader.widgets.names_panel import NamesPanel
from byline.reader.widgets.search_box import SearchBox, placeholder
from byline.reader.widgets.sidebar import Sidebar
from byline.reader.widgets.status_line import StatusLine
from byline.reader.worker_failures import report_failure

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from textual.app import ComposeResult
    from textual.binding import BindingType
    from textual.timer import Timer

    from byline.index.library.api import Library
    from byline.index.library.front_page import FrontPage
    from byline.index.models import Hit
    from byline.reader.app import BylineApp
    from byline.reader.session import SearchRequest, Session

# Below this width the list and the article take turns on the whole screen
# (as in mutt or newsboat) instead of sharing it.
NARROW_WIDTH = 100
# The longest a new layout waits for the worker's answer to draw both at once:
# an opened article's text (read in about 2 ms), the first screenful of a
# search submitted with Enter (10 to 30 ms at 100,000 articles).
ARTICLE_HOLD = 0.05
SEARCH_HOLD = 0.1


class MainScreen(Screen[None]):
    """The reader: find articles, read them, mark them."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("main")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        report_failure(self, event)

    def __init__(self) -> None:
        super().__init__()
        self._search_timer: Timer | None = None
        # Until the first search of the opened index is shown, the list may be
        # the saved front page: what needs the whole list or the index waits.
        self._when_live: list[Callable[[], None]] = []

    @cached_property
    def _frame_hold(self) -> FrameHold:
        """Holds frames while a key's answer is on its way (see :mod:`.frame_hold`)."""
        return FrameHold(self.app)

    def compose(self) -> ComposeResult:
        yield SearchBox(id="search")
        yield Static(id="suggestion")
        with Horizontal(id="panes"):
            yield ViewsPane(id="sidebar")
            yield ResultsPane(id="results")
            yield ReadingPane(id="reader")
        yield StatusLine(id="status")
        yield KeyFooter()

    # -- what the screen works with ---------------------------------------

    @property
    def byline(self) -> BylineApp:
        """The app, which holds the library, the reading state and the session."""
        return cast("BylineApp", self.app)

    @property
    def session(self) -> Session:
        """The query, sort, filters and what is on screen."""
        return self.byline.session

    @property
    def results(self) -> ResultsPane:
        """The timeline and the article list."""
        return self.query_one(ResultsPane)

    @property
    def reading(self) -> ReadingPane:
        """The legend, the article and the names panel."""
        return self.query_one(ReadingPane)

    def on_mount(self) -> None:
        settings = self.byline.settings
        self.reading.configure(settings.highlights, settings.date_format)
        self.results.article_list.date_format = settings.date_format
        self._name_keys()
        state = self.byline.state
        if state is not None:
            box = self.query_one(SearchBox)
            box.history = [entry.query for entry in reversed(state.history())]
            box.remember("")  # puts the history cursor after the newest entry
        self._focus_list()
        # The saved front page is drawn while Whoosh loads and the index opens.
        page = self.byline.front_page()
        if page is not None:
            self._show_front_page(page)
        self.byline.open_library(after_first_screen=page is not None)

    def _name_keys(self) -> None:
        """Hints on screen name the keys as the user's key map has them."""
        hint = self.byline.key_hint
        self.query_one(StatusLine).match_keys = f"{hint('next-match')}/{hint('previous-match')}"
        self.results.timeline.keys = (
            hint("timeline-back"),
            hint("timeline-on"),
            hint("timeline-narrow"),
        )
        self.query_one(ViewsPane).save_keys = hint("save-search")
        self.query_one(SearchBox).placeholder = placeholder(hint("search"))

    def _show_front_page(self, page: FrontPage) -> None:
        results = Results(query="", hits=page.hits, total=page.total)
        timeline = day_timeline(page.days, page.undated)
        self.show_results(SearchDone("", results, page.hits, timeline, page.count))

    def library_opened(self) -> None:
        """The index is open: search it, bring it up to date, open what was asked for."""
        self.run_search()
        self.update_index()
        if self.session.pending_open is not None:
            self._open_hit(self.session.pending_open)

    def _once_live(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` now if the list comes from the index, else once it does."""
        if self.session.live:
            callback()
        else:
            self._when_live.append(callback)

    # -- layout and focus -------------------------------------------------

    def on_resize(self) -> None:
        self._apply_layout()

    # In the narrow layout only one of list and reading pane is shown, the
    # one being read. It changes together with each deliberate focus move, and
    # focus moves at once (Widget.focus would defer it, and a key typed
    # meanwhile would reach the pane being left).
    def _focus_reader(self, widget: ArticleView | NamesPanel) -> None:
        self.session.reading = True
        self._apply_layout()
        self.set_focus(widget)

    def _focus_list(self) -> None:
        self.session.reading = False
        self._apply_layout()
        self.set_focus(self.results.article_list)

    def _apply_layout(self) -> None:
        narrow = self.size.width < NARROW_WIDTH
        reading = self.session.reading
        results = self.results
        results.display = not (narrow and reading)
        results.set_class(narrow, "-alone")  # no divider when it fills the screen
        self.reading.display = not narrow or reading
        self.query_one(ViewsPane).display = self.session.sidebar_open and not (narrow and reading)

    def action_back_or_quit(self) -> None:
        """Leave the panel or the article; from the list, quit."""
        focused = self.focused
        if isinstance(focused, SearchBox):
            raise SkipAction()  # typing a "q"
        if isinstance(focused, NamesPanel):
            self._focus_reader(self.reading.view)
        elif isinstance(focused, ArticleView):
            self._focus_list()
        else:
            self.app.exit()

    def action_switch_pane(self) -> None:
        """From the list to the article and back; from the search box to the list."""
        if isinstance(self.focused, ArticleList):
            self._focus_reader(self.reading.view)
        else:
            self._focus_list()

    def action_focus_search(self) -> None:
        """Jump to the search box (in the box, "/" is just a character)."""
        box = self.query_one(SearchBox)
        # focused, not has_focus: the latter lags until the Focus event is handled.
        if self.focused is box:
            raise SkipAction()
        # Focus at once (Widget.focus defers it): the next keys go to the box.
        self.set_focus(box)

    def action_help(self) -> None:
        """Show every key."""
        self.app.push_screen(HelpScreen(self.byline.keymap))

    # -- searching --------------------------------------------------------

    def set_query(self, query: str) -> bool:
        """Search for ``query`` unless the list already shows it; True if it searches."""
        if query == self.session.query:
            return False
        self.session.query = query
        self.run_search()
        return self.byline.library is not None

    def _put_in_box(self, query: str) -> None:
        box = self.query_one(SearchBox)
        box.value = query
        box.cursor_position = len(query)

    @on(SearchBox.Changed, "#search")
    def _query_typed(self, event: SearchBox.Changed) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        value, delay = event.value, self.byline.search_delay
        if delay <= 0:
            self.set_query(value)
        else:
            self._search_timer = self.set_timer(delay, lambda: self.set_query(value))

    @on(SearchBox.Submitted, "#search")
    def _query_submitted(self, event: SearchBox.Submitted) -> None:
        self._remember(event.value)
        if self._search_timer is not None:
            self._search_timer.stop()
        searching = self.set_query(event.value)
        self._focus_list()
        if searching:
            self._frame_hold.hold(SEARCH_HOLD)

    @on(SearchBox.Left, "#search")
    def _left_search(self) -> None:
        self._focus_list()

    def run_search(self) -> None:
        """Search for the session's query as it stands (a newer search cancels this one)."""
        library = self.byline.library
        if library is not None:
            self._search(library, self.session.request())

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, library: Library, request: SearchRequest) -> None:
        done = background.search(library, request, self.byline.state)
        if not get_current_worker().is_cancelled:
            self.post_message(done)

    @on(SearchDone)
    def show_results(self, message: SearchDone) -> None:
        """Show a search's results (also the saved front page's)."""
        session = self.session
        if message.query != session.query:
            return
        session.results = message.results
        session.count_hint = message.count
        self._show_suggestion(message.results)
        self.results.show(message, session.empty_note(message.query))
        if self.results.article_list.screen_rows_loaded:
            self._frame_hold.release()  # else when the rows are read (ScreenFilled)
        self.refresh_marks()
        self._update_status()
        if not message.hits:
            self.byline.first_screen_shown()  # nothing to draw: no rows will report it
        if self.byline.library is not None and not session.live:
            session.live = True
            waiting, self._when_live = self._when_live, []
            for callback in waiting:
                callback()

    @on(ArticleList.ScreenFilled)
    def _list_filled(self) -> None:
        self._frame_hold.release()

    @on(ArticleList.RowsDrawn)
    def _rows_drawn(self) -> None:
        self.byline.first_screen_shown()

    def _show_suggestion(self, results: Results) -> None:
        line = self.query_one("#suggestion", Static)
        if not results.suggestions or results.hits:
            line.display = False
            return
        text = Text("Did you mean ")
        text.append_text(safe_text(self._corrected_query(results), style="bold italic"))
        text.append(f"?  {self.byline.key_hint('accept-suggestion')} accepts")
        line.update(text)
        line.display = True

    @staticmethod
    def _corrected_query(results: Results) -> str:
        from byline.index.search.query import parse_query  # loaded by the index by then

        return parse_query(results.query).replace_words(dict(results.suggestions))

    def action_accept_suggestion(self) -> None:
        """Search for the did-you-mean suggestion instead."""
        results = self.session.results
        if results is None or not results.suggestions or results.hits:
            raise SkipAction()
        corrected = self._corrected_query(results)
        self._put_in_box(corrected)
        self.set_query(corrected)

    def action_cycle_sort(self) -> None:
        """Relevance, newest first, oldest first."""
        sort = self.session.next_sort()
        self.run_search()
        self.notify(f"Sorted by {sort}", timeout=1.5)

    def _update_status(self) -> None:
        session = self.session
        self.query_one(StatusLine).set_state(
            indexing=session.indexing,
            count=session.count_hint,  # counted in the workers: never the index here
            results=session.results,
            limit=LIST_LIMIT,
            sort=session.sort,
            match=session.match,
        )

    # -- indexing ---------------------------------------------------------

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def update_index(self) -> None:
        """Bring the index up to date in the background."""
        library = self.byline.library
        if library is None:
            return
        self.post_message(IndexNote("checking for new articles…"))
        # Let the existing index paint first: the check walks the whole corpus
        # and would compete with the first screen for the interpreter, also
        # while that screen is drawn and written after its rows were found.
        cancelled = not self.byline.wait_for_first_screen()
        self.byline.resume_gc()
        if not cancelled:
            worker = get_current_worker()
            background.update_index(library, self.post_message, lambda: worker.is_cancelled)

    @on(IndexNote)
    def _index_note(self, message: IndexNote) -> None:
        self.session.indexing = message.note
        self._update_status()

    @on(IndexChanged)
    def _index_changed(self) -> None:
        self.run_search()

    @on(IndexProgress)
    def _index_progress(self, message: IndexProgress) -> None:
        if message.total:
            self.session.indexing = f"indexing {message.done:,}/{message.total:,}…"
            self._update_status()

    @on(IndexDone)
    def _index_done(self, message: IndexDone) -> None:
        self.session.indexing = ""
        if message.count is not None:
            self.session.count_hint = message.count
        status = self.query_one(StatusLine)
        if message.error:
            status.index_note = f"index update failed: {message.error}"
        elif message.report is not None:
            # A rebuilt index says why, first.
            report = message.report
            status.index_note = "; ".join((*report.notes, background.describe_report(report)))
            if message.report.indexed or message.report.removed:
                self.run_search()
            if self.session.sidebar_open:
                self.query_one(ViewsPane).recount()
        self._update_status()

    # -- reading ----------------------------------------------------------

    @on(ArticleList.Opened)
    def _opened(self, message: ArticleList.Opened) -> None:
        self._open_hit(message.hit)

    def _open_hit(self, hit: Hit) -> None:
        library = self.byline.library
        self.session.pending_open = None
        if library is None:
            self.session.pending_open = hit  # opened as soon as the index is
            return
        results = self.session.results
        # Read in a worker: the header shows at once, the text when it is read.
        self.reading.load(
            hit, partial(read_article, library, hit.id), results.terms if results else ()
        )
        self._focus_reader(self.reading.view)
        # One frame for the new layout and the text, if the text comes in time.
        self._frame_hold.hold(ARTICLE_HOLD)

    @on(ArticleView.Loaded)
    def _article_loaded(self, message: ArticleView.Loaded) -> None:
        self._frame_hold.release()
        self.reading.names.show_summary(message.annotations, message.article.text)
        article_id = message.article.id
        marks, writes = self.byline.marks, self.byline.writes
        if writes is not None and not marks.is_read(article_id):
            marks.set_read(article_id, True)
            writes.submit(lambda state: state.mark_read(article_id))
            self.refresh_marks()

    @on(ArticleView.LoadFailed)
    def _article_failed(self, message: ArticleView.LoadFailed) -> None:
        self._frame_hold.release()
        self.notify(message.error, severity="warning", markup=False)

    @on(ArticleView.Closed)
    def _close_article(self) -> None:
        self._focus_list()

    @on(ArticleView.MatchMoved)
    def _match_moved(self, message: ArticleView.MatchMoved) -> None:
        self.session.match = (message.index, message.total)
        self._update_status()

    def action_names_panel(self) -> None:
        """Show the panel of who is quoted and named, or move into it."""
        panel = self.reading.names
        if panel.has_focus:
            panel.display = False
            self.reading.view.focus()
            return
        panel.display = True
        self._focus_reader(panel)

    @on(NamesPanel.Pivot)
    def _pivot(self, message: NamesPanel.Pivot) -> None:
        self._put_in_box(message.query)
        self._remember(message.query)
        self.set_query(message.query)
        self._focus_list()

    @on(NamesPanel.Closed)
    def _close_names(self) -> None:
        self.reading.view.focus()

    def action_toggle_layer(self, layer: str) -> None:
        """Turn a highlight layer (quote, person, org, place) on or off."""
        self.reading.toggle_layer(layer)

    def action_copy(self) -> None:
        """Copy the chosen quotation, or the open article, to the clipboard (OSC 52)."""
        copied = self.reading.clipboard_text()
        if copied is None:
            self.notify("Open an article first", severity="warning", timeout=2)
            return
        text, note = copied
        self.app.copy_to_clipboard(text)
        self.notify(note, timeout=2)

    # -- reading state ----------------------------------------------------

    def _remember(self, query: str) -> None:
        self.query_one(SearchBox).remember(query)
        writes = self.byline.writes
        if writes is not None and query.strip():
            writes.submit(lambda state: state.add_history(query))

    def refresh_marks(self) -> None:
        """Redraw the rows' read and starred marks (from memory: no database read)."""
        self.results.set_marks(self.byline.marks.marks if self.byline.state is not None else None)

    def _target_id(self) -> str | None:
        """The article a mark applies to: the open one in the reading pane, else the cursor's."""
        article = self.reading.article
        if isinstance(self.focused, (ArticleView, NamesPanel)) and article:
            return article.id
        hit = self.results.current_hit
        return hit.id if hit else None

    def _change_state(self, change: str) -> None:
        article_id, marks, writes = self._target_id(), self.byline.marks, self.byline.writes
        if writes is None or article_id is None:
            self.notify("No reading state: marks are off", severity="warning")
            return
        if not marks.loaded:
            self.notify("Reading marks are still loading", severity="warning", timeout=1.5)
            return
        # Changed in memory at once; written to the database in order, in a worker.
        if change == "read":
            now = not marks.is_read(article_id)
            marks.set_read(article_id, now)
            writes.submit(
                lambda state: state.mark_read(article_id) if now else state.mark_unread(article_id)
            )
            self.notify("Marked read" if now else "Marked unread", timeout=1.5)
        else:
            now = not marks.is_starred(article_id)
            marks.set_starred(article_id, now)
            writes.submit(lambda state: state.star(article_id) if now else state.unstar(article_id))
            self.notify("Starred" if now else "Unstarred", timeout=1.5)
        self.refresh_marks()

    def action_toggle_read(self) -> None:
        """Mark the article read or unread."""
        self._change_state("read")

    def action_toggle_star(self) -> None:
        """Star or unstar the article."""
        self._change_state("star")

    def action_mark_all_read(self) -> None:
        """Mark every article in the list read (the first FILTER_LIMIT of a long list)."""
        if self.byline.state is not None:
            # Not from the front page: it holds the first rows only.
            self._once_live(self._mark_list_read)

    def _mark_list_read(self) -> None:
        self._mark_all_read(self.results.article_list.hits)

    @work(thread=True, exclusive=True, group="marks", exit_on_error=False)
    def _mark_all_read(self, hits: Sequence[Hit]) -> None:
        state = self.byline.state
        if state is None:
            return
        try:
            note, ids = background.mark_all_read(state, hits)
        except StateError as exc:
            self.notify(str(exc), severity="error", markup=False)  # thread-safe: a message
            return
        self.post_message(MarksChanged(note, ids))

    @on(MarksChanged)
    def _marks_changed(self, message: MarksChanged) -> None:
        self.notify(message.note, timeout=2)
        self.byline.marks.mark_many_read(message.ids)
        self.refresh_marks()

    # -- the timeline -----------------------------------------------------

    def action_timeline(self, step: int) -> None:
        """Move the timeline cursor to an earlier or later period."""
        self.results.move_timeline(step)

    def action_narrow_to_timeline(self) -> None:
        """Show only the results from the period under the timeline cursor (again: all)."""
        self.session.narrowed = self.results.toggle_narrowing()
        self.run_search()

    # -- views and saved searches -----------------------------------------

    def action_sidebar(self) -> None:
        """Show the views and saved searches, or hide them."""
        sidebar = self.query_one(ViewsPane)
        if sidebar.has_focus:
            self.session.sidebar_open = False
            self._focus_list()
            return
        self.session.sidebar_open = True
        self.session.reading = False
        self._apply_layout()
        self.set_focus(sidebar)
        self.query_one(ViewsPane).recount()

    @on(Sidebar.Chosen)
    def _view_chosen(self, message: Sidebar.Chosen) -> None:
        view = message.view
        self.session.only = view.only
        self.query_one(SearchBox).value = view.query
        self.session.query = view.query
        self.run_search()  # also when the query is unchanged but the filter is not
        self._focus_list()

    def action_save_search(self) -> None:
        """Save the current search under a name."""
        self.query_one(ViewsPane).save_search(self.session.query.strip())
