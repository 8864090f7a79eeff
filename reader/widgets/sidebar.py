"""The sidebar: built-in views and saved searches, with live counts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from byline.reader.actions import bindings
from byline.reader.text import safe_text

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from textual.binding import BindingType

    from byline.index.library.state import SavedSearch


@dataclass(slots=True, frozen=True)
class View:
    """One entry: a built-in view or a saved search."""

    key: str
    label: str
    query: str
    only: str | None = None  # "unread" / "starred": a filter on the marks
    saved: bool = False


BUILT_IN: tuple[View, ...] = (
    View("all", "All", ""),
    View("unread", "Unread", "", only="unread"),
    View("starred", "Starred", "", only="starred"),
    View("today", "Today", "date:today"),
)


class Sidebar(OptionList):
    """Views and saved searches; Enter shows one, R renames and d deletes a saved one."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("views")

    @dataclass
    class Chosen(Message):
        """The user chose a view or saved search."""

        sidebar: Sidebar
        view: View

        @property
        def control(self) -> Sidebar:
            """The sidebar that sent the message."""
            return self.sidebar

    @dataclass
    class Edit(Message):
        """The user asked to rename (``new_name`` None: delete) a saved search."""

        sidebar: Sidebar
        view: View
        delete: bool

        @property
        def control(self) -> Sidebar:
            """The sidebar that sent the message."""
            return self.sidebar

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._views: dict[str, View] = {}
        # The keys that save a search, as the hint under the views names them.
        self.save_keys = "Ctrl+S"

    def show_views(
        self,
        saved: Sequence[SavedSearch],
        counts: Mapping[str, tuple[int, int | None]],
    ) -> None:
        """List the built-in views and ``saved`` searches with (total, unread) counts."""
        highlighted = self.highlighted
        views = [*BUILT_IN, *(View(f"saved:{s.name}", s.name, s.query, saved=True) for s in saved)]
        self._views = {v.key: v for v in views}
        self.clear_options()
        options: list[Option] = []
        for index, view in enumerate(views):
            if index == len(BUILT_IN):
                options.append(
                    Option(Text("Saved searches", style="bold underline"), disabled=True)
                )
            label = safe_text(view.label, style="bold" if not view.saved else "")
            total, unread = counts.get(view.key, (-1, None))
            if total >= 0:
                label.append(f"  {total:,}", style="dim")
                if unread:
                    label.append(f" ({unread:,} new)", style="bold")
            options.append(Option(label, id=view.key))
        if len(views) == len(BUILT_IN):
            options.append(
                Option(
                    Text(f"{self.save_keys} saves the current search", style="dim italic"),
                    disabled=True,
                )
            )
        self.add_options(options)
        if highlighted is not None and highlighted < self.option_count:
            self.highlighted = highlighted

    def _current(self) -> View | None:
        if self.highlighted is None:
            return None
        return self._views.get(self.get_option_at_index(self.highlighted).id or "")

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        view = self._views.get(event.option.id or "")
        if view is not None:
            self.post_message(self.Chosen(self, view))

    def action_rename(self) -> None:
        """Rename the saved search under the cursor."""
        view = self._current()
        if view is not None and view.saved:
            self.post_message(self.Edit(self, view, delete=False))

    def action_delete(self) -> None:
        """Delete the saved search under the cursor."""
        view = self._current()
        if view is not None and view.saved:
            self.post_message(self.Edit(self, view, delete=True))
