"""Lazy word wrapping for the reading pane: only the lines on screen are ever built.

A multi-megabyte paragraph or fifty thousand paragraphs must paint their
first screen at once.  :class:`LazyLines` finds line breaks on demand (a
greedy word wrap over the plain text, cheap) and turns lines into
:class:`~textual.strip.Strip` objects a block at a time, cutting each
block's text and styles out of the article's one styled ``Text`` (never
slicing every paragraph, which costs time per span, per slice), and keeps
only recently drawn blocks.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import OrderedDict
from dataclasses import dataclass
from itertools import accumulate
from operator import add
from typing import TYPE_CHECKING

from rich.cells import cell_len, get_character_cell_size
from rich.text import Span, Text
from textual.strip import Strip

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rich.console import Console
    from rich.style import Style

# Lines turned into strips together, and how many such blocks are kept.
BLOCK = 64
CACHED_BLOCKS = 32
# Line breaks are found this many lines beyond what is asked for; a
# paragraph shorter than this is always broken whole.
READ_AHEAD = 200
SMALL_PARAGRAPH = 20_000

# One line: (paragraph index, start, end) in that paragraph's text;
# paragraph -1 is the blank line between two paragraphs.
Line = tuple[int, int, int]


# ``text.plain[start:end]`` with its styles, shown as one paragraph.
Paragraph = tuple[Text, int, int]


def paragraphs_of(text: Text, lengths: Sequence[int], gap: int = 2) -> list[Paragraph]:
    """Paragraphs of the given lengths, one after another in ``text``, ``gap`` apart."""
    # Built with iterators in C: an article may have tens of thousands of paragraphs.
    if not lengths:
        return []
    starts = list(accumulate((length + gap for length in lengths[:-1]), initial=0))
    ends = map(add, starts, lengths)
    return [(text, start, end) for start, end in zip(starts, ends, strict=True)]


def whole(text: Text) -> Paragraph:
    """All of ``text`` as one paragraph."""
    return (text, 0, len(text.plain))


def _fit(text: str, pos: int, stop: int, width: int) -> int:
    """The end of the longest run of ``text[pos:stop]`` that fits ``width`` cells."""
    end = min(stop, pos + width)
    if cell_len(text[pos:end]) <= width:
        return end
    total = 0
    i = pos
    while i < end:
        total += get_character_cell_size(text[i])
        if total > width:
            break
        i += 1
    return max(i, pos + 1)  # a character wider than the pane still takes a line


def break_lines(
    text: str,
    width: int,
    start: int = 0,
    stop: int | None = None,
    limit: int | None = None,
    *,
    ascii_only: bool | None = None,
) -> tuple[list[tuple[int, int]], int]:
    """Greedy word wrap of ``text[start:stop]`` to ``width`` terminal cells.

    Returns the ``(start, end)`` offsets (into ``text``) of at most ``limit``
    lines, trailing spaces left out and words longer than a line folded, and
    the offset to resume from (``stop`` when done).  ``ascii_only`` may be
    passed when known, to skip measuring.
    """
    width = max(1, width)
    stop = len(text) if stop is None else stop
    if ascii_only is None:
        ascii_only = text[start:stop].isascii()
    lines: list[tuple[int, int]] = []
    pos = start
    while pos < stop and (limit is None or len(lines) < limit):
        while pos < stop and text[pos] == " ":
            pos += 1
        if pos >= stop:
            break
        end = min(stop, pos + width) if ascii_only else _fit(text, pos, stop, width)
        if end >= stop:
            lines.append((pos, stop))
            pos = stop
            break
        space = text.rfind(" ", pos + 1, end + 1)
        if space > pos:
            line_end = space
            while text[line_end - 1] == " ":
                line_end -= 1
            lines.append((pos, line_end))
            pos = space + 1
        else:
            lines.append((pos, end))
            pos = end
    while pos < stop and text[pos] == " ":
        pos += 1
    return lines, pos


@dataclass(slots=True)
class _SpanIndex:
    """The spans of one ``Text`` sorted by start, to pick those overlapping a range."""

    spans: list[Span]
    starts: list[int]
    longest: int

    @classmethod
    def of(cls, text: Text) -> _SpanIndex:
        spans = sorted(text.spans, key=lambda s: s.start)
        longest = max((s.end - s.start for s in spans), default=0)
        return cls(spans, [s.start for s in spans], longest)

    def cut(self, text: Text, start: int, end: int) -> Text:
        """``text[start:end]`` with its styles, in time proportional to the spans there."""
        lo = bisect_left(self.starts, start - self.longest)
        hi = bisect_left(self.starts, end)
        spans = [
            Span(max(s.start, start) - start, min(s.end, end) - start, s.style)
            for s in self.spans[lo:hi]
            if s.end > start
        ]
        return Text(text.plain[start:end], style=text.style, spans=spans)


class LazyLines:
    """Paragraphs of styled text, wrapped to ``width`` as far as anyone has looked.

    Paragraphs are shown one after another with a blank line between them.
    ``count`` is the number of lines found so far; ``total`` an estimate of
    all of them (exact once ``complete``).
    """

    def __init__(
        self, paragraphs: Sequence[Paragraph], width: int, base: Style, console: Console
    ) -> None:
        self.paragraphs = paragraphs
        self.width = max(1, width)
        self.base = base
        self.console = console
        self.lines: list[Line] = []
        self._para = 0  # the paragraph being broken
        self._offset = 0  # where in it (0: not started)
        self._ascii = True  # whether that paragraph is all ASCII
        self._chars_total = self._chars_left = sum(end - start for _, start, end in paragraphs)
        self._blocks: OrderedDict[int, list[Strip]] = OrderedDict()
        self._span_index: dict[int, _SpanIndex] = {}

    def rewrapped(self, width: int) -> LazyLines:
        """The same paragraphs at another width (the style index is kept: it is costly)."""
        lines = LazyLines(self.paragraphs, width, self.base, self.console)
        lines._span_index = self._span_index
        return lines

    @property
    def count(self) -> int:
        """Lines found so far."""
        return len(self.lines)

    @property
    def complete(self) -> bool:
        """True once every paragraph has been broken into lines."""
        return self._para >= len(self.paragraphs)

    @property
    def total(self) -> int:
        """All lines: exact when complete, otherwise an estimate (never below ``count``)."""
        if self.complete:
            return len(self.lines)
        # Characters per line as seen so far (greedy wrapping fills about nine
        # tenths of a line); each paragraph left adds a blank line and, on
        # average, half a line for its last, partly filled one.
        text_lines = len(self.lines) - self._para
        done = self._chars_total - self._chars_left
        per_line = done / text_lines if text_lines >= 20 else self.width * 0.9
        remaining = len(self.paragraphs) - self._para
        return len(self.lines) + int(self._chars_left / max(1.0, per_line) + 1.5 * remaining)

    def ensure(self, count: int | None) -> None:
        """Find line breaks until at least ``count`` lines are known (all if ``None``)."""
        target = None if count is None else count + READ_AHEAD
        while not self.complete and (target is None or len(self.lines) < target):
            index = self._para
            text, start, end = self.paragraphs[index]
            plain = text.plain
            if self._offset == 0:
                if index > 0:
                    self.lines.append((-1, 0, 0))
                self._offset = start
                self._ascii = plain[start:end].isascii()
            huge = end - self._offset > SMALL_PARAGRAPH
            limit = None if target is None or not huge else max(1, target - len(self.lines))
            spans, resume = break_lines(
                plain, self.width, self._offset, end, limit, ascii_only=self._ascii
            )
            if not spans and self._offset == start:
                spans = [(start, start)]  # an empty paragraph still takes a line
            self.lines.extend((index, s, e) for s, e in spans)
            self._chars_left -= resume - self._offset
            if resume >= end:
                self._para += 1
                self._offset = 0
            else:
                self._offset = resume

    def line_of(self, paragraph: int, offset: int) -> int:
        """The line of ``paragraph`` that shows ``offset`` (an offset into its text)."""
        while not self.complete and (
            self._para < paragraph or (self._para == paragraph and self._offset <= offset)
        ):
            self.ensure(len(self.lines) + 1)
        found = 0
        for index in range(len(self.lines) - 1, -1, -1):
            para, start, _ = self.lines[index]
            if para == paragraph:
                found = index
                if start <= offset:
                    break
            elif 0 <= para < paragraph:
                break
        return found

    def strip(self, index: int) -> Strip | None:
        """Line ``index`` drawn to the full width, or ``None`` past the end."""
        self.ensure(index + 1)
        if not 0 <= index < len(self.lines):
            return None
        block = index // BLOCK
        strips = self._blocks.get(block)
        if strips is None:
            strips = self._render_block(block)
            self._blocks[block] = strips
            if len(self._blocks) > CACHED_BLOCKS:
                self._blocks.popitem(last=False)
        else:
            self._blocks.move_to_end(block)
        return strips[index - block * BLOCK]

    def _render_block(self, block: int) -> list[Strip]:
        lines = self.lines[block * BLOCK : (block + 1) * BLOCK]
        blank = Strip.blank(self.width, self.base)
        strips: list[Strip] = []
        i = 0
        while i < len(lines):
            para = lines[i][0]
            if para < 0:
                strips.append(blank)
                i += 1
                continue
            j = i
            while j < len(lines) and lines[j][0] == para:
                j += 1
            strips.extend(self._render_run(self.paragraphs[para], lines[i:j]))
            i = j
        return strips

    def _render_run(self, para: Paragraph, run: Sequence[Line]) -> list[Strip]:
        """Consecutive lines of one paragraph, styles and all."""
        text = para[0]
        first, last = run[0][1], run[-1][2]
        index = self._span_index.get(id(text))
        if index is None:
            index = self._span_index[id(text)] = _SpanIndex.of(text)
        piece = index.cut(text, first, last)
        # One divide for the run, at every line start after the first.
        pieces = list(piece.divide([start - first for _, start, _ in run[1:]]))
        strips = []
        for line in pieces:
            line.rstrip()  # the space the line was broken at
            segments = list(line.render(self.console))
            strips.append(
                Strip(segments).apply_style(self.base).crop_extend(0, self.width, self.base)
            )
        return strips
