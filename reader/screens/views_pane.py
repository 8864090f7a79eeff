"""The views pane: the sidebar of views and saved searches, counted and edited.

The :class:`~byline.reader.widgets.sidebar.Sidebar` widget only lists views
and posts what the user asks for; this pane counts them in a worker and
saves, renames and deletes saved searches in the reading state.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.worker import Worker, get_current_worker

from byline.index.library.state import StateError
from byline.reader import background
from byline.reader.messages import ViewsCounted
from byline.reader.screens.name_prompt import NamePrompt
from byline.reader.widgets.sidebar import Sidebar
from byline.reader.worker_failures import report_failure

if TYPE_CHECKING:
    from byline.index.library.api import Library
    from byline.index.library.state import ReadingState
    from byline.reader.app import BylineApp


class ViewsPane(Sidebar):
    """All, unread, starred, today and the saved searches, with live counts."""

    @property
    def _state(self) -> ReadingState | None:
        return cast("BylineApp", self.app).state

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        report_failure(self, event)

    def recount(self) -> None:
        """Recount every view and saved search (total and unread) in the background."""
        library = cast("BylineApp", self.app).library
        if library is not None:
            self._count(library)

    @work(thread=True, exclusive=True, group="counts", exit_on_error=False)
    def _count(self, library: Library) -> None:
        worker = get_current_worker()
        counted = background.count_views(library, self._state, lambda: worker.is_cancelled)
        if counted is not None:
            self.post_message(counted)

    @on(ViewsCounted)
    def _counted(self, message: ViewsCounted) -> None:
        message.stop()
        self.show_views(message.saved, message.counts)

    def save_search(self, query: str) -> None:
        """Ask for a name and save ``query`` under it."""
        state = self._state
        if not query.strip() or state is None:
            self.notify("Type a search first (and reading state must be available)", timeout=3)
            return

        def save(name: str | None) -> None:
            if not name:
                return
            try:
                state.save_search(name, query)
            except StateError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.notify(f"Saved as {name}", timeout=2, markup=False)
            self.recount()

        self.app.push_screen(NamePrompt(f"Save the search {query!r} as:"), save)

    @on(Sidebar.Edit)
    def _edit_saved(self, message: Sidebar.Edit) -> None:
        message.stop()
        state, name = self._state, message.view.label
        if state is None:
            return
        if message.delete:
            with contextlib.suppress(StateError):
                state.delete_search(name)
            self.notify(f"Deleted {name}", timeout=2, markup=False)
            self.recount()
            return

        def rename(new: str | None) -> None:
            if new and new != name:
                try:
                    state.rename_search(name, new)
                except StateError as exc:
                    self.notify(str(exc), severity="error", markup=False)
                self.recount()

        self.app.push_screen(NamePrompt(f"Rename {name!r} to:", name), rename)
