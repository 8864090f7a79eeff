"""The reading pane: one article, reflowed to the pane's width, drawn line by line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from byline.index.highlight import TermMatcher
from byline.index.models import Annotations, Article
from byline.reader.text import format_date, safe_text

if TYPE_CHECKING:
    from rich.console import Console
    from rich.style import Style

LAYERS: tuple[str, ...] = ("quote", "person", "org", "place")


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
        & > .article-view--person { color: $text-accent; text-style: bold; }
        & > .article-view--org { color: $text-warning; text-style: underline; }
        & > .article-view--place { color: $text-secondary; text-style: bold italic; }
        & > .article-view--match { background: $warning 40%; text-style: reverse; }
        & > .article-view--empty { color: $text-muted; text-style: italic; }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-view--headline",
        "article-view--meta",
        "article-view--quote",
        "article-view--person",
        "article-view--org",
        "article-view--place",
        "article-view--match",
        "article-view--empty",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll_lines(1)", "Down", show=False),
        Binding("k,up", "scroll_lines(-1)", "Up", show=False),
        Binding("space,pagedown", "scroll_pages(1)", "Page down"),
        Binding("b,pageup", "scroll_pages(-1)", "Page up", show=False),
        Binding("ctrl+d", "scroll_half(1)", "Half page down", show=False),
        Binding("ctrl+u", "scroll_half(-1)", "Half page up", show=False),
        Binding("g,home", "scroll_to_top", "Top", show=False),
        Binding("G,end", "scroll_to_bottom", "Bottom", show=False),
        Binding("q,escape", "back", "Back to list"),
    ]

    @dataclass
    class Closed(Message):
        """The user left the article (back to the list)."""

        article_view: ArticleView

        @property
        def control(self) -> ArticleView:
            """The view that sent the message."""
            return self.article_view

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.annotations = Annotations()
        self.terms: tuple[str, ...] = ()
        self.shown_layers: dict[str, bool] = dict.fromkeys(LAYERS, True)
        self._lines: list[Strip] | None = None
        self._lines_width = -1
        self.empty_note = "Select an article and press Enter to read it."

    def show(
        self, article: Article | None, annotations: Annotations, terms: tuple[str, ...]
    ) -> None:
        """Display ``article`` (``None``: the empty note) from the top."""
        self.article = article
        self.annotations = annotations
        self.terms = terms
        self._invalidate()
        self.scroll_to(0, 0, animate=False, immediate=True)

    def _invalidate(self) -> None:
        self._lines = None
        if self.is_mounted and self.scrollable_content_region.width > 0:
            self._ensure_lines()
        self.refresh()

    def on_resize(self) -> None:
        self._invalidate()

    # -- layout ---------------------------------------------------------

    def _ensure_lines(self) -> list[Strip]:
        width = max(1, self.scrollable_content_region.width)
        if self._lines is None or self._lines_width != width:
            self._lines = self._layout(width)
            self._lines_width = width
            self.virtual_size = Size(width, len(self._lines))
        return self._lines

    def _layout(self, width: int) -> list[Strip]:
        console = self.app.console
        base = self.rich_style
        if self.article is None:
            note = Text(self.empty_note, style=self.get_component_rich_style("article-view--empty"))
            return self._wrap(note, width, base, console)
        article = self.article
        meta = safe_text(f"{format_date(article.date)}  ·  {article.source}")
        meta.stylize(self.get_component_rich_style("article-view--meta"))
        lines = self._wrap(meta, width, base, console)
        for body in self._styled_paragraphs():
            lines.append(Strip.blank(width, base))
            lines += self._wrap(body, width, base, console)
        return lines

    def _styled_paragraphs(self) -> list[Text]:
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
        for ent in ann.entities:
            if self.shown_layers.get(ent.kind, False):
                styled.stylize(
                    self.get_component_rich_style(f"article-view--{ent.kind}"), ent.start, ent.end
                )
        if self.terms:
            match = self.get_component_rich_style("article-view--match")
            for span in TermMatcher.build(self.terms).spans(text):
                styled.stylize(match, span.start, span.end)
        # Split on the paragraph separator; spans follow the pieces.
        pieces: list[Text] = []
        start = 0
        for para in self.article.paragraphs:
            pieces.append(styled[start : start + len(para)])
            start += len(para) + 2
        return pieces

    @staticmethod
    def _wrap(text: Text, width: int, base: Style, console: Console) -> list[Strip]:
        out: list[Strip] = []
        for line in text.wrap(console, width, overflow="fold"):
            line.rstrip()
            segments = list(line.render(console))
            strip = Strip(segments).apply_style(base).crop_extend(0, width, base)
            out.append(strip)
        return out or [Strip.blank(width, base)]

    # -- drawing and keys -----------------------------------------------

    def render_line(self, y: int) -> Strip:
        lines = self._ensure_lines()
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if 0 <= index < len(lines):
            return lines[index].crop_extend(0, width, self.rich_style)
        return Strip.blank(width, self.rich_style)

    def action_scroll_lines(self, delta: int) -> None:
        """Scroll by ``delta`` lines."""
        self.scroll_to(y=self.scroll_offset.y + delta, animate=False)

    def action_scroll_pages(self, delta: int) -> None:
        """Scroll by screenfuls, keeping a line of context."""
        step = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=self.scroll_offset.y + delta * step, animate=False)

    def action_scroll_half(self, delta: int) -> None:
        """Scroll by half a screen."""
        step = max(1, self.scrollable_content_region.height // 2)
        self.scroll_to(y=self.scroll_offset.y + delta * step, animate=False)

    def action_scroll_to_top(self) -> None:
        """Go to the top of the article."""
        self.scroll_to(y=0, animate=False)

    def action_scroll_to_bottom(self) -> None:
        """Go to the end of the article."""
        self.scroll_to(y=self.max_scroll_y, animate=False)

    def action_back(self) -> None:
        """Leave the article."""
        self.post_message(self.Closed(self))
