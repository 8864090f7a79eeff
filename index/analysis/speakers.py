"""Resolve a speaker as written ("Rogozin", "he") to the fullest name in the article.

Works from the article text alone (a light capitalised-name detector) and,
when given, the person entities of :func:`byline.index.analysis.entities.find_entities`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING

from byline.index.analysis.gazetteer import lexicon
from byline.index.models import Entity

if TYPE_CHECKING:
    from collections.abc import Sequence


def _words(text: str) -> list[str]:
    """The whitespace-separated words of a word list."""
    return text.split()


__all__ = ["NameResolver", "is_pronoun"]

_PRONOUN_GENDER: dict[str, str | None] = {
    "he": "m",
    "him": "m",
    "she": "f",
    "her": "f",
    "they": None,
    "it": None,
    "i": None,
    "we": None,
    "you": None,
    "them": None,
}

# Honorifics and office titles that precede a name but are not part of it.
_TITLES = frozenset(
    _words(
        """
        mr mrs ms miss dr sen senator rep representative gov governor gen general lt col
        sgt capt captain prof professor rev sir dame lord lady president vice secretary
        minister prime chancellor chairman chairwoman chair judge justice chief mayor
        ambassador attorney commissioner director spokesman spokeswoman spokesperson
        officer detective sheriff pope king queen prince princess former acting deputy
        assistant adm maj cmdr coach candidate nominee leader speaker congressman
        congresswoman councilman councilwoman councillor superintendent dean st mp mep msp mla
        archbishop bishop cardinal rabbi imam reverend sheikh ayatollah baroness baron
        """
    )
)
# Words that make a capitalised run an organisation or place, not a person.
_NON_PERSON = frozenset(
    _words(
        """
        party house senate congress committee department ministry agency university
        college school institute foundation association council court bank times post
        news journal street press company corp corporation inc ltd group fund club union
        church center centre network campaign administration office service services
        commission bureau board reserve army navy force forces police county city state
        states republic kingdom united america american americans national international
        federal democratic republican democrats republicans white monday tuesday
        wednesday thursday friday saturday sunday january february march april may june
        july august september october november december twitter facebook google tv radio
        channel north south east west new ocean sea river lake island islands valley
        mountain mountains asia europe africa york jersey korea china russia mexico
        canada iraq iran syria israel india japan germany france britain england
        washington california texas florida virginia carolina ohio street avenue airport
        hospital museum park hotel act law bill treaty accord agreement program programme
        plan index exchange market treasury distributors associations industries
        holdings systems motors energy oil petroleum airlines airways trust securities
        capital partners communications technologies
        """
    )
)
# Party labels written before a politician's name ("Liberal Democrat Vince Cable").
_PARTY_LABELS = frozenset(
    _words("democrat republican labour tory liberal conservative libertarian socialist")
)
# Single capitalised words that are never a person's name.
_NOT_NAMES = frozenset(
    _words(
        """
        spring summer autumn winter christmas easter ramadan diwali hanukkah eid
        thanksgiving halloween monday tuesday wednesday thursday friday saturday sunday
        january february march july september october november december commons lords
        parliament congress senate
        """
    )
)
_HOLIDAYS = frozenset(
    _words("christmas easter ramadan diwali hanukkah eid thanksgiving halloween passover")
)
_STARTERS = frozenset(
    _words(
        """
        the but and in on at for if so as yet or then when while after before this that
        these those there here it its a an still also now however meanwhile earlier
        later his her their our my your we they he she i according asked said says many
        what although would some most all every each no not several both few other
        others various numerous
        """
    )
)
# A small hint list for pronoun agreement (common given names, not exhaustive).
_FEMALE = frozenset(
    _words(
        """
        mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy
        lisa margaret betty sandra ashley dorothy kimberly emily donna michelle carol
        amanda melissa deborah stephanie rebecca laura sharon cynthia kathleen amy
        shirley  helen anna brenda pamela nicole samantha katherine christine
        debra rachel catherine carolyn janet ruth maria heather diane virginia julie
        joyce victoria  christina joan evelyn lauren judith olga martha cheryl
        megan andrea hannah jacqueline ann  alice kathryn gloria teresa doris sara
        janice julia marie  grace judy theresa beverly denise marilyn amber
        danielle rose brittany diana abigail natalie jane lori alexis tiffany kayla
        hillary chelsea melania ivanka elizabeth nancy condoleezza sonia ruth
        theresa marine nicola dilma cristina yulia irina natalia tatiana svetlana elena
        maria claire gwen jill kellyanne sarah huma loretta susana nikki kamala michele
        tammy kate katie kirsty lucy sophie charlotte emma harriet
        tessa margaret hazel moira fiona morag sian bridget
        sue sally joanna louise helena ingrid anne annie agnes
        beatrice caroline clare eleanor frances gillian isabel jacqui jessie
        lorraine maureen pauline penny rosemary sheila stella tracey valerie vera
        wendy yvonne zoe natasha nadia olivia ella amelia mia chloe ruby
        """
    )
)
_MALE = frozenset(
    _words(
        """
        james john robert michael william david richard joseph thomas charles
        christopher daniel matthew anthony mark donald steven paul andrew joshua kenneth
        kevin brian george timothy ronald edward jason jeffrey ryan jacob gary nicholas
        eric jonathan stephen larry justin scott brandon benjamin samuel gregory
        alexander frank patrick raymond jack dennis jerry tyler aaron jose adam nathan
        henry douglas zachary peter kyle walter ethan jeremy harold keith christian
        roger noah gerald carl  sean austin arthur lawrence jesse dylan bryan joe
         billy bruce albert willie gabriel logan alan juan wayne roy ralph randy
        eugene vincent russell elijah louis bobby philip johnny barack bill mike mitt
        bernie ted marco jeb chris newt rudy vladimir dmitry sergei xi boris emmanuel
         recep benjamin bashar  hassan narendra justin tim rex reince paul
        mitch chuck harry rand jim tom bob dick al ben joe tony gordon alastair
        alistair gareth dafydd rhodri ian iain neil nigel graham colin clive derek
        trevor geoff geoffrey martin simon jeremy hugh rupert giles oliver jack
        charlie alfie archie freddie toby steven stevie alan andy jose
        david kenneth ken des terry gerry
        jacques francois pierre jean luc hans klaus jurgen gerhard helmut silvio
        romano jose luis carlos pedro diego sergio mario marco luca paolo giovanni
        ahmed mohammed muhammad ali omar hamid yasser ariel ehud shimon vladimir
        mikhail dmitri nikolai viktor yuri kofi nelson thabo robert ronan brian
        seamus sean patrick liam owen rhys dylan evan gavin duncan angus fraser
        hamish malcolm stuart craig kenny jonny matt dave pete rob nick phil
        """
    )
)
# Initials ("G.K.", "E.") come first so that "Leonard E. Burman" stays one run.
_NAME_WORD = r"(?:[A-Z]\.(?:[A-Z]\.)*(?=\s)|[A-Z][\w\u2019'\-]*)"
_NAME_RUN = re.compile(
    rf"{_NAME_WORD}(?:\s+(?:(?:de|da|do|dos|das|di|du|van|von|der|bin|al|del|la|le)\s+)?{_NAME_WORD})*"
)
_TOKEN = re.compile(r"[A-Z]\.(?:[A-Z]\.)*|[A-Za-z][\w\u2019'\-]*\.?")


_SPEAKS = re.compile(
    r",?\s+(?:[a-z]+\s+)?(?:said|says|told|tells|added|adds|wrote|writes|asked|asks|"
    r"continued|explained|recalled|insisted|argued|replied|warned)\b"
)


def is_pronoun(text: str) -> bool:
    """Whether ``text`` is a bare personal pronoun."""
    return text.strip().lower() in _PRONOUN_GENDER


_PARENTHESES = re.compile(r"\([^)]*\)")


def _clean_tokens(run: str) -> list[str]:
    """Name tokens of a capitalised run without leading titles or sentence starters."""
    if "(" in run:
        run = _PARENTHESES.sub(" ", run)  # "Jason Chaffetz (R-Utah)"
    toks = _TOKEN.findall(run)
    # "Manhattan Supreme Court Justice Frank Nervo": the name follows the last title.
    for k in range(len(toks) - 2, -1, -1):
        if toks[k].rstrip(".").lower() in _TITLES:
            toks = toks[k + 1 :]
            break
    while toks and (
        toks[0].rstrip(".").lower() in _TITLES
        or toks[0].lower() in _STARTERS
        or (toks[0].lower() in _NON_PERSON and not _given_name_first(toks))
        or toks[0].lower() in _PARTY_LABELS
    ):
        toks.pop(0)
    # A possessive ("Trump's") names the person.
    if toks:
        last = toks[-1]
        for suffix in ("\u2019s", "'s"):
            if last.endswith(suffix):
                toks[-1] = last[: -len(suffix)]
    return [t for t in toks if t]


def _given_name_first(toks: list[str]) -> bool:
    """ "Bill Gates", "Chelsea Clinton": a given name and a surname, not "Bill Act"."""
    first = toks[0].lower()
    return len(toks) == 2 and (first in _MALE or first in _FEMALE) and toks[1][:1].isupper()


@dataclass(slots=True, frozen=True)
class _Mention:
    start: int
    tokens: tuple[str, ...]
    person: bool  # looks like a person (not an org or place)
    subject: bool = False  # opens a sentence or is followed by a verb


class NameResolver:
    """Maps speakers as written to the fullest name the article gives."""

    __slots__ = (
        "_acronyms",
        "_by_surname",
        "_entities",
        "_entity_starts",
        "_fullest_of",
        "_kinds",
        "_mentions",
        "_org_list",
        "_org_starts",
        "_starts",
        "_text",
    )

    def __init__(self, text: str, entities: Sequence[Entity] | None = None) -> None:
        self._text = text
        # In text order, which the lookups below rely on.
        self._entities = sorted(entities, key=lambda e: e.start) if entities else entities
        self._mentions: list[_Mention] | None = None
        self._starts: list[int] = []
        # Distinct person names by last token, for "Rogozin" -> "Dmitry Rogozin"
        # (a dict as an ordered set: an article may name thousands of Smiths).
        self._by_surname: dict[str, dict[tuple[str, ...], None]] = {}
        self._fullest_of: dict[tuple[str, ...], str] = {}
        # Built on first use; lookups stay logarithmic so that a huge article
        # with thousands of quotations is still read in linear-ish time.
        self._org_list: list[Entity] | None = None
        self._org_starts: list[int] = []
        self._entity_starts: list[int] | None = None
        self._kinds: dict[str, set[str]] | None = None
        self._acronyms: dict[str, str | None] = {}

    def _build(self) -> list[_Mention]:
        if self._mentions is not None:
            return self._mentions
        mentions: list[_Mention] = []
        persons = [e for e in (self._entities or ()) if e.kind == "person"]
        if persons:
            for ent in persons:
                toks = _clean_tokens(ent.text)
                if toks and (
                    toks[0].lower() in _HOLIDAYS
                    or (len(toks) == 1 and toks[0].lower() in _NOT_NAMES)
                ):
                    continue  # "Autumn", "Christmas Eve" mistaken for a person
                if toks:
                    subject = _subject_like(self._text, ent.start, ent.end)
                    mentions.append(_Mention(ent.start, tuple(toks), True, subject))
        else:
            lower_words = set(re.findall(r"\b[a-z][a-z\-]+\b", self._text))
            for m in _NAME_RUN.finditer(self._text):
                run = m.group()
                if run.lower() in _STARTERS:
                    continue  # the common case: a capitalised first word
                toks = _clean_tokens(run)
                if not toks or toks[0].lower() in _HOLIDAYS:
                    continue
                shouting = all(t.isupper() and len(t) > 2 for t in toks)  # datelines
                organisation = any(t.lower().rstrip(".") in _NON_PERSON for t in toks)
                if shouting or organisation or len(toks) > 4:
                    continue
                # "Economist Ravi Batra": drop a leading common noun.
                while len(toks) > 2 and toks[0].lower() in lower_words:
                    toks.pop(0)
                given = toks[0].lower()
                # A person: a title before the name, or a given name followed by a
                # surname that is not an ordinary word of the article.
                person = _has_title(m.group()) or (
                    len(toks) >= 2
                    and (given in _MALE or given in _FEMALE or given not in lower_words)
                    and toks[-1].lower() not in lower_words
                    and toks[0].lower() not in lower_words
                )
                # "Kowalski said": whoever speaks is a person (or an organisation).
                person = person or (
                    len(toks) == 1 and _SPEAKS.match(self._text, m.end()) is not None
                )
                subject = _subject_like(self._text, m.start(), m.end())
                mentions.append(_Mention(m.start(), tuple(toks), person, subject))
            # A single surname is a person when the article names that person in full.
            surnames = {m.tokens[-1] for m in mentions if m.person and len(m.tokens) >= 2}
            mentions = [
                _Mention(m.start, m.tokens, True, m.subject)
                if not m.person and len(m.tokens) == 1 and m.tokens[0] in surnames
                else m
                for m in mentions
            ]
        mentions.sort(key=lambda m: m.start)
        for mention in mentions:
            if mention.person:
                self._by_surname.setdefault(mention.tokens[-1], {})[mention.tokens] = None
        self._mentions = mentions
        self._starts = [m.start for m in mentions]
        return mentions

    def resolve(self, speaker: str, pos: int) -> str | None:
        """Fullest name for ``speaker`` (written at offset ``pos``), or None.

        The answer names a person or an organisation of the article, never a
        pronoun, a place or a holiday: "he" and "the archbishop" become the
        person meant, "a Microsoft spokesman" becomes Microsoft, and an
        unnamed "spokesman" the body the sentence before talks about.
        """
        low = speaker.strip().lower()
        if low in _PRONOUN_GENDER:
            if low == "it":
                # "…," it said: the organisation just named, if any.
                return self._recent_org(pos, _ORG_LOOKBACK // 2)
            if low not in ("he", "she", "him", "her"):
                return None  # "they", "we": a group
            return self._antecedent(_PRONOUN_GENDER[low], pos)
        words = speaker.split()
        if not words:
            return None
        if _SPOKESPERSON.search(speaker):
            named = self._named_body(speaker, pos)
            if named is not None or words[0].lower() not in _DETERMINERS:
                return named
            # "A spokesman said": the body the previous sentence is about.
            return self._recent_org(pos, _ORG_LOOKBACK)
        if len(words) >= 2 and words[0].endswith(("'s", "\u2019s")) and words[-1][:1].islower():
            # "Apple's boss": the person the article gives that role, else
            # (nobody named) the company they speak for.
            holder = self._role_holder(words[-1].rstrip(".,").lower(), pos, guess=False)
            return holder or self._named_body(words[0], pos)
        if words[0].lower() in _DETERMINERS:
            # The head noun comes before any post-modifier: "a source close
            # to the player", "the leader of the council".
            cut = next((k for k, w in enumerate(words) if w.lower() in _POST_MODIFIERS), len(words))
            head_word = words[max(1, cut - 1)] if cut > 1 else words[-1]
            head = head_word.rstrip(".,").lower()
            if head.endswith(("\u2019s", "'s")):
                head = head[:-2]
            if words[0].lower() in _INDEFINITE:
                # "a source", "one analyst": someone new, never someone named before.
                return None
            if head in _ORG_NOUNS and head_word[:1].islower():
                return self._recent_org(pos, _ORG_LOOKBACK * 2)
            if not head_word[:1].isupper():
                # "the archbishop", "the ex-international": the person who
                # bears that role in the article.
                return self._role_holder(head, pos)
            if len(words) == 2 and self._is_demonym(words[1]):
                # "the Frenchman", "the Portuguese": the person being written about.
                return self._antecedent(None, pos)
        inside = self._person_inside(pos, pos + len(speaker))
        named = self._named(speaker, pos)
        if inside is not None and not (
            named is not None and named.endswith(inside) and len(named) > len(inside)
        ):
            # "Liberal Democrat Vince Cable": the person the entities find in
            # it, unless the phrase holds more of the name ("Maria do Ceu Pires").
            return inside
        return named

    def _is_demonym(self, word: str) -> bool:
        """Whether ``word`` names a nationality ("Frenchman", "Portuguese", "Scot")."""
        if not word[:1].isupper():
            return False
        low = word.lower()
        if low.endswith(("man", "woman")) or low in _DEMONYMS:
            return True
        return any(e.kind == "misc" and e.text == word for e in self._entities or ())

    def _entities_within(self, start: int, end: int) -> list[Entity]:
        """The entities lying inside text[start:end], in order."""
        entities = self._entities or ()
        if self._entity_starts is None:
            self._entity_starts = [e.start for e in entities]
        i = bisect_left(self._entity_starts, start)
        out: list[Entity] = []
        while i < len(entities) and entities[i].start < end:
            if entities[i].end <= end:
                out.append(entities[i])
            i += 1
        return out

    def _person_inside(self, start: int, end: int) -> str | None:
        """Fullest name of the last person entity inside text[start:end]."""
        found: Entity | None = None
        for ent in self._entities_within(start, end):
            if ent.kind == "person":
                found = ent
        if found is None:
            return None
        toks = _clean_tokens(found.text)
        return self._fullest(toks, found.start) if toks else None

    def _named(self, speaker: str, pos: int) -> str | None:
        """Fullest name of the last capitalised run of ``speaker``.

        In "analyst Kevin Murphy of Morgan Stanley" the speaker is the person
        before "of", so the part before the first such preposition comes first.
        """
        toks: list[str] = []
        if "(" in speaker:
            speaker = _PARENTHESES.sub(" ", speaker)  # "Jim Clyburn (D-S.C.)"
        for part in _AFFILIATION.split(speaker, maxsplit=1):
            runs = [m.group() for m in _NAME_RUN.finditer(part)]
            for run in reversed(runs):
                toks = _clean_tokens(run)
                if toks:
                    break
            if toks:
                break
        if not toks:
            return None
        if len(toks) == 1 and not self._is_speaker_kind(toks[0]):
            return None  # a place, a holiday or an event cannot speak
        if len(toks) == 1 and self._common_word(toks[0]):
            return None  # "Officials said:", "Witnesses told…": nobody named
        if len(toks) == 1 and toks[0].isupper() and 2 <= len(toks[0]) <= 6:
            expanded = self._expand_acronym(toks[0])
            if expanded is not None:
                return expanded
        return self._fullest(toks, pos)

    def _common_word(self, word: str) -> bool:
        """A capitalised dictionary word that no entity of the article takes for a name."""
        if self._entities is None:
            return False  # without the entities there is no telling
        return word not in self._entity_kinds() and lexicon().is_common(word.lower())

    def _is_speaker_kind(self, name: str) -> bool:
        """False when the entities call every mention of ``name`` a place or misc."""
        kinds = self._entity_kinds().get(name)
        return not kinds or bool(kinds & {"person", "org"})

    def _entity_kinds(self) -> dict[str, set[str]]:
        """The kinds the entities give each name as written (built on first use)."""
        if self._kinds is None:
            self._kinds = {}
            for e in self._entities or ():
                self._kinds.setdefault(e.text, set()).add(e.kind)
        return self._kinds

    def _named_body(self, speaker: str, pos: int) -> str | None:
        """The body named in "a Microsoft spokesman", "a spokesman for the Treasury"."""
        runs = [m.group() for m in _NAME_RUN.finditer(speaker)]
        for run in reversed(runs):
            # Not _clean_tokens: "Japan Fund" is all organisation words.
            toks = [t for t in _TOKEN.findall(run) if t.lower() not in _STARTERS]
            if toks and toks[-1].endswith(("\u2019s", "'s")):
                toks[-1] = toks[-1][:-2]
            if not toks:
                continue
            if len(toks) == 1 and toks[0].isupper():
                return self._expand_acronym(toks[0]) or toks[0]
            # A body, not a person: its own name, never a person's full name.
            return " ".join(toks)
        return None

    def _orgs(self) -> list[Entity]:
        if self._org_list is None:
            if self._entities:
                self._org_list = [e for e in self._entities if e.kind == "org"]
            else:
                self._org_list = _light_orgs(self._text)
            self._org_starts = [e.start for e in self._org_list]
        return self._org_list

    def _recent_org(self, pos: int, lookback: int) -> str | None:
        """The organisation last named (not after a preposition) before ``pos``."""
        text = self._text
        orgs = self._orgs()
        for k in range(bisect_left(self._org_starts, pos) - 1, -1, -1):
            ent = orgs[k]
            if ent.end > pos:
                continue
            if pos - ent.start > lookback:
                break
            if _in_quotation(text, ent.start):
                continue
            before = _LAST_WORDS.search(text, max(0, ent.start - 30), ent.start)
            if before and before.group(1).lower() in _PREPOSITIONS:
                continue  # "told the Commons", "in the Treasury": not the actor
            return self._named(ent.text, ent.start) or ent.text
        return None

    def _role_holder(self, role: str, pos: int, guess: bool = True) -> str | None:
        """The person the article gives ``role`` ("archbishop", "coach"), else the topic.

        With ``guess`` False there is no falling back on the topic.
        """
        if role in _DOCUMENTS:
            return None  # "the report said": a document, not a person
        mentions = self._build()
        text = self._text
        i = bisect_left(self._starts, pos) - 1
        # The role right before the name ("Archbishop Desmond Tutu", "England
        # coach Andy Robinson") or in an apposition after it ("Tutu, the
        # South African archbishop,").
        before_name = re.compile(rf"\b{re.escape(role)}(?:\s+[\w\-]+){{0,2}}\s*$", re.IGNORECASE)
        apposition = re.compile(
            rf",\s+(?:the|a|an)\s+(?:[\w\-]+\s+){{0,3}}{re.escape(role)}\b", re.IGNORECASE
        )
        looked = 0
        while i >= 0 and looked < 80:
            m = mentions[i]
            i -= 1
            looked += 1
            if not m.person:
                continue
            # The mention may begin with its title ("Archbishop Desmond Tutu").
            first = text.find(m.tokens[0], m.start, m.start + 80)
            first = m.start if first < 0 else first
            last = text.find(m.tokens[-1], first, first + 120)
            end = first + len(" ".join(m.tokens)) if last < 0 else last + len(m.tokens[-1])
            if before_name.search(text, max(0, first - 40), first) or apposition.match(
                text, end, end + 60
            ):
                return self._fullest(list(m.tokens), m.start)
        base = role.rsplit("-", 1)[-1]
        if not guess:
            return None
        if role.startswith(("ex-", "former-")) or role.endswith("year-old") or base in _EPITHETS:
            # News refers back to its main figure by an epithet ("the
            # 52-year-old", "the ex-international", "the veteran"): the person
            # the article is talking about.
            return self._antecedent(None, pos)
        return None  # "the announcer", "the letter": nobody the article names

    def _expand_acronym(self, acronym: str) -> str | None:
        """The full name an acronym stands for, when the article spells it out."""
        if acronym not in self._acronyms:
            self._acronyms[acronym] = None
            for m in _LONG_NAME.finditer(self._text):
                words = [w for w in m.group().split() if w.lower() not in _CONNECTORS]
                if len(words) == len(acronym) and "".join(w[0] for w in words) == acronym:
                    self._acronyms[acronym] = " ".join(words)
                    break
        return self._acronyms[acronym]

    def names_entity(self, start: int, end: int) -> bool:
        """Whether text[start:end] holds an entity of any kind ("Russia", "Police Federation")."""
        return bool(self._entities_within(start, end))

    def is_person(self, name: str) -> bool:
        """Whether ``name`` (a resolved name) is one of the article's people."""
        self._build()
        toks = tuple(name.split())
        return bool(toks) and toks in self._by_surname.get(toks[-1], ())

    def persons_between(self, start: int, end: int) -> bool:
        """Whether a person is named outside quotation marks in text[start:end]."""
        mentions = self._build()
        i = bisect_left(self._starts, start)
        while i < len(mentions) and mentions[i].start < end:
            m = mentions[i]
            i += 1
            if m.person and not _in_quotation(self._text, m.start):
                return True
        return False

    def _fullest(self, toks: list[str], pos: int) -> str:
        """The longest mention in the article that ends with the same surname."""
        self._build()
        key = tuple(toks)
        found = self._fullest_of.get(key)
        if found is None:
            best = key
            wanted = set(toks)
            for names in self._by_surname.get(toks[-1], ()):
                if len(names) > len(best) and wanted <= set(names):
                    best = names
            found = self._fullest_of[key] = " ".join(best)
        return found

    def _antecedent(self, gender: str | None, pos: int) -> str | None:
        """The most recent fitting person mentioned before ``pos``."""
        mentions = self._build()
        i = bisect_left(self._starts, pos) - 1
        looked = 0
        fallback: str | None = None
        # The latest fitting person who is the subject of a sentence, else the
        # latest fitting person at all ("Mr. Obama dismissed ... Mr. Tribe's
        # client ... “...,” he said" means Obama).
        while i >= 0 and looked < 60 and pos - mentions[i].start < 2500:
            m = mentions[i]
            i -= 1
            looked += 1
            if not m.person or m.start >= pos:
                continue
            if _in_quotation(self._text, m.start):
                continue
            full = self._fullest(list(m.tokens), m.start)
            if gender is not None and _gender_of(full, self._text, m.start) not in (None, gender):
                continue
            if m.subject:
                return full
            if fallback is None:
                fallback = full
        return fallback


