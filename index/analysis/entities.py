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
is a name, a country stays a place when it means its team.  The vocabulary
and word-level tests live in ``entity_words``, the passes over the whole
document in ``entity_settle``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from byline.index.analysis.entity_cues import (
    AGENCIES,
    AWARD_AFTER,
    CELESTIAL,
    CLUB_ROLE_AFTER,
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
    STATE_ABBREVIATIONS,
    TITLE_HEADS,
    TITLES,
    WORK_AFTER,
    WORK_BEFORE,
    WORK_VERBS,
    WORKS_HITS,
)
from byline.index.analysis.entity_settle import (
    emit,
    read_caps_lines,
    settle,
)
from byline.index.analysis.entity_words import (
    AGENCY_DATELINE,
    ATTRIBUTIVE,
    AUXILIARIES,
    BEATEN,
    COMPASS,
    COMPASS_INITIALS,
    COUNTRY_ABBREVIATIONS,
    COURTESY,
    DATELINE,
    DEMONYM,
    EVENT_AFTER,
    FIRM_ACTIONS,
    FORMER,
    GOOD,
    GUESS,
    HEAD_FOLLOWERS,
    IN,
    INITIAL,
    INITIALS,
    INTERCAPS,
    ISO_DATE,
    JOINED,
    LOST,
    LOWER_BRAND,
    MAX_RUN,
    MEDIA_WORDS,
    NAME_PREFIX,
    NUMBER_WORDS,
    OF_HEADS,
    PARTICLES,
    PLACE_KINDS,
    POSSESSIVE,
    QUOTES,
    RECORD,
    REPORTS,
    ROMAN,
    SAID,
    SENTENCE_BREAK,
    SEQUEL,
    SEQUEL_STOP,
    SPORTS_HITS,
    SPORTS_RE,
    SUBJECT_PRONOUNS,
    SURE,
    TEAM_VERBS,
    TITLE_GLUE,
    WEAK,
    WORKS_GLUE,
    WORKS_RE,
    DocumentState,
    Mention,
    common_abbreviation,
    in_prose,
    is_cap,
    is_caps,
    is_title_case,
    one_role,
    org_follows,
    pronoun_back,
    pronoun_follows,
    role_follows,
    said_before,
    tokenise,
)
from byline.index.analysis.gazetteer import lexicon

if TYPE_CHECKING:
    from byline.index.models import Entity


def find_entities(text: str) -> list[Entity]:
    """Return the named entities in ``text``: sorted, non-overlapping, exact offsets."""
    value: object = text
    if not isinstance(value, str) or not value.strip():
        return []
    # No guard here: a bug must show in the tests, and the indexer reports a
    # file whose analysis fails as one line, costing that file only.
    return _Document(text, lexicon()).run()


