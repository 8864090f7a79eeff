"""The entity finder's vocabulary: token patterns, cue sets, word-level tests,
and the state one document's pass builds up.

Part of :mod:`byline.index.analysis.entities`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from byline.index.analysis.entity_cues import (
    ABBREVIATIONS,
    COMMON_ABBREVIATIONS,
    FUNCTION_WORDS,
    MISC_LAST,
    NOT_NAMES,
    ORG_LAST,
    ORG_OF_HEADS,
    ORG_POSSESSED,
    ORG_ROLE_AFTER,
    PERSON_BEFORE,
    PLACE_OF_HEADS,
    SPORTS_WORDS,
    SPORTS_WORDS_WEAK,
    WORKS_WORDS,
)

if TYPE_CHECKING:
    from byline.index.analysis.gazetteer import Lexicon
    from byline.index.models import EntityKind

# Tokens: dotted initials ("U.S.", "P."), words (inner . - & and
# apostrophes, but a possessive "'s" is split off), or one other non-space
# character.  Abbreviations get their full stop back in ``tokenise``.
_TOKEN = re.compile(
    r"(?:[^\W\d_]\.)+(?![^\W_])"
    r"|[^\W_]\w*(?:(?:[-&.]|['\u2019](?![sS]\b))[^\W_]\w*)*"
    r"|['\u2019][sS]\b"
    r"|[^\w\s]"
)
INITIALS = re.compile(r"(?:[^\W\d_]\.)+")
INITIAL = re.compile(r"[^\W\d_]\.")
_NAME_RE = r"[^\W\d_][^\W\d_.'-]*(?:[ .'-]+[^\W\d_][^\W\d_.'-]*)*\.?"
# "LONDON 1996-08-30", "NICE , France 1996-08-30".
DATELINE = re.compile(
    r"^\s*(" + _NAME_RE + r")(?:\s*,\s*(" + _NAME_RE + r"))?\s+\d{4}-\d\d-\d\d\s*$"
)
AGENCY_DATELINE = re.compile(
    r"^\s*([A-Z][A-Z .'-]*[A-Z])\s*(?:,[^(\n]{0,40})?\(([A-Za-z-]+)\)\s*[-\u2013\u2014]"
)
# Tokens after which a capitalised word may just be starting a sentence.
# "(" is left out: in news a parenthesis mostly holds a name ("( Russia )").
SENTENCE_BREAK = frozenset(
    {".", "!", "?", ":", ";", '"', "'", "-", "--", "...", "*"}
    | {"\u201c", "\u201d", "\u2018", "\u2014", "\u2013", "\u2026"}
)
# Words next to a name that make it a team in a sports report.
TEAM_VERBS = frozenset({"beat", "beats", "drew", "draw", "v", "vs", "vs.", "lost", "won", "play"})
COMPASS = frozenset(
    {"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western"}
    | {"Central", "Upper", "Lower", "Greater"}
)
# Endings of nationality words the lists miss ("Surinamese", "Afrikaners").
DEMONYM = re.compile(r"(?:ese|ians?|eans?|ish|ners)$")
# Names are short: a longer capitalised run is title-case prose.
MAX_RUN = 12
# Lowercase particles that may start a surname.
PARTICLES = frozenset({"de", "van", "von", "da", "di", "du", "le", "la", "al", "el", "bin", "ter"})
RECORD = re.compile(r"\d{1,2}-\d{1,2}")
# Words that may lead an event name in a headline ("WORLD CUP").
EVENT_WORDS = frozenset({"Major", "World", "National", "Premier", "Grand", "Open", "Fed"})
PLACE_KINDS = frozenset({"place", "country"})
COMPASS_INITIALS = frozenset({"N.", "S.", "E.", "W."})
QUOTES = frozenset({'"', "'", "\u201c", "\u201d", "\u2018", "\u2019"})
# What may stand between the members of a list of names.
LIST_GLUE = frozenset({",", "and", ", and", "&"})
# Words that may follow a name used as a noun ("the Observer said").
HEAD_FOLLOWERS = frozenset(
    {"said", "says", "told", "added", "has", "had", "have", "is", "was", "are", "were", "will"}
    | {"would", "should", "could", "can", "may", "might", "must", "did", "does"}
)
# Words that are no names alone but may start one ("Web Radio", "TV Azteca").
MEDIA_WORDS = frozenset({"Internet", "Web", "Net", "TV"})


def is_cap(w: str) -> bool:
    """A capitalised word that may continue a name."""
    return w[0].isupper() and w not in NOT_NAMES


_ADJECTIVE = re.compile(r"(?:al|ic|ive|ous|ary|ory|ern|an|ist|ish|ese|ful|less|able|ible|ed|ing)$")
# Verbs of reporting after a subject whose pronoun follows ("said it").
REPORTS = frozenset(
    {"said", "says", "added", "announced", "reported", "expects", "expected", "plans"}
    | {"hopes", "believes", "thinks", "warned", "insisted", "claimed", "confirmed"}
)
IN = frozenset(
    {"in", "near", "outside", "inside", "throughout", "across", "into", "towards", "toward", "via"}
)
POSSESSIVE = frozenset({"'s", "\u2019s"})
# "Acme has raised its forecast": an auxiliary after a subject, then the pronoun
# that refers back to it within a few words.
AUXILIARIES = frozenset({"has", "had", "is", "was", "will", "would", "could", "can", "may"})
_BACK_LOOK = 6
SUBJECT_PRONOUNS = frozenset({"He", "She", "It", "They", "We", "His", "Her", "Its", "Their"})
# What a firm that opens a sentence does ("Apple has reported record sales of its
# ..."); "Sterling has lost its shine" stays a word.
FIRM_ACTIONS = frozenset(
    {"reported", "announced", "unveiled", "launched", "posted", "raised", "cut", "agreed"}
    | {"signed", "confirmed", "denied", "said", "released", "opened", "closed", "sold"}
)
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "another", "their"})
# A capital inside a word marks a brand ("EverQuest") -- or a surname with
# a prefix ("McAllister", "DiMaggio", "LaRoche").
INTERCAPS = re.compile(r"[A-Z][a-z]+[A-Z]")
LOWER_BRAND = re.compile(r"[a-z][A-Z][a-z][A-Za-z]*")
NAME_PREFIX = re.compile(r"(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|Fitz|St|Al|El)[A-Z]")
COURTESY = frozenset({"Mr", "Mrs", "Ms", "Miss", "Dr", "Mr.", "Mrs.", "Ms.", "Dr.", "Mme", "Mme."})
# After a venue, words that make it the event held there ("Wimbledon champion").
EVENT_AFTER = frozenset(
    {"champion", "champions", "title", "final", "semi-final", "quarter-final", "winner"}
)
# Verbs whose object is a rival: "beat X", "lost to X".
BEATEN = frozenset(
    {"beat", "beats", "beating", "defeated", "face", "faces", "facing", "against", "edged"}
)
LOST = frozenset({"lost", "lose", "loses", "losing"})
# Moves between employers or clubs: "joined ... from X".
JOINED = frozenset({"joined", "joins", "moved", "recruited", "poached", "hired", "signed"})
FORMER = frozenset({"Former", "Ex", "Then", "Disgraced", "Retired"})
NUMBER_WORDS = frozenset(
    {"Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Tri", "Twelve"}
)
ROMAN = frozenset({"II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "XIII", "XV", "XX"})
COUNTRY_ABBREVIATIONS = frozenset({"U.S.", "US", "U.S.A.", "USA", "UK", "U.K.", "UAE"})
OF_HEADS = ORG_OF_HEADS | PLACE_OF_HEADS | MISC_LAST
# The date stamp before an article's first sentence ("2005-03-11 More ..."):
# a one-word run after it starts a sentence.
ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")
# Vocabulary of team-sport reports; a few distinct hits mark one (words
# shared with other news count half).
SPORTS_RE = re.compile(r"\b(?:" + "|".join(sorted(SPORTS_WORDS | SPORTS_WORDS_WEAK)) + r")\b")
SPORTS_HITS = 6
WORKS_RE = re.compile(r"\b(?:" + "|".join(sorted(WORKS_WORDS)) + r")\b")
# Small words that may sit inside the title of a work once a cue word
# ("the film ...") has announced one: "Lord of the Rings".
TITLE_GLUE = frozenset({"of", "and", "the", "in", "a", "an", "for", "to", "from", "on", ":"})
# In a report on films or shows, "of the" and "and the" join a title.
WORKS_GLUE = frozenset({"of", "and", "the"})
# "Quake 3", "Apollo 13": a name and a small number make a product or a work.
SEQUEL = re.compile(r"\d{1,2}")
SEQUEL_STOP = frozenset(
    {"%", "per", "-", "/", "million", "billion", "bn", "m", "km", "kg", "mph"}
    | {"miles", "kilometres", "kilometers", "metres", "meters", "feet", "yards", "points"}
    | {"years", "days", "hours", "minutes", "seconds", "percent", "goals", "runs", "times"}
)
# Lowercase endings of "Paris-based", "US-led": the name is the part before.
ATTRIBUTIVE = re.compile(
    r"-(?:based|led|listed|owned|run|backed|born|made|style|type|like|funded|controlled"
    r"|dominated|registered|headquartered|bound|inspired|sponsored|supported|focused)$"
)

KINDS: dict[str, EntityKind] = {
    "person": "person",
    "org": "org",
    "place": "place",
    "country": "place",
    "misc": "misc",
}


def _title(key: str) -> str:
    """ "NEW YORK" -> "New York", "MCDONALD'S" -> "Mcdonald's" (close enough)."""
    return " ".join(w[:1] + w[1:].lower() for w in key.split(" "))


SAID = frozenset({"said", "says", "told", "added", "stated"})


def said_before(prev: str, nxt: str) -> bool:
    """'... , " said Smith .' -- but not 'said Alcoa is ...'."""
    return prev in SAID and nxt in ("", ".", ",", ";")


# Confidence levels for one mention's kind; the document keeps the best.
GUESS, WEAK, GOOD, SURE = 0, 1, 2, 3


@dataclass(slots=True)
class Mention:
    """A candidate name; mutable because the document pass retypes it."""

    start: int
    end: int
    kind: str
    conf: int
    words: tuple[str, ...]
    # Right after "in", "at", "from" ...: a place reading is well founded.
    placed: bool = False
    # Right after a person's role ("champion X", "striker X").
    titled: bool = False


def is_title_case(words: list[str]) -> bool:
    """True for headline-style lines: most words capitalised, no digits."""
    alpha = [w for w in words if w[0].isalpha()]
    if len(alpha) < 5 or any(w[0].isdigit() for w in words):
        return False
    lower = [w for w in alpha if not w[0].isupper()]
    # Headline style lowercases only small words: "Russia Says It Will
    # Not Join the Gateway".
    return len(lower) * 5 <= len(alpha) and all(w in FUNCTION_WORDS for w in lower)


def is_caps(line: str) -> bool:
    """True for ALL-CAPS headlines and datelines (no lowercase letter)."""
    return line == line.upper() and line != line.lower()


def tokenise(line: str, off: int, starts: list[int], ends: list[int], words: list[str]) -> None:
    ms = list(_TOKEN.finditer(line))
    words.extend([m.group() for m in ms])
    starts.extend([m.start() + off for m in ms])
    ends.extend([m.end() + off for m in ms])
    if "." in line:
        # "Inc." / "Tenn.": the full stop belongs to the abbreviation.
        base = len(words) - len(ms)
        dots = [k for k, w in enumerate(words) if w == "."]
        for k in reversed(dots):
            if k > base and words[k - 1] in ABBREVIATIONS and ends[k - 1] == starts[k]:
                words[k - 1] += "."
                ends[k - 1] += 1
                del words[k], starts[k], ends[k]


def one_role(w: str) -> bool:
    """ "boss", "spokesman": one holder's role, which follows a name ("Arsenal
    boss"); plurals follow descriptions too ("Business leaders")."""
    return w in ORG_ROLE_AFTER and (w[-1] != "s" or w == "boss")


