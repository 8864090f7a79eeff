"""Who a quotation is attributed to: the reporting verbs ("said", "told") and the noun
phrases before or after them that name the speaker.

Part of the quotation finder (:mod:`byline.index.analysis.quotes`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from byline.index.analysis.speakers import is_pronoun


def word_list(text: str) -> list[str]:
    """The whitespace-separated words of a word list."""
    return text.split()


_CUE_WORDS = word_list(
    """
    said says say told tells added adds wrote writes asked asks explained explains continued
    continues noted stated declared declares replied replies responded responds argued
    argues insisted insists claimed warned warns tweeted posted reads recalled recalls
    acknowledged acknowledges admitted admits announced announces commented concluded
    concludes confirmed confirms emphasized emphasised emphasizes emphasises observed
    observes remarked repeated repeats reported reports sings sang shouted shouts yelled
    yells joked quipped mused muses suggested suggests testified testifies urged urges
    countered conceded concedes predicted predicts promised vowed boasted boasts complained
    complains cautioned cautions agreed agrees wondered wonders chanted stressed demanded
    pleaded cried whispered exclaimed answered interjected recounted recounts opined
    lamented laments scoffed snapped thundered proclaimed proclaims maintained maintains
    contended contends asserted asserts charged alleged alleges texted read bragged emailed
    retorted rejoined murmured sighed ordered indicated indicates saying asking adding
    writing telling noting explaining tweeting declaring insisting arguing warning ask
    asserting claiming responding replying recalling stating announcing joking quipping
    chanting singing shouting yelling
    """
)
CUE_SET = frozenset(_CUE_WORDS)
# Two-word cues, by first word.
_CUE_PAIRS = {
    "according": "to",
    "went": "on",
    "goes": "on",
    "pointed": "out",
    "points": "out",
    "put": "it",
}
TOKEN = re.compile(r"[A-Za-z]+")
_ANY_CUE = CUE_SET | frozenset(_CUE_PAIRS)


@dataclass(slots=True, frozen=True)
class _Cue:
    """A cue word or phrase found in a string (offsets into that string)."""

    s: int
    e: int
    text: str

    def start(self) -> int:
        return self.s

    def end(self) -> int:
        return self.e

    def group(self) -> str:
        return self.text


def find_cues(s: str, start: int = 0, end: int | None = None) -> list[_Cue]:
    """Cue verbs in ``s[start:end]``; a word scan, much faster than one big regex."""
    stop = len(s) if end is None else end
    if _ANY_CUE.isdisjoint(TOKEN.findall(s.lower(), start, stop)):
        return []  # the common case, decided at C speed
    out: list[_Cue] = []
    pending: tuple[int, str] | None = None
    for m in TOKEN.finditer(s, start, stop):
        word = m.group()
        low = word.lower()
        if pending is not None:
            p_start, partner = pending
            pending = None
            if low == partner:
                out.append(_Cue(p_start, m.end(), s[p_start : m.end()]))
                continue
        if low in CUE_SET and (word[0].islower() or low == "said"):
            out.append(_Cue(m.start(), m.end(), word))
        elif low in _CUE_PAIRS and (word[0].islower() or low == "according"):
            pending = (m.start(), _CUE_PAIRS[low])
    return out


def cue_at_start(s: str) -> _Cue | None:
    """The cue that ``s`` starts with, if any."""
    found = find_cues(s, 0, min(len(s), 30))
    if found and found[0].s == 0:
        return found[0]
    return None


PRONOUNS = r"(?:he|she|they|it|I|we|He|She|They|It|We)"
_TITLE_WORD = (
    r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Prof|Rev|Sr|Jr|St|Adm|Maj|Cmdr|Supt|Det|Del)"
)
_TITLE = _TITLE_WORD + r"\."
# A capitalised name: titles, initials ("G.K."), particles, hyphens.
_NAME_WORD = (
    r"(?:[A-Z][\w\u2019'\-]*|[A-Z]\.(?:[A-Z]\.)*"
    r"|(?:de|da|van|von|der|bin|al|del|la|le)(?=\s+[A-Z]))"
)
_NAME = re.compile(rf"(?:{_TITLE}\s+)?{_NAME_WORD}(?:\s+{_NAME_WORD})*(?:\s+\([A-Z][\w.\-]*\))?")
_DET_NP = re.compile(
    r"(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[Tt]his|[Tt]hat|[Oo]ne|[Aa]nother)"
    r"(?:\s+[\w\u2019'\-]+){1,8}"
)
_NP_STOP = re.compile(
    r"\s+(?:in|on|at|during|to|when|after|before|while|about|who|as|from|with|"
    r"last|this|on|earlier|later|recently|yesterday|today|told)\b"
)
_SENT_END = re.compile(r"[.!?\u2026][\"\u201d\u2019)]*\s+(?=[\"\u201c\u2018(]?[A-Z0-9])")
ABBREV_END = re.compile(
    rf"(?:\b{_TITLE_WORD}|\b[A-Z]|\b(?:U\.S|U\.N|St|No|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|Inc|Corp|Co|Ltd|vs))$"
)
_SPEECH_LEAD = re.compile(r"^\s*(?:,\s*)?(?:[\u2015\u2014\u2013]|--?)\s*")
WORD = re.compile(r"[\w\u2019'\-]+")
NOT_SPEAKERS = frozenset(
    word_list(
        """
        The But And In On At For If So As Yet Or Then When While After Before This That
        These Those There Here It Its A An Still Also Now However Meanwhile Earlier
        Later Though Although Because Since Despite Unlike Like His Her Their Our My
        Your Whether Once Even Only
        """
    )
)


def is_cue(word: str) -> bool:
    return word in CUE_SET


# How far back a sentence is looked for: no real sentence is longer, and a
# multi-megabyte paragraph must not be rescanned for every quotation in it.
_SENTENCE_WINDOW = 2000
# Longer than any abbreviation ABBREV_END knows ("Sept", "U.S", "Gov").
_ABBREV_WINDOW = 12


def last_sentence(left: str) -> str:
    """The part of ``left`` after its last sentence boundary (a suffix of ``left``)."""
    offset = max(0, len(left) - _SENTENCE_WINDOW)
    start = offset
    for m in _SENT_END.finditer(left, offset):
        at = m.start()
        if left[at] == "." and ABBREV_END.search(left, max(0, at - _ABBREV_WINDOW), at):
            continue  # "Mr. Obama", "G.K. Butterfield": not a sentence end
        start = m.end()
    return left[start:]


_DET_END = re.compile(
    r"\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[Oo]ne|[Aa]nother|[Tt]his)"
    r"(?:\s+[\w\u2019'\-./]+){1,7}\s*$"
)
_INTRO = re.compile(
    r"\s*(?:During|In|At|After|Before|On|While|When|Speaking|Earlier|Later|Meanwhile|Also|"
    r"But|And|So|Then|Still|However|Asked|For|From|With|Since|As|Yet|Now|Last|Instead|"
    r"Today|Yesterday|Separately|Elsewhere|Afterward|Afterwards|Though|Although|Because|"
    r"Despite|Unlike|Like|If|Once|Even|Given|Under|Amid|Throughout|By|Following)\b"
    r"[^,]{0,120},\s*"
)
_PREPS = frozenset(
    word_list(
        """
        of in on at to for from with through by about into over under near after before
        during against among between toward towards like
        """
    )
)


def first_np(sent: str, base: int) -> tuple[int, int] | None:
    """The subject at the start of a clause, skipping an introductory phrase."""
    m = _INTRO.match(sent)
    off = m.end() if m else 0
    return object_np(sent[off:], base + off)


def subject_np(chunk: str, base: int, participle: bool = False) -> tuple[int, int] | None:
    """Span (absolute) of the speaker NP that ends ``chunk`` (the text before a cue)."""
    stripped = chunk.rstrip()
    if not stripped:
        return None
    segs = stripped.split(",")
    seg_index = len(segs) - 1
    if stripped.endswith(",") and len(segs) >= 3:
        # "Scott Pruitt, the attorney general, said": skip the appositive; but
        # in "LTA chief executive, John Crowther, added" the name comes second.
        role = WORD.findall(segs[-3])
        name = segs[-2].strip()
        # "The head of Apple, Steve Jobs, said" too: a description first.
        described = bool(role) and role[0].lower() in ("the", "a", "an")
        name_second = (
            bool(role)
            and (role[-1][0].islower() or described)
            and name[:1].isupper()
            and name.split()[0] not in NOT_SPEAKERS
        )
        seg_index = len(segs) - 2 if name_second else len(segs) - 3
    seg_start = sum(len(x) + 1 for x in segs[:seg_index])
    seg = segs[seg_index]
    if not seg.strip():
        return None
    off = base + seg_start
    pm = re.search(rf"\b{PRONOUNS}\s*$", seg)
    if pm:
        return off + pm.start(), off + pm.end()
    candidate: tuple[int, int] | None = None
    dm = _DET_END.search(seg)
    if dm:
        candidate = (dm.start(), dm.start() + len(dm.group().rstrip()))
    else:
        best: tuple[int, int] | None = None
        for m in _NAME.finditer(seg):
            s0, e0 = m.start(), m.end()
            first = m.group().split()[0]
            if first in NOT_SPEAKERS:
                rest = m.group()[len(first) :].lstrip()
                if not rest:
                    continue
                s0 = e0 - len(rest)
            best = (s0, e0)
        if best is not None and len(WORD.findall(seg[best[1] :])) <= 2:
            candidate = best
            tail = seg[best[1] :].strip()
            if seg[: best[1]].endswith(("'s", "\u2019s")) and tail and tail[0].islower():
                # "Apple's boss said": the boss speaks, not Apple.
                candidate = (best[0], len(seg.rstrip()))
    if candidate is not None:
        words_before = WORD.findall(seg[: candidate[0]])
        if participle or not words_before or words_before[-1].lower() not in _PREPS:
            return off + candidate[0], off + candidate[1]
    # The subject of the clause: "She then urges her husband ... and says, “"
    return first_np(seg, off)


def object_np(after: str, base: int) -> tuple[int, int] | None:
    """Span (absolute) of the NP that starts ``after`` (e.g. the text after a cue)."""
    lead = len(after) - len(after.lstrip())
    rest = after[lead:]
    if not rest:
        return None
    pm = re.match(rf"{PRONOUNS}\b", rest)
    if pm:
        return base + lead, base + lead + pm.end()
    nm = _NAME.match(rest)
    if nm and nm.group().split()[0] not in NOT_SPEAKERS:
        # "said Prudential Bache analyst Fred Leiner": the person follows the
        # firm and a lowercase role.
        role = _ROLE_THEN_NAME.match(rest, nm.end())
        if role and not (FUNCTION_WORDS & set(role.group(1).split())):
            return base + lead, base + lead + role.end()
        return base + lead, base + lead + nm.end()
    cut = re.search(r"[,;:!?(\u201c\"]|\.(?:\s|$)", rest)
    limit = cut.start() if cut else len(rest)
    dm = _DET_NP.match(rest)
    if dm and dm.group().split()[0].lower() not in ("that", "this"):
        e = min(dm.end(), limit)
        stop = _NP_STOP.search(rest, 0, e)
        if stop:
            e = stop.start()
        if e > 0:
            return base + lead, base + lead + e
    # "9/11 widow Terry Strada": a short phrase holding a name.
    phrase = rest[:limit]
    if 0 < len(WORD.findall(phrase)) <= 8 and re.search(r"\b[A-Z][a-z]", phrase):
        ends = [nm2.end() for nm2 in _NAME.finditer(phrase)]
        if ends:
            return base + lead, base + lead + ends[-1]
    return None


_ROLE_THEN_NAME = re.compile(
    rf"\s+((?:[a-z][a-z\-]+\s+){{1,3}})(?:{_NAME_WORD})(?:\s+{_NAME_WORD})+"
)
FUNCTION_WORDS = frozenset(
    word_list(
        """
        and or but on in at to for from with by of the a an as after before during
        when while told said says added who which that this last next since until
        """
    )
)


@dataclass(slots=True)
class Attribution:
    speaker: tuple[int, int] | None
    cue: str | None


def right_cue(text: str, end: int, para_end: int) -> Attribution | None:
    """Cue after the quotation: ',” Rogozin wrote', ',” said Caddell', '— X'."""
    window = text[end : min(para_end, end + 240)]
    dash = _SPEECH_LEAD.match(window)
    if dash and dash.end() < len(window) and window[dash.end()].isupper():
        nm = _NAME.match(window, dash.end())
        if nm:
            return Attribution((end + nm.start(), end + nm.end()), None)
    sent = window
    sm = _SENT_END.search(window)
    while sm and window[sm.start()] == "." and ABBREV_END.search(window[: sm.start()]):
        sm = _SENT_END.search(window, sm.end())
    if sm:
        sent = window[: sm.start()]
    cut = min(
        (k for k in (sent.find("\u201c"), sent.find('"'), sent.find("\u2018")) if k >= 0),
        default=-1,
    )
    if cut >= 0:
        sent = sent[:cut]
        if sent.rstrip().endswith(":"):
            return None  # 'Y added: "…"' introduces the next quotation
    lead = len(sent) - len(sent.lstrip(" ,\u00a0\t"))
    body = sent[lead:]
    if not body:
        return None
    closes_sentence = text[max(0, end - 6) : end].rstrip("\"\u201d' ").endswith((".", "?", "!"))
    m = cue_at_start(body)
    if m and not m.group().endswith("ing"):
        cue = body[: m.end()]
        np = object_np(body[m.end() :], end + lead + m.end())
        if np is not None:
            return Attribution(np, _norm_cue(cue))
        return None
    # Speaker first: "Rogozin wrote", "Scott Pruitt, the ..., said", "he asks".
    for cm in find_cues(body):
        before = body[: cm.start()]
        if len(WORD.findall(before)) > 30:
            break
        first_seg = before.split(",")[0]
        if len(WORD.findall(first_seg)) > 9 or not first_seg.strip():
            continue
        head = first_seg.strip()
        first_word = head.split()[0]
        if first_word.lower() in _NOT_HEADS or not first_word[0].isalnum():
            return None
        if not (
            re.search(r"\b[A-Z]", head) or first_word.lower() in DET_WORDS or is_pronoun(first_word)
        ):
            return None
        if closes_sentence and len(WORD.findall(body[cm.end() :])) > 8:
            return None  # a new sentence about someone, not an attribution
        cue_text = cm.group()
        if cue_text.lower().startswith("according"):
            np = object_np(body[cm.end() :], end + lead + cm.end())
            return Attribution(np, "according to") if np else None
        if cue_text.endswith("ing"):
            return None
        s = end + lead
        e = s + len(first_seg.rstrip())
        np2 = _trim_np(text, s, e)
        return Attribution(np2, _norm_cue(cue_text))
    return None


_NOT_HEADS = frozenset(
    word_list(
        """
        to which in on at as if but and so when while after before because though
        although for from with by of or than then
        """
    )
)
DET_WORDS = frozenset(word_list("the a an his her its their this that one another my our your"))


def _trim_np(text: str, s: int, e: int) -> tuple[int, int]:
    """Drop trailing adverbs ("he later said") from a subject span."""
    span = text[s:e]
    m = _TRAILING_ADVERB.search(span)
    while m:
        span = span[: m.start()]
        m = _TRAILING_ADVERB.search(span)
    return s, s + len(span)


_TRAILING_ADVERB = re.compile(
    r"\s+(?:also|then|later|once|again|recently|previously|often|repeatedly|frequently|"
    r"had|has|have|was|would|will|once)$"
)


def _norm_cue(cue: str) -> str:
    return " ".join(cue.split())


def left_cue(text: str, start: int, para_start: int) -> Attribution | None:
    """Cue before the quotation in its sentence: 'Rogozin said: “', 'He says, “'."""
    left = text[max(para_start, start - 300) : start]
    base = start - len(left)
    sent = last_sentence(left)
    base += len(left) - len(sent)
    if not sent.strip():
        return None
    cues = find_cues(sent)
    if not cues:
        if sent.rstrip().endswith(":"):
            # "The piece used one of her quotes as its headline: “...”"
            np = first_np(sent, base)
            return Attribution(np, None) if np else None
        return None
    last = cues[-1]
    tail = sent[last.end() :]
    if len(WORD.findall(tail)) > 12:
        return None
    cue = _norm_cue(last.group())
    if cue.lower() == "according to":
        np = object_np(tail, base + last.end())
        return Attribution(np, "according to") if np else None
    head = sent[: last.start()]
    if cue.endswith("ing"):
        if head.rstrip().endswith(","):
            # "Trump said, adding later, “", "Dean ... poked at Trump, tweeting, “":
            # the subject of the main clause speaks.
            return Attribution(first_np(sent, base), cue)
        head_words = WORD.findall(head)
        if head_words and (head_words[-1][0].isupper() or is_pronoun(head_words[-1])):
            # "footage of Trump saying, “"
            return Attribution(subject_np(head, base, participle=True), cue)
        # "Blige sings to Clinton before asking her, “": the earlier speaker.
        for earlier in reversed(cues[:-1]):
            if not earlier.group().endswith("ing"):
                np = subject_np(sent[: earlier.start()], base)
                if np is not None:
                    return Attribution(np, cue)
        return Attribution(first_np(sent, base), cue)
    np = subject_np(head, base)
    if np is not None:
        np = _trim_np(text, *np)
    if np is None and len(WORD.findall(tail)) <= 4:
        np = object_np(tail, base + last.end())  # "Said Ellis: “"
    if np is None and cue in ("told", "tells", "asked", "asks"):
        return None
    return Attribution(np, cue)
