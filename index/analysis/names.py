"""One name per person, organisation and place within an article.

An article names a person in several ways: "Tony Blair", then "Blair",
"Mr Blair", "Blair's".  :func:`canonical_names` gives every entity mention,
and every quotation's speaker, the one name the article's fullest mention
uses, so that the index and the names panel count and search them as one.
The rules, all within one article (nothing is merged across articles):

* People.  Honorifics ("Mr", "Mrs", "Dr", "Sir") and a possessive "'s" are
  dropped; case and full stops do not matter when names are compared.  A
  mention whose words end a longer mention's words ("Blair" and "Tony
  Blair", "van Beethoven" and "Ludwig van Beethoven") is that longer name,
  and so is a mention with the same first and last word ("George Bush" and
  "George W. Bush").  When the shorter form fits several names ("Tony
  Blair" and "Cherie Blair" both named), each "Blair" is the one of those
  named nearest before it, and a "Blair" before either is named stays
  "Blair": guessing would merge two people.  An honorific before the short
  form ("Mrs Blair", "Mr Bush") passes over namesakes whose common given
  name is of the other sex, and leaves the form alone when only such a
  namesake is named.  A first name alone ("Tony") is never merged.
* Organisations.  A leading "the" and a possessive are dropped (as the
  entity finder drops "The"), and legal-form endings ("Corp", "Inc.",
  "Ltd", "plc") are ignored when comparing, so "the BBC" is "BBC" and
  "Microsoft" is "Microsoft Corp"; the form with the most words is the
  name.  Nothing else is merged ("Microsoft Research" stays apart).
* Places.  A leading "the" and a possessive are dropped, nothing else.
* Speakers.  A quotation's speaker is read like a person mention at the
  quotation's start, so it lands on the same person as the entities: first
  as written ("Blair", "Mr Blair"), then the name the quote finder gave it
  ("he" is "Tony Blair"); else like an organisation ("Microsoft" is
  "Microsoft Corp").  A speaker that is no name ("he" with nobody to refer
  to, "the ministry", "officials") leaves the quotation unattributed.

:func:`search_form` is the form a search for a canonical name uses: the name
itself, but an organisation without its legal ending, so that a search from
"Microsoft Corp" also finds articles that say only "Microsoft".

The work is linear in the number of mentions: each name is split into its
few suffixes once, and the mentions are read once in text order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from byline.index.models import Annotations, Entity, EntityKind, Quote

Key = tuple[str, ...]

_HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "mme", "mlle"}
)
# Legal forms of a company: never what tells two organisations apart.
_LEGAL = frozenset(
    {"inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "plc"}
    | {"llc", "lp", "ag", "sa", "nv", "bv", "gmbh", "spa", "ab", "asa", "oyj", "kk", "bhd"}
    | {"berhad", "tbk", "pty"}
)
_APOSTROPHES = ("'", "\u2019")
_GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})
# An honorific tells which of two namesakes is meant ("Mrs Blair" is not Tony).
_HONORIFIC_GENDER = {"mr": "m", "sir": "m", "mrs": "f", "ms": "f", "miss": "f", "dame": "f"}
# How many of a short form's namesakes are remembered, most recently named first.
_RECENT = 8
# What may be left between a name and its legal ending ("Apple, Inc.", "Smith & Co").
_JOINERS = frozenset({",", "&", "and"})


@dataclass(slots=True, frozen=True)
class CanonicalNames:
    """Canonical names for one article's annotations.

    ``entities[i]`` is the name of ``annotations.entities[i]``;
    ``speakers[i]`` the speaker of ``annotations.quotes[i]`` (``None``: no
    speaker) and ``speaker_kinds[i]`` whether that speaker is a known
    person or organisation of the article (``None``: neither);
    ``fragment_speakers[i]`` and ``fragment_kinds[i]`` the same for
    ``annotations.fragments[i]``.
    """

    entities: tuple[str, ...]
    speakers: tuple[str | None, ...]
    speaker_kinds: tuple[EntityKind | None, ...]
    fragment_speakers: tuple[str | None, ...] = ()
    fragment_kinds: tuple[EntityKind | None, ...] = ()


def _word_key(word: str) -> str:
    folded = word.casefold().replace(".", "")
    return folded or word.casefold()


def _drop_possessive(words: list[str]) -> list[str]:
    last = words[-1]
    if last in ("'s", "\u2019s", "'S", "\u2019S") and len(words) > 1:
        return words[:-1]
    if len(last) > 2 and last[-2] in _APOSTROPHES and last[-1] in "sS":
        return [*words[:-1], last[:-2]]
    if len(last) > 2 and last[-1] in _APOSTROPHES and last[-2] in "sS":
        return [*words[:-1], last[:-1]]  # "Jones'"
    return words


def _honorific_gender(text: str, *, last: bool = False) -> str | None:
    """The gender an honorific gives: the first word of ``text`` (``last``: its last)."""
    words = text.split()
    return _HONORIFIC_GENDER.get(_word_key(words[-1 if last else 0])) if words else None


def person_words(text: str) -> list[str]:
    """The words of a person mention without honorifics or a possessive."""
    words = text.split()
    if not words:
        return words
    words = _drop_possessive(words)
    start = 0
    while start < len(words) - 1 and _word_key(words[start]) in _HONORIFICS:
        start += 1
    end = len(words)
    # "Martin Luther King Jr.": "King" alone is still him.
    while end - start > 1 and _word_key(words[end - 1]).rstrip(",") in _GENERATIONS:
        end -= 1
    return words[start:end]


def _the_words(text: str) -> list[str]:
    # An organisation or place without a leading "the" or a possessive.
    words = text.split()
    if not words:
        return words
    words = _drop_possessive(words)
    if len(words) > 1 and words[0].casefold() == "the":
        words = words[1:]
    return words


def _org_base(words: list[str]) -> list[str]:
    # Legal endings and what joins them to the name ("Apple, Inc.") go.
    end = len(words)
    while end > 1 and _word_key(words[end - 1].strip(",")) in _LEGAL:
        end -= 1
        while end > 1 and words[end - 1] in _JOINERS:
            end -= 1
    base = words[:end]
    if base and base[-1].endswith(","):
        base[-1] = base[-1].rstrip(",") or base[-1]
    return base


def search_form(name: str, kind: EntityKind | None) -> str:
    """What a search for the canonical ``name`` of a ``kind`` looks for (see the module doc)."""
    if kind == "org":
        words = _org_base(_the_words(name))
        return " ".join(words) if words else name
    return " ".join(name.split())


class _People:
    """The person forms of one article and what each short form stands for."""

    def __init__(self, forms: dict[Key, str]) -> None:
        self.forms = forms
        self._longer: dict[Key, list[Key]] = {}
        for key in forms:
            # Every proper suffix ("Blair" of "Tony Blair"), and first and last
            # word together ("George Bush" of "George W. Bush").
            for i in range(1, len(key)):
                self._longer.setdefault(key[i:], []).append(key)
            if len(key) > 2:
                self._longer.setdefault(("", key[0], key[-1]), []).append(key)
        self._targets: dict[Key, tuple[Key, ...]] = {}

    def targets(self, key: Key) -> tuple[Key, ...]:
        """The fullest forms ``key`` may stand for (more than one: ambiguous)."""
        found = self._targets.get(key)
        if found is not None:
            return found
        longer = list(self._longer.get(key, ()))
        if len(key) > 1:
            longer += [k for k in self._longer.get(("", key[0], key[-1]), ()) if len(k) > len(key)]
        if not longer:
            found = (key,)
        else:
            seen: dict[Key, None] = {}
            for candidate in longer:
                for target in self.targets(candidate):
                    seen[target] = None
            found = tuple(seen)
        self._targets[key] = found
        return found

    def knows(self, key: Key) -> bool:
        """Whether ``key`` is a form the article uses or a shorter form of one."""
        return key in self.forms or self.targets(key) != (key,)


_Group = tuple["EntityKind", Key]


def _fullest(forms: dict[_Group, tuple[int, str]], key: _Group, size: int, display: str) -> None:
    # The form with the most words names the group; the first such mention
    # wins ties, unless it shouts ("IRAN" in a headline, then "Iran").
    best = forms.get(key)
    if best is None or size > best[0] or (size == best[0] and _better_case(display, best[1])):
        forms[key] = (size, display)


def _better_case(new: str, old: str) -> bool:
    return old.isupper() and not new.isupper()


# Mentions as (key, display, size) by kind and text: names recur from article
# to article, and cleaning them is most of the work here.
_FORMS: dict[tuple[str, str], tuple[Key, str, int]] = {}
_CACHE_LIMIT = 50_000


def _form(kind: EntityKind, text: str) -> tuple[Key, str, int]:
    if kind == "person":
        words = person_words(text)
        return tuple(_word_key(w) for w in words), " ".join(words), len(words)
    words = _the_words(text)
    base = _org_base(words) if kind == "org" else words
    return tuple(_word_key(w) for w in base), " ".join(words), len(words)


def canonical_names(annotations: Annotations, text: str = "") -> CanonicalNames:
    """The canonical name of each entity mention and quotation speaker (see the module doc).

    ``text`` (the article the annotations belong to) lets an honorific before a
    mention ("Mrs [Blair]": the entity finder leaves titles out) tell namesakes apart.
    """
    entities = annotations.entities
    # Quoted fragments are someone's words too: their speakers are read the same way.
    quotes = (*annotations.quotes, *annotations.fragments)
    article = _Article(entities, text)
    names: list[str] = [""] * len(entities)
    speakers: list[str | None] = [None] * len(quotes)
    kinds: list[EntityKind | None] = [None] * len(quotes)
    # One pass in text order: an ambiguous short form takes the candidate
    # named nearest before it.
    for pos, _order, index, is_quote in _events(entities, quotes):
        if is_quote:
            speakers[index], kinds[index] = article.speaker(quotes[index], pos)
        else:
            names[index] = article.entity(index, pos)
    split = len(annotations.quotes)
    return CanonicalNames(
        tuple(names),
        tuple(speakers[:split]),
        tuple(kinds[:split]),
        tuple(speakers[split:]),
        tuple(kinds[split:]),
    )


class _Article:
    """The forms of one article's names, and who was named last where."""

    def __init__(self, entities: Sequence[Entity], text: str = "") -> None:
        self.entities = entities
        self.text = text
        self.keys: list[Key] = []
        person_forms: dict[Key, str] = {}
        self.groups: dict[_Group, tuple[int, str]] = {}
        cache = _FORMS
        if len(cache) > _CACHE_LIMIT:
            cache.clear()
        for ent in entities:
            cleaned = cache.get((ent.kind, ent.text))
            if cleaned is None:
                cleaned = cache[(ent.kind, ent.text)] = _form(ent.kind, ent.text)
            key, display, size = cleaned
            if ent.kind == "person":
                known = person_forms.get(key)
                if known is None or _better_case(display, known):
                    person_forms[key] = display
            else:
                _fullest(self.groups, (ent.kind, key), size, display)
            self.keys.append(key)
        self.people = _People(person_forms)
        self.last_seen: dict[Key, int] = {}
        # For each ambiguous short form met so far, the few of its people named
        # last, most recent first; kept up to date as people are named, so that
        # a short form costs the same however many namesakes the article has.
        self.recent: dict[Key, list[Key]] = {}
        self.short_forms: dict[Key, list[Key]] = {}

    def person_at(self, key: Key, pos: int, display: str, gender: str | None = None) -> str:
        """The person ``key`` names at ``pos`` (``display`` if no form of the article).

        ``gender`` ('m'/'f', from an honorific) rules out namesakes whose given
        name says otherwise; when none is left the short form stays as it is.
        """
        targets = self.people.targets(key)
        if len(targets) == 1:
            chosen = targets[0] if self._fits(targets[0], gender) else key
        else:
            if key not in self.recent:
                last_seen = self.last_seen
                seen = sorted((t for t in targets if t in last_seen), key=lambda t: last_seen[t])
                self.recent[key] = seen[::-1][:_RECENT]
                for target in targets:
                    self.short_forms.setdefault(target, []).append(key)
            recent = self.recent[key]
            # The latest namesake of the honorific's sex, else the latest of unknown sex.
            same = [t for t in recent if gender is not None and self._gender(t) == gender]
            chosen = same[0] if same else next((t for t in recent if self._fits(t, gender)), key)
        self.last_seen[chosen] = pos
        for short in self.short_forms.get(chosen, ()):
            recent = self.recent[short]
            if chosen in recent:
                recent.remove(chosen)
            recent.insert(0, chosen)
            del recent[_RECENT:]
        return self.people.forms.get(chosen) or display

    def _gender(self, target: Key) -> str | None:
        from byline.index.analysis.speakers import given_name_gender  # see _looks_like_a_name

        return given_name_gender(self.people.forms.get(target, ""))

    def _fits(self, target: Key, gender: str | None) -> bool:
        return gender is None or self._gender(target) in (None, gender)

    def entity(self, index: int, pos: int) -> str:
        """The canonical name of entity ``index`` (at ``pos``)."""
        ent = self.entities[index]
        if ent.kind == "person":
            display = " ".join(ent.text.split())
            before = self.text[max(0, ent.start - 6) : ent.start] if self.text else ""
            gender = _honorific_gender(ent.text) or _honorific_gender(before, last=True)
            return self.person_at(self.keys[index], pos, display, gender)
        group = self.groups.get((ent.kind, self.keys[index]))
        return group[1] if group else " ".join(ent.text.split())

    def speaker(self, quote: Quote, pos: int) -> tuple[str | None, EntityKind | None]:
        """The canonical speaker of ``quote`` (at ``pos``) and its kind."""
        # The speaker as written first ("Blair": the same rule as the entities),
        # then the name the quote finder gave it ("he" means "Tony Blair").
        # A pronoun is never read as a name ("he" is not the Mr He of the article).
        from byline.index.analysis.speakers import is_pronoun  # see _looks_like_a_name

        written = [w for w in (quote.speaker, quote.speaker_name) if w and not is_pronoun(w)]
        for raw in written:
            words = person_words(raw)
            key = tuple(_word_key(w) for w in words)
            if key and self.people.knows(key):
                return self.person_at(key, pos, " ".join(words), _honorific_gender(raw)), "person"
        for raw in written:
            key = tuple(_word_key(w) for w in _org_base(_the_words(raw)))
            if (group := self.groups.get(("org", key))) is not None:
                return group[1], "org"
        # Nothing the article names: the name the quote finder gave, else the
        # quotation is unattributed. The words as written ("he", "the ministry",
        # "Police") never stand in for a name.
        said = quote.speaker_name
        if said and _looks_like_a_name(said):
            return " ".join(said.split()), None
        return None, None


def _looks_like_a_name(words: str) -> bool:
    """Whether a speaker as written is a name: capitalised, not a pronoun or "The …"."""
    parts = words.split()
    first = parts[0] if parts else ""
    # Imported here: the reader loads this module (through the names panel)
    # before its first screen, and the quote finder's patterns are not needed
    # until an article is opened.
    from byline.index.analysis.speakers import is_pronoun

    return first[:1].isupper() and not is_pronoun(first) and first.lower() not in ("the", "a", "an")


def _events(
    entities: Sequence[Entity], quotes: Sequence[Quote]
) -> list[tuple[int, int, int, bool]]:
    # Entities and quotations merged by position (both come sorted from the
    # analysis; sorting makes no assumption and is near-linear on sorted runs).
    # At one position an entity comes first: it may name the speaker.
    events = [(e.start, 0, i, False) for i, e in enumerate(entities)]
    events += [(q.start, 1, i, True) for i, q in enumerate(quotes)]
    events.sort()
    return events
