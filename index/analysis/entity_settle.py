"""The entity finder's passes over the whole document: one kind per name, short
mentions that follow full names, lists read alike, ALL-CAPS and Title Case
headlines read against the names found, and the final entities.

Part of :mod:`byline.index.analysis.entities`.
"""

from __future__ import annotations

from byline.index.analysis.entity_cues import (
    FUNCTION_WORDS,
    MISC_LAST,
    ORG_LAST,
    PLACE_BEFORE,
    SPORTS,
)
from byline.index.analysis.entity_words import (
    COMPASS,
    EVENT_WORDS,
    GOOD,
    INITIALS,
    INTERCAPS,
    KINDS,
    LIST_GLUE,
    SURE,
    WEAK,
    DocumentState,
    Mention,
    _title,
)
from byline.index.models import Entity


def settle(doc: DocumentState) -> None:
    """One kind per name, short mentions follow full names, recover drops."""
    # Lists first: "West Yorkshire and Greater Manchester" makes the second
    # a place before its words lend themselves to people.
    _align_lists(doc)
    best: dict[str, tuple[int, str]] = {}
    # Words of person names -> the best confidence of a name using them.
    person_parts: dict[str, int] = {}
    person_last: set[str] = set()
    org_parts: set[str] = set()
    text = doc.text
    is_common = doc.lex.is_common
    for m in doc.mentions:
        key = text[m.start : m.end]
        got = best.get(key)
        if got is None or m.conf > got[0]:
            best[key] = (m.conf, m.kind)
        if m.kind == "misc" and len(m.words) >= 2 and m.words[-1].isdigit():
            # "Quake 3" ... "the original Quake": the same series.
            series = " ".join(m.words[:-1])
            if series not in best or best[series][0] <= m.conf:
                best[series] = (m.conf, "misc")
        if m.kind == "person" and (len(m.words) >= 2 or m.conf == SURE):
            # A capitalised two-word name is fair evidence for its parts.
            part_conf = max(m.conf, WEAK)
            for w in m.words:
                if not INITIALS.fullmatch(w) and person_parts.get(w, -1) < part_conf:
                    person_parts[w] = part_conf
            if len(m.words) >= 2:
                person_last.add(m.words[-1])
        elif m.kind == "org" and len(m.words) >= 2 and m.words[-1] in ORG_LAST:
            # "Wrather Corp" -> "Wrather"; "Brierley Investments Ltd" ->
            # "Brierley Investments" and "Brierley".
            stem = m.words[:-1]
            while len(stem) > 1 and stem[-1] in ORG_LAST:
                stem = stem[:-1]
            names = doc.lex.names
            if len(stem) > 1:
                # "Carolina Power and Light Co" -> "Carolina Power ...";
                # "FW Woolworth Co" -> "Woolworth".
                for k in range(2, len(stem) + 1):
                    org_parts.add(" ".join(stem[:k]))
                for w in stem:
                    if not (
                        is_common(w)
                        or names.get(w) in ("misc", "country", "org", "place")
                        or w in doc.lex.first
                    ):
                        org_parts.add(w)
            elif names.get(stem[0]) not in ("misc", "country"):
                # "Brunswick Corp" -> "Brunswick", though a town too.
                org_parts.add(stem[0])
    for m in doc.mentions:
        key = text[m.start : m.end]
        if (
            len(m.words) == 1
            and m.conf < SURE
            and (
                person_parts.get(key, -1) >= m.conf
                # "MaliVai Washington ... Washington served": the player,
                # unless it says "in Washington".
                or (key in person_last and m.kind == "place" and not m.placed)
            )
        ):
            m.kind = "person"
            m.conf = max(m.conf, WEAK)
            continue
        if key in org_parts and m.conf < SURE:
            m.kind = "org"
            m.conf = GOOD
            continue
        conf, kind = best[key]
        if conf > m.conf:
            m.kind = kind
            m.conf = conf
    _unintroduced(doc, person_parts)
    _one_kind(doc)
    for s, e, w in doc.dropped:
        got = best.get(w)
        if got is not None and got[0] >= WEAK:
            doc.mentions.append(Mention(s, e, got[1], got[0], (w,)))
        elif w in person_parts:
            doc.mentions.append(Mention(s, e, "person", GOOD, (w,)))
        elif w in org_parts:
            doc.mentions.append(Mention(s, e, "org", GOOD, (w,)))
    _align_lists(doc)


