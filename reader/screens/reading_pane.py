"""The reading pane: the highlight legend, the article, and the names panel under it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import Vertical
from textual.widgets import Static

from byline.reader.text import format_date
from byline.reader.widgets.article_view import ArticleView
from byline.reader.widgets.names_panel import NamesPanel

if TYPE_CHECKING:
    from collections.abc import Callable, Collection

    from textual.app import ComposeResult

    from byline.index.models import Annotations, Article, Hit


class ReadingPane(Vertical):
    """One article with its highlights, and who is quoted and named in it."""

    def compose(self) -> ComposeResult:
        yield Static(id="legend")
        yield ArticleView(id="article")
        yield NamesPanel(id="names")

    @property
    def view(self) -> ArticleView:
        """The article."""
        return self.query_one(ArticleView)

    @property
    def names(self) -> NamesPanel:
        """The panel of who is quoted and named."""
        return self.query_one(NamesPanel)

    @property
    def article(self) -> Article | None:
        """The article shown, if any."""
        return self.view.article

    def configure(self, layers: Collection[str], date_format: str) -> None:
        """The highlight layers shown and the date format, from the settings."""
        view = self.view
        for layer in view.shown_layers:
            view.shown_layers[layer] = layer in layers
        view.date_format = date_format
        self.update_legend()

    def show(self, article: Article, annotations: Annotations, terms: tuple[str, ...]) -> None:
        """Show ``article`` from the top, search ``terms`` marked, and fill the names panel."""
        self.view.show(article, annotations, terms)
        self.names.show_summary(annotations, article.text)

    def load(
        self, hit: Hit, fetch: Callable[[], tuple[Article, Annotations]], terms: tuple[str, ...]
    ) -> None:
        """Show ``hit``'s header at once and its text when ``fetch`` (run in a worker)
        returns it; the names panel is empty until then (see :class:`ArticleView.Loaded`)."""
        self.view.load(hit, fetch, terms)
        self.names.show_summary(None)

    def toggle_layer(self, layer: str) -> None:
        """Turn a highlight layer (quote, person, org, place) on or off."""
        view = self.view
        view.set_layer(layer, not view.shown_layers[layer])
        self.update_legend()

    def update_legend(self) -> None:
        """Redraw the legend line from the layers shown."""
        self.query_one("#legend", Static).update(self.view.legend())

    def clipboard_text(self) -> tuple[str, str] | None:
        """What ``y`` copies and how to say so: the quotation chosen in the names
        panel when it has focus, else the open article; None when neither."""
        panel = self.names
        quote = panel.highlighted_quote if panel.has_focus else None
        if quote is not None:
            return quote.text, "Quotation copied to the clipboard"
        article = self.article
        if article is None:
            return None
        header = f"{format_date(article.date)}  {article.source}"
        return f"{header}\n\n{article.text}\n", "Article copied to the clipboard"
