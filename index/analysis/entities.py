"""Named-entity finder: capitalisation, cue words, name lists, document memory.

``find_entities`` works line by line.  In ordinary lines a run of
capitalised words (joined by connectors such as "of" or "de") is a candidate
name; sentence-initial dictionary words, titles and leading "The" are peeled
off, and the rest is typed by cue words (``entity_cues``), the name lists
(``gazetteer``) and the context: the words around a name ("the film X",
"X chief", "shares in X", "analysts at X") outweigh what the lists say.  The
vocabulary of the whole article tells a match report (towns stand for clubs)
or a report on films and shows (unknown names are titles).  The document
then settles on one kind per name, lets a short mention ("Rogozin") inherit
the kind of a full name ("Dmitry Rogozin"), turns one-word "people" it never
introduces into organisations, and finally reads ALL-CAPS headlines by
looking their words up among the names already found and in the lists.
Conventions follow the evaluation guide: only the named part of "Paris-based"
is a name, a country stays a place when it means its team.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from byline.index.analysis.entity_cues import (
    ABBREVIATIONS,
    AGENCIES,
    AWARD_AFTER,
    CELESTIAL,
    CLUB_ROLE_AFTER,
    COMMON_ABBREVIATIONS,
    CONNECTORS,
    FUNCTION_WORDS,
    HOLIDAYS,
    INDIVIDUAL_SPORTS,
    MISC_LAST,
    NOT_NAMES,
    ORDINALS,
    ORG_AFTER,
    ORG_BEFORE,
    ORG_FIRST,
    ORG_LAST,
    ORG_OF_HEADS,
    ORG_POSSESSED,
    ORG_ROLE_AFTER,
    ORG_ROLE_OF,
    ORG_STAFF,
    ORG_WORDS,
    PERSON_BEFORE,
    PLACE_AFTER,
    PLACE_BEFORE,
    PLACE_LAST,
    PLACE_OF_BEFORE,
    PLACE_OF_HEADS,
    PRODUCT_OF,
    SPORTS,
    SPORTS_WORDS,
    SPORTS_WORDS_WEAK,
    STATE_ABBREVIATIONS,
    TITLE_HEADS,
    TITLES,
    WORK_AFTER,
    WORK_BEFORE,
    WORK_VERBS,
    WORKS_HITS,
    WORKS_WORDS,
)
from byline.index.analysis.gazetteer import Lexicon, lexicon
from byline.index.models import Entity, EntityKind

# Tokens: dotted initials ("U.S.", "P."), words (inner . - & and
# apostrophes, but a possessive "'s" is split off), or one other non-space
# character.  Abbreviations get their full stop back in ``_tokenise``.
_TOKEN = re.compile(
    r"(?:[^\W\d_]\.)+(?![^\W_])"
    r"|[^\W_]\w*(?:(?:[-&.]|['\u2019](?![sS]\b))[^\W_]\w*)*"
    r"|['\u2019][sS]\b"
    r"|[^\w\s]"
)
_INITIALS = re.compile(r"(?:[^\W\d_]\.)+")
_INITIAL = re.compile(r"[^\W\d_]\.")
_NAME_RE = r"[^\W\d_][^\W\d_.'-]*(?:[ .'-]+[^\W\d_][^\W\d_.'-]*)*\.?"
# "LONDON 1996-08-30", "NICE , France 1996-08-30".
_DATELINE = re.compile(
    r"^\s*(" + _NAME_RE + r")(?:\s*,\s*(" + _NAME_RE + r"))?\s+\d{4}-\d\d-\d\d\s*$"
)
_AGENCY_DATELINE = re.compile(
    r"^\s*([A-Z][A-Z .'-]*[A-Z])\s*(?:,[^(\n]{0,40})?\(([A-Za-z-]+)\)\s*[-\u2013\u2014]"
)
# Tokens after which a capitalised word may just be starting a sentence.
# "(" is left out: in news a parenthesis mostly holds a name ("( Russia )").
_SENTENCE_BREAK = frozenset(
    {".", "!", "?", ":", ";", '"', "'", "-", "--", "...", "*"}
    | {"\u201c", "\u201d", "\u2018", "\u2014", "\u2013", "\u2026"}
)
# Words next to a name that make it a team in a sports report.
_TEAM_VERBS = frozenset({"beat", "beats", "drew", "draw", "v", "vs", "vs.", "lost", "won", "play"})
_COMPASS = frozenset(
    {"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western"}
    | {"Central", "Upper", "Lower", "Greater"}
)
# Endings of nationality words the lists miss ("Surinamese", "Afrikaners").
_DEMONYM = re.compile(r"(?:ese|ians?|eans?|ish|ners)$")
# Names are short: a longer capitalised run is title-case prose.
_MAX_RUN = 12
# Lowercase particles that may start a surname.
_PARTICLES = frozenset({"de", "van", "von", "da", "di", "du", "le", "la", "al", "el", "bin", "ter"})
_RECORD = re.compile(r"\d{1,2}-\d{1,2}")
# Words that may lead an event name in a headline ("WORLD CUP").
_EVENT_WORDS = frozenset({"Major", "World", "National", "Premier", "Grand", "Open", "Fed"})
_PLACE_KINDS = frozenset({"place", "country"})
_COMPASS_INITIALS = frozenset({"N.", "S.", "E.", "W."})
_QUOTES = frozenset({'"', "'", "\u201c", "\u201d", "\u2018", "\u2019"})
# What may stand between the members of a list of names.
_LIST_GLUE = frozenset({",", "and", ", and", "&"})
# Words that may follow a name used as a noun ("the Observer said").
_HEAD_FOLLOWERS = frozenset(
    {"said", "says", "told", "added", "has", "had", "have", "is", "was", "are", "were", "will"}
    | {"would", "should", "could", "can", "may", "might", "must", "did", "does"}
)
# Words that are no names alone but may start one ("Web Radio", "TV Azteca").
_MEDIA_WORDS = frozenset({"Internet", "Web", "Net", "TV"})


def _is_cap(w: str) -> bool:
    """A capitalised word that may continue a name."""
    return w[0].isupper() and w not in NOT_NAMES


_ADJECTIVE = re.compile(r"(?:al|ic|ive|ous|ary|ory|ern|an|ist|ish|ese|ful|less|able|ible|ed|ing)$")
# Verbs of reporting after a subject whose pronoun follows ("said it").
_REPORTS = frozenset(
    {"said", "says", "added", "announced", "reported", "expects", "expected", "plans"}
    | {"hopes", "believes", "thinks", "warned", "insisted", "claimed", "confirmed"}
)
_IN = frozenset(
    {"in", "near", "outside", "inside", "throughout", "across", "into", "towards", "toward", "via"}
)
_POSSESSIVE = frozenset({"'s", "\u2019s"})
# "Acme has raised its forecast": an auxiliary after a subject, then the pronoun
# that refers back to it within a few words.
_AUXILIARIES = frozenset({"has", "had", "is", "was", "will", "would", "could", "can", "may"})
_BACK_LOOK = 6
_SUBJECT_PRONOUNS = frozenset({"He", "She", "It", "They", "We", "His", "Her", "Its", "Their"})
# What a firm that opens a sentence does ("Apple has reported record sales of its
# ..."); "Sterling has lost its shine" stays a word.
_FIRM_ACTIONS = frozenset(
    {"reported", "announced", "unveiled", "launched", "posted", "raised", "cut", "agreed"}
    | {"signed", "confirmed", "denied", "said", "released", "opened", "closed", "sold"}
)
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "another", "their"})
# A capital inside a word marks a brand ("EverQuest") -- or a surname with
# a prefix ("McAllister", "DiMaggio", "LaRoche").
_INTERCAPS = re.compile(r"[A-Z][a-z]+[A-Z]")
_LOWER_BRAND = re.compile(r"[a-z][A-Z][a-z][A-Za-z]*")
_NAME_PREFIX = re.compile(r"(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|Fitz|St|Al|El)[A-Z]")
_COURTESY = frozenset({"Mr", "Mrs", "Ms", "Miss", "Dr", "Mr.", "Mrs.", "Ms.", "Dr.", "Mme", "Mme."})
# After a venue, words that make it the event held there ("Wimbledon champion").
_EVENT_AFTER = frozenset(
    {"champion", "champions", "title", "final", "semi-final", "quarter-final", "winner"}
)
# Verbs whose object is a rival: "beat X", "lost to X".
_BEATEN = frozenset(
    {"beat", "beats", "beating", "defeated", "face", "faces", "facing", "against", "edged"}
)
_LOST = frozenset({"lost", "lose", "loses", "losing"})
# Moves between employers or clubs: "joined ... from X".
_JOINED = frozenset({"joined", "joins", "moved", "recruited", "poached", "hired", "signed"})
_FORMER = frozenset({"Former", "Ex", "Then", "Disgraced", "Retired"})
_NUMBER_WORDS = frozenset(
    {"Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Tri", "Twelve"}
)
_ROMAN = frozenset({"II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "XIII", "XV", "XX"})
_COUNTRY_ABBREVIATIONS = frozenset({"U.S.", "US", "U.S.A.", "USA", "UK", "U.K.", "UAE"})
_OF_HEADS = ORG_OF_HEADS | PLACE_OF_HEADS | MISC_LAST
# The date stamp before an article's first sentence ("2005-03-11 More ..."):
# a one-word run after it starts a sentence.
_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")
# Vocabulary of team-sport reports; a few distinct hits mark one (words
# shared with other news count half).
_SPORTS_RE = re.compile(r"\b(?:" + "|".join(sorted(SPORTS_WORDS | SPORTS_WORDS_WEAK)) + r")\b")
_SPORTS_HITS = 6
_WORKS_RE = re.compile(r"\b(?:" + "|".join(sorted(WORKS_WORDS)) + r")\b")
# Small words that may sit inside the title of a work once a cue word
# ("the film ...") has announced one: "Lord of the Rings".
_TITLE_GLUE = frozenset({"of", "and", "the", "in", "a", "an", "for", "to", "from", "on", ":"})
# In a report on films or shows, "of the" and "and the" join a title.
_WORKS_GLUE = frozenset({"of", "and", "the"})
# "Quake 3", "Apollo 13": a name and a small number make a product or a work.
_SEQUEL = re.compile(r"\d{1,2}")
_SEQUEL_STOP = frozenset(
    {"%", "per", "-", "/", "million", "billion", "bn", "m", "km", "kg", "mph"}
    | {"miles", "kilometres", "kilometers", "metres", "meters", "feet", "yards", "points"}
    | {"years", "days", "hours", "minutes", "seconds", "percent", "goals", "runs", "times"}
)
# Lowercase endings of "Paris-based", "US-led": the name is the part before.
_ATTRIBUTIVE = re.compile(
    r"-(?:based|led|listed|owned|run|backed|born|made|style|type|like|funded|controlled"
    r"|dominated|registered|headquartered|bound|inspired|sponsored|supported|focused)$"
)

_KINDS: dict[str, EntityKind] = {
    "person": "person",
    "org": "org",
    "place": "place",
    "country": "place",
    "misc": "misc",
}


def _title(key: str) -> str:
    """ "NEW YORK" -> "New York", "MCDONALD'S" -> "Mcdonald's" (close enough)."""
    return " ".join(w[:1] + w[1:].lower() for w in key.split(" "))


_SAID = frozenset({"said", "says", "told", "added", "stated"})


def _said_before(prev: str, nxt: str) -> bool:
    """'... , " said Smith .' -- but not 'said Alcoa is ...'."""
    return prev in _SAID and nxt in ("", ".", ",", ";")


# Confidence levels for one mention's kind; the document keeps the best.
_GUESS, _WEAK, _GOOD, _SURE = 0, 1, 2, 3


@dataclass(slots=True)
class _Mention:
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


def find_entities(text: str) -> list[Entity]:
    """Return the named entities in ``text``: sorted, non-overlapping, exact offsets."""
    value: object = text
    if not isinstance(value, str) or not value.strip():
        return []
    try:
        return _Document(text, lexicon()).run()
    except (RecursionError, MemoryError, ValueError, IndexError, KeyError, TypeError):
        # The contract is "never raise": a bug on odd input loses the
        # entities of one text, not the caller's whole job.
        return []


class _Document:
    """The state of one ``find_entities`` call."""

    __slots__ = (
        "caps_lines",
        "dropped",
        "lex",
        "mentions",
        "sports",
        "teams",
        "text",
        "works",
    )

    def __init__(self, text: str, lex: Lexicon) -> None:
        self.text = text
        self.lex = lex
        self.mentions: list[_Mention] = []
        self.caps_lines: list[tuple[list[int], list[int], list[str]]] = []
        # Sentence-initial words left out as ordinary; kept if the document
        # names them elsewhere.
        self.dropped: list[tuple[int, int, str]] = []
        self.sports = False
        # A report on a team sport, where city names usually stand for clubs.
        self.teams = False
        # A report on films, television or games, whose unknown names are
        # mostly titles.
        self.works = False

    # -- driver ---------------------------------------------------------

    def run(self) -> list[Entity]:
        """Find, type and settle the entities of the whole text."""
        text = self.text
        first_line = True
        pos = 0
        for line in text.split("\n"):
            off = pos
            pos += len(line) + 1
            if not line or line.isspace():
                continue
            if first_line:
                first_line = False
                head = line.split(None, 1)[0].rstrip(":-")
                self.sports = head in SPORTS
                self.teams = self.sports and head not in INDIVIDUAL_SPORTS
                if not self.sports:
                    # No sports headline: the vocabulary tells a match report.
                    hits = set(_SPORTS_RE.findall(text))
                    score = sum(2 if h in SPORTS_WORDS else 1 for h in hits)
                    self.teams = score >= _SPORTS_HITS
                    if not self.teams:
                        self.works = len(set(_WORKS_RE.findall(text))) >= WORKS_HITS
            starts: list[int] = []
            ends: list[int] = []
            words: list[str] = []
            self._tokenise(line, off, starts, ends, words)
            if not words:
                continue
            if self._is_caps(line):
                self._dateline(line, off, starts, ends, words)
                continue
            if self._dateline_match(line, off):
                continue
            self._agency_dateline(line, off)
            if not self.sports and self._is_title_case(words):
                # A headline in Title Case: read it like an ALL-CAPS one.
                self.caps_lines.append((starts, ends, words))
                continue
            self._scan(starts, ends, words)
        self._settle()
        self._read_caps_lines()
        return self._emit()

    @staticmethod
    def _is_title_case(words: list[str]) -> bool:
        """True for headline-style lines: most words capitalised, no digits."""
        alpha = [w for w in words if w[0].isalpha()]
        if len(alpha) < 5 or any(w[0].isdigit() for w in words):
            return False
        lower = [w for w in alpha if not w[0].isupper()]
        # Headline style lowercases only small words: "Russia Says It Will
        # Not Join the Gateway".
        return len(lower) * 5 <= len(alpha) and all(w in FUNCTION_WORDS for w in lower)

    @staticmethod
    def _is_caps(line: str) -> bool:
        """True for ALL-CAPS headlines and datelines (no lowercase letter)."""
        return line == line.upper() and line != line.lower()

    @staticmethod
    def _tokenise(
        line: str, off: int, starts: list[int], ends: list[int], words: list[str]
    ) -> None:
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

    # -- ordinary lines ----------------------------------------------------

    def _scan(self, starts: list[int], ends: list[int], words: list[str]) -> None:
        n = len(words)
        # Result tables matter only in sports reports ("Barcelona 2 Celta 1").
        table = False
        if self.sports:
            numeric = sum(1 for w in words if w[0] in "0123456789")
            table = numeric >= 2 and numeric * 4 >= n
        j = 0
        last = len(words) - 1
        starts_at = [
            k
            for k, w in enumerate(words)
            if w[0].isupper()
            or (
                w[0] in "abdelvt"
                and (
                    # "de Silva", "van Gogh"; "al-Aqsa".
                    (w in _PARTICLES and k < last and words[k + 1][0].isupper())
                    or (w[:3] in ("al-", "el-") and w[3:4].isupper())
                )
            )
            # "eBay", "iPod": brands that start in lowercase.
            or (w[1:2].isupper() and _LOWER_BRAND.fullmatch(w) is not None)
        ]
        for i in starts_at:
            if i < j:
                continue
            w = words[i]
            if (
                (w in NOT_NAMES and not (w in _MEDIA_WORDS and i + 1 < n and _is_cap(words[i + 1])))
                or len(w) == 1
                or self._common_abbreviation(w)
            ):
                continue  # ("Internet Explorer" is a name, "the Internet" not)
            if "-" in w and all(p in NOT_NAMES for p in w.split("-")):
                continue  # "April-September"
            if w.lower() in FUNCTION_WORDS and not (i + 1 < n and words[i + 1][0].isupper()):
                continue  # "He said ...", whatever the lists say ("He Yafei" stays)
            if len(w) == 2 and w[1] == "." and not (i + 1 < n and words[i + 1][0].isupper()):
                continue  # "series A." -- a lone initial is no name
            if w == "Jan" and i + 1 < n and words[i + 1][0] in "0123456789":
                # The month ("Jan 31"), not the first name.
                continue
            j = i + 1
            # After "the film", "the game" ...: a title may hold small words.
            work = i > 0 and words[i - 1].lower() in WORK_BEFORE
            glue = _TITLE_GLUE if work else _WORKS_GLUE if self.works else frozenset()
            # "Department of Trade and Industry": after an organisation's
            # "of", "and" joins another descriptive word.
            headed = False
            while j < n:
                wj = words[j]
                if wj[0].isupper() and wj not in NOT_NAMES and not self._common_abbreviation(wj):
                    j += 1
                    continue
                if wj in glue and (work or words[j - 1] not in TITLES):
                    # ("President of the Republic" is a role, not a title of a work.)
                    k = j + 1
                    while k < n and k - j <= 3 and words[k] in glue:
                        k += 1
                    if (
                        k < n
                        and words[k][0].isupper()
                        and words[k] not in NOT_NAMES
                        and (work or words[k] not in TITLES)
                        # "X and the Y" is one title, "X and Y" two; a known
                        # name ("United States and the ...") ends where it ends.
                        and (words[k - 1] in ("the", "of") or (work and words[k - 1] != "and"))
                        and self.text[starts[i] : ends[j - 1]] not in self.lex.names
                    ):
                        j = k + 1
                        continue
                    break
                if wj in CONNECTORS:
                    # "Joost van der Westhuizen": connectors may come in pairs.
                    k = j + 1
                    while k < n and words[k] in CONNECTORS:
                        k += 1
                    if k < n and k - j <= 3 and words[k][0].isupper():
                        j = k + 1
                        continue
                    break
                if (
                    j + 1 < n
                    and words[j + 1][0].isupper()
                    and (
                        wj == "&"
                        or (wj in ("of", "for") and words[j - 1] in _OF_HEADS)
                        or (
                            wj == "and"
                            and headed
                            and words[j + 1] not in self.lex.names
                            and self.lex.is_common(words[j + 1])
                        )
                        or (
                            wj == "and"
                            and self.lex.is_common(words[j - 1])
                            # "Arsenal and Leeds United" are two names.
                            and words[j + 1] not in self.lex.names
                            and self._org_follows(words, j + 1)
                        )
                        or (
                            wj == "of"
                            and (self.lex.is_common(words[j - 1]) or words[j - 1] in ORDINALS)
                            and self._org_follows(words, j + 1)
                        )
                    )
                ):
                    headed = headed or (wj in ("of", "for") and words[j - 1] in ORG_OF_HEADS)
                    j += 2
                    continue
                break
            if j - i <= _MAX_RUN:
                # (Longer runs are title-case prose, not names.)
                self._run(starts, ends, words, i, j, table)

    def _title_the(self, words: list[str], i: int) -> bool:
        """True for a capitalised "The" inside a sentence of a report on works.

        There it opens a title: "the prize went to The Aviator".
        """
        return (
            self.works
            and i >= 2
            and words[i - 1] == "The"
            and words[i - 2] not in _SENTENCE_BREAK
            and _ISO_DATE.fullmatch(words[i - 2]) is None
        )

    @staticmethod
    def _one_role(w: str) -> bool:
        """ "boss", "spokesman": one holder's role, which follows a name ("Arsenal
        boss"); plurals follow descriptions too ("Business leaders")."""
        return w in ORG_ROLE_AFTER and (w[-1] != "s" or w == "boss")

    @staticmethod
    def _pronoun_follows(words: list[str], j: int) -> bool:
        """True for "X said its/he ..." or "X's shares": X is someone, not a word."""
        return j + 1 < len(words) and (
            (words[j] in _REPORTS and words[j + 1] in ("it", "its", "he", "she", "his", "her"))
            or (words[j] in _POSSESSIVE and words[j + 1] in ORG_POSSESSED)
        )

    @staticmethod
    def _role_follows(words: list[str], j: int) -> bool:
        """True for an apposition naming a person's role: "X, a spokesman ..."."""
        return (
            j + 2 < len(words)
            and words[j] == ","
            and words[j + 1] in ("a", "an", "the")
            and words[j + 2] in PERSON_BEFORE
        )

    @staticmethod
    def _in_prose(words: list[str], i: int, j: int) -> bool:
        """True for a capitalised word between lowercase words: "investors in Acme,"."""
        prev = words[i - 1] if i > 0 else ""
        nxt = words[j] if j < len(words) else ""
        if prev in ("the", "The") and nxt in _HEAD_FOLLOWERS and words[i][-1] == "s":
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
                or nxt in _HEAD_FOLLOWERS
                # "switch to Intel chips": a noun before a noun, not an
                # adjective ("Congressional testimony").
                or (nxt.isalpha() and nxt.islower() and not _ADJECTIVE.search(words[i]))
            )
        )

    def _work_cued(self, words: list[str], i: int, j: int) -> bool:
        """True when ``words[i:j]`` follows "the film" or takes a number ("Quake 3")."""
        return self._work_cue(words, i) or self._sequel(words, j)

    def _work_cue(self, words: list[str], i: int) -> bool:
        """True after "the film", "shooter" ... or a title's "The"."""
        prev = words[i - 1].lower() if i > 0 else ""
        if prev in ("the", "a", "an") and i >= 2:
            prev = words[i - 2].lower()
        if prev in WORK_BEFORE and not (self.teams and prev in ("game", "games", "title")):
            return True
        if prev in ("for", "in") and i >= 2 and words[i - 2].lower() in WORK_VERBS:
            return True  # "nominated for X", "starred in X"
        return self._title_the(words, i)

    def _sequel(self, words: list[str], j: int) -> bool:
        """True when a small number follows a name in a report on works: "Quake 3"."""
        n = len(words)
        return (
            self.works
            and j + 1 < n
            and _SEQUEL.fullmatch(words[j]) is not None
            and not (words[j + 1][:1].isdigit() or words[j + 1][:1].isupper())
            and words[j + 1] not in _SEQUEL_STOP
        )

    @staticmethod
    def _common_abbreviation(w: str) -> bool:
        """True for "MP", "AWOL", "PCs": capitals that spell common nouns."""
        if w in COMMON_ABBREVIATIONS:
            return True
        # A plural acronym ("MEPs", "NGOs", "CDs") counts things: no name.
        return len(w) > 2 and w[-1] == "s" and w[:-1].isupper() and w[:-1].isalpha()

    def _is_nationality(self, w: str) -> bool:
        """ "Kurdish", "Kurds": a nationality-like word (or its plural)."""
        names = self.lex.names
        return names.get(w) == "misc" or (w[-1] == "s" and names.get(w[:-1]) == "misc")

    @staticmethod
    def _org_follows(words: list[str], k: int) -> bool:
        """True when the capitalised run from ``k`` ends in an org word."""
        n = min(len(words), k + _MAX_RUN)
        while k < n and words[k][0].isupper():
            k += 1
        return words[k - 1] in ORG_LAST

    def _run(
        self, starts: list[int], ends: list[int], words: list[str], i: int, j: int, table: bool
    ) -> None:
        """Peel and type the capitalised run ``words[i:j]``."""
        while j - i > 1 and words[j - 1] in _SUBJECT_PRONOUNS:
            # "… Smith & Co. He said": a new sentence's pronoun, not part of the name.
            j -= 1
        lex = self.lex
        names = lex.names
        text = self.text
        initial = (
            i == 0
            or words[i - 1] in _SENTENCE_BREAK
            # A one-word run after the date stamp ("2005-03-11 More ...")
            # starts the text; longer runs there are mostly names.
            or (
                j - i == 1
                and _ISO_DATE.fullmatch(words[i - 1]) is not None
                and (j == len(words) or words[j] not in ("'s", "\u2019s"))
            )
        )
        if words[i] in _FORMER:
            # "Former Leeds boss ...", "Former chairman ...": never a name.
            if j - i == 1:
                return
            i += 1
        person_cue = False
        whole = text[starts[i] : ends[j - 1]]
        known = names.get(whole)
        qi = i - 1 if i > 1 and words[i - 1] in ("The", "A", "An") else i
        if (
            j - qi >= 2
            and qi > 0
            and j < len(words)
            and words[qi - 1] in _QUOTES
            and words[j] in _QUOTES
            and known not in ("person", "place", "country", "org")
        ):
            # A quoted title: "The Crying Game", "Strike Hard".
            self._add(starts, ends, words, qi, j, "misc", _GOOD)
            return
        # Sentence-initial ordinary word: "But", "Police", "Shares".
        if (
            initial
            and known is None
            and not words[i].isupper()
            and lex.is_common(words[i])
            and (j - i == 1 or words[i] not in lex.first or words[i].lower() in FUNCTION_WORDS)
            # "World Health Agency" keeps its first word: the last one makes
            # the run a name.
            and not (
                j - i >= 2
                and words[i].lower() not in FUNCTION_WORDS
                and words[i] not in TITLES
                and (words[i + 1] not in ("of", "for") or words[i] in _OF_HEADS)
                # ("Potential American Motors" peels: the rest holds a name.)
                and not any(names.get(w) in ("misc", "place", "country") for w in words[i + 1 : j])
                and (words[j - 1] in ORG_LAST or words[j - 1] in PLACE_LAST)
            )
            # "Green Party spokesman ...", "Conservatives said": the run
            # names who has the role or who speaks.
            and not (j < len(words) and self._one_role(words[j]) and words[i] not in TITLES)
            and not (j - i == 1 and words[i][-1] == "s" and j < len(words) and words[j] in _SAID)
            and not self._pronoun_follows(words, j)
            # "Apple has reported ... its": a word that is also a surname, then a
            # pronoun referring back, is a name (not "Inflation has hit its ...").
            and not (
                j - i == 1
                and words[i] in lex.last
                and j < len(words)
                and words[j] in _AUXILIARIES
                and j + 1 < len(words)
                and words[j + 1] in _FIRM_ACTIONS
                and self._pronoun_back(words, j + 1) in ("it", "its")
            )
            and not (j - i >= 3 and words[i + 1] == "&")  # "Marks & Spencer"
        ):
            if j - i == 1:
                self.dropped.append((starts[i], ends[i], words[i]))
                return
            i += 1
            while i < j and words[i] in _TITLE_GLUE:
                i += 1  # "Accepting the Golden Gull": the title starts after "the"
        if i > 0 and words[i - 1] in _COURTESY:
            # "Mr King", "Dr Bishop": after a courtesy title any word is a name.
            self._add(starts, ends, words, i, j, "person", _SURE)
            return
        if all(w in TITLES for w in words[i:j]) and any(w in TITLE_HEADS for w in words[i:j]):
            return  # "Prime Minister" (but "Labour" is a party)
        if i >= 2 and j - i >= 2 and words[i - 1] == "of" and words[i - 2] in TITLES:
            # "Secretary of State Warren Christopher".
            i += 1
            person_cue = True
        # (A lowercase "the" inside marks a work's title: "Lord of the Rings".)
        if (known is None or known == "person") and "the" not in words[i:j]:
            # Titles: "Foreign Minister Yevgeny Primakov" -> the name only.
            k = i
            head = -1
            while k < j and words[k] in TITLES:
                if words[k] in TITLE_HEADS:
                    head = k
                k += 1
            if head >= 0:
                rest = j - head - 1
                if rest == 0:
                    return
                last = words[j - 1]
                if not (
                    rest == 1 and (last in ORG_LAST or last in PLACE_LAST or last in MISC_LAST)
                ):
                    i = head + 1
                    person_cue = True
            while i < j and words[i] in ("The", "A", "An"):
                i += 1
            # Connectors never start or end a name -- except a particle
            # before a surname ("de Silva").
            if not (j - i == 2 and words[i] in _PARTICLES and names.get(words[i + 1]) is None):
                while i < j and (words[i] in CONNECTORS or words[i] in ("of", "&")):
                    i += 1
            while j > i and (words[j - 1] in CONNECTORS or words[j - 1] in ("of", "&")):
                j -= 1
            if i >= j:
                return
            # "Russian Foreign Minister ..." / "German Bundesbank": a leading
            # nationality word is its own name unless the whole is known.
            if (
                j - i > 1
                and names.get(words[i]) == "misc"
                and (words[i] not in lex.first or words[i + 1] in TITLES)
            ):
                whole = text[starts[i] : ends[j - 1]]
                rest_kind = names.get(text[starts[i + 1] : ends[j - 1]])
                if all(self._is_nationality(w) for w in words[i:j]):
                    # "Iraqi Kurds", "Roman Catholic": one description.
                    self._add(starts, ends, words, i, j, "misc", _GOOD)
                    return
                if whole not in names and (
                    rest_kind in ("place", "country", "person")
                    or (words[j - 1] not in ORG_LAST and words[j - 1] not in MISC_LAST)
                ):
                    self._add(starts, ends, words, i, i + 1, "misc", _GOOD)
                    self._run(starts, ends, words, i + 1, j, table)
                    return
            if j - i == 1:
                w = words[i]
                if w in TITLE_HEADS or w in ORDINALS:
                    # "King" is a name only if the document names a King.
                    self.dropped.append((starts[i], ends[i], w))
                    return
                if (
                    lex.is_common(w)
                    and not w.isupper()
                    and not self._work_cued(words, i, j)
                    and not self._in_prose(words, i, j)
                    and not (j < len(words) and self._one_role(words[j]))
                    and not self._pronoun_follows(words, j)
                    and w not in names
                    and w not in ORG_WORDS
                    and (j >= len(words) or words[j] not in ORG_AFTER)
                    and w not in lex.first
                    and w not in lex.last
                    and w not in ORG_LAST
                    and w not in MISC_LAST
                    and w not in PLACE_LAST
                ):
                    # A lone capitalised dictionary word (table headings,
                    # "Refugees"): a name only if the document says so --
                    # or, in a sports report, a team ("the Cubs", "Wasps").
                    if self.teams and w[-1] == "s" and not initial and not table:
                        self._add(starts, ends, words, i, j, "org", _WEAK)
                        return
                    self.dropped.append((starts[i], ends[i], w))
                    return
        # "NASA-led Gateway": a hyphenated modifier ends a name of its own.
        for k in range(i, j):
            w = words[k]
            if "-" not in w or not w.rsplit("-", 1)[1].islower():
                continue
            cut = _ATTRIBUTIVE.search(w)
            if cut is not None and cut.start() > 0:
                # "Paris-based", "US-led": only the named part is a name, of
                # its own kind.
                stem = [*words[i:k], w[: cut.start()]]
                end = ends[k] - (len(w) - cut.start())
                prev = words[i - 1] if i > 0 else ""
                kind, conf = self._classify(stem, text[starts[i] : end], prev, "", False)
                self.mentions.append(_Mention(starts[i], end, kind, conf, tuple(stem)))
            elif k == j - 1 or (
                words[k][:1].isupper() and self.lex.is_common(words[k].replace("-", ""))
            ):
                continue  # "Anglo-Dutch" is typed below; "Co-operation" a word of the name
            else:
                self._add(starts, ends, words, i, k + 1, "misc", _GOOD)
            if k + 1 < j:
                self._run(starts, ends, words, k + 1, j, table)
            return
        if j - i > 1 and self._split(starts, ends, words, i, j, table):
            return
        if j - i == 1 and self._split_hyphen(starts[i], words[i]):
            return
        prev = words[i - 1] if i > 0 else ""
        nxt = words[j] if j < len(words) else ""
        if nxt == "," and j + 1 < len(words):
            after = words[j + 1]
            # "Lentini , 27 , joined ...", "Talabani , who ...".
            # (Not "director of ICI , who ...": "who" is the director.)
            described = (after == "who" and prev.lower() not in PLACE_BEFORE | {"of", "for"}) or (
                after.isdigit()
                and len(after) == 2
                and j + 2 < len(words)
                and words[j + 2] in (",", ".")
            )
        else:
            described = False
        kind, conf = self._classify(
            words[i:j], text[starts[i] : ends[j - 1]], prev, nxt, person_cue
        )
        if described and conf <= _WEAK and names.get(text[starts[i] : ends[j - 1]]) is None:
            kind, conf = "person", _GOOD
        if (
            kind == "place"
            and conf <= _GOOD
            and j - i >= 2
            and words[i] in lex.first
            and names.get(text[starts[i] : ends[j - 1]]) is None
            and (_said_before(prev, nxt) or nxt in _SAID or self._role_follows(words, j))
        ):
            kind, conf = "person", _GOOD  # "Mike Lake, a spokesman for ...", "said Ann Bay"
        if conf < _SURE:
            kind, conf, i, j = self._context(starts, ends, words, i, j, kind, conf, table)
            prev = words[i - 1] if i > 0 else ""
            nxt = words[j] if j < len(words) else ""
        if (
            conf <= _WEAK
            and kind != "place"
            and (
                nxt in PLACE_AFTER or (prev == "of" and i >= 2 and words[i - 2] in PLACE_OF_BEFORE)
            )
        ):
            kind, conf = "place", _GOOD
        # City-named clubs in sports reports, but not "in Leeds".
        if (
            self.teams
            and kind == "place"
            and names.get(text[starts[i] : ends[j - 1]]) != "country"
            # "in Leeds", "at the Oval" are places; "joined from Leeds" the club.
            and prev.lower() not in _IN
            and prev.lower() != "at"
            and not (prev == "the" and i >= 2 and words[i - 2] in PLACE_BEFORE)
            and (
                # "at the Riverside Stadium" is the ground, "Bristol City 2" the club.
                words[j - 1] not in PLACE_LAST
                or table
                or nxt in _TEAM_VERBS
                or prev in _TEAM_VERBS
                or nxt[:1].isdigit()
            )
            and nxt != "("
            and (table or nxt in _TEAM_VERBS or prev in _TEAM_VERBS or conf <= _GOOD)
        ):
            evidence = table or nxt in _TEAM_VERBS or prev in _TEAM_VERBS
            kind, conf = "org", (_GOOD if evidence else _WEAK)
        elif (
            self.sports
            and j - i > 1
            and conf <= _GUESS
            and nxt == "("
            and j + 2 < len(words)
            and words[j + 2] == ")"
            and names.get(words[j + 1]) == "country"
        ):
            # "Adem Hacini ( Algeria ) 1:45.64": an athlete and a country.
            kind, conf = "person", _GOOD
        elif (
            self.sports
            and conf <= _WEAK
            and nxt == "("
            and j + 2 < len(words)
            and words[j + 2] == ")"
            and _RECORD.fullmatch(words[j + 1])
        ):
            # "Pettite ( 19-7 ) allowed two runs": a pitcher's record.
            kind, conf = "person", _GOOD
        elif self.teams and table and conf <= _WEAK and nxt[:1].isdigit():
            # "Greenock Morton 1 Falkirk 0", "St Mirren 3 1 1 1 5 4 4".
            kind, conf = "org", _GOOD
        if kind == "misc" and self._title_the(words, i):
            i -= 1  # "up for The Aviator": the article belongs to the title
        self._add(starts, ends, words, i, j, kind, conf)
        if prev.lower() in PLACE_BEFORE and nxt not in _POSSESSIVE:
            self.mentions[-1].placed = True
        self.mentions[-1].titled = prev.lower() in PERSON_BEFORE

    @staticmethod
    def _pronoun_back(words: list[str], k: int) -> str | None:
        """The first pronoun within a few words of ``words[k]`` in the same clause,
        when no other noun phrase ("the company", "Mr Hale") comes first to take it."""
        for word in words[k : k + _BACK_LOOK]:
            low = word.lower()
            if low in ("it", "its", "he", "she", "his", "her"):
                return low
            if low in _DETERMINERS or word[:1].isupper() or word in _SENTENCE_BREAK or word == ",":
                return None
        return None

    def _context(
        self,
        starts: list[int],
        ends: list[int],
        words: list[str],
        i: int,
        j: int,
        kind: str,
        conf: int,
        table: bool,
    ) -> tuple[str, int, int, int]:
        """Retype ``words[i:j]`` by the words around it: works, clubs, companies.

        Returns the kind, the confidence and the (possibly widened) span.
        """
        n = len(words)
        known = self.lex.names.get(self.text[starts[i] : ends[j - 1]])
        prev = words[i - 1].lower() if i > 0 else ""
        nxt = words[j] if j < n else ""
        after = words[j + 1] if j + 1 < n else ""
        person = known == "person" or (kind == "person" and conf >= _GOOD)
        placed = known in _PLACE_KINDS
        if nxt in _REPORTS and known not in _PLACE_KINDS:
            # The pronoun that follows tells a firm from a person: "Acme
            # said its ...", "Hale said he ...".
            if after in ("it", "its") and known != "person":
                return "org", _GOOD, i, j
            if after in ("he", "she", "his", "her") and known in (None, "person"):
                return "person", _GOOD, i, j
        if (
            kind == "person"
            and conf <= _WEAK
            and known is None
            and j - i == 1
            and words[i] not in self.lex.first
            and self._pronoun_back(words, j) in ("it", "its")
        ):
            # An unknown one-word "person" that a following "its" refers back
            # to is a firm: "analysts praised Apple for its design".
            return "org", _GOOD, i, j
        # (A one-word name the lists call a person yields too: "Morgan has raised its".)
        if nxt in _AUXILIARIES and known not in _PLACE_KINDS and (known != "person" or j - i == 1):
            pronoun = self._pronoun_back(words, j + 1)
            if pronoun in ("it", "its"):
                return "org", _GOOD, i, j  # "Acme has reported record sales of its ..."
        if (
            nxt in _POSSESSIVE
            and after in ORG_POSSESSED
            and known in (None, "org")
            and not (kind == "person" and conf >= _GOOD)
        ):
            return "org", _GOOD, i, j  # "Acme's shares", "Acme's chief executive"
        if nxt == "," and after == "which" and kind == "person" and conf <= _WEAK and known is None:
            kind, conf = "org", _WEAK  # "Acme, which ...": no person
        if (
            (self.works or self._work_cue(words, i))
            and not table
            and _SEQUEL.fullmatch(nxt)
            and ends[j - 1] + 1 == starts[j]
            and not (after[:1].isdigit() or after[:1].isupper() or after in _SEQUEL_STOP)
            and not person
            and not placed
            and words[j - 1] not in ORG_LAST
        ):
            # "Quake 3 sold well": a numbered product or sequel.
            return "misc", _GOOD, i, j + 1
        # "the film X", "a thriller, X"... and "the film The X".
        cue = words[i - 2].lower() if prev in ("the", "a", "an", ",") and i >= 2 else prev
        if (
            (
                cue in WORK_BEFORE
                or (prev in ("for", "in") and i >= 2 and words[i - 2].lower() in WORK_VERBS)
            )
            # A cue word outweighs a first name ("the film Vera Drake").
            and known != "person"
            and not placed
            and not (self.teams and cue in ("game", "games", "title", "titles"))
        ):
            if words[i - 1] == "The":
                i -= 1  # "the film The Aviator": the article is part of the title
            return "misc", _GOOD, i, j
        if (
            prev in ("of", "for")
            and i >= 2
            and words[i - 2].lower() in PRODUCT_OF
            and known not in ("person", "org")
            and not placed
        ):
            return "misc", _GOOD, i, j  # "a new version of Quill"
        if nxt in AWARD_AFTER and known not in ("person", "org") and not placed:
            return "misc", _GOOD, i, j  # "the Golden Crown awards"
        if not person and not placed and known != "org":
            if self._title_the(words, i):
                return "misc", _GOOD, i, j
            if nxt in WORK_AFTER:
                return "misc", _GOOD, i, j  # "Gladiator star", "Quake sequel"
            if nxt == "," and after in ("the", "a") and j + 2 < n and words[j + 2] in WORK_BEFORE:
                return "misc", _GOOD, i, j  # "Gladiator, the film that ..."
        if nxt in _EVENT_AFTER and known == "place" and j - i == 1:
            return "misc", _GOOD, i, j  # "the Wimbledon champion": the tournament
        if (
            kind == "place"
            and conf <= _WEAK
            and known is None
            and j - i >= 2
            and (prev in _BEATEN or (prev == "to" and i >= 2 and words[i - 2] in _LOST))
        ):
            return "person", _WEAK, i, j  # "lost to Ivo Marek": a rival, not a place
        if (
            prev == "of"
            and i >= 3
            and words[i - 2] == ","
            and words[i - 3].isdigit()
            and known in (None, "place", "country")
        ):
            return "place", _GOOD, i, j  # "Ann Hale, 34, of Bulwell": where she lives
        if (
            prev == "from"
            and not placed
            and known not in ("person", "misc")
            and any(w in _JOINED for w in words[max(0, i - 6) : i - 1])
        ):
            return "org", _GOOD, i, j  # "joined the bank from Citigroup": the employer
        if (
            not placed
            and known not in ("person", "misc")
            and prev in ("at", "in", "of")
            and i >= 2
            and words[i - 2].lower() in ORG_STAFF
        ):
            return "org", _GOOD, i, j  # "analysts at Merrill Lynch": a firm, whatever its name
        if known in ("country", "misc") or person or (kind == "misc" and conf >= _GOOD):
            return kind, conf, i, j
        if nxt in ORG_ROLE_AFTER and (not placed or nxt in CLUB_ROLE_AFTER):
            return "org", _GOOD, i, j  # "Acme chief", "Leeds manager"
        if (
            not placed
            and prev in ("of", "for", "at", "in", "from")
            and i >= 2
            and words[i - 2].lower() in ORG_ROLE_OF
        ):
            return "org", _GOOD, i, j  # "a spokesman for Acme", "a stake in Acme"
        return kind, conf, i, j

    def _split_hyphen(self, start: int, w: str) -> bool:
        """ "Leeds-Hull", "Lyon-Paris": two known names joined by a hyphen."""
        if "-" not in w or w in self.lex.names:
            return False
        parts = w.split("-")
        kinds = [self.lex.names.get(p) for p in parts]
        if len(parts) < 2 or not all(k in ("place", "country", "org") for k in kinds):
            return False
        for p, k in zip(parts, kinds, strict=True):
            self.mentions.append(_Mention(start, start + len(p), k or "org", _GOOD, (p,)))
            start += len(p) + 1
        return True

    def _split(
        self, starts: list[int], ends: list[int], words: list[str], i: int, j: int, table: bool
    ) -> bool:
        """Split runs that hold two names; True if ``words[i:j]`` was handled."""
        last = words[j - 1]
        if (
            self.text[starts[i] : ends[j - 1]] in self.lex.names
            or last in ORG_LAST
            or last in MISC_LAST
        ):
            return False
        # "Chicago Cardinal Joseph Bernardin", "Bank of England Governor
        # Eddie George": a title inside the run starts a person's name.
        for k in range(j - 2, i, -1):
            if words[k] in TITLE_HEADS and not _INITIALS.fullmatch(words[k]):
                left = k
                while left > i and words[left - 1] in TITLES:
                    left -= 1
                if left > i:
                    self._run(starts, ends, words, i, left, table)
                self._add(starts, ends, words, k + 1, j, "person", _SURE)
                return True
        # "U.S. Labor Day": the country abbreviation is a name of its own.
        if words[i] in _COUNTRY_ABBREVIATIONS:
            self._add(starts, ends, words, i, i + 1, "place", _SURE)
            self._run(starts, ends, words, i + 1, j, table)
            return True
        # "Chicago NAPM": a trailing acronym is its own (organisation) name.
        if (
            len(last) > 1
            and last.isupper()
            and not words[i].isupper()
            and last not in _ROMAN
            and last not in self.lex.names
            # ("Lloyds TSB" is one name: only a known name splits off.)
            and self.text[starts[i] : ends[j - 2]] in self.lex.names
        ):
            self._run(starts, ends, words, i, j - 1, table)
            self._add(starts, ends, words, j - 1, j, "org", _WEAK)
            return True
        return False

    def _classify(
        self, ws: list[str], key: str, prev: str, nxt: str, person_cue: bool
    ) -> tuple[str, int]:
        lex = self.lex
        n = len(ws)
        first = ws[0]
        last = ws[-1]
        if key in _COUNTRY_ABBREVIATIONS or key in STATE_ABBREVIATIONS:
            return "place", _SURE
        if n == 1 and (first in AGENCIES or first in ORG_WORDS):
            return "org", _SURE
        if n == 2 and first in _COMPASS_INITIALS and lex.names.get(last) == "country":
            return "place", _SURE  # "N. Korea"
        if person_cue or (n >= 2 and _INITIAL.fullmatch(first) and not _INITIALS.fullmatch(last)):
            return "person", _SURE
        if n == 1 and first[-1] == "s" and lex.names.get(first[:-1]) == "misc":
            return "misc", _GOOD  # "Kurds", "Azeris" -- even after "rival"
        if n == 1 and _LOWER_BRAND.fullmatch(first):
            # "iPod", "iMac" are products; "eBay" a firm.
            return ("misc", _GOOD) if first[0] == "i" else ("org", _GOOD)
        if n == 1 and _INTERCAPS.match(first) and not _NAME_PREFIX.match(first):
            # "TimeWarner", "EverQuest": a brand or a title, never a person.
            return "org", _GOOD
        if (
            prev.lower() in ("its", "their")
            and key not in lex.names
            and not first.isupper()
            and last not in ORG_LAST
            and last not in PLACE_LAST
            and last not in MISC_LAST
        ):
            # What a firm owns is a product or a unit, not a person: "its
            # Macintosh computers" ("its Acme unit" turns org on its role).
            return "misc", _WEAK
        if (
            n == 1
            and first in CELESTIAL
            and (prev.lower() == "the" or prev.lower() in PLACE_BEFORE)
        ):
            return "place", _GOOD
        if n == 1 and first in HOLIDAYS:
            return "misc", _SURE
        if n == 1 and first.endswith("ship") and len(first) > 6 and first not in lex.names:
            return "misc", _GOOD  # a competition: "the Premiership"
        if n == 2 and first in _NUMBER_WORDS and last[-1] == "s":
            return "misc", _GOOD  # "the Four Nations", "Three Peaks": an event
        if (
            n == 1
            and prev.lower() == "the"
            and len(first) > 4
            and first[-1] == "s"
            and not self.teams
            and first[:-1] in lex.last
            and first not in lex.names
            and lex.names.get(first[:-1]) in (None, "person")
            and not lex.is_common(first[:-1])
        ):
            return "person", _WEAK  # "the Hendersons": a family
        if (
            n == 1
            and prev == "the"
            and not first.isupper()
            and first not in _COMPASS
            and not (nxt.islower() and nxt not in FUNCTION_WORDS and nxt not in _HEAD_FOLLOWERS)
        ):
            # People take no article: "the Commons", "the Observer" (but "the
            # Reagan administration" is a modifier, said nothing).
            got = lex.names.get(key)
            if got is None or got == "person":
                return "org", _WEAK
        if nxt in ORG_AFTER and key not in lex.names:
            return "org", _GOOD
        if prev.lower() in ORG_BEFORE and not (n >= 2 and first in lex.first):
            return "org", _GOOD
        if "-" in last and last.rsplit("-", 1)[1].islower():
            # "New York-based", "Anglo-Dutch"-style compounds.
            return "misc", _GOOD
        known = lex.names.get(key)
        if n >= 2:
            if (
                known == "misc"
                and last in ORG_LAST
                and last not in MISC_LAST
                and first not in TITLES
            ):
                # The lists' WordNet sense may be the building or the act;
                # "... Exchange", "... Council" name the body.
                return "org", _SURE
            if known:
                return known, _SURE
            if "the" in ws and first not in _OF_HEADS:
                # Only a title takes a lowercase "the" inside: "Lord of the Flies".
                return "misc", _GOOD
            if last in ORG_LAST or first in ORG_FIRST:
                return "org", _SURE
            if "&" in ws:
                return "org", _GOOD  # "Procter & Gamble": partners make a firm
            if "of" in ws or "for" in ws:
                cut = ws.index("of") if "of" in ws else ws.index("for")
                head = ws[cut - 1] if cut else first
                if first in ORG_OF_HEADS or head in ORG_OF_HEADS:
                    return "org", _SURE  # "Bank of England", "Aluminum Company of America"
                if first in PLACE_OF_HEADS or head in PLACE_OF_HEADS:
                    return "place", _SURE
                if lex.names.get(" ".join(ws[cut + 1 :])) in _PLACE_KINDS:
                    return "place", _GOOD  # "Holy City of Jerusalem"
            if last in MISC_LAST:
                return "misc", _GOOD
            if last in PLACE_LAST:
                if self.works and prev.lower() not in PLACE_BEFORE:
                    return "misc", _WEAK  # a review's "Painted Hills" is a title
                return "place", _GOOD
            if first.isupper() and len(first) > 1 and "." not in first and not last.isupper():
                return "org", _WEAK  # "ICI Pharma"
            if first in _COMPASS:
                rest = lex.names.get(" ".join(ws[1:]))
                if rest in _PLACE_KINDS:
                    return "place", _GOOD  # "South China", "Northern Iraq"
                if rest == "misc":
                    return "misc", _GOOD  # "West German"
            for k in range(n - 1, 0, -1):
                prefix = lex.names.get(" ".join(ws[:k]))
                if (
                    prefix in _PLACE_KINDS
                    if k > 1
                    else prefix == "country" or (prefix == "place" and last[-1] == "s")
                ) and (k > 1 or first not in lex.first):
                    # "Kansas City Royals", "Hong Kong Standard".
                    return "org", _GOOD
            if first in lex.first and (
                last not in lex.names or lex.names.get(first) in (None, "misc", "person")
            ):
                return "person", _GOOD
            if self.works and not (prev.lower() in PERSON_BEFORE or _said_before(prev, nxt)):
                return "misc", _WEAK  # an unknown name in a review is mostly a title
            if prev.lower() in PERSON_BEFORE or _said_before(prev, nxt):
                return "person", _WEAK
            if last in lex.last or first in lex.first:
                return "person", _WEAK
            if prev.lower() in PLACE_BEFORE and nxt not in _POSSESSIVE:
                return "place", _GUESS
            if all(w.isupper() for w in ws):
                return "org", _GUESS
            if lex.names.get(last) in ("place", "country") or prev == "at":
                # "Real Madrid"; "an analyst at Goldman Sachs".
                return "org", _GUESS
            if all(lex.is_common(w) for w in ws):
                return "org", _GUESS
            return "person", _GUESS
        if known:
            return known, _GOOD
        if first in _COMPASS:
            # "the North" is a place, "Western diplomats" a description.
            return ("misc", _WEAK) if first.endswith("ern") else ("place", _WEAK)
        if "-" in first:
            parts = first.split("-")
            if all(lex.names.get(p) in ("misc", "country") for p in parts):
                return "misc", _GOOD  # "German-Israeli"
        if _DEMONYM.search(first) and first not in lex.first and first not in lex.last:
            return "misc", _WEAK  # "Surinamese", "Afrikaners"
        if last in ORG_LAST:
            return "org", _WEAK
        if first.isupper() and len(first) > 1:
            return "org", _WEAK
        if prev.lower() in PERSON_BEFORE or nxt in _SAID or _said_before(prev, nxt):
            return "person", _WEAK
        if prev.lower() in PLACE_BEFORE and nxt not in _POSSESSIVE:
            # (Not "in Acme's new division": the owner of what is in.)
            # "in X" is fair evidence; "at X", "from X" also name firms.
            return "place", (_WEAK if prev.lower() in _IN else _GUESS)
        if first in lex.last or first in lex.first:
            # In sports reports a lone surname-like word is more often a
            # club; players are named in full first and linked later.
            return ("org", _GUESS) if self.teams else ("person", _WEAK)
        return "org", _GUESS

    def _add(
        self,
        starts: list[int],
        ends: list[int],
        words: list[str],
        i: int,
        j: int,
        kind: str,
        conf: int,
    ) -> None:
        self.mentions.append(_Mention(starts[i], ends[j - 1], kind, conf, tuple(words[i:j])))

    def _dateline(
        self, line: str, off: int, starts: list[int], ends: list[int], words: list[str]
    ) -> None:
        if not self._dateline_match(line, off):
            self.caps_lines.append((starts, ends, words))

    def _dateline_match(self, line: str, off: int) -> bool:
        """Add the places of a dateline; False if ``line`` is none."""
        if not line.rstrip()[-1:].isdigit():
            return False
        m = _DATELINE.match(line)
        if not m:
            return False
        for g in (1, 2):
            if m.group(g):
                self.mentions.append(
                    _Mention(
                        off + m.start(g), off + m.end(g), "place", _SURE, tuple(m.group(g).split())
                    )
                )
        return True

    def _agency_dateline(self, line: str, off: int) -> None:
        m = _AGENCY_DATELINE.match(line)
        if m and m.group(2) in AGENCIES:
            self.mentions.append(
                _Mention(
                    off + m.start(1), off + m.end(1), "place", _SURE, tuple(m.group(1).split())
                )
            )

    # -- the document as a whole -----------------------------------------

    def _settle(self) -> None:
        """One kind per name, short mentions follow full names, recover drops."""
        # Lists first: "West Yorkshire and Greater Manchester" makes the second
        # a place before its words lend themselves to people.
        self._align_lists()
        best: dict[str, tuple[int, str]] = {}
        # Words of person names -> the best confidence of a name using them.
        person_parts: dict[str, int] = {}
        person_last: set[str] = set()
        org_parts: set[str] = set()
        text = self.text
        is_common = self.lex.is_common
        for m in self.mentions:
            key = text[m.start : m.end]
            got = best.get(key)
            if got is None or m.conf > got[0]:
                best[key] = (m.conf, m.kind)
            if m.kind == "misc" and len(m.words) >= 2 and m.words[-1].isdigit():
                # "Quake 3" ... "the original Quake": the same series.
                series = " ".join(m.words[:-1])
                if series not in best or best[series][0] <= m.conf:
                    best[series] = (m.conf, "misc")
            if m.kind == "person" and (len(m.words) >= 2 or m.conf == _SURE):
                # A capitalised two-word name is fair evidence for its parts.
                part_conf = max(m.conf, _WEAK)
                for w in m.words:
                    if not _INITIALS.fullmatch(w) and person_parts.get(w, -1) < part_conf:
                        person_parts[w] = part_conf
                if len(m.words) >= 2:
                    person_last.add(m.words[-1])
            elif m.kind == "org" and len(m.words) >= 2 and m.words[-1] in ORG_LAST:
                # "Wrather Corp" -> "Wrather"; "Brierley Investments Ltd" ->
                # "Brierley Investments" and "Brierley".
                stem = m.words[:-1]
                while len(stem) > 1 and stem[-1] in ORG_LAST:
                    stem = stem[:-1]
                names = self.lex.names
                if len(stem) > 1:
                    # "Carolina Power and Light Co" -> "Carolina Power ...";
                    # "FW Woolworth Co" -> "Woolworth".
                    for k in range(2, len(stem) + 1):
                        org_parts.add(" ".join(stem[:k]))
                    for w in stem:
                        if not (
                            is_common(w)
                            or names.get(w) in ("misc", "country", "org", "place")
                            or w in self.lex.first
                        ):
                            org_parts.add(w)
                elif names.get(stem[0]) not in ("misc", "country"):
                    # "Brunswick Corp" -> "Brunswick", though a town too.
                    org_parts.add(stem[0])
        for m in self.mentions:
            key = text[m.start : m.end]
            if (
                len(m.words) == 1
                and m.conf < _SURE
                and (
                    person_parts.get(key, -1) >= m.conf
                    # "MaliVai Washington ... Washington served": the player,
                    # unless it says "in Washington".
                    or (key in person_last and m.kind == "place" and not m.placed)
                )
            ):
                m.kind = "person"
                m.conf = max(m.conf, _WEAK)
                continue
            if key in org_parts and m.conf < _SURE:
                m.kind = "org"
                m.conf = _GOOD
                continue
            conf, kind = best[key]
            if conf > m.conf:
                m.kind = kind
                m.conf = conf
        self._unintroduced(person_parts)
        self._one_kind()
        for s, e, w in self.dropped:
            got = best.get(w)
            if got is not None and got[0] >= _WEAK:
                self.mentions.append(_Mention(s, e, got[1], got[0], (w,)))
            elif w in person_parts:
                self.mentions.append(_Mention(s, e, "person", _GOOD, (w,)))
            elif w in org_parts:
                self.mentions.append(_Mention(s, e, "org", _GOOD, (w,)))
        self._align_lists()

    def _unintroduced(self, person_parts: dict[str, int]) -> None:
        """Retype one-word "people" that the document never introduces.

        News names a person in full before using a surname alone, so a lone
        word that is no known first or last name, never part of a full name
        here and only weakly a person ("said Acme.") is an organisation --
        in a match report any lone name never given in full is a club;
        "the Hendersons" is a family when a Henderson is named.
        """
        lex = self.lex
        for m in self.mentions:
            if len(m.words) != 1 or m.conf >= _SURE:
                continue
            w = m.words[0]
            if (
                w[-1] == "s"
                and w[:-1] in person_parts
                and w not in person_parts
                and self.text[max(0, m.start - 4) : m.start].lower() == "the "
            ):
                m.kind, m.conf = "person", _GOOD
                continue
            if (
                m.kind == "person"
                and not m.titled
                # A match report names its players in full: a lone first
                # name there ("Chelsea, who drew") is a club.
                and (m.conf <= _WEAK or (self.teams and m.conf == _GOOD))
                and not self.sports
                and w not in person_parts
                and ((w not in lex.first and w not in lex.last) or self.teams)
                and w not in lex.names
                and not (w[-1] == "s" and w[:-1] in lex.last)  # "the Hendersons"
            ):
                m.kind = "org"

    def _one_kind(self) -> None:
        """One kind per name: ties between equally weak readings go to the majority."""
        text = self.text
        tally: dict[str, dict[str, tuple[int, int]]] = {}
        for m in self.mentions:
            key = text[m.start : m.end]
            kinds = tally.setdefault(key, {})
            conf, count = kinds.get(m.kind, (-1, 0))
            kinds[m.kind] = (max(conf, m.conf), count + 1)
        for m in self.mentions:
            kinds = tally[text[m.start : m.end]]
            if len(kinds) < 2 or m.conf == _SURE:
                continue
            top = max(kinds, key=lambda k: kinds[k])
            if kinds[top][0] >= m.conf and top != m.kind:
                m.kind = top

    def _align_lists(self) -> None:
        """Names in one list ("Vaas , Dharmasena and Muralitharan") share a kind."""
        text = self.text
        ordered = sorted(self.mentions, key=lambda m: m.start)
        group: list[_Mention] = []
        joined = False
        for m in [*ordered, None]:
            if m is not None and group:
                glue = text[group[-1].end : m.start].strip()
                if glue in _LIST_GLUE:
                    group.append(m)
                    joined = joined or glue != ","
                    continue
            # Two names with only a comma between are more often apposition
            # ("Roscosmos, Dmitry Rogozin") than a list.
            if len(group) > 2 or (len(group) == 2 and joined):
                # On a tie a name placed by "in"/"from" does not lead: "Ann
                # Lee, from Leeds, and Bo Li" lists people.
                top = max(group, key=lambda g: (g.conf, not g.placed))
                weight: dict[str, int] = {}
                for g in group:
                    k = _KINDS.get(g.kind, "misc")
                    weight[k] = weight.get(k, 0) + g.conf + 1
                major = max(weight, key=lambda k: weight[k])
                for g in group:
                    if g.placed and g.kind == "place":
                        continue  # "from Leeds" stays a place among people
                    if g.kind != "person" and _INTERCAPS.match(g.words[0]):
                        continue  # a brand among people stays a brand
                    if g.conf < top.conf and g.conf <= _WEAK:
                        g.kind = top.kind
                    elif (
                        len(group) >= 3
                        and g.conf <= _GOOD
                        and weight[major] >= 2 * weight[_KINDS.get(g.kind, "misc")]
                    ):
                        # "Given , Breen , Staunton , Irwin": one town
                        # among players is a player too.
                        g.kind = major
            group = [m] if m is not None else []
            joined = False

    def _caps_event(self, head: list[str]) -> str | None:
        """ "misc" if ``head`` can lead an event name ("AMERICAN LEAGUE")."""
        for w in head:
            t = _title(w)
            if w.lower() in FUNCTION_WORDS or w in SPORTS:
                return None
            if not (t in self.lex.names or t in _COMPASS or t in _EVENT_WORDS):
                return None
        return "misc"

    def _read_caps_lines(self) -> None:
        """Find names in ALL-CAPS lines by looking their words up."""
        if not self.caps_lines:
            return
        text = self.text
        lex = self.lex
        known: dict[str, str] = {}
        for m in self.mentions:
            known.setdefault(text[m.start : m.end].upper(), m.kind)
            if m.kind == "person" and len(m.words) >= 2:
                known.setdefault(m.words[-1].upper(), "person")
            elif m.kind == "org" and len(m.words) >= 2 and m.words[-1].endswith("s"):
                known.setdefault(m.words[-1].upper(), "org")  # "Florida Marlins"
        for starts, ends, words in self.caps_lines:
            n = len(words)
            if n == 3 and words[1] == "AT" and words[0].isalpha() and words[2].isalpha():
                # Fixture lists: "BOSTON AT OAKLAND" names two places.
                for k in (0, 2):
                    self.mentions.append(_Mention(starts[k], ends[k], "place", _WEAK, (words[k],)))
                continue
            i = 0
            while i < n:
                if not words[i][0].isalpha():
                    i += 1
                    continue
                hit = 0
                kind = ""
                for size in (4, 3, 2, 1):
                    j = i + size
                    if j > n or not words[j - 1][0].isalpha():
                        continue
                    key = text[starts[i] : ends[j - 1]]
                    if (
                        not key.replace(" ", "")
                        .replace("-", "")
                        .replace(".", "")
                        .replace("'", "")
                        .isalpha()
                    ):
                        continue
                    got = known.get(key)
                    if got is None:
                        got = lex.names.get(_title(key))
                        if got is not None and size == 1:
                            w = words[i]
                            if lex.is_common(w) or w in SPORTS or len(w) < 3:
                                got = None
                        if got == "place":
                            in_place = i > 0 and words[i - 1].lower() in PLACE_BEFORE
                            got = "org" if self.teams and not in_place else "place"
                        if got == "country":
                            got = "place"
                        if got is None and size > 1 and _title(words[j - 1]) in MISC_LAST:
                            got = self._caps_event(words[i : j - 1])
                    if got is not None:
                        hit = size
                        kind = got
                        break
                if hit:
                    self.mentions.append(
                        _Mention(
                            starts[i], ends[i + hit - 1], kind, _WEAK, tuple(words[i : i + hit])
                        )
                    )
                    i += hit
                else:
                    i += 1

    def _emit(self) -> list[Entity]:
        text = self.text
        out: list[Entity] = []
        last_end = -1
        for m in sorted(self.mentions, key=lambda m: (m.start, -m.end)):
            if m.start < last_end or m.start >= m.end:
                continue
            out.append(Entity(m.start, m.end, text[m.start : m.end], _KINDS.get(m.kind, "misc")))
            last_end = m.end
        return out