_DETERMINERS = frozenset(_words("a an the this that its his her their our one another"))
_INDEFINITE = frozenset(_words("a an one another"))
_POST_MODIFIERS = frozenset(_words("of for at to with from close in on who which near"))
# "A spokesman said", "a Treasury spokeswoman", "a spokesperson for the club".
_SPOKESPERSON = re.compile(r"\bspokes(?:man|woman|person|men|women|people)\b", re.IGNORECASE)
# Nouns that stand for an organisation named earlier ("the firm said").
_ORG_NOUNS = frozenset(
    _words(
        """
        company firm group agency ministry department government council club board
        union bank party organisation organization corporation team association body
        regulator watchdog charity network broadcaster authority authorities commission
        committee federation league office giant maker manufacturer retailer operator
        carrier airline insurer lender exchange institute university school hospital
        court police army service trust society
        """
    )
)
# Words news uses to refer back to the person it is about.
_EPITHETS = frozenset(
    _words(
        """
        veteran star striker winger midfielder defender goalkeeper forward captain
        manager boss coach player champion leader minister president chairman
        chairwoman chief executive director secretary singer actor actress star
        writer author director producer artist musician politician premier senator
        governor mayor candidate officer lawyer judge archbishop bishop businessman
        businesswoman tycoon founder entrepreneur spokesman spokeswoman
        international
        """
    )
)
# Things that "say" in news without being anyone: never a person's role.
_DOCUMENTS = frozenset(
    _words(
        """
        report statement letter study survey document paper article piece advert ad
        advertisement release notice filing memo book website post tweet email message
        poll review audit verdict ruling judgment
        """
    )
)
# Nationality nouns that do not end in -man ("the Frenchman" is covered).
_DEMONYMS = frozenset(
    _words(
        """
        scot swede dane pole finn spaniard brit kiwi aussie argentine argentinian
        portuguese chinese japanese swiss maltese lebanese senegalese vietnamese
        american australian brazilian canadian italian german russian nigerian
        ghanaian kenyan indian pakistani iraqi israeli saudi egyptian mexican
        colombian chilean peruvian belgian croatian serbian czech slovak hungarian
        romanian bulgarian greek turk ukrainian georgian austrian norwegian icelander
        """
    )
)
_ORG_LOOKBACK = 600
_AFFILIATION = re.compile(r"\s+(?:of|at|from|with|for)\s+")
_PREPOSITIONS = frozenset(
    _words(
        """
        in at on to from into of by for with about against over under than through
        told tell tells across between among inside outside within
        """
    )
)
# The word before an entity (skipping "the").
_LAST_WORDS = re.compile(r"(\w+)\s+(?:the\s+)?$")
_CONNECTORS = frozenset(_words("of for and the de du des la le von van on in"))
# A run of two or more capitalised words, with connectors: "International Rugby Board".
_LONG_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:(?:of|for|and|the|de|on|in)\s+)?[A-Z][a-z]+)+")