def pronoun_follows(words: list[str], j: int) -> bool:
    """True for "X said its/he ..." or "X's shares": X is someone, not a word."""
    return j + 1 < len(words) and (
        (words[j] in REPORTS and words[j + 1] in ("it", "its", "he", "she", "his", "her"))
        or (words[j] in POSSESSIVE and words[j + 1] in ORG_POSSESSED)
    )


def role_follows(words: list[str], j: int) -> bool:
    """True for an apposition naming a person's role: "X, a spokesman ..."."""
    return (
        j + 2 < len(words)
        and words[j] == ","
        and words[j + 1] in ("a", "an", "the")
        and words[j + 2] in PERSON_BEFORE
    )


def in_prose(words: list[str], i: int, j: int) -> bool:
    """True for a capitalised word between lowercase words: "investors in Acme,"."""
    prev = words[i - 1] if i > 0 else ""
    nxt = words[j] if j < len(words) else ""
    if prev in ("the", "The") and nxt in HEAD_FOLLOWERS and words[i][-1] == "s":
        return True  # "The Conservatives said", "the Wanderers have"
    return (
        prev.isalpha()
        and prev.islower()
        # After "and"/"of" it is the tail of a longer name ("Chamber of
        # Commerce and Industry") that the run did not join.
        and prev not in ("the", "a", "an", "and", "or", "of", "on")
        and words[i].lower() not in FUNCTION_WORDS
        and (
            nxt in (",", ".", ";", ")", "'s", "\u2019s")
            or nxt in FUNCTION_WORDS
            or nxt in HEAD_FOLLOWERS
            # "switch to Intel chips": a noun before a noun, not an
            # adjective ("Congressional testimony").
            or (nxt.isalpha() and nxt.islower() and not _ADJECTIVE.search(words[i]))
        )
    )


