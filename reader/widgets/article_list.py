"""The article list: a virtual list that draws only the rows on screen."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from byline.index.search.hits import HitList
from byline.reader.actions import bindings
from byline.reader.text import format_date, safe_text
from byline.reader.widgets.row_loader import RowBatch, RowLoader, RowRequest, peek
from byline.reader.worker_failures import report_failure

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from textual.binding import BindingType
    from textual.worker import Worker

    from byline.index.models import Hit


class ArticleList(ScrollView, can_focus=True):
    """Search results, one row (two with snippets) per hit, drawn with the Line API.

    The hits may be a lazy :class:`HitList`: only the rows around the ones
    drawn are ever read from the index, by a :class:`RowLoader` in a worker
    thread; a row not read yet is drawn as a placeholder until it arrives.
    """

    DEFAULT_CSS = """
    ArticleList {
        background: $surface;
        scrollbar-size-vertical: 1;
        /* Rows are cut to the width with an ellipsis: never a horizontal scrollbar. */
        overflow-x: hidden;
        & > .article-list--cursor { background: $block-cursor-blurred-background; }
        &:focus > .article-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: bold;
        }
        & > .article-list--date { color: $text-muted; }
        & > .article-list--snippet { color: $text-muted; }
        & > .article-list--match { text-style: bold underline; color: $text-accent; }
        & > .article-list--empty { color: $text-muted; text-style: italic; }
        & > .article-list--unread { text-style: bold; }
        & > .article-list--star { color: $text-warning; }
        & > .article-list--loading { color: $text-disabled; }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--cursor",
        "article-list--date",
        "article-list--snippet",
        "article-list--match",
        "article-list--empty",
        "article-list--unread",
        "article-list--star",
        "article-list--loading",
    }

    BINDINGS: ClassVar[list[BindingType]] = bindings("list")

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    @dataclass
    class Opened(Message):
        """The user asked to open the hit under the cursor."""

        article_list: ArticleList
        hit: Hit

        @property
        def control(self) -> ArticleList:
            """The list that sent the message."""
            return self.article_list

    class RowsDrawn(Message):
        """The list drew rows of hits for the first time (posted once)."""

    class ScreenFilled(Message):
        """A batch from the row loader left no row on screen unread."""

    @dataclass
    class RowsLoaded(Message):
        """The row loader read some rows (posted from its thread)."""

        batch: RowBatch

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        report_failure(self, event)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows_drawn = False
        self._hits: Sequence[Hit] = ()
        self._empty_note = "No articles."
        self._show_snippets = False
        # Strips by (id, line of the row, selected, width, focused, marks).
        self._cache: LRUCache[tuple[str, int, bool, int, bool, tuple[bool, bool]], Strip]
        self._cache = LRUCache(1024)
        # The styles the cached strips were drawn with, focused and not.
        self._looks_by_focus: dict[bool, tuple[Style, ...]] = {}
        # Reading marks by article id; None: no reading state, show no marks.
        self._marks: Callable[[str], tuple[bool, bool]] | None = None
        self.date_format = "%Y-%m-%d"
        # Each set of hits is a new generation: rows read for an older one are dropped.
        self._generation = 0
        self._loader = RowLoader(self._start_loader, self._rows_loaded)
        self._asked = False  # a request for the rows on screen is on its way
        self._heading = 1  # the direction the cursor last moved: rows ahead are read first
        self._locating: str | None = None  # the article the cursor is to stay on
        self._open_when_loaded = False

    # -- data -----------------------------------------------------------

    @property
    def hits(self) -> Sequence[Hit]:
        """The hits shown."""
        return self._hits

    @property
    def row_height(self) -> int:
        """Lines per hit: two while a query shows snippets."""
        return 2 if self._show_snippets else 1

    def set_hits(self, hits: Sequence[Hit], *, snippets: bool, empty_note: str) -> None:
        """Show ``hits``, keeping the cursor on the same article when it is still there.

        Where that article is in a lazy list is found by the row loader: the
        cursor moves there when it answers.
        """
        current = self.current_hit
        self._hits = hits
        self._generation += 1
        self._show_snippets = snippets
        self._empty_note = empty_note
        self._open_when_loaded = False
        self._cache.clear()
        self.virtual_size = Size(self.size.width, max(1, len(hits) * self.row_height))
        index: int | None = 0
        locate = None
        if current is not None:
            if isinstance(hits, HitList):
                locate = current.id  # from the top until the loader finds it
            else:
                index = next((i for i, h in enumerate(hits) if h.id == current.id), 0)
        self.cursor = index or 0
        # After the cursor is set: a move of the cursor gives up the search for it.
        self._locating = locate
        self._request_rows()
        self.refresh()

    def set_marks(self, marks: Callable[[str], tuple[bool, bool]] | None) -> None:
        """``marks(id) -> (read, starred)`` for the rows drawn (``None``: no marks shown).

        Asked only for rows on screen, so a list of 100,000 hits costs nothing
        extra; call again (with the same function) after marks change.  A row's
        marks are part of its key in the row cache: only changed rows are redrawn.
        """
        if marks is None or self._marks is None:
            self._cache.clear()
        self._marks = marks
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        # A new theme or class: the cached strips hold the old styles.  A focus
        # change restyles the widget too, but changes only the cursor row's
        # style, and that row's key holds the focus: the other rows are kept.
        if not self.is_mounted:  # component styles are not there yet
            self._cache.clear()
            return
        looks = self._looks()
        if self._looks_by_focus.get(self.has_focus, looks) != looks:
            self._cache.clear()
            self._looks_by_focus.clear()
        self._looks_by_focus[self.has_focus] = looks

    def _looks(self) -> tuple[Style, ...]:
        """Every style a row is drawn with, as the widget's focus now has them."""
        return (
            self.rich_style,
            *(self.get_component_rich_style(name) for name in sorted(self.COMPONENT_CLASSES)),
        )

    @property
    def current_hit(self) -> Hit | None:
        """The hit under the cursor (``None`` while its row is still being read)."""
        if 0 <= self.cursor < len(self._hits):
            return peek(self._hits, self.cursor)
        return None

    # -- reading rows ------------------------------------------------------

    def _start_loader(self, load: Callable[[], None]) -> object:
        return self.run_worker(load, thread=True, group="article-list-rows", exit_on_error=False)

    def _rows_loaded(self, batch: RowBatch) -> None:
        # In the loader's thread.
        self.post_message(self.RowsLoaded(batch))

    @property
    def screen_rows_loaded(self) -> bool:
        """Whether every row on screen is in memory (none drawn as a placeholder)."""
        shown = self._rows_on_screen()
        return all(
            peek(self._hits, i) is not None
            for i in range(shown.start, min(shown.stop, len(self._hits)))
        )

    def _rows_on_screen(self) -> range:
        """The rows any line of the list shows (a row cut at the bottom counts)."""
        h, top = self.row_height, self.scroll_offset.y
        height = max(1, self.scrollable_content_region.height)
        return range(top // h, (top + height - 1) // h + 1)

    @property
    def page_rows(self) -> int:
        """Hits a screenful shows."""
        return max(1, self.scrollable_content_region.height // self.row_height)

    def _request_rows(self) -> None:
        """Ask for the rows on screen, then those a page or two ahead, then one behind."""
        self._asked = False
        count = len(self._hits)
        if not isinstance(self._hits, HitList) or not count:
            return  # every row is in memory
        page = self.page_rows
        # The screen's top row once the cursor is scrolled into view (the scroll
        # may not have happened yet).
        top = self.scroll_offset.y // self.row_height
        if self.cursor < top:
            top = self.cursor
        elif self.cursor >= top + page:
            top = self.cursor - page + 1
        shown = range(top, top + page)
        if self._heading >= 0:
            ahead, behind = range(top + page, top + 3 * page), range(max(0, top - page), top)
        else:
            ahead, behind = range(max(0, top - 2 * page), top), range(top + page, top + 2 * page)
        ranges = (shown, ahead, behind)
        if self._locating is None and all(
            peek(self._hits, i) is not None for r in ranges for i in r if i < count
        ):
            return
        self._loader.want(RowRequest(self._generation, self._hits, ranges, self._locating))

    def _ask_for_rows(self) -> None:
        """From ``render_line``: request the rows on screen once the frame is drawn."""
        if not self._asked:
            self._asked = True
            self.call_later(self._request_rows)

    def on_article_list_rows_loaded(self, message: ArticleList.RowsLoaded) -> None:
        batch = message.batch
        message.stop()
        if batch.generation != self._generation:
            return  # rows of an earlier list
        if batch.error is not None:
            self.notify(f"Cannot read the list: {batch.error}", severity="error", markup=False)
            return
        if self._locating is not None:
            self._locating = None
            if batch.located is not None:
                self.cursor = batch.located
        # Rows read ahead are drawn when they scroll into view: repaint only
        # for rows on screen (a whole-list repaint costs a frame).
        if any(i in self._rows_on_screen() for i in batch.rows):
            self.refresh()
            if self.screen_rows_loaded:
                self.post_message(self.ScreenFilled())
        if self._open_when_loaded and self.current_hit is not None:
            self._open_when_loaded = False
            self.action_open()

    # -- cursor ---------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self._hits) - 1)) if self._hits else 0

    def watch_cursor(self, old: int, new: int) -> None:
        # The row cache is keyed by whether a row is selected: a move needs no
        # new strips except the two rows that change.
        self._open_when_loaded = False
        self._locating = None  # moved: no longer kept on the article it was on
        if new != old:
            self._heading = 1 if new > old else -1
        h = self.row_height
        top = self.scroll_offset.y
        self.scroll_to_region(Region(0, new * h, 1, h), animate=False, force=True)
        # Read ahead now, so rows are in memory before they scroll into view.
        self._request_rows()
        if self.scroll_offset.y != top:
            self.refresh()  # scrolled: every line shows another row
        else:
            self.refresh_lines(old * h, h)
            self.refresh_lines(new * h, h)

    def action_move(self, delta: int) -> None:
        """Move the cursor by ``delta`` rows."""
        self.cursor += delta

    def action_first(self) -> None:
        """Go to the first hit."""
        self.cursor = 0

    def action_last(self) -> None:
        """Go to the last hit."""
        self.cursor = len(self._hits) - 1

    def action_page(self, direction: int) -> None:
        """Move a screenful."""
        self.cursor += direction * self.page_rows

    def action_half_page(self, direction: int) -> None:
        """Move half a screenful."""
        self.cursor += direction * max(1, self.page_rows // 2)

    def action_open(self) -> None:
        """Open the hit under the cursor (once its row is read, if it is not yet)."""
        hit = self.current_hit
        if hit is not None:
            self.post_message(self.Opened(self, hit))
        elif self._hits:
            self._open_when_loaded = True
            self._request_rows()

    def on_resize(self) -> None:
        self._cache.clear()
        self.virtual_size = Size(self.size.width, max(1, len(self._hits) * self.row_height))
        self._request_rows()

    # -- drawing --------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        if not self._hits:
            base = self.rich_style
            if line == 0:
                note = Text(
                    self._empty_note, style=self.get_component_rich_style("article-list--empty")
                )
                return self._strip(note, width, base)
            return Strip.blank(width, base)
        index, part = divmod(line, self.row_height)
        if index >= len(self._hits):
            return Strip.blank(width, self.rich_style)
        hit = peek(self._hits, index)
        if hit is None:
            self._ask_for_rows()
            return self._placeholder(width, self.rich_style + self._cursor_style(index))
        if not self._rows_drawn:
            self._rows_drawn = True
            # Posted from the list's own loop: a message made while the screen
            # renders counts the screen as its sender and would not bubble past it.
            self.call_later(lambda: self.post_message(self.RowsDrawn()))
        selected = index == self.cursor
        marks = self._marks(hit.id) if self._marks is not None else (True, False)
        # Focus styles only the cursor row (see notify_style_update).
        key = (hit.id, part, selected, width, selected and self.has_focus, marks)
        strip = self._cache.get(key)
        if strip is None:
            text = self._headline_text(hit, marks) if part == 0 else self._snippet_text(hit)
            strip = self._strip(text, width, self.rich_style + self._cursor_style(index))
            self._cache[key] = strip
        return strip

    def _cursor_style(self, index: int) -> Style:
        if index == self.cursor:
            return self.get_component_rich_style("article-list--cursor")
        return Style()

    def _placeholder(self, width: int, style: Style) -> Strip:
        """A row whose hit is still being read: dim dashes where the date goes."""
        dashes = Text(
            "  " + "─" * min(width, 10),
            style=self.get_component_rich_style("article-list--loading"),
        )
        return self._strip(dashes, width, style)

    def _strip(self, text: Text, width: int, style: Style) -> Strip:
        text.no_wrap = True
        text.overflow = "ellipsis"
        text.truncate(width, overflow="ellipsis", pad=True)
        segments = [
            Segment(s.text, style + s.style if s.style else style)
            for s in text.render(self.app.console)
        ]
        return Strip(segments, width).crop_extend(0, width, style).simplify()

    def _headline_text(self, hit: Hit, marks: tuple[bool, bool]) -> Text:
        text = Text(no_wrap=True)
        read, star = marks
        if self._marks is not None:
            # Markers as well as bold, so read state shows without colour too.
            text.append(" " if read else "\u25cf", style="bold")
            text.append(
                "\u2605" if star else " ", style=self.get_component_rich_style("article-list--star")
            )
        text.append(
            format_date(hit.date, self.date_format),
            style=self.get_component_rich_style("article-list--date"),
        )
        text.append(" ")
        headline = safe_text(hit.headline)
        if not read:
            headline.stylize(self.get_component_rich_style("article-list--unread"))
        text.append_text(headline)
        return text

    def _snippet_text(self, hit: Hit) -> Text:
        text = safe_text("  " + hit.snippet)
        text.stylize(self.get_component_rich_style("article-list--snippet"))
        match = self.get_component_rich_style("article-list--match")
        for span in hit.snippet_spans:
            text.stylize(match, span.start + 2, span.end + 2)
        return text