_ORG_HEADS = frozenset(
    _words(
        """
        office council association union ministry department company group bank board
        agency commission authority federation party club institute university trust
        service corporation foundation committee league
        """
    )
)


def _light_orgs(text: str) -> list[Entity]:
    """Organisations by their look, when no entities were given ("Home Office", "FIFA")."""
    out: list[Entity] = []
    for m in _NAME_RUN.finditer(text):
        toks = m.group().split()
        if toks[0].lower() in _STARTERS:
            toks = toks[1:]
        if not toks:
            continue
        acronym = len(toks) == 1 and toks[0].isalpha() and toks[0].isupper() and len(toks[0]) > 1
        if acronym or (len(toks) >= 2 and toks[-1].lower() in _ORG_HEADS):
            name = " ".join(toks)
            start = m.end() - len(name)
            out.append(Entity(start, m.end(), name, "org"))
    return out


def _has_title(run: str) -> bool:
    """Whether a personal title ("Mr.", "Sen.") appears in the run."""
    return any(
        w.rstrip(".").lower() in {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "senator"}
        for w in run.split()
    )


_NOT_VERBS = frozenset(
    _words(
        """
        of and or in on at to for with from by that which who whom whose as the a an but
        nor than into about over after before during under between
        """
    )
)
_CUE_BEFORE = re.compile(
    r"\b(?:said|says|told|added|adds|wrote|asked|according\s+to)\s+(?:[\w/.\-]+\s+){0,3}$"
)
_NEXT_WORD = re.compile(r"\s+([a-z]+)\b")
_SENTENCE_BEFORE = re.compile(r"(?:^|[.!?][\"\u201d\u2019)]*\s+|\n\s*)$")