class _Document(DocumentState):
    """One ``find_entities`` call: reads the lines, finds and types candidate names."""

    __slots__ = ()

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
                    hits = set(SPORTS_RE.findall(text))
                    score = sum(2 if h in SPORTS_WORDS else 1 for h in hits)
                    self.teams = score >= SPORTS_HITS
                    if not self.teams:
                        self.works = len(set(WORKS_RE.findall(text))) >= WORKS_HITS
            starts: list[int] = []
            ends: list[int] = []
            words: list[str] = []
            tokenise(line, off, starts, ends, words)
            if not words:
                continue
            if is_caps(line):
                self._dateline(line, off, starts, ends, words)
                continue
            if self._dateline_match(line, off):
                continue
            self._agency_dateline(line, off)
            if not self.sports and is_title_case(words):
                # A headline in Title Case: read it like an ALL-CAPS one.
                self.caps_lines.append((starts, ends, words))
                continue
            self._scan(starts, ends, words)
        settle(self)
        read_caps_lines(self)
        return emit(self)

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
                    (w in PARTICLES and k < last and words[k + 1][0].isupper())
                    or (w[:3] in ("al-", "el-") and w[3:4].isupper())
                )
            )
            # "eBay", "iPod": brands that start in lowercase.
            or (w[1:2].isupper() and LOWER_BRAND.fullmatch(w) is not None)
        ]
        for i in starts_at:
            if i < j:
                continue
            w = words[i]
            if (
                (w in NOT_NAMES and not (w in MEDIA_WORDS and i + 1 < n and is_cap(words[i + 1])))
                or len(w) == 1
                or common_abbreviation(w)
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
            glue = TITLE_GLUE if work else WORKS_GLUE if self.works else frozenset()
            # "Department of Trade and Industry": after an organisation's
            # "of", "and" joins another descriptive word.
            headed = False
            while j < n:
                wj = words[j]
                if wj[0].isupper() and wj not in NOT_NAMES and not common_abbreviation(wj):
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
                        or (wj in ("of", "for") and words[j - 1] in OF_HEADS)
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
                            and org_follows(words, j + 1)
                        )
                        or (
                            wj == "of"
                            and (self.lex.is_common(words[j - 1]) or words[j - 1] in ORDINALS)
                            and org_follows(words, j + 1)
                        )
                    )
                ):
                    headed = headed or (wj in ("of", "for") and words[j - 1] in ORG_OF_HEADS)
                    j += 2
                    continue
                break
            if j - i <= MAX_RUN:
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
            and words[i - 2] not in SENTENCE_BREAK
            and ISO_DATE.fullmatch(words[i - 2]) is None
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
            and SEQUEL.fullmatch(words[j]) is not None
            and not (words[j + 1][:1].isdigit() or words[j + 1][:1].isupper())
            and words[j + 1] not in SEQUEL_STOP
        )

    def _is_nationality(self, w: str) -> bool:
        """ "Kurdish", "Kurds": a nationality-like word (or its plural)."""
        names = self.lex.names
        return names.get(w) == "misc" or (w[-1] == "s" and names.get(w[:-1]) == "misc")

    def _run(
        self, starts: list[int], ends: list[int], words: list[str], i: int, j: int, table: bool
    ) -> None:
        """Peel and type the capitalised run ``words[i:j]``."""
        while j - i > 1 and words[j - 1] in SUBJECT_PRONOUNS:
            # "… Smith & Co. He said": a new sentence's pronoun, not part of the name.
            j -= 1
        lex = self.lex
        names = lex.names
        text = self.text
        initial = (
            i == 0
            or words[i - 1] in SENTENCE_BREAK
            # A one-word run after the date stamp ("2005-03-11 More ...")
            # starts the text; longer runs there are mostly names.
            or (
                j - i == 1
                and ISO_DATE.fullmatch(words[i - 1]) is not None
                and (j == len(words) or words[j] not in ("'s", "\u2019s"))
            )
        )
        if words[i] in FORMER:
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
            and words[qi - 1] in QUOTES
            and words[j] in QUOTES
            and known not in ("person", "place", "country", "org")
        ):
            # A quoted title: "The Crying Game", "Strike Hard".
            self._add(starts, ends, words, qi, j, "misc", GOOD)
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
                and (words[i + 1] not in ("of", "for") or words[i] in OF_HEADS)
                # ("Potential American Motors" peels: the rest holds a name.)
                and not any(names.get(w) in ("misc", "place", "country") for w in words[i + 1 : j])
                and (words[j - 1] in ORG_LAST or words[j - 1] in PLACE_LAST)
            )
            # "Green Party spokesman ...", "Conservatives said": the run
            # names who has the role or who speaks.
            and not (j < len(words) and one_role(words[j]) and words[i] not in TITLES)
            and not (j - i == 1 and words[i][-1] == "s" and j < len(words) and words[j] in SAID)
            and not pronoun_follows(words, j)
            # "Apple has reported ... its": a word that is also a surname, then a
            # pronoun referring back, is a name (not "Inflation has hit its ...").
            and not (
                j - i == 1
                and words[i] in lex.last
                and j < len(words)
                and words[j] in AUXILIARIES
                and j + 1 < len(words)
                and words[j + 1] in FIRM_ACTIONS
                and pronoun_back(words, j + 1) in ("it", "its")
            )
            and not (j - i >= 3 and words[i + 1] == "&")  # "Marks & Spencer"
        ):
            if j - i == 1:
                self.dropped.append((starts[i], ends[i], words[i]))
                return
            i += 1
            while i < j and words[i] in TITLE_GLUE:
                i += 1  # "Accepting the Golden Gull": the title starts after "the"
        if i > 0 and words[i - 1] in COURTESY:
            # "Mr King", "Dr Bishop": after a courtesy title any word is a name.
            self._add(starts, ends, words, i, j, "person", SURE)
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
            if not (j - i == 2 and words[i] in PARTICLES and names.get(words[i + 1]) is None):
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
                    self._add(starts, ends, words, i, j, "misc", GOOD)
                    return
                if whole not in names and (
                    rest_kind in ("place", "country", "person")
                    or (words[j - 1] not in ORG_LAST and words[j - 1] not in MISC_LAST)
                ):
                    self._add(starts, ends, words, i, i + 1, "misc", GOOD)
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
                    and not in_prose(words, i, j)
                    and not (j < len(words) and one_role(words[j]))
                    and not pronoun_follows(words, j)
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
                        self._add(starts, ends, words, i, j, "org", WEAK)
                        return
                    self.dropped.append((starts[i], ends[i], w))
                    return
        # "NASA-led Gateway": a hyphenated modifier ends a name of its own.
        for k in range(i, j):
            w = words[k]
            if "-" not in w or not w.rsplit("-", 1)[1].islower():
                continue
            cut = ATTRIBUTIVE.search(w)
            if cut is not None and cut.start() > 0:
                # "Paris-based", "US-led": only the named part is a name, of
                # its own kind.
                stem = [*words[i:k], w[: cut.start()]]
                end = ends[k] - (len(w) - cut.start())
                prev = words[i - 1] if i > 0 else ""
                kind, conf = self._classify(stem, text[starts[i] : end], prev, "", False)
                self.mentions.append(Mention(starts[i], end, kind, conf, tuple(stem)))
            elif k == j - 1 or (
                words[k][:1].isupper() and self.lex.is_common(words[k].replace("-", ""))
            ):
                continue  # "Anglo-Dutch" is typed below; "Co-operation" a word of the name
            else:
                self._add(starts, ends, words, i, k + 1, "misc", GOOD)
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
        if described and conf <= WEAK and names.get(text[starts[i] : ends[j - 1]]) is None:
            kind, conf = "person", GOOD
        if (
            kind == "place"
            and conf <= GOOD
            and j - i >= 2
            and words[i] in lex.first
            and names.get(text[starts[i] : ends[j - 1]]) is None
            and (said_before(prev, nxt) or nxt in SAID or role_follows(words, j))
        ):
            kind, conf = "person", GOOD  # "Mike Lake, a spokesman for ...", "said Ann Bay"
        if conf < SURE:
            kind, conf, i, j = self._context(starts, ends, words, i, j, kind, conf, table)
            prev = words[i - 1] if i > 0 else ""
            nxt = words[j] if j < len(words) else ""
        if (
            conf <= WEAK
            and kind != "place"
            and (
                nxt in PLACE_AFTER or (prev == "of" and i >= 2 and words[i - 2] in PLACE_OF_BEFORE)
            )
        ):
            kind, conf = "place", GOOD
        # City-named clubs in sports reports, but not "in Leeds".
        if (
            self.teams
            and kind == "place"
            and names.get(text[starts[i] : ends[j - 1]]) != "country"
            # "in Leeds", "at the Oval" are places; "joined from Leeds" the club.
            and prev.lower() not in IN
            and prev.lower() != "at"
            and not (prev == "the" and i >= 2 and words[i - 2] in PLACE_BEFORE)
            and (
                # "at the Riverside Stadium" is the ground, "Bristol City 2" the club.
                words[j - 1] not in PLACE_LAST
                or table
                or nxt in TEAM_VERBS
                or prev in TEAM_VERBS
                or nxt[:1].isdigit()
            )
            and nxt != "("
            and (table or nxt in TEAM_VERBS or prev in TEAM_VERBS or conf <= GOOD)
        ):
            evidence = table or nxt in TEAM_VERBS or prev in TEAM_VERBS
            kind, conf = "org", (GOOD if evidence else WEAK)
        elif (
            self.sports
            and j - i > 1
            and conf <= GUESS
            and nxt == "("
            and j + 2 < len(words)
            and words[j + 2] == ")"
            and names.get(words[j + 1]) == "country"
        ):
            # "Adem Hacini ( Algeria ) 1:45.64": an athlete and a country.
            kind, conf = "person", GOOD
        elif (
            self.sports
            and conf <= WEAK
            and nxt == "("
            and j + 2 < len(words)
            and words[j + 2] == ")"
            and RECORD.fullmatch(words[j + 1])
        ):
            # "Pettite ( 19-7 ) allowed two runs": a pitcher's record.
            kind, conf = "person", GOOD
        elif self.teams and table and conf <= WEAK and nxt[:1].isdigit():
            # "Greenock Morton 1 Falkirk 0", "St Mirren 3 1 1 1 5 4 4".
            kind, conf = "org", GOOD
        if kind == "misc" and self._title_the(words, i):
            i -= 1  # "up for The Aviator": the article belongs to the title
        self._add(starts, ends, words, i, j, kind, conf)
        if prev.lower() in PLACE_BEFORE and nxt not in POSSESSIVE:
            self.mentions[-1].placed = True
        self.mentions[-1].titled = prev.lower() in PERSON_BEFORE

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
        person = known == "person" or (kind == "person" and conf >= GOOD)
        placed = known in PLACE_KINDS
        if nxt in REPORTS and known not in PLACE_KINDS:
            # The pronoun that follows tells a firm from a person: "Acme
            # said its ...", "Hale said he ...".
            if after in ("it", "its") and known != "person":
                return "org", GOOD, i, j
            if after in ("he", "she", "his", "her") and known in (None, "person"):
                return "person", GOOD, i, j
        if (
            kind == "person"
            and conf <= WEAK
            and known is None
            and j - i == 1
            and words[i] not in self.lex.first
            and pronoun_back(words, j) in ("it", "its")
        ):
            # An unknown one-word "person" that a following "its" refers back
            # to is a firm: "analysts praised Apple for its design".
            return "org", GOOD, i, j
        # (A one-word name the lists call a person yields too: "Morgan has raised its".)
        if nxt in AUXILIARIES and known not in PLACE_KINDS and (known != "person" or j - i == 1):
            pronoun = pronoun_back(words, j + 1)
            if pronoun in ("it", "its"):
                return "org", GOOD, i, j  # "Acme has reported record sales of its ..."
        if (
            nxt in POSSESSIVE
            and after in ORG_POSSESSED
            and known in (None, "org")
            and not (kind == "person" and conf >= GOOD)
        ):
            return "org", GOOD, i, j  # "Acme's shares", "Acme's chief executive"
        if nxt == "," and after == "which" and kind == "person" and conf <= WEAK and known is None:
            kind, conf = "org", WEAK  # "Acme, which ...": no person
        if (
            (self.works or self._work_cue(words, i))
            and not table
            and SEQUEL.fullmatch(nxt)
            and ends[j - 1] + 1 == starts[j]
            and not (after[:1].isdigit() or after[:1].isupper() or after in SEQUEL_STOP)
            and not person
            and not placed
            and words[j - 1] not in ORG_LAST
        ):
            # "Quake 3 sold well": a numbered product or sequel.
            return "misc", GOOD, i, j + 1
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
            return "misc", GOOD, i, j
        if (
            prev in ("of", "for")
            and i >= 2
            and words[i - 2].lower() in PRODUCT_OF
            and known not in ("person", "org")
            and not placed
        ):
            return "misc", GOOD, i, j  # "a new version of Quill"
        if nxt in AWARD_AFTER and known not in ("person", "org") and not placed:
            return "misc", GOOD, i, j  # "the Golden Crown awards"
        if not person and not placed and known != "org":
            if self._title_the(words, i):
                return "misc", GOOD, i, j
            if nxt in WORK_AFTER:
                return "misc", GOOD, i, j  # "Gladiator star", "Quake sequel"
            if nxt == "," and after in ("the", "a") and j + 2 < n and words[j + 2] in WORK_BEFORE:
                return "misc", GOOD, i, j  # "Gladiator, the film that ..."
        if nxt in EVENT_AFTER and known == "place" and j - i == 1:
            return "misc", GOOD, i, j  # "the Wimbledon champion": the tournament
        if (
            kind == "place"
            and conf <= WEAK
            and known is None
            and j - i >= 2
            and (prev in BEATEN or (prev == "to" and i >= 2 and words[i - 2] in LOST))
        ):
            return "person", WEAK, i, j  # "lost to Ivo Marek": a rival, not a place
        if (
            prev == "of"
            and i >= 3
            and words[i - 2] == ","
            and words[i - 3].isdigit()
            and known in (None, "place", "country")
        ):
            return "place", GOOD, i, j  # "Ann Hale, 34, of Bulwell": where she lives
        if (
            prev == "from"
            and not placed
            and known not in ("person", "misc")
            and any(w in JOINED for w in words[max(0, i - 6) : i - 1])
        ):
            return "org", GOOD, i, j  # "joined the bank from Citigroup": the employer
        if (
            not placed
            and known not in ("person", "misc")
            and prev in ("at", "in", "of")
            and i >= 2
            and words[i - 2].lower() in ORG_STAFF
        ):
            return "org", GOOD, i, j  # "analysts at Merrill Lynch": a firm, whatever its name
        if known in ("country", "misc") or person or (kind == "misc" and conf >= GOOD):
            return kind, conf, i, j
        if nxt in ORG_ROLE_AFTER and (not placed or nxt in CLUB_ROLE_AFTER):
            return "org", GOOD, i, j  # "Acme chief", "Leeds manager"
        if (
            not placed
            and prev in ("of", "for", "at", "in", "from")
            and i >= 2
            and words[i - 2].lower() in ORG_ROLE_OF
        ):
            return "org", GOOD, i, j  # "a spokesman for Acme", "a stake in Acme"
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
            self.mentions.append(Mention(start, start + len(p), k or "org", GOOD, (p,)))
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
            if words[k] in TITLE_HEADS and not INITIALS.fullmatch(words[k]):
                left = k
                while left > i and words[left - 1] in TITLES:
                    left -= 1
                if left > i:
                    self._run(starts, ends, words, i, left, table)
                self._add(starts, ends, words, k + 1, j, "person", SURE)
                return True
        # "U.S. Labor Day": the country abbreviation is a name of its own.
        if words[i] in COUNTRY_ABBREVIATIONS:
            self._add(starts, ends, words, i, i + 1, "place", SURE)
            self._run(starts, ends, words, i + 1, j, table)
            return True
        # "Chicago NAPM": a trailing acronym is its own (organisation) name.
        if (
            len(last) > 1
            and last.isupper()
            and not words[i].isupper()
            and last not in ROMAN
            and last not in self.lex.names
            # ("Lloyds TSB" is one name: only a known name splits off.)
            and self.text[starts[i] : ends[j - 2]] in self.lex.names
        ):
            self._run(starts, ends, words, i, j - 1, table)
            self._add(starts, ends, words, j - 1, j, "org", WEAK)
            return True
        return False

    def _classify(
        self, ws: list[str], key: str, prev: str, nxt: str, person_cue: bool
    ) -> tuple[str, int]:
        lex = self.lex
        n = len(ws)
        first = ws[0]
        last = ws[-1]
        if key in COUNTRY_ABBREVIATIONS or key in STATE_ABBREVIATIONS:
            return "place", SURE
        if n == 1 and (first in AGENCIES or first in ORG_WORDS):
            return "org", SURE
        if n == 2 and first in COMPASS_INITIALS and lex.names.get(last) == "country":
            return "place", SURE  # "N. Korea"
        if person_cue or (n >= 2 and INITIAL.fullmatch(first) and not INITIALS.fullmatch(last)):
            return "person", SURE
        if n == 1 and first[-1] == "s" and lex.names.get(first[:-1]) == "misc":
            return "misc", GOOD  # "Kurds", "Azeris" -- even after "rival"
        if n == 1 and LOWER_BRAND.fullmatch(first):
            # "iPod", "iMac" are products; "eBay" a firm.
            return ("misc", GOOD) if first[0] == "i" else ("org", GOOD)
        if n == 1 and INTERCAPS.match(first) and not NAME_PREFIX.match(first):
            # "TimeWarner", "EverQuest": a brand or a title, never a person.
            return "org", GOOD
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
            return "misc", WEAK
        if (
            n == 1
            and first in CELESTIAL
            and (prev.lower() == "the" or prev.lower() in PLACE_BEFORE)
        ):
            return "place", GOOD
        if n == 1 and first in HOLIDAYS:
            return "misc", SURE
        if n == 1 and first.endswith("ship") and len(first) > 6 and first not in lex.names:
            return "misc", GOOD  # a competition: "the Premiership"
        if n == 2 and first in NUMBER_WORDS and last[-1] == "s":
            return "misc", GOOD  # "the Four Nations", "Three Peaks": an event
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
            return "person", WEAK  # "the Hendersons": a family
        if (
            n == 1
            and prev == "the"
            and not first.isupper()
            and first not in COMPASS
            and not (nxt.islower() and nxt not in FUNCTION_WORDS and nxt not in HEAD_FOLLOWERS)
        ):
            # People take no article: "the Commons", "the Observer" (but "the
            # Reagan administration" is a modifier, said nothing).
            got = lex.names.get(key)
            if got is None or got == "person":
                return "org", WEAK
        if nxt in ORG_AFTER and key not in lex.names:
            return "org", GOOD
        if prev.lower() in ORG_BEFORE and not (n >= 2 and first in lex.first):
            return "org", GOOD
        if "-" in last and last.rsplit("-", 1)[1].islower():
            # "New York-based", "Anglo-Dutch"-style compounds.
            return "misc", GOOD
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
                return "org", SURE
            if known:
                return known, SURE
            if "the" in ws and first not in OF_HEADS:
                # Only a title takes a lowercase "the" inside: "Lord of the Flies".
                return "misc", GOOD
            if last in ORG_LAST or first in ORG_FIRST:
                return "org", SURE
            if "&" in ws:
                return "org", GOOD  # "Procter & Gamble": partners make a firm
            if "of" in ws or "for" in ws:
                cut = ws.index("of") if "of" in ws else ws.index("for")
                head = ws[cut - 1] if cut else first
                if first in ORG_OF_HEADS or head in ORG_OF_HEADS:
                    return "org", SURE  # "Bank of England", "Aluminum Company of America"
                if first in PLACE_OF_HEADS or head in PLACE_OF_HEADS:
                    return "place", SURE
                if lex.names.get(" ".join(ws[cut + 1 :])) in PLACE_KINDS:
                    return "place", GOOD  # "Holy City of Jerusalem"
            if last in MISC_LAST:
                return "misc", GOOD
            if last in PLACE_LAST:
                if self.works and prev.lower() not in PLACE_BEFORE:
                    return "misc", WEAK  # a review's "Painted Hills" is a title
                return "place", GOOD
            if first.isupper() and len(first) > 1 and "." not in first and not last.isupper():
                return "org", WEAK  # "ICI Pharma"
            if first in COMPASS:
                rest = lex.names.get(" ".join(ws[1:]))
                if rest in PLACE_KINDS:
                    return "place", GOOD  # "South China", "Northern Iraq"
                if rest == "misc":
                    return "misc", GOOD  # "West German"
            for k in range(n - 1, 0, -1):
                prefix = lex.names.get(" ".join(ws[:k]))
                if (
                    prefix in PLACE_KINDS
                    if k > 1
                    else prefix == "country" or (prefix == "place" and last[-1] == "s")
                ) and (k > 1 or first not in lex.first):
                    # "Kansas City Royals", "Hong Kong Standard".
                    return "org", GOOD
            if first in lex.first and (
                last not in lex.names or lex.names.get(first) in (None, "misc", "person")
            ):
                return "person", GOOD
            if self.works and not (prev.lower() in PERSON_BEFORE or said_before(prev, nxt)):
                return "misc", WEAK  # an unknown name in a review is mostly a title
            if prev.lower() in PERSON_BEFORE or said_before(prev, nxt):
                return "person", WEAK
            if last in lex.last or first in lex.first:
                return "person", WEAK
            if prev.lower() in PLACE_BEFORE and nxt not in POSSESSIVE:
                return "place", GUESS
            if all(w.isupper() for w in ws):
                return "org", GUESS
            if lex.names.get(last) in ("place", "country") or prev == "at":
                # "Real Madrid"; "an analyst at Goldman Sachs".
                return "org", GUESS
            if all(lex.is_common(w) for w in ws):
                return "org", GUESS
            return "person", GUESS
        if known:
            return known, GOOD
        if first in COMPASS:
            # "the North" is a place, "Western diplomats" a description.
            return ("misc", WEAK) if first.endswith("ern") else ("place", WEAK)
        if "-" in first:
            parts = first.split("-")
            if all(lex.names.get(p) in ("misc", "country") for p in parts):
                return "misc", GOOD  # "German-Israeli"
        if DEMONYM.search(first) and first not in lex.first and first not in lex.last:
            return "misc", WEAK  # "Surinamese", "Afrikaners"
        if last in ORG_LAST:
            return "org", WEAK
        if first.isupper() and len(first) > 1:
            return "org", WEAK
        if prev.lower() in PERSON_BEFORE or nxt in SAID or said_before(prev, nxt):
            return "person", WEAK
        if prev.lower() in PLACE_BEFORE and nxt not in POSSESSIVE:
            # (Not "in Acme's new division": the owner of what is in.)
            # "in X" is fair evidence; "at X", "from X" also name firms.
            return "place", (WEAK if prev.lower() in IN else GUESS)
        if first in lex.last or first in lex.first:
            # In sports reports a lone surname-like word is more often a
            # club; players are named in full first and linked later.
            return ("org", GUESS) if self.teams else ("person", WEAK)
        return "org", GUESS

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
        self.mentions.append(Mention(starts[i], ends[j - 1], kind, conf, tuple(words[i:j])))

    def _dateline(
        self, line: str, off: int, starts: list[int], ends: list[int], words: list[str]
    ) -> None:
        if not self._dateline_match(line, off):
            self.caps_lines.append((starts, ends, words))

    def _dateline_match(self, line: str, off: int) -> bool:
        """Add the places of a dateline; False if ``line`` is none."""
        if not line.rstrip()[-1:].isdigit():
            return False
        m = DATELINE.match(line)
        if not m:
            return False
        for g in (1, 2):
            if m.group(g):
                self.mentions.append(
                    Mention(
                        off + m.start(g), off + m.end(g), "place", SURE, tuple(m.group(g).split())
                    )
                )
        return True

    def _agency_dateline(self, line: str, off: int) -> None:
        m = AGENCY_DATELINE.match(line)
        if m and m.group(2) in AGENCIES:
            self.mentions.append(
                Mention(off + m.start(1), off + m.end(1), "place", SURE, tuple(m.group(1).split()))
            )
