"""Who is quoted and who is named in one article: the data behind the names panel."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from byline.index.models import Annotations, EntityKind, Quote


@dataclass(slots=True, frozen=True)
class Speaker:
    """Someone quoted in the article, with their quotations in order."""

    name: str
    quotes: tuple[Quote, ...]

    @property
    def query(self) -> str:
        """The search for every article quoting this speaker."""
        return f'speaker:"{_query_safe(self.name)}"'


@dataclass(slots=True, frozen=True)
class Name:
    """A person, organisation or place named in the article, with its mention count."""

    kind: EntityKind
    name: str
    count: int

    @property
    def query(self) -> str:
        """The search for every article naming it."""
        return f'{self.kind}:"{_query_safe(self.name)}"'


@dataclass(slots=True, frozen=True)
class ArticleSummary:
    """Speakers in order of first quotation; names by kind, most mentioned first."""

    speakers: tuple[Speaker, ...]
    names: tuple[Name, ...]


def _query_safe(name: str) -> str:
    # A double quote inside a phrase would end it early.
    return " ".join(name.replace('"', " ").split())


def summarise(annotations: Annotations) -> ArticleSummary:
    """Group an article's quotations by speaker and count its named entities.

    A one-word person mention ("Rogozin") counts toward the fuller name it
    ends ("Dmitry Rogozin") when the article gives one.
    """
    by_speaker: dict[str, list[Quote]] = {}
    for quote in annotations.quotes:
        name = quote.speaker_name or quote.speaker
        if name:
            by_speaker.setdefault(" ".join(name.split()), []).append(quote)
    speakers = tuple(Speaker(name, tuple(quotes)) for name, quotes in by_speaker.items())

    full_people = {e.text for e in annotations.entities if e.kind == "person" and " " in e.text}
    by_last = {full.split()[-1]: full for full in sorted(full_people, key=len)}
    counts: dict[tuple[EntityKind, str], int] = {}
    for ent in annotations.entities:
        if ent.kind == "misc":
            continue
        text = " ".join(ent.text.split())
        if ent.kind == "person" and " " not in text:
            text = by_last.get(text, text)
        counts[(ent.kind, text)] = counts.get((ent.kind, text), 0) + 1
    order = {"person": 0, "org": 1, "place": 2}
    names = tuple(
        Name(kind, text, count)
        for (kind, text), count in sorted(
            counts.items(), key=lambda item: (order.get(item[0][0], 3), -item[1], item[0][1])
        )
    )
    return ArticleSummary(speakers, names)
