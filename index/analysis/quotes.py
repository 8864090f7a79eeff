"""Direct quotations and who said them.

The finder works in three passes over one article:

1. classify every double quotation mark (straight or curly) as opening,
   closing or neither (``India"s`` in old wire copy is an apostrophe); an
   article with no double marks is read with its curly single marks;
2. pair the marks into quotations, following the news convention for
   quotations continued under a new opening mark (in the next paragraph,
   or after a finished sentence: ``...he said. "I think...``), each
   stretch its own span, and giving up on a mark that never closes, so an
   unbalanced mark cannot swallow the article;
3. keep the quotations that stand as speech and attribute each to a
   speaker through the cue before or after it, the previous sentence or
   paragraph, or the speaker of the quotation it continues; quoted words
   inside the reporter's sentence that report someone's speech become
   fragments (:func:`find_fragments`), scare quotes and titles nothing.

Speaker names are resolved by :mod:`byline.index.analysis.speakers` with the
entities of :func:`byline.index.analysis.entities.find_entities`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from byline.index.analysis.speakers import NameResolver, is_pronoun
from byline.index.models import Quote

if TYPE_CHECKING:
    from collections.abc import Sequence

    from byline.index.models import Entity


def _words(text: str) -> list[str]:
    """The whitespace-separated words of a word list."""
    return text.split()


__all__ = ["find_fragments", "find_quotations", "find_quotes"]

# -- marks -------------------------------------------------------------------

# Straight, curly, and the doubled apostrophe some wire copy uses ('').
_MARK = re.compile("''|[\"\u201c\u201d]")
_OPEN, _CLOSE = 1, 2
# A paragraph that keeps a quotation open may be followed by this many more.
_MAX_PARAGRAPHS = 40
# Marks looked at when searching for a closing mark (keeps the search linear).
_MAX_MARKS = 120


@dataclass(slots=True)
class _Mark:
    pos: int
    role: int  # _OPEN or _CLOSE
    para: int
    size: int  # 1, or 2 for ''
    curly: bool


def _role(text: str, i: int, ch: str) -> int:
    """Whether the mark at ``i`` opens, closes, or is not a quotation mark (0)."""
    prev = text[i - 1] if i > 0 else "\n"
    j = i + len(ch)
    nxt = text[j] if j < len(text) else "\n"
    prev_space = prev.isspace() or prev in "([{\u2014\u2013-/\u2015"
    next_space = nxt.isspace()
    if ch == "\u201c":
        # A curly opener typed as a closer: "... end.“ said X"
        if not prev_space and next_space:
            return _CLOSE
        return _OPEN
    if ch == "\u201d":
        if prev_space and not next_space:
            return _OPEN
        return _CLOSE
    # Straight mark: decide from the neighbours.
    if prev.isalnum() and nxt.isalnum():
        return 0  # wire-copy apostrophe: India"s
    if prev_space and not next_space:
        return _OPEN
    if next_space or nxt in ".,;:!?)]}\u2014\u2013-\u2019'":
        if prev_space and i >= 2 and text[i - 2] in "'\u2019":
            return _CLOSE  # nested single quote closed first: 'outreach,' "
        return _CLOSE if not prev_space else 0
    if prev in ".,;:!?\u2019'":
        return _CLOSE
    return _OPEN if nxt.isalnum() or nxt in "\u2018'(\u2026." else 0


_SINGLE_MARK = re.compile("[\u2018\u2019]")


def _single_role(text: str, i: int, ch: str) -> int:
    """Role of a curly single mark in an article quoted with single marks.

    The closing mark is also the apostrophe, so it closes only where no
    letter follows it ("don\u2019t" and "it\u2019s" are words).
    """
    prev = text[i - 1] if i > 0 else "\n"
    nxt = text[i + 1] if i + 1 < len(text) else "\n"
    if ch == "\u2018":
        return _OPEN if (prev.isspace() or prev in "([\u2014\u2013-/") and not nxt.isspace() else 0
    if nxt.isalnum() or prev.isspace():
        return 0
    if prev == "s" and _POSSESSIVE_AHEAD.match(text, i + 1):
        return 0  # "the players\u2019 union is ...\u2019": a plural possessive
    return _CLOSE


# After a mark following "s": a lowercase word, then a closing mark later in
# the sentence before any new opening mark.
_POSSESSIVE_AHEAD = re.compile("\\s[a-z][^\u2018\u2019\\n]{0,300}?[^\\s]\u2019(?![A-Za-z0-9])")


def _paragraph_starts(text: str) -> list[int]:
    """Start offsets of the lines (paragraphs); empty lines count too."""
    starts = [0]
    find = text.find
    i = find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return starts


@dataclass(slots=True)
class _Raw:
    """A paired quotation before attribution (``start``/``end`` include the marks).

    A quotation that runs on over several paragraphs, or that a new opening
    mark continues inside one paragraph (``…he said. "I think…``), is one
    ``_Raw`` for attribution but several ``pieces`` (inner spans) for output:
    each stretch between marks is its own quotation.
    """

    start: int
    end: int
    inner_start: int
    inner_end: int
    para: int  # paragraph of the opening mark
    last_para: int  # paragraph of the closing mark
    pieces: list[tuple[int, int]]


def _pair(text: str, marks: list[_Mark], para_starts: list[int]) -> list[_Raw]:
    """Pair opening and closing marks into quotations (marks included)."""
    out: list[_Raw] = []
    n = len(marks)
    i = 0
    while i < n:
        first = marks[i]
        if first.role != _OPEN:
            i += 1
            continue
        found = _close_of(text, marks, i, para_starts)
        if found is None:
            tail = _unclosed_to_paragraph_end(text, marks, i, para_starts)
            if tail is not None:
                out.append(tail)
            i += 1  # never closes: not a quotation, but inner marks may be
            continue
        end_j, pieces = found
        last = marks[end_j]
        out.append(
            _Raw(
                first.pos,
                last.pos + last.size,
                first.pos + first.size,
                last.pos,
                first.para,
                last.para,
                pieces,
            )
        )
        i = end_j + 1
    return out


def _unclosed_to_paragraph_end(
    text: str, marks: list[_Mark], i: int, para_starts: list[int]
) -> _Raw | None:
    """A quotation that a cue introduces and the paragraph ends without closing.

    ``He said: "We will win.`` at the end of a paragraph is still his words,
    up to the paragraph's end, and so is the BBC's ``"A," she said. "B…``
    (a new sentence opened with a mark after a quotation closed in the same
    paragraph); a stray mark anywhere else is not.
    """
    first = marks[i]
    if i + 1 < len(marks) and marks[i + 1].para == first.para:
        return None  # more marks follow in the paragraph: no guessing
    ps = para_starts[first.para]
    pe = para_starts[first.para + 1] - 1 if first.para + 1 < len(para_starts) else len(text)
    inner = text[first.pos + first.size : pe]
    stripped = inner.strip()
    if not stripped or not stripped[0].isupper() or len(stripped) > 2000:
        return None
    left = text[ps : first.pos].rstrip()
    words = _WORD.findall(left[-40:])
    after_quotation = (
        left.endswith((".", "!", "?"))
        and i > 0
        and marks[i - 1].para == first.para
        and marks[i - 1].role == _CLOSE
    )
    if not (
        left.endswith(":")
        or (left.endswith(",") and words and _is_cue(words[-1]))
        or after_quotation
    ):
        return None
    end = ps + len(text[ps:pe].rstrip())
    return _Raw(
        first.pos,
        end,
        first.pos + first.size,
        end,
        first.para,
        first.para,
        [(first.pos + first.size, end)],
    )


def _next_nonempty(text: str, para_starts: list[int], para: int) -> int | None:
    """Index of the next paragraph after ``para`` that holds any text."""
    k = para + 1
    count = len(para_starts)
    while k < count:
        s = para_starts[k]
        e = para_starts[k + 1] - 1 if k + 1 < count else len(text)
        if text[s:e].strip():
            return k
        k += 1
    return None


def _may_continue(text: str, opener: _Mark) -> bool:
    """Only a quotation of whole sentences runs on into the next paragraph."""
    after = text[opener.pos + opener.size : opener.pos + opener.size + 3].lstrip()
    return not after or not after[0].islower()


# Text before a mark that ends a sentence: the mark re-opens a quotation that
# goes on with no closing mark ("…the better. "A short-term…"), BBC/AP style.
_SENTENCE_DONE = re.compile(r"[.!?\u2026][\u2019')\]]?\s+$")


def _close_of(
    text: str, marks: list[_Mark], i: int, para_starts: list[int]
) -> tuple[int, list[tuple[int, int]]] | None:
    """The mark closing the quotation opened at ``marks[i]`` and its pieces, or None."""
    depth = 1
    para = marks[i].para
    curly = marks[i].curly
    paragraphs_used = 1
    bare_used = False
    last_close: int | None = None
    piece_start = marks[i].pos + marks[i].size
    pieces: list[tuple[int, int]] = []
    j = i + 1
    n = len(marks)
    while True:
        # Walk the rest of this paragraph.
        while j < n and marks[j].para == para:
            if j - i > _MAX_MARKS:
                return None
            m = marks[j]
            if m.role == _OPEN:
                if (
                    depth == 1
                    and m.pos - piece_start > 1
                    and _SENTENCE_DONE.search(text, max(piece_start, m.pos - 4), m.pos)
                ):
                    # A new mark after a finished sentence continues the
                    # quotation as a new piece; the old one ends unclosed.
                    pieces.append((piece_start, m.pos))
                    piece_start = m.pos + m.size
                    j += 1
                    continue
                depth += 1
            else:
                depth -= 1
                last_close = j
                if depth == 0:
                    pieces.append((piece_start, m.pos))
                    return j, pieces
            j += 1
        if depth > 1 and last_close is not None and marks[last_close].para == para:
            # A nested quotation stayed open: trust the last closing mark.
            lc = marks[last_close]
            pieces.append((piece_start, lc.pos))
            return last_close, pieces
        # End of paragraph with the quotation still open.
        if paragraphs_used >= _MAX_PARAGRAPHS or not _may_continue(text, marks[i]):
            return None
        nxt = _next_nonempty(text, para_starts, para)
        if nxt is None or j >= n or marks[j].para != nxt:
            return None  # next paragraph has no marks at all
        m = marks[j]
        lead = text[para_starts[nxt] : m.pos]
        if m.curly != curly:
            return None  # a different quotation style starts a new quotation
        if m.role == _OPEN and not lead.strip():
            # News convention: the next paragraph re-opens the quotation; each
            # paragraph is its own piece (a piece never crosses a blank line).
            pieces.append((piece_start, para_starts[para + 1] - 1))
            piece_start = m.pos + m.size
            depth = 1
            para = nxt
            paragraphs_used += 1
            last_close = None
            j += 1
            continue
        if m.role == _CLOSE and not bare_used and depth == 1:
            # The re-opening mark was left out (common in translated wire
            # copy); accept one such paragraph when it closes the quotation.
            bare_used = True
            para = nxt
            paragraphs_used += 1
            continue
        return None


# -- attribution ---------------------------------------------------------------

_CUE_WORDS = _words(
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
_CUE_SET = frozenset(_CUE_WORDS)
# Two-word cues, by first word.
_CUE_PAIRS = {
    "according": "to",
    "went": "on",
    "goes": "on",
    "pointed": "out",
    "points": "out",
    "put": "it",
}
_TOKEN = re.compile(r"[A-Za-z]+")
_ANY_CUE = _CUE_SET | frozenset(_CUE_PAIRS)


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


def _cues(s: str, start: int = 0, end: int | None = None) -> list[_Cue]:
    """Cue verbs in ``s[start:end]``; a word scan, much faster than one big regex."""
    stop = len(s) if end is None else end
    if _ANY_CUE.isdisjoint(_TOKEN.findall(s.lower(), start, stop)):
        return []  # the common case, decided at C speed
    out: list[_Cue] = []
    pending: tuple[int, str] | None = None
    for m in _TOKEN.finditer(s, start, stop):
        word = m.group()
        low = word.lower()
        if pending is not None:
            p_start, partner = pending
            pending = None
            if low == partner:
                out.append(_Cue(p_start, m.end(), s[p_start : m.end()]))
                continue
        if low in _CUE_SET and (word[0].islower() or low == "said"):
            out.append(_Cue(m.start(), m.end(), word))
        elif low in _CUE_PAIRS and (word[0].islower() or low == "according"):
            pending = (m.start(), _CUE_PAIRS[low])
    return out


def _cue_at_start(s: str) -> _Cue | None:
    """The cue that ``s`` starts with, if any."""
    found = _cues(s, 0, min(len(s), 30))
    if found and found[0].s == 0:
        return found[0]
    return None


_PRONOUNS = r"(?:he|she|they|it|I|we|He|She|They|It|We)"
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
_ABBREV_END = re.compile(
    rf"(?:\b{_TITLE_WORD}|\b[A-Z]|\b(?:U\.S|U\.N|St|No|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|Inc|Corp|Co|Ltd|vs))$"
)
_SPEECH_LEAD = re.compile(r"^\s*(?:,\s*)?(?:[\u2015\u2014\u2013]|--?)\s*")
_WORD = re.compile(r"[\w\u2019'\-]+")
_NOT_SPEAKERS = frozenset(
    _words(
        """
        The But And In On At For If So As Yet Or Then When While After Before This That
        These Those There Here It Its A An Still Also Now However Meanwhile Earlier
        Later Though Although Because Since Despite Unlike Like His Her Their Our My
        Your Whether Once Even Only
        """
    )
)


def _is_cue(word: str) -> bool:
    return word in _CUE_SET


# How far back a sentence is looked for: no real sentence is longer, and a
# multi-megabyte paragraph must not be rescanned for every quotation in it.
_SENTENCE_WINDOW = 2000
# Longer than any abbreviation _ABBREV_END knows ("Sept", "U.S", "Gov").
_ABBREV_WINDOW = 12


def _last_sentence(left: str) -> str:
    """The part of ``left`` after its last sentence boundary (a suffix of ``left``)."""
    offset = max(0, len(left) - _SENTENCE_WINDOW)
    start = offset
    for m in _SENT_END.finditer(left, offset):
        at = m.start()
        if left[at] == "." and _ABBREV_END.search(left, max(0, at - _ABBREV_WINDOW), at):
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
    _words(
        """
        of in on at to for from with through by about into over under near after before
        during against among between toward towards like
        """
    )
)


def _first_np(sent: str, base: int) -> tuple[int, int] | None:
    """The subject at the start of a clause, skipping an introductory phrase."""
    m = _INTRO.match(sent)
    off = m.end() if m else 0
    return _object_np(sent[off:], base + off)


def _subject_np(chunk: str, base: int, participle: bool = False) -> tuple[int, int] | None:
    """Span (absolute) of the speaker NP that ends ``chunk`` (the text before a cue)."""
    stripped = chunk.rstrip()
    if not stripped:
        return None
    segs = stripped.split(",")
    seg_index = len(segs) - 1
    if stripped.endswith(",") and len(segs) >= 3:
        # "Scott Pruitt, the attorney general, said": skip the appositive; but
        # in "LTA chief executive, John Crowther, added" the name comes second.
        role = _WORD.findall(segs[-3])
        name = segs[-2].strip()
        # "The head of Apple, Steve Jobs, said" too: a description first.
        described = bool(role) and role[0].lower() in ("the", "a", "an")
        name_second = (
            bool(role)
            and (role[-1][0].islower() or described)
            and name[:1].isupper()
            and name.split()[0] not in _NOT_SPEAKERS
        )
        seg_index = len(segs) - 2 if name_second else len(segs) - 3
    seg_start = sum(len(x) + 1 for x in segs[:seg_index])
    seg = segs[seg_index]
    if not seg.strip():
        return None
    off = base + seg_start
    pm = re.search(rf"\b{_PRONOUNS}\s*$", seg)
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
            if first in _NOT_SPEAKERS:
                rest = m.group()[len(first) :].lstrip()
                if not rest:
                    continue
                s0 = e0 - len(rest)
            best = (s0, e0)
        if best is not None and len(_WORD.findall(seg[best[1] :])) <= 2:
            candidate = best
            tail = seg[best[1] :].strip()
            if seg[: best[1]].endswith(("'s", "\u2019s")) and tail and tail[0].islower():
                # "Apple's boss said": the boss speaks, not Apple.
                candidate = (best[0], len(seg.rstrip()))
    if candidate is not None:
        words_before = _WORD.findall(seg[: candidate[0]])
        if participle or not words_before or words_before[-1].lower() not in _PREPS:
            return off + candidate[0], off + candidate[1]
    # The subject of the clause: "She then urges her husband ... and says, “"
    return _first_np(seg, off)


def _object_np(after: str, base: int) -> tuple[int, int] | None:
    """Span (absolute) of the NP that starts ``after`` (e.g. the text after a cue)."""
    lead = len(after) - len(after.lstrip())
    rest = after[lead:]
    if not rest:
        return None
    pm = re.match(rf"{_PRONOUNS}\b", rest)
    if pm:
        return base + lead, base + lead + pm.end()
    nm = _NAME.match(rest)
    if nm and nm.group().split()[0] not in _NOT_SPEAKERS:
        # "said Prudential Bache analyst Fred Leiner": the person follows the
        # firm and a lowercase role.
        role = _ROLE_THEN_NAME.match(rest, nm.end())
        if role and not (_FUNCTION_WORDS & set(role.group(1).split())):
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
    if 0 < len(_WORD.findall(phrase)) <= 8 and re.search(r"\b[A-Z][a-z]", phrase):
        ends = [nm2.end() for nm2 in _NAME.finditer(phrase)]
        if ends:
            return base + lead, base + lead + ends[-1]
    return None


_ROLE_THEN_NAME = re.compile(
    rf"\s+((?:[a-z][a-z\-]+\s+){{1,3}})(?:{_NAME_WORD})(?:\s+{_NAME_WORD})+"
)
_FUNCTION_WORDS = frozenset(
    _words(
        """
        and or but on in at to for from with by of the a an as after before during
        when while told said says added who which that this last next since until
        """
    )
)


@dataclass(slots=True)
class _Attribution:
    speaker: tuple[int, int] | None
    cue: str | None


def _right_cue(text: str, end: int, para_end: int) -> _Attribution | None:
    """Cue after the quotation: ',” Rogozin wrote', ',” said Caddell', '— X'."""
    window = text[end : min(para_end, end + 240)]
    dash = _SPEECH_LEAD.match(window)
    if dash and dash.end() < len(window) and window[dash.end()].isupper():
        nm = _NAME.match(window, dash.end())
        if nm:
            return _Attribution((end + nm.start(), end + nm.end()), None)
    sent = window
    sm = _SENT_END.search(window)
    while sm and window[sm.start()] == "." and _ABBREV_END.search(window[: sm.start()]):
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
    m = _cue_at_start(body)
    if m and not m.group().endswith("ing"):
        cue = body[: m.end()]
        np = _object_np(body[m.end() :], end + lead + m.end())
        if np is not None:
            return _Attribution(np, _norm_cue(cue))
        return None
    # Speaker first: "Rogozin wrote", "Scott Pruitt, the ..., said", "he asks".
    for cm in _cues(body):
        before = body[: cm.start()]
        if len(_WORD.findall(before)) > 30:
            break
        first_seg = before.split(",")[0]
        if len(_WORD.findall(first_seg)) > 9 or not first_seg.strip():
            continue
        head = first_seg.strip()
        first_word = head.split()[0]
        if first_word.lower() in _NOT_HEADS or not first_word[0].isalnum():
            return None
        if not (
            re.search(r"\b[A-Z]", head)
            or first_word.lower() in _DET_WORDS
            or is_pronoun(first_word)
        ):
            return None
        if closes_sentence and len(_WORD.findall(body[cm.end() :])) > 8:
            return None  # a new sentence about someone, not an attribution
        cue_text = cm.group()
        if cue_text.lower().startswith("according"):
            np = _object_np(body[cm.end() :], end + lead + cm.end())
            return _Attribution(np, "according to") if np else None
        if cue_text.endswith("ing"):
            return None
        s = end + lead
        e = s + len(first_seg.rstrip())
        np2 = _trim_np(text, s, e)
        return _Attribution(np2, _norm_cue(cue_text))
    return None


_NOT_HEADS = frozenset(
    _words(
        """
        to which in on at as if but and so when while after before because though
        although for from with by of or than then
        """
    )
)
_DET_WORDS = frozenset(_words("the a an his her its their this that one another my our your"))


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


def _left_cue(text: str, start: int, para_start: int) -> _Attribution | None:
    """Cue before the quotation in its sentence: 'Rogozin said: “', 'He says, “'."""
    left = text[max(para_start, start - 300) : start]
    base = start - len(left)
    sent = _last_sentence(left)
    base += len(left) - len(sent)
    if not sent.strip():
        return None
    cues = _cues(sent)
    if not cues:
        if sent.rstrip().endswith(":"):
            # "The piece used one of her quotes as its headline: “...”"
            np = _first_np(sent, base)
            return _Attribution(np, None) if np else None
        return None
    last = cues[-1]
    tail = sent[last.end() :]
    if len(_WORD.findall(tail)) > 12:
        return None
    cue = _norm_cue(last.group())
    if cue.lower() == "according to":
        np = _object_np(tail, base + last.end())
        return _Attribution(np, "according to") if np else None
    head = sent[: last.start()]
    if cue.endswith("ing"):
        if head.rstrip().endswith(","):
            # "Trump said, adding later, “", "Dean ... poked at Trump, tweeting, “":
            # the subject of the main clause speaks.
            return _Attribution(_first_np(sent, base), cue)
        head_words = _WORD.findall(head)
        if head_words and (head_words[-1][0].isupper() or is_pronoun(head_words[-1])):
            # "footage of Trump saying, “"
            return _Attribution(_subject_np(head, base, participle=True), cue)
        # "Blige sings to Clinton before asking her, “": the earlier speaker.
        for earlier in reversed(cues[:-1]):
            if not earlier.group().endswith("ing"):
                np = _subject_np(sent[: earlier.start()], base)
                if np is not None:
                    return _Attribution(np, cue)
        return _Attribution(_first_np(sent, base), cue)
    np = _subject_np(head, base)
    if np is not None:
        np = _trim_np(text, *np)
    if np is None and len(_WORD.findall(tail)) <= 4:
        np = _object_np(tail, base + last.end())  # "Said Ellis: “"
    if np is None and cue in ("told", "tells", "asked", "asks"):
        return None
    return _Attribution(np, cue)


def _is_direct(text: str, raw: _Raw, para_start: int, para_end: int) -> bool:
    """Whether the quotation stands as speech rather than inside the reporter's sentence."""
    s, e = raw.start, raw.end
    inner = text[raw.inner_start : raw.inner_end]
    stripped_inner = inner.strip()
    if not stripped_inner:
        return False
    left = text[max(para_start, s - 120) : s].rstrip()
    first = stripped_inner[0]
    upper = first.isupper() or first.isdigit() or first in "\u2018'\u2026.([\u2014-"
    before_close = inner.rstrip()[-1]
    right = text[e : min(para_end, e + 80)]
    right_l = right.lstrip()
    # Embedded in the reporter's sentence: “... blame thousands of $12-an-hour” workers.
    if (
        before_close not in ".,;:!?\u2026\u2014\u2013-\u2019')"
        and right_l[:1].islower()
        and _cue_at_start(right_l) is None
        and not re.match(rf"{_PRONOUNS}\s+", right_l)
    ):
        return False
    if not left:
        return True
    c = left[-1]
    if c in ".!?" and _ABBREV_END.search(left[:-1]):
        return False  # Rep. Robert C. "Bobby" Scott: a nickname, not a new sentence
    if c in ".!?\u201d\"\u2026)]'\u2019:;":
        return True
    if c in "\u2014\u2013-":
        return upper
    # After a comma or a word, the quotation must follow a cue:
    # 'He says, “...”', '“A,” Tester said, referring to X, “b.”', 'Trump declared “I ...”'.
    sent = _last_sentence(left.rstrip(","))
    words = _WORD.findall(sent[-160:])
    if c != ",":
        return upper and bool(words) and _is_cue(words[-1])
    if (
        not upper
        and not (words and _is_cue(words[-1]))
        and not any(m in sent for m in ("\u201d", '"', "''"))
    ):
        # A lowercase fragment after "X said on the other hand," is the
        # reporter's sentence going on, unless the cue directly introduces it
        # ("Mr. Barrett said, “we were floored.”") or it completes a split
        # quotation ("“A,” he said, “b.”").
        return False
    for w in reversed(words[-12:]):
        if w.lower() in _EMBEDDING:
            return False
        if _is_cue(w) or w.lower() == "according":
            return True
    return False


# Words that make what follows reported (indirect) speech or a list item.
_EMBEDDING = frozenset(_words("that whether if because including as and or than like such"))


_TAG = re.compile(r"[\"\u201c\u201d']*\s*\(?[A-Z][A-Z.\- ]{1,30}\)?[:.]")


def _is_transcript(text: str, raw: _Raw, para_starts: list[int]) -> bool:
    """A quoted block of exchanges ("WALLACE: ... \n\n"PENCE: ..."), not one speaker's words."""
    if raw.last_para == raw.para:
        return False
    tags = 0
    for k in range(raw.para, raw.last_para + 1):
        start = max(para_starts[k], raw.start)
        if _TAG.match(text, start):
            tags += 1
            if tags >= 2:
                return True
    return False


def find_quotes(text: str, entities: Sequence[Entity] | None = None) -> list[Quote]:
    """Return the direct quotations in ``text`` with their speakers.

    ``entities`` (from :func:`byline.index.analysis.entities.find_entities`) name the
    people and organisations that speak; when None they are found here.
    Quoted fragments inside the reporter's sentence are not included (see
    :func:`find_fragments`).  Never raises on any input.
    """
    return find_quotations(text, entities)[0]


def find_fragments(text: str, entities: Sequence[Entity] | None = None) -> list[Quote]:
    """Return the quoted fragments in ``text``: someone's words inside the reporter's sentence.

    ``described the plan as "unworkable"``, ``Blair said he was "very
    disappointed"``: each with the speaker whose words they are when the
    sentence names one.  Scare quotes, nicknames and titles are left out.
    Never raises on any input.
    """
    return find_quotations(text, entities)[1]


def find_quotations(
    text: str, entities: Sequence[Entity] | None = None
) -> tuple[list[Quote], list[Quote]]:
    """Both :func:`find_quotes` and :func:`find_fragments` in one pass."""
    try:
        return _find_quotations(text, entities)
    except Exception:  # pragma: no cover - last-resort guard for bad input
        return [], []


def _find_quotations(
    text: str, entities: Sequence[Entity] | None
) -> tuple[list[Quote], list[Quote]]:
    doubles = '"' in text or "\u201c" in text or "\u201d" in text or "''" in text
    if not doubles and "\u2018" not in text:
        return [], []
    para_starts = _paragraph_starts(text)
    marks: list[_Mark] = []
    # British style quotes with single marks (\u2018...\u2019) when an article has
    # no double marks at all; otherwise single marks are nested quotations.
    pattern, role_of = (_MARK, _role) if doubles else (_SINGLE_MARK, _single_role)
    for m in pattern.finditer(text):
        pos = m.start()
        role = role_of(text, pos, m.group())
        if role:
            mark = m.group()
            para = bisect_right(para_starts, pos) - 1
            marks.append(_Mark(pos, role, para, len(mark), mark != '"' and mark != "''"))
    if not marks:
        return [], []
    raws = _pair(text, marks, para_starts)
    n_paras = len(para_starts)

    def para_end(k: int) -> int:
        return para_starts[k + 1] - 1 if k + 1 < n_paras else len(text)

    if entities is None:
        # Imported here: the entity finder's lists are slow to load, and
        # callers that pass entities never need them.
        from byline.index.analysis.entities import find_entities

        entities = find_entities(text)
    resolver = NameResolver(text, entities)
    quotes: list[Quote] = []
    fragments: list[Quote] = []
    # Speaker of the last kept quotation, by paragraph, to carry attribution
    # over "“A,” said X. “B.”" and consecutive quotation paragraphs.
    prev_attr: _Attribution | None = None
    prev_para_last = -2
    prev_end = -1
    prev_name: str | None = None
    for raw in raws:
        ps, pe = para_starts[raw.para], para_end(raw.last_para)
        if not _is_direct(text, raw, ps, pe):
            if raw.para == raw.last_para:
                frag = _fragment(text, raw, ps, pe, resolver)
                if frag is not None:
                    fragments.append(frag)
            continue
        if _is_transcript(text, raw, para_starts):
            continue
        attr = None
        if text[ps : raw.start].rstrip().endswith(":"):
            # 'Y said: "…"': the cue that introduces the quotation wins over
            # whatever sentence follows it.
            attr = _left_cue(text, raw.start, ps)
            if attr is not None and attr.speaker is None:
                attr = None
        if attr is None:
            attr = _right_cue(text, raw.end, pe)
        if attr is None:
            attr = _left_cue(text, raw.start, ps)
        if attr is None or attr.speaker is None:
            carried = _carry(text, raw, para_starts, prev_attr, prev_para_last, prev_end)
            if carried is not None:
                attr = carried
        speaker: str | None = None
        name: str | None = None
        cue = attr.cue if attr else None
        if attr is not None and attr.speaker is not None:
            s0, e0 = attr.speaker
            speaker = text[s0:e0].strip() or None
            if speaker is not None:
                name = resolver.resolve(speaker, s0)
                if (
                    is_pronoun(speaker)
                    and prev_name is not None
                    and not resolver.is_person(prev_name)
                    and not resolver.persons_between(prev_end, s0)
                ):
                    # 'A spokesman for the council said: "…" He added: "…"':
                    # nobody else came up, so "he" is the same (unnamed) speaker.
                    name = prev_name
        for q_start, q_end in raw.pieces:
            # Trim whitespace so the span holds only the quoted words.
            while q_start < q_end and text[q_start].isspace():
                q_start += 1
            while q_end > q_start and (text[q_end - 1].isspace() or text[q_end - 1] == ","):
                q_end -= 1  # the comma before "he said" belongs to the attribution
            if q_start < q_end:
                quotes.append(Quote(q_start, q_end, text[q_start:q_end], speaker, cue, name))
        if speaker is not None:
            prev_attr = attr
            prev_name = name
        prev_para_last = raw.last_para
        prev_end = raw.end
    return quotes, fragments


def _carry(
    text: str,
    raw: _Raw,
    para_starts: list[int],
    prev_attr: _Attribution | None,
    prev_para_last: int,
    prev_end: int,
) -> _Attribution | None:
    """Speaker for a quotation with no cue of its own."""
    ps = para_starts[raw.para]
    between = text[prev_end : raw.start] if prev_end >= 0 else ""
    # Same paragraph as the previous quotation: "“A,” said X. “B.”", unless a
    # sentence about someone else comes between ("But Y disagreed. “B.”").
    if prev_attr is not None and prev_para_last == raw.para and "\n" not in between:
        tail = between.rstrip()
        last = _last_sentence(tail)
        if last.strip() and len(last) < len(tail):
            s0 = prev_end + len(tail) - len(last)
            got = _previous_speaker(text, s0, raw.start) or _sentence_subject(text, s0, raw.start)
            if got is not None and got.speaker is not None:
                return got
        return prev_attr
    # Previous paragraph introduces it: "Caddell continued:".
    if raw.para > 0 and not text[ps : raw.start].strip():
        k = raw.para - 1
        while k > 0 and not text[para_starts[k] : para_starts[k + 1]].strip():
            k -= 1
        prev_text_end = para_starts[k + 1] - 1
        prev_para = text[para_starts[k] : prev_text_end].rstrip()
        if prev_para.endswith(":") or prev_para.endswith(","):
            got = _left_cue(text, para_starts[k] + len(prev_para), para_starts[k])
            if got is not None and got.speaker is not None:
                return got
        # Consecutive quotation paragraphs by one speaker.
        if prev_attr is not None and prev_para_last == k:
            return prev_attr
        # Indirect speech in the previous paragraph: "Rogozin said on Monday that ..."
        got = _previous_speaker(text, para_starts[k], prev_text_end)
        if got is not None:
            return got
        # Failing all that, whoever the previous paragraph ends up talking about.
        return _sentence_subject(text, para_starts[k], prev_text_end)
    # Inside a paragraph: the speaker of the reported speech before it.
    got = _previous_speaker(text, ps, raw.start)
    if got is not None:
        return got
    return _sentence_subject(text, ps, raw.start)


_LEADING_CONJUNCTION = re.compile(r"(?:But|And|So|Yet|Then|However|Meanwhile|Still)\s+(?=[A-Z])")


def _sentence_subject(text: str, start: int, end: int) -> _Attribution | None:
    """The named (or pronoun) subject of the last sentence in text[start:end]."""
    chunk = text[start:end].rstrip()
    sent = _last_sentence(chunk.rstrip(" \"\u201c\u201d'"))
    if not sent.strip():
        sent = _last_sentence(chunk[: len(chunk) - len(sent)].rstrip())
    base = start + len(chunk[: chunk.rfind(sent)]) if sent else start
    conj = _LEADING_CONJUNCTION.match(sent)
    if conj:
        # "But Ann Ruiz disagreed.": the subject follows the conjunction.
        sent, base = sent[conj.end() :], base + conj.end()
    np = _first_np(sent, base)
    if np is None:
        return None
    word = text[np[0] : np[1]]
    if not (is_pronoun(word) or word[:1].isupper()) or word.split()[0] in _NOT_SPEAKERS:
        return None
    return _Attribution(np, None)


def _previous_speaker(text: str, start: int, end: int) -> _Attribution | None:
    """The subject of the last cue verb in text[start:end] (reported speech)."""
    chunk = text[start:end]
    last = None
    for m in _cues(chunk):
        if m.group() != "according to":
            last = m
    if last is None:
        return None
    head = chunk[: last.start()]
    if head.rstrip().endswith(("\u201d", '"', "''", ",")):
        # Inverted: '“...,” says Paul Rieckhoff, founder of ...'
        np = _object_np(chunk[last.end() :], start + last.end())
        return _Attribution(np, None) if np else None
    sent = _last_sentence(head)
    base = start + len(head) - len(sent)
    np = _subject_np(sent, base)
    if np is None:
        return None
    return _Attribution(np, None)


# -- fragments -------------------------------------------------------------------

# Verbs that report what someone said in the reporter's own words, with the
# speaker's words quoted inside: 'called it "rigged"', 'described ... as "x"'.
_REPORT_WORDS = _CUE_SET | frozenset(
    _words(
        """
        call calls called calling describe describes described describing brand brands
        branded branding label labels labelled labeled dismiss dismissed dismisses
        condemn condemned condemns criticise criticised criticize criticized attack
        attacked praise praised hailed hail accused accuse accuses blamed blame blames
        claim claims pledged pledge pledges promise promises vow vows urge urging
        insist admit deny denies denied described believe believes believed think
        thinks thought feel feels felt
        """
    )
)
# Words before a quotation that make it the name of a work, not speech.
_WORK_WORDS = frozenset(
    _words(
        """
        film films movie book books novel song songs album albums single show shows
        programme programmes program series play musical opera episode poem title
        titled entitled headline headlined slogan campaign operation code-named
        nicknamed known dubbed term terms termed phrase word words label motto
        expression so-called
        """
    )
)
_FRAGMENT_MAX_WORDS = 25


def _fragment(
    text: str, raw: _Raw, para_start: int, para_end: int, resolver: NameResolver
) -> Quote | None:
    """The quotation as a fragment of someone's words, or None (scare quotes, names, titles)."""
    s, e = raw.inner_start, raw.inner_end
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:"):
        e -= 1
    inner = text[s:e]
    words = _WORD.findall(inner)
    if not words or len(words) > _FRAGMENT_MAX_WORDS:
        return None
    if all(w[0].isupper() or not w[0].isalpha() for w in words):
        return None  # a name or a title: "Finding Neverland", "Bobby"
    left = text[max(para_start, raw.start - 400) : raw.start]  # bounded: linear time
    sent_left = _last_sentence(left)
    before = _WORD.findall(sent_left)
    if before and before[-1].lower() in _WORK_WORDS:
        return None
    if len(words) == 1 and words[0][0].isupper():
        return None  # a single capitalised word: a name in quotation marks
    base = raw.start - len(sent_left)
    # A reporting verb in the sentence before the fragment, else a cue after
    # it ('the plan was "unworkable", he said'); none: scare quotes.
    speaker_span: tuple[int, int] | None = None
    cue: str | None = None
    verbs = [m for m in _TOKEN.finditer(sent_left) if m.group().lower() in _REPORT_WORDS]
    if verbs:
        # The main clause's verb names the speaker: in "X told MPs that the
        # US had agreed to ... "words"", X speaks, not the US.  A form in
        # -ing is as often a noun ("its warning to ...") and comes last.
        finite = [m for m in verbs if not m.group().endswith("ing")]
        v = (finite or verbs)[0]
        cue = v.group()
        head = sent_left[: v.start()]
        speaker_span = _subject_np(_strip_auxiliaries(head), base)
        if speaker_span is not None:
            speaker_span = _drop_time(text, speaker_span)
        if cue.lower().endswith("ing") and speaker_span is None:
            return Quote(s, e, inner, None, cue, None)
        if speaker_span is None or not _plausible_speaker(text, speaker_span):
            speaker_span = _first_np(sent_left, base)
    else:
        after = _right_cue(text, raw.end, para_end)
        if after is None or after.cue is None:
            return None  # nobody's words are being reported
        speaker_span, cue = after.speaker, after.cue
    if speaker_span is not None and not _plausible_speaker(text, speaker_span):
        speaker_span = None
    speaker = name = None
    if speaker_span is not None:
        speaker = text[speaker_span[0] : speaker_span[1]].strip() or None
        if speaker is not None:
            name = resolver.resolve(speaker, speaker_span[0])
            if (
                name is None
                and not _described_speaker(speaker)
                and not resolver.names_entity(speaker_span[0], speaker_span[1])
            ):
                speaker = None  # a stray capitalised word, not someone named
    return Quote(s, e, inner, speaker, cue, name)


def _described_speaker(speaker: str) -> bool:
    """A pronoun or a short described speaker ("the minister"), not a clause piece."""
    words = speaker.split()
    if is_pronoun(speaker):
        return True
    return (
        words[0].lower() in _DET_WORDS
        and len(words) <= 5
        and words[-1].lower() not in _FUNCTION_WORDS
        and words[-1].lower() not in _DET_WORDS
    )


_AUXILIARIES = re.compile(
    r"(?:\s+(?:has|have|had|was|were|is|are|will|would|could|should|may|might|also|"
    r"then|later|once|again|previously|repeatedly|went\s+on\s+to|going\s+on\s+to))+\s*$"
)


def _strip_auxiliaries(head: str) -> str:
    """Drop 'has', 'had', 'went on to' before a verb so the subject ends the text."""
    m = _AUXILIARIES.search(head)
    return head[: m.start()] if m else head


def _plausible_speaker(text: str, span: tuple[int, int]) -> bool:
    """A pronoun, a capitalised name or a determiner phrase, not a clause fragment."""
    words = text[span[0] : span[1]].split()
    if not words:
        return False
    first = words[0]
    return (
        is_pronoun(first)
        or first.lower() in _DET_WORDS
        or (first[0].isupper() and first not in _NOT_SPEAKERS)
    )


_LEADING_TIME = re.compile(
    r"(?:(?:On|In|At|By|Last|This|Earlier|Later|Then|But|And|So|Now)\s+)?"
    r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month|year|"
    r"January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b,?\s+)?"
)


def _drop_time(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """Drop a leading time phrase: 'On Tuesday Foreign Secretary Jack Straw'."""
    m = _LEADING_TIME.match(text, span[0], span[1])
    if m and m.end() > span[0] and m.end() < span[1] and text[m.end()].isupper():
        return m.end(), span[1]
    return span