def _unintroduced(doc: DocumentState, person_parts: dict[str, int]) -> None:
    """Retype one-word "people" that the document never introduces.

    News names a person in full before using a surname alone, so a lone
    word that is no known first or last name, never part of a full name
    here and only weakly a person ("said Acme.") is an organisation --
    in a match report any lone name never given in full is a club;
    "the Hendersons" is a family when a Henderson is named.
    """
    lex = doc.lex
    for m in doc.mentions:
        if len(m.words) != 1 or m.conf >= SURE:
            continue
        w = m.words[0]
        if (
            w[-1] == "s"
            and w[:-1] in person_parts
            and w not in person_parts
            and doc.text[max(0, m.start - 4) : m.start].lower() == "the "
        ):
            m.kind, m.conf = "person", GOOD
            continue
        if (
            m.kind == "person"
            and not m.titled
            # A match report names its players in full: a lone first
            # name there ("Chelsea, who drew") is a club.
            and (m.conf <= WEAK or (doc.teams and m.conf == GOOD))
            and not doc.sports
            and w not in person_parts
            and ((w not in lex.first and w not in lex.last) or doc.teams)
            and w not in lex.names
            and not (w[-1] == "s" and w[:-1] in lex.last)  # "the Hendersons"
        ):
            m.kind = "org"


def _one_kind(doc: DocumentState) -> None:
    """One kind per name: ties between equally weak readings go to the majority."""
    text = doc.text
    tally: dict[str, dict[str, tuple[int, int]]] = {}
    for m in doc.mentions:
        key = text[m.start : m.end]
        kinds = tally.setdefault(key, {})
        conf, count = kinds.get(m.kind, (-1, 0))
        kinds[m.kind] = (max(conf, m.conf), count + 1)
    for m in doc.mentions:
        kinds = tally[text[m.start : m.end]]
        if len(kinds) < 2 or m.conf == SURE:
            continue
        top = max(kinds, key=lambda k: kinds[k])
        if kinds[top][0] >= m.conf and top != m.kind:
            m.kind = top


def _align_lists(doc: DocumentState) -> None:
    """Names in one list ("Vaas , Dharmasena and Muralitharan") share a kind."""
    text = doc.text
    ordered = sorted(doc.mentions, key=lambda m: m.start)
    group: list[Mention] = []
    joined = False
    for m in [*ordered, None]:
        if m is not None and group:
            glue = text[group[-1].end : m.start].strip()
            if glue in LIST_GLUE:
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
                k = KINDS.get(g.kind, "misc")
                weight[k] = weight.get(k, 0) + g.conf + 1
            major = max(weight, key=lambda k: weight[k])
            for g in group:
                if g.placed and g.kind == "place":
                    continue  # "from Leeds" stays a place among people
                if g.kind != "person" and INTERCAPS.match(g.words[0]):
                    continue  # a brand among people stays a brand
                if g.conf < top.conf and g.conf <= WEAK:
                    g.kind = top.kind
                elif (
                    len(group) >= 3
                    and g.conf <= GOOD
                    and weight[major] >= 2 * weight[KINDS.get(g.kind, "misc")]
                ):
                    # "Given , Breen , Staunton , Irwin": one town
                    # among players is a player too.
                    g.kind = major
        group = [m] if m is not None else []
        joined = False


def _caps_event(doc: DocumentState, head: list[str]) -> str | None:
    """ "misc" if ``head`` can lead an event name ("AMERICAN LEAGUE")."""
    for w in head:
        t = _title(w)
        if w.lower() in FUNCTION_WORDS or w in SPORTS:
            return None
        if not (t in doc.lex.names or t in COMPASS or t in EVENT_WORDS):
            return None
    return "misc"


def read_caps_lines(doc: DocumentState) -> None:
    """Find names in ALL-CAPS lines by looking their words up."""
    if not doc.caps_lines:
        return
    text = doc.text
    lex = doc.lex
    known: dict[str, str] = {}
    for m in doc.mentions:
        known.setdefault(text[m.start : m.end].upper(), m.kind)
        if m.kind == "person" and len(m.words) >= 2:
            known.setdefault(m.words[-1].upper(), "person")
        elif m.kind == "org" and len(m.words) >= 2 and m.words[-1].endswith("s"):
            known.setdefault(m.words[-1].upper(), "org")  # "Florida Marlins"
    for starts, ends, words in doc.caps_lines:
        n = len(words)
        if n == 3 and words[1] == "AT" and words[0].isalpha() and words[2].isalpha():
            # Fixture lists: "BOSTON AT OAKLAND" names two places.
            for k in (0, 2):
                doc.mentions.append(Mention(starts[k], ends[k], "place", WEAK, (words[k],)))
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
                        got = "org" if doc.teams and not in_place else "place"
                    if got == "country":
                        got = "place"
                    if got is None and size > 1 and _title(words[j - 1]) in MISC_LAST:
                        got = _caps_event(doc, words[i : j - 1])
                if got is not None:
                    hit = size
                    kind = got
                    break
            if hit:
                doc.mentions.append(
                    Mention(starts[i], ends[i + hit - 1], kind, WEAK, tuple(words[i : i + hit]))
                )
                i += hit
            else:
                i += 1


def emit(doc: DocumentState) -> list[Entity]:
    text = doc.text
    out: list[Entity] = []
    last_end = -1
    for m in sorted(doc.mentions, key=lambda m: (m.start, -m.end)):
        if m.start < last_end or m.start >= m.end:
            continue
        out.append(Entity(m.start, m.end, text[m.start : m.end], KINDS.get(m.kind, "misc")))
        last_end = m.end
    return out
