"""The reading pane: one article, reflowed to the pane's width, drawn line by line."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual import on
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from byline.index.models import Annotations, Article, Hit, Span
from byline.index.search.highlight import TermMatcher
from byline.reader.actions import bindings
from byline.reader.text import format_date, safe_text
from byline.reader.widgets.line_layout import LazyLines, Paragraph, paragraphs_of, whole
from byline.reader.worker_failures import report_failure

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.binding import BindingType
    from textual.worker import Worker

LAYERS: tuple[str, ...] = ("quote", "person", "org", "place")
EMPTY_NOTE = "Select an article and press Enter to read it."


class ArticleView(ScrollView, can_focus=True):
    """Shows an article with its quotations, names and search matches highlighted."""

    DEFAULT_CSS = """
    ArticleView {
        background: $surface;
        padding: 0 1;
        scrollbar-size-vertical: 1;
        & > .article-view--headline { text-style: bold; color: $text; }
        & > .article-view--meta { color: $text-muted; }
        & > .article-view--quote { color: $text-success; text-style: italic; }
        & > .article-view--fragment { color: $text-success 70%; text-style: italic dim; }
        & > .article-view--person { color: $text-accent; text-style: bold; }
        & > .article-view--org { color: $text-error; text-style: underline; }
        & > .article-view--place { color: $text-secondary; text-style: bold italic; }
        & > .article-view--match { text-style: reverse; }
        & > .article-view--current-match { text-style: reverse bold underline; color: $text-error; }
        & > .article-view--empty { color: $text-muted; text-style: italic; }
        & > .article-view--loading { color: $text-disabled; text-style: italic; }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-view--headline",
        "article-view--meta",
        "article-view--quote",
        "article-view--fragment",
        "article-view--person",
        "article-view--org",
        "article-view--place",
        "article-view--match",
        "article-view--current-match",
        "article-view--empty",
        "article-view--loading",
    }

    BINDINGS: ClassVar[list[BindingType]] = bindings("article")

    @dataclass
    class Closed(Message):
        """The user left the article (back to the list)."""

        article_view: ArticleView

        @property
        def control(self) -> ArticleView:
            """The view that sent the message."""
            return self.article_view

    @dataclass
    class MatchMoved(Message):
        """The current search match changed (``index`` is 0-based, -1: none)."""

        article_view: ArticleView
        index: int
        total: int

        @property
        def control(self) -> ArticleView:
            """The view that sent the message."""
            return self.article_view

    @dataclass
    class Loaded(Message):
        """The article asked for with :meth:`ArticleView.load` is shown."""

        article_view: ArticleView
        article: Article
        annotations: Annotations

        @property
        def control(self) -> ArticleView:
            """The view that sent the message."""
            return self.article_view

    @dataclass
    class LoadFailed(Message):
        """The article asked for with :meth:`ArticleView.load` could not be read."""

        article_view: ArticleView
        hit: Hit
        error: str

        @property
        def control(self) -> ArticleView:
            """The view that sent the message."""
            return self.article_view

    @dataclass
    class _Fetched(Message):
        """The loading worker's answer (``article`` is None when it failed)."""

        token: int
        hit: Hit
        article: Article | None
        annotations: Annotations
        matches: list[Span]
        error: str = ""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        report_failure(self, event)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.annotations = Annotations()
        self.terms: tuple[str, ...] = ()
        self.shown_layers: dict[str, bool] = dict.fromkeys(LAYERS, True)
        self.date_format = "%Y-%m-%d"
        self.matches: list[Span] = []
        self.match_index = -1
        self._lines: LazyLines | None = None
        self._lines_width = -1
        self.empty_note = EMPTY_NOTE
        # The hit being read by the loading worker, shown as a header meanwhile.
        self.opening: Hit | None = None
        self._load_token = 0

    def load(
        self,
        hit: Hit,
        fetch: Callable[[], tuple[Article, Annotations]],
        terms: tuple[str, ...],
    ) -> None:
        """Show ``hit``'s header at once, and its article when ``fetch`` (run in a
        worker thread: it reads the file and the index) returns it; then post
        :class:`Loaded`, or :class:`LoadFailed`."""
        self._load_token += 1
        self.opening = hit
        self.empty_note = EMPTY_NOTE
        self.show(None, Annotations(), terms)
        self.run_worker(
            partial(self._fetch, self._load_token, hit, fetch, terms),
            thread=True,
            group="article-view-load",
            exit_on_error=False,
        )

    def _fetch(
        self,
        token: int,
        hit: Hit,
        fetch: Callable[[], tuple[Article, Annotations]],
        terms: tuple[str, ...],
    ) -> None:
        # In the worker thread.
        try:
            article, annotations = fetch()
            matches = TermMatcher.build(terms).spans(article.text) if terms else []
        except Exception as exc:  # any failure is the user's to see, as LoadFailed
            error = str(exc) if isinstance(exc, LookupError) else f"{type(exc).__name__}: {exc}"
            self.post_message(self._Fetched(token, hit, None, Annotations(), [], error))
            return
        self.post_message(self._Fetched(token, hit, article, annotations, matches))

    @on(_Fetched)
    def _fetched(self, message: ArticleView._Fetched) -> None:
        message.stop()
        if message.token != self._load_token:
            return  # another article was asked for since
        self.opening = None
        if message.article is None:
            self.empty_note = f"Cannot open this article: {message.error}"
            self.show(None, Annotations(), self.terms)
            self.post_message(self.LoadFailed(self, message.hit, message.error))
            return
        self.show(message.article, message.annotations, self.terms, matches=message.matches)
        self.post_message(self.Loaded(self, message.article, message.annotations))

    def show(
        self,
        article: Article | None,
        annotations: Annotations,
        terms: tuple[str, ...],
        *,
        matches: list[Span] | None = None,
    ) -> None:
        """Display ``article`` (``None``: the empty note) from the top.

        ``matches`` are the spans of ``terms`` in its text when already found.
        """
        if article is not None:
            self.opening = None
        self.article = article
        self.annotations = annotations
        self.terms = terms
        if matches is None:
            matches = TermMatcher.build(terms).spans(article.text) if article and terms else []
        self.matches = matches
        self.match_index = -1
        self._invalidate()
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.post_message(self.MatchMoved(self, -1, len(self.matches)))

    def set_layer(self, layer: str, shown: bool) -> None:
        """Show or hide one highlight layer (quote, person, org, place)."""
        if layer in self.shown_layers and self.shown_layers[layer] != shown:
            self.shown_layers[layer] = shown
            self._invalidate()

    def legend(self) -> Text:
        """One line naming each highlight layer in its own style, marked on or off."""
        text = Text()
        labels = {
            "quote": "\u201cquotes\u201d",
            "person": "people",
            "org": "orgs",
            "place": "places",
        }
        for number, layer in enumerate(LAYERS, 1):
            shown = self.shown_layers[layer]
            style = (
                self.get_component_rich_style(f"article-view--{layer}")
                if shown
                else Style(dim=True)
            )
            text.append(f"{number}", style="bold" if shown else Style(dim=True))
            text.append(" ")
            text.append(labels[layer] + ("" if shown else " (off)"), style=style)
            text.append("  ")
        return text

    def _invalidate(self) -> None:
        self._lines = None
        if self.is_mounted and self.scrollable_content_region.width > 0:
            self._ensure_lines(self.size.height)
        self.refresh()

    def on_resize(self) -> None:
        if self.scrollable_content_region.width > 0:
            self._ensure_lines(self.size.height)
        self.refresh()

    # -- layout ---------------------------------------------------------

    def _ensure_lines(self, count: int | None) -> LazyLines:
        """The layout, with at least ``count`` lines wrapped (all of them if ``None``)."""
        width = max(1, self.scrollable_content_region.width)
        if self._lines is None:
            self._lines = self._layout(width)
        elif self._lines_width != width:
            # Same text, new width: only the line breaks are redone.
            self._lines = self._lines.rewrapped(width)
        self._lines_width = width
        lines = self._lines
        lines.ensure(count)
        # Until the whole article is wrapped the scrollbar works from an estimate.
        height = lines.total
        if self.virtual_size.height != height or self.virtual_size.width != width:
            self.virtual_size = Size(width, height)
        return lines

    def _layout(self, width: int) -> LazyLines:
        console = self.app.console
        base = self.rich_style
        if self.article is None and self.opening is not None:
            hit = self.opening
            meta = safe_text(f"{format_date(hit.date, self.date_format)}  ·  {hit.source}")
            meta.stylize(self.get_component_rich_style("article-view--meta"))
            headline = safe_text(hit.headline)
            headline.stylize(self.get_component_rich_style("article-view--headline"))
            note = Text("Loading…", style=self.get_component_rich_style("article-view--loading"))
            return LazyLines([whole(meta), whole(headline), whole(note)], width, base, console)
        if self.article is None:
            note = Text(self.empty_note, style=self.get_component_rich_style("article-view--empty"))
            return LazyLines([whole(note)], width, base, console)
        article = self.article
        meta = safe_text(f"{format_date(article.date, self.date_format)}  ·  {article.source}")
        meta.stylize(self.get_component_rich_style("article-view--meta"))
        return LazyLines([whole(meta), *self._styled_paragraphs()], width, base, console)

    def _line_of_offset(self, offset: int) -> int:
        """The layout line showing character ``offset`` of the article text."""
        assert self.article is not None
        lines = self._ensure_lines(0)
        # Layout paragraph 0 is the header line; the others are the article's.
        starts = [start for _, start, _ in lines.paragraphs[1:]]
        line = lines.line_of(max(0, bisect_right(starts, offset) - 1) + 1, offset)
        self._ensure_lines(line + self.size.height)  # the scrollbar must reach it
        return line

    def _styled_paragraphs(self) -> list[Paragraph]:
        assert self.article is not None
        text = self.article.text
        styled = safe_text(text)
        # The headline is the lead sentence: bold it in place rather than repeat it.
        lead = len(self.article.title.removesuffix("\u2026"))
        styled.stylize(self.get_component_rich_style("article-view--headline"), 0, lead)
        ann = self.annotations
        if self.shown_layers["quote"]:
            quote_style = self.get_component_rich_style("article-view--quote")
            for q in ann.quotes:
                styled.stylize(quote_style, q.start, q.end)
            # A few quoted words in the reporter's sentence: someone's words, not a quotation.
            fragment_style = self.get_component_rich_style("article-view--fragment")
            for q in ann.fragments:
                styled.stylize(fragment_style, q.start, q.end)
        # One style lookup per kind, not per entity: huge articles have thousands.
        styles = {
            kind: self.get_component_rich_style(f"article-view--{kind}")
            for kind in ("person", "org", "place")
            if self.shown_layers[kind]
        }
        for ent in ann.entities:
            style = styles.get(ent.kind)
            if style is not None:
                styled.stylize(style, ent.start, ent.end)
        match = self.get_component_rich_style("article-view--match")
        for span in self.matches:
            styled.stylize(match, span.start, span.end)
        if 0 <= self.match_index < len(self.matches):
            current = self.matches[self.match_index]
            styled.stylize(
                self.get_component_rich_style("article-view--current-match"),
                current.start,
                current.end,
            )
        # The paragraphs as ranges of the one styled text: the layout cuts out
        # only the lines it draws (slicing 50,000 paragraphs takes seconds).
        return paragraphs_of(styled, [len(para) for para in self.article.paragraphs])

    # -- drawing and keys -----------------------------------------------

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        lines = self._ensure_lines(index + self.size.height)
        width = self.scrollable_content_region.width
        strip = lines.strip(index)
        if strip is None:
            return Strip.blank(width, self.rich_style)
        return strip.crop_extend(0, width, self.rich_style)

    def _scroll_by(self, delta: int) -> None:
        target = max(0, self.scroll_offset.y + delta)
        # Wrap far enough that the target exists before scrolling to it.
        self._ensure_lines(target + self.scrollable_content_region.height)
        self.scroll_to(y=target, animate=False)

    def action_scroll_lines(self, delta: int) -> None:
        """Scroll by ``delta`` lines."""
        self._scroll_by(delta)

    def action_scroll_pages(self, delta: int) -> None:
        """Scroll by screenfuls, keeping a line of context."""
        self._scroll_by(delta * max(1, self.scrollable_content_region.height - 1))

    def action_scroll_half(self, delta: int) -> None:
        """Scroll by half a screen."""
        self._scroll_by(delta * max(1, self.scrollable_content_region.height // 2))

    def action_scroll_to_top(self) -> None:
        """Go to the top of the article."""
        self.scroll_to(y=0, animate=False)

    def action_scroll_to_bottom(self) -> None:
        """Go to the end of the article (wrapping all of it first)."""
        self._ensure_lines(None)
        self.scroll_to(y=self.max_scroll_y, animate=False)

    def action_next_match(self, step: int) -> None:
        """Go to the next (``step`` 1) or previous (-1) search match, wrapping round."""
        if not self.matches or self.article is None:
            self.app.bell()
            return
        if self.match_index < 0:
            self.match_index = 0 if step > 0 else len(self.matches) - 1
        else:
            self.match_index = (self.match_index + step) % len(self.matches)
        self._invalidate()
        line = self._line_of_offset(self.matches[self.match_index].start)
        height = self.scrollable_content_region.height
        if not self.scroll_offset.y <= line < self.scroll_offset.y + height:
            self.scroll_to(y=max(0, line - height // 3), animate=False, immediate=True)
        self.post_message(self.MatchMoved(self, self.match_index, len(self.matches)))

    def action_back(self) -> None:
        """Leave the article."""
        self.post_message(self.Closed(self))
