"""Who is quoted and who is named in one article: the data behind the names panel."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from byline.index.analysis.names import canonical_names, search_form

if TYPE_CHECKING:
    from byline.index.models import Annotations, EntityKind, Quote


@dataclass(slots=True, frozen=True)
class Speaker:
    """Someone quoted in the article, with their quotations in order.

    ``kind`` says whether the speaker is a person or organisation the
    article names (``None``: neither, e.g. "the ministry"); ``fragments``
    are their words quoted inside the reporter's sentences.
    """

    name: str
    quotes: tuple[Quote, ...]
    kind: EntityKind | None = None
    fragments: tuple[Quote, ...] = ()

    @property
    def query(self) -> str:
        """The search for every article quoting this speaker."""
        return f'speaker:"{_query_safe(search_form(self.name, self.kind))}"'


@dataclass(slots=True, frozen=True)
class Name:
    """A person, organisation or place named in the article, with its mention count."""

    kind: EntityKind
    name: str
    count: int

    @property
    def query(self) -> str:
        """The search for every article naming it."""
        return f'{self.kind}:"{_query_safe(search_form(self.name, self.kind))}"'


@dataclass(slots=True, frozen=True)
class ArticleSummary:
    """Speakers in order of first quotation; names by kind, most mentioned first."""

    speakers: tuple[Speaker, ...]
    names: tuple[Name, ...]


def _query_safe(name: str) -> str:
    # A double quote inside a phrase would end it early.
    return " ".join(name.replace('"', " ").split())


def summarise(annotations: Annotations, text: str = "") -> ArticleSummary:
    """Group an article's quotations by speaker and count its named entities.

    Every mention counts toward its canonical name
    (:func:`byline.index.analysis.names.canonical_names`), the one the index holds:
    "Blair", "Mr Blair" and "Blair's" count toward "Tony Blair" when the
    article gives his full name.
    """
    canon = canonical_names(annotations, text)
    by_speaker: dict[str, tuple[list[Quote], list[Quote]]] = {}
    kinds: dict[str, EntityKind | None] = {}
    said = (
        (annotations.quotes, canon.speakers, canon.speaker_kinds, 0),
        (annotations.fragments, canon.fragment_speakers, canon.fragment_kinds, 1),
    )
    for quotes, names_of, kinds_of, slot in said:
        for quote, name, kind in zip(quotes, names_of, kinds_of, strict=True):
            if name:
                by_speaker.setdefault(name, ([], []))[slot].append(quote)
                kinds.setdefault(name, kind)
    # In order of each speaker's first words in the article.
    first = {
        name: min(q.start for q in [*whole, *parts]) for name, (whole, parts) in by_speaker.items()
    }
    speakers = tuple(
        Speaker(name, tuple(whole), kinds[name], tuple(parts))
        for name, (whole, parts) in sorted(by_speaker.items(), key=lambda item: first[item[0]])
    )

    counts: dict[tuple[EntityKind, str], int] = {}
    for ent, name in zip(annotations.entities, canon.entities, strict=True):
        if ent.kind == "misc" or not name:
            continue
        counts[(ent.kind, name)] = counts.get((ent.kind, name), 0) + 1
    order = {"person": 0, "org": 1, "place": 2}
    names = tuple(
        Name(kind, text, count)
        for (kind, text), count in sorted(
            counts.items(), key=lambda item: (order.get(item[0][0], 3), -item[1], item[0][1])
        )
    )
    return ArticleSummary(speakers, names)
