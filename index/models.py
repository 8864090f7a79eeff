"""Plain data passed between the parts of byline.index and out to its callers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence
    from pathlib import Path

EntityKind = Literal["person", "org", "place", "misc"]
ENTITY_KINDS: tuple[EntityKind, ...] = ("person", "org", "place", "misc")

PARAGRAPH_SEPARATOR = "\n\n"

#: The orders ``Library.search`` can return hits in.
Sort = Literal["relevance", "newest", "oldest"]
SORTS: tuple[Sort, ...] = ("relevance", "newest", "oldest")


@dataclass(slots=True, frozen=True)
class Article:
    """One parsed article.

    ``id`` is derived from the path relative to the corpus root, so it stays
    the same when the text changes.  ``source`` is that relative path, in
    POSIX form, for display.  ``date`` is ``None`` when the file has no
    (valid) date header.
    """

    id: str
    path: Path
    date: dt.date | None
    title: str
    paragraphs: tuple[str, ...]
    source: str

    @property
    def text(self) -> str:
        """The body as one string; annotation offsets point into it."""
        return PARAGRAPH_SEPARATOR.join(self.paragraphs)


@dataclass(slots=True, frozen=True)
class Problem:
    """A file that could not be (fully) read, with a one-line reason."""

    path: Path
    reason: str


@dataclass(slots=True, frozen=True)
class Entity:
    """A named entity: ``text[start:end] == self.text``."""

    start: int
    end: int
    text: str
    kind: EntityKind


@dataclass(slots=True, frozen=True)
class Quote:
    """A direct quotation.

    ``start``/``end`` span the quoted words.  A quotation continued under a
    new opening mark (in the next paragraph, or after a finished sentence)
    is one ``Quote`` per stretch, all with the same speaker; only a
    continuation whose re-opening mark was left out spans two paragraphs.
    ``speaker`` is the speaker as written in the article ("he", "the
    corporation"), ``cue`` the verb that attributes it, and ``speaker_name``
    the fullest name the article gives that speaker (for "he" the person he
    refers to, for "a Microsoft spokesman" Microsoft), used by the index and
    the UI.  Quoted fragments (``Annotations.fragments``) are ``Quote``s too.
    """

    start: int
    end: int
    text: str
    speaker: str | None
    cue: str | None
    speaker_name: str | None = None


@dataclass(slots=True, frozen=True)
class Annotations:
    """Everything the analysis found in one article's text.

    ``fragments`` are quoted words inside the reporter's own sentence
    (``called the plan "unworkable"``), kept apart from the quotations.
    """

    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    fragments: tuple[Quote, ...] = ()


@dataclass(slots=True, frozen=True)
class Span:
    """A highlighted stretch of a snippet or headline (end exclusive)."""

    start: int
    end: int


@dataclass(slots=True, frozen=True)
class Hit:
    """One search result."""

    id: str
    path: Path
    source: str
    headline: str
    date: dt.date | None
    score: float
    snippet: str
    snippet_spans: tuple[Span, ...] = ()


@dataclass(slots=True, frozen=True)
class Results:
    """The answer to one query.

    ``ignored`` lists the parts of the query that could not be used (each a
    short human-readable note); ``suggestions`` maps misspelt words to
    indexed terms; ``terms`` are the words to highlight in the text.
    ``hits`` is a tuple, or with ``Library.search(..., lazy=True)`` a
    sequence that reads each hit from the index on first access.
    """

    query: str
    hits: Sequence[Hit]
    total: int
    ignored: tuple[str, ...] = ()
    suggestions: tuple[tuple[str, str], ...] = ()
    terms: tuple[str, ...] = ()
    elapsed: float = 0.0


@dataclass(slots=True, frozen=True)
class UpdateReport:
    """What ``Library.update`` did."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    problems: tuple[Problem, ...] = ()
    rebuilt: bool = False
    elapsed: float = 0.0
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def indexed(self) -> int:
        """Articles written to the index by this update."""
        return self.added + self.changed
