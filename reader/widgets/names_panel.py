"""The "who's quoted / who's named" panel under the reading pane."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from byline.index.analysis.summary import ArticleSummary, summarise
from byline.reader.actions import bindings
from byline.reader.text import safe_text

if TYPE_CHECKING:
    from textual.binding import BindingType

    from byline.index.models import Annotations, Quote

QUOTE_PREVIEW = 44
_HEADINGS = {"person": "People", "org": "Organisations", "place": "Places"}


class NamesPanel(OptionList):
    """Speakers with their quotations, and names with counts; Enter searches for one."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("names")

    @dataclass
    class Pivot(Message):
        """The user asked for every article naming or quoting an entry."""

        names_panel: NamesPanel
        query: str

        @property
        def control(self) -> NamesPanel:
            """The panel that sent the message."""
            return self.names_panel

    @dataclass
    class Closed(Message):
        """The user left the panel."""

        names_panel: NamesPanel

        @property
        def control(self) -> NamesPanel:
            """The panel that sent the message."""
            return self.names_panel

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._queries: dict[str, str] = {}
        self._quotes: dict[str, Quote] = {}

    def show_summary(self, annotations: Annotations | None, text: str = "") -> None:
        """Fill the panel from an article's annotations (``None``: empty) and its text."""
        self.clear_options()
        self._queries.clear()
        self._quotes.clear()
        if annotations is None:
            return
        summary = summarise(annotations, text)
        options = self._build_options(summary)
        if not options:
            options = [Option(Text("No quotations or names found.", style="dim"), disabled=True)]
        self.add_options(options)

    def _build_options(self, summary: ArticleSummary) -> list[Option]:
        options: list[Option] = []
        if summary.speakers:
            options.append(Option(Text("Quoted", style="bold underline"), disabled=True))
        for s_index, speaker in enumerate(summary.speakers):
            key = f"speaker-{s_index}"
            self._queries[key] = speaker.query
            label = Text()
            label.append_text(safe_text(speaker.name, style="bold"))
            label.append(f"  {_count(len(speaker.quotes), 'quote')}" if speaker.quotes else "")
            label.append(
                f"  {_count(len(speaker.fragments), 'fragment')}" if speaker.fragments else "",
                style="dim",
            )
            options.append(Option(label, id=key))
            # Whole quotations first, then the words quoted inside the reporter's
            # sentences, shown as the fragments they are ("…“not true”…").
            said = [(q, "quote", "\u201c", "\u201d", "italic") for q in speaker.quotes]
            said += [
                (q, "fragment", "\u2026\u201c", "\u201d\u2026", "italic dim")
                for q in speaker.fragments
            ]
            for q_index, (quote, part, opening, closing, style) in enumerate(said):
                qkey = f"{key}-{part}-{q_index}"
                self._queries[qkey] = speaker.query
                self._quotes[qkey] = quote
                words = " ".join(quote.text.split())
                if len(words) > QUOTE_PREVIEW:
                    words = words[: QUOTE_PREVIEW - 1].rsplit(" ", 1)[0] + "\u2026"
                options.append(
                    Option(safe_text(f"  {opening}{words}{closing}", style=style), id=qkey)
                )
        kind = None
        for n_index, name in enumerate(summary.names):
            if name.kind != kind:
                kind = name.kind
                options.append(Option(Text(_HEADINGS[kind], style="bold underline"), disabled=True))
            key = f"name-{n_index}"
            self._queries[key] = name.query
            label = safe_text(name.name)
            label.append(f"  \u00d7{name.count}", style="dim")
            options.append(Option(label, id=key))
        return options

    @property
    def highlighted_quote(self) -> Quote | None:
        """The quotation under the cursor, if the cursor is on one."""
        if self.highlighted is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        return self._quotes.get(option.id or "")

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        query = self._queries.get(event.option.id or "")
        if query:
            self.post_message(self.Pivot(self, query))

    def action_back(self) -> None:
        """Leave the panel."""
        self.post_message(self.Closed(self))


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' if number != 1 else ''}"