def common_abbreviation(w: str) -> bool:
    """True for "MP", "AWOL", "PCs": capitals that spell common nouns."""
    if w in COMMON_ABBREVIATIONS:
        return True
    # A plural acronym ("MEPs", "NGOs", "CDs") counts things: no name.
    return len(w) > 2 and w[-1] == "s" and w[:-1].isupper() and w[:-1].isalpha()


def org_follows(words: list[str], k: int) -> bool:
    """True when the capitalised run from ``k`` ends in an org word."""
    n = min(len(words), k + MAX_RUN)
    while k < n and words[k][0].isupper():
        k += 1
    return words[k - 1] in ORG_LAST


def pronoun_back(words: list[str], k: int) -> str | None:
    """The first pronoun within a few words of ``words[k]`` in the same clause,
    when no other noun phrase ("the company", "Mr Hale") comes first to take it."""
    for word in words[k : k + _BACK_LOOK]:
        low = word.lower()
        if low in ("it", "its", "he", "she", "his", "her"):
            return low
        if low in _DETERMINERS or word[:1].isupper() or word in SENTENCE_BREAK or word == ",":
            return None
    return None


@dataclass(slots=True)
class DocumentState:
    """What one ``find_entities`` call has learnt about its text so far."""

    text: str
    lex: Lexicon
    mentions: list[Mention] = field(default_factory=list)
    caps_lines: list[tuple[list[int], list[int], list[str]]] = field(default_factory=list)
    # Sentence-initial words left out as ordinary; kept if the document
    # names them elsewhere.
    dropped: list[tuple[int, int, str]] = field(default_factory=list)
    sports: bool = False
    # A report on a team sport, where city names usually stand for clubs.
    teams: bool = False
    # A report on films, television or games, whose unknown names are
    # mostly titles.
    works: bool = False
