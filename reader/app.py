"""The byline Textual app: settings, theme, the library and reading state, start-up.

What the reader shows lives in :class:`~byline.reader.session.Session`; the
main screen (:mod:`byline.reader.screens.main`) routes keys and messages;
every key comes from the action registry (:mod:`byline.reader.actions`).
"""

from __future__ import annotations

import gc
import threading
import time
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.driver import Driver
from textual.worker import Worker, get_current_worker

from byline.index.errors import LibraryError
from byline.index.library.front_page import FrontPage, load_front_page
from byline.index.library.locations import locate
from byline.index.library.state import ReadingState, StateError
from byline.reader.actions import ACTIONS, Action, bindings, keys_for, keys_label
from byline.reader.config import Settings
from byline.reader.idle_gc import IdleCollector
from byline.reader.reading_marks import ReadingMarks, StateWrites
from byline.reader.screens.main import MainScreen
from byline.reader.session import Session
from byline.reader.signal_wakeup import SignalWakeup
from byline.reader.themes import register_themes
from byline.reader.worker_failures import report_failure

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence
    from pathlib import Path

    from textual.binding import BindingType
    from textual.screen import Screen

    from byline.index.library.api import Library
    from byline.reader.widgets.article_view import ArticleView

# Seconds the start-up check for changes waits for the first list to be drawn.
FIRST_SCREEN_GRACE = 2.0
# Seconds typing must pause before the search runs.
SEARCH_DEBOUNCE = 0.15
# Seconds between looks at whether a full garbage collection is due.
IDLE_CHECK = 0.25
# What the user does: a full collection waits until none has come for a moment.
_INPUT = (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp, events.Paste)