def _subject_like(text: str, start: int, end: int) -> bool:
    """Whether a name opens its sentence or is followed by a (likely) verb."""
    if _SENTENCE_BEFORE.search(text, max(0, start - 4), start):
        return True
    if _CUE_BEFORE.search(text, max(0, start - 40), start):
        return True  # "..., said 9/11 widow Terry Strada"
    nxt = _NEXT_WORD.match(text, end)
    return nxt is not None and nxt.group(1) not in _NOT_VERBS


def given_name_gender(name: str) -> str | None:
    """'m'/'f' when the first word of ``name`` is a common given name, else None."""
    words = name.split()
    first = words[0].lower() if words else ""
    if first in _FEMALE:
        return "f"
    return "m" if first in _MALE else None


def _gender_of(full: str, text: str, start: int) -> str | None:
    """'m'/'f' from a title just before the mention or a common given name."""
    before = text[max(0, start - 6) : start + 4].lower()
    if re.search(r"\b(?:mrs|ms|miss)\b", before):
        return "f"
    if re.search(r"\bmr\b", before):
        return "m"
    first = full.split()[0].lower()
    if first in _FEMALE:
        return "f"
    if first in _MALE:
        return "m"
    # The first personal pronoun after the mention in its sentence usually refers to it.
    after = text[start : start + 160]
    end = _SENTENCE_END.search(after)
    pm = _NEXT_PRONOUN.search(after, 0, end.start() if end else len(after))
    if pm:
        return "f" if pm.group().lower() in ("she", "her", "hers", "herself") else "m"
    return None


_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")
_NEXT_PRONOUN = re.compile(r"\b(?:[Hh]e|[Hh]is|[Hh]im|[Hh]imself|[Ss]he|[Hh]er|[Hh]erself)\b")


def _in_quotation(text: str, pos: int) -> bool:
    """Rough check: an odd number of quotation marks earlier in the paragraph."""
    # Bounded look-back: a huge paragraph must not make each call linear.
    ps = text.rfind("\n", max(0, pos - 3000), pos) + 1 or max(0, pos - 3000)
    seg = text[ps:pos]
    opens = seg.count("\u201c")
    closes = seg.count("\u201d")
    if opens or closes:
        return opens > closes
    return seg.count('"') % 2 == 1
