"""Quotation marks: which open, which close, and how they pair into quotations.

Part of the quotation finder (:mod:`byline.index.analysis.quotes`): passes 1
and 2 of its docstring.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from byline.index.analysis.quote_cues import WORD, is_cue

# Straight, curly, and the doubled apostrophe some wire copy uses ('').
DOUBLE_MARK = re.compile("''|[\"\u201c\u201d]")
_OPEN, _CLOSE = 1, 2
# A paragraph that keeps a quotation open may be followed by this many more.
_MAX_PARAGRAPHS = 40
# Marks looked at when searching for a closing mark (keeps the search linear).
_MAX_MARKS = 120


@dataclass(slots=True)
class Mark:
    pos: int
    role: int  # _OPEN or _CLOSE
    para: int
    size: int  # 1, or 2 for ''
    curly: bool


def mark_role(text: str, i: int, ch: str) -> int:
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


SINGLE_MARK = re.compile("[\u2018\u2019]")


def single_mark_role(text: str, i: int, ch: str) -> int:
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


def paragraph_starts(text: str) -> list[int]:
    """Start offsets of the lines (paragraphs); empty lines count too."""
    starts = [0]
    find = text.find
    i = find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return starts


@dataclass(slots=True)
class RawQuote:
    """A paired quotation before attribution (``start``/``end`` include the marks).

    A quotation that runs on over several paragraphs, or that a new opening
    mark continues inside one paragraph (``…he said. "I think…``), is one
    ``RawQuote`` for attribution but several ``pieces`` (inner spans) for output:
    each stretch between marks is its own quotation.
    """

    start: int
    end: int
    inner_start: int
    inner_end: int
    para: int  # paragraph of the opening mark
    last_para: int  # paragraph of the closing mark
    pieces: list[tuple[int, int]]


def pair_marks(text: str, marks: list[Mark], para_starts: list[int]) -> list[RawQuote]:
    """Pair opening and closing marks into quotations (marks included)."""
    out: list[RawQuote] = []
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
            RawQuote(
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
    text: str, marks: list[Mark], i: int, para_starts: list[int]
) -> RawQuote | None:
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
    words = WORD.findall(left[-40:])
    after_quotation = (
        left.endswith((".", "!", "?"))
        and i > 0
        and marks[i - 1].para == first.para
        and marks[i - 1].role == _CLOSE
    )
    if not (
        left.endswith(":")
        or (left.endswith(",") and words and is_cue(words[-1]))
        or after_quotation
    ):
        return None
    end = ps + len(text[ps:pe].rstrip())
    return RawQuote(
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


def _may_continue(text: str, opener: Mark) -> bool:
    """Only a quotation of whole sentences runs on into the next paragraph."""
    after = text[opener.pos + opener.size : opener.pos + opener.size + 3].lstrip()
    return not after or not after[0].islower()


# Text before a mark that ends a sentence: the mark re-opens a quotation that
# goes on with no closing mark ("…the better. "A short-term…"), BBC/AP style.
_SENTENCE_DONE = re.compile(r"[.!?\u2026][\u2019')\]]?\s+$")


def _close_of(
    text: str, marks: list[Mark], i: int, para_starts: list[int]
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