class BylineApp(App[None]):
    """A keyboard-driven reader for a directory of articles."""

    TITLE = "byline"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS: ClassVar[list[BindingType]] = bindings("app")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        report_failure(self, event)

    def __init__(
        self,
        corpus_root: Path,
        data_dir: Path | None = None,
        *,
        settings: Settings | None = None,
        notes: Sequence[str] = (),
        state_dir: Path | None = None,
        search_delay: float = SEARCH_DEBOUNCE,
    ) -> None:
        """``search_delay``: seconds typing must pause before the search runs
        (0: every key searches at once, as the tests want)."""
        super().__init__()
        self.corpus_root = corpus_root
        self.data_dir = data_dir
        self.settings = settings or Settings()
        self.state_dir = state_dir
        self.search_delay = search_delay
        self.state: ReadingState | None = None
        # Read and starred marks drawn from memory; writes to the state run in
        # order in a worker (see :mod:`byline.reader.reading_marks`).
        self.marks = ReadingMarks()
        self.writes: StateWrites | None = None
        self.library: Library | None = None
        self.session = Session()
        self.main = MainScreen()
        self._notes = list(notes)
        self._signal_wakeup: SignalWakeup | None = None
        # Set once the first list has been drawn (the start-up check waits for it).
        self._first_screen = threading.Event()
        self.collector = IdleCollector()

    def get_default_screen(self) -> MainScreen:
        return self.main

    # -- keys -------------------------------------------------------------

    @property
    def keymap(self) -> Mapping[str, str]:
        """The user's key map: action id -> keys (see :mod:`byline.reader.actions`)."""
        return self.settings.keys

    def key_hint(self, action_id: str) -> str:
        """The keys of an action as the user's key map has them, for a hint on screen."""
        return keys_for(action_id, self.keymap)

    # -- start-up ---------------------------------------------------------

    def on_mount(self) -> None:
        # Runs before the main screen is composed: that reads what is set here.
        self._signal_wakeup = SignalWakeup()
        self.set_interval(IDLE_CHECK, self.collector.tick)
        self.sub_title = str(self.corpus_root)
        self._apply_settings()

    def _apply_settings(self) -> None:
        """Reading state, theme and keys from state and config; notes shown."""
        try:
            self.state = ReadingState(self.corpus_root, self.state_dir)
        except StateError as exc:
            self._notes.append(f"{exc}; read marks and history are off this time")
        else:
            self.writes = StateWrites(self.state, self._start_state_writes, self._write_failed)
            self.writes.submit(self._load_marks)
        register_themes(self)
        remembered = self.state.preference("theme") if self.state else None
        for theme in (remembered, self.settings.theme):
            if theme and theme in self.available_themes:
                self.theme = theme
                break
        if self.settings.keys:
            self.set_keymap(dict(self.settings.keys))
        for note in self._notes:
            self.notify(note, title="byline", severity="warning", timeout=12, markup=False)

    def front_page(self) -> FrontPage | None:
        """The list saved by the last run, drawn while Whoosh loads and the index opens."""
        return load_front_page(locate(self.corpus_root, self.data_dir)[1])

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def open_library(self, *, after_first_screen: bool) -> None:
        """Open the index (which loads Whoosh) in a thread, then search and check for changes."""
        # Loading Whoosh would compete with drawing the front page.
        if after_first_screen and not self.wait_for_first_screen():
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
        self.main.library_opened()

    def first_screen_shown(self) -> None:
        """The first rows are being written to the terminal: the start-up check
        for changes (which competes for the interpreter) may begin after it."""
        if not self._first_screen.is_set():
            self.call_after_refresh(self._first_screen.set)

    @property
    def first_screen_drawn(self) -> bool:
        """Whether the first list has been drawn (the start-up check waits for it)."""
        return self._first_screen.is_set()

    def wait_for_first_screen(self) -> bool:
        """In a worker: wait for the first list to be drawn, or the grace (False: cancelled)."""
        worker = get_current_worker()
        deadline = time.monotonic() + FIRST_SCREEN_GRACE
        while not self._first_screen.wait(0.01):
            if time.monotonic() >= deadline or worker.is_cancelled:
                break
        return not worker.is_cancelled

    def resume_gc(self) -> None:
        """Resume garbage collection if the ``byline`` launcher paused it for
        start-up; full passes then run while the user is idle (:mod:`.idle_gc`)."""
        if not gc.isenabled():
            self.collector.start()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, _INPUT):
            self.collector.input_seen()
        await super().on_event(event)

    def watch_theme(self, theme: str) -> None:
        if self.writes is not None:
            self.writes.submit(lambda state: state.set_preference("theme", theme))

    # -- reading state ----------------------------------------------------

    def _start_state_writes(self, drain: Callable[[], None]) -> object:
        return self.run_worker(drain, thread=True, group="state-writes", exit_on_error=False)

    def _write_failed(self, error: str) -> None:
        # In the writes' worker thread (notify posts a message: thread-safe).
        self.notify(error, severity="error", markup=False)

    def _load_marks(self, state: ReadingState) -> None:
        """In the writes' worker: read every read and starred id once, for the rows."""
        read, starred = state.read_ids(), state.starred_ids()
        self.call_from_thread(self._marks_loaded, read, starred)

    def _marks_loaded(self, read: frozenset[str], starred: frozenset[str]) -> None:
        self.marks.load(read, starred)
        self.main.refresh_marks()

    def on_unmount(self) -> None:
        self.collector.stop()
        if self._signal_wakeup is not None:
            self._signal_wakeup.close()
        if self.writes is not None:
            self.writes.flush()
        if self.state is not None:
            self.state.close()
        if self.library is not None:
            self.library.close()

    # -- the command palette ----------------------------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every action of the registry is also a command in the palette, with its key."""
        for command in super().get_system_commands(screen):
            # Textual's own key panel would be a second help, naming keys its way.
            if command.title != "Keys":
                yield command
        for action in ACTIONS:
            if action.palette:
                keys = keys_label(action.current_keys(self.keymap))
                yield SystemCommand(
                    action.description,
                    f"{action.explain or action.description} ({keys})",
                    partial(self._run_from_palette, action),
                )

    async def _run_from_palette(self, action: Action) -> None:
        # An action runs where its key would: the app, the main screen or the article.
        target: App[None] | MainScreen | ArticleView = self
        if action.scope == "main":
            target = self.main
        elif action.scope == "article":
            target = self.main.reading.view
        await self.run_action(action.action, target)

    @on(Driver.SignalResume)
    def _repaint_after_resume(self) -> None:
        # After Ctrl-z and fg the terminal's screen was cleared but its size is
        # the same, so no resize repaints it: repaint everything.
        self.screen.refresh()
