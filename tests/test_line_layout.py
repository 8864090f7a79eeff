"""The reading pane's lazy word wrap: what it draws matches a full wrap, built on demand."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.style import Style
from rich.text import Text

from byline.reader.widgets.line_layout import LazyLines, break_lines, paragraphs_of, whole

_WORD_CHARS = st.sampled_from([*"abcxyzÄé", "\u4e2d", "\u6587", "\u0301", "\U0001f600"])
_WORDS = st.lists(st.text(_WORD_CHARS, min_size=1, max_size=30), min_size=0, max_size=40)


def _lines(text: str, width: int) -> list[str]:
    spans, resume = break_lines(text, width)
    assert resume == len(text)
    return [text[s:e] for s, e in spans]


def test_words_wrap_at_spaces_and_long_words_fold() -> None:
    assert _lines("the quick brown fox jumps", 10) == ["the quick", "brown fox", "jumps"]
    assert _lines("ab " + "x" * 25 + " cd", 10) == ["ab", "x" * 10, "x" * 10, "xxxxx cd"]
    assert _lines("exactly10! next", 10) == ["exactly10!", "next"]
    assert _lines("", 10) == []


def test_wide_characters_fit_the_width_in_cells() -> None:
    text = "\u4e2d\u6587" * 10  # twenty double-width characters
    lines = _lines(text, 7)
    assert all(cell_len(line) <= 7 for line in lines)
    assert "".join(lines) == text
    assert _lines("\u4e2d", 1) == ["\u4e2d"]  # too wide for the pane: still shown


@settings(max_examples=150, deadline=None)
@given(words=_WORDS, width=st.integers(1, 30), step=st.integers(1, 5))
def test_wrapping_keeps_every_character_and_resumes_anywhere(
    words: list[str], width: int, step: int
) -> None:
    text = " ".join(words)
    spans, _ = break_lines(text, width)
    lines = [text[s:e] for s, e in spans]
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        assert cell_len(line) <= width or len(line) == 1
        assert line == line.strip(" ")
    # Wrapping a few lines at a time gives the same lines.
    pieces: list[tuple[int, int]] = []
    pos = 0
    while pos < len(text):
        more, pos = break_lines(text, width, pos, limit=step)
        assert more or pos == len(text)
        pieces += more
    assert pieces == spans


def _rendered(lines: LazyLines, index: int) -> str:
    strip = lines.strip(index)
    assert strip is not None
    return strip.text.rstrip()


def test_lazy_lines_match_a_full_wrap_and_are_built_on_demand() -> None:
    console = Console(width=80, color_system=None)
    paragraphs = [f"Paragraph {i} " + "word " * (i % 7) + "end." for i in range(5000)]
    body = Text("\n\n".join(paragraphs))
    body.stylize("bold", 0, 9)
    lines = LazyLines(paragraphs_of(body, [len(p) for p in paragraphs]), 20, Style(), console)
    assert _rendered(lines, 0) == "Paragraph 0 end."
    assert _rendered(lines, 1) == ""
    assert lines.count < 1000  # only the start has been wrapped
    assert not lines.complete
    estimate = lines.total
    assert _rendered(lines, 2) == "Paragraph 1 word"
    lines.ensure(None)
    assert lines.complete
    assert abs(estimate - lines.total) < lines.total * 0.25
    expected: list[str] = []
    for para in paragraphs:
        expected += [*_lines(para, 20), ""]
    expected.pop()
    assert lines.total == len(expected)
    for i in (0, 5, 999, len(expected) - 1):
        assert _rendered(lines, i) == expected[i]
    assert lines.strip(len(expected)) is None


def test_styles_follow_the_text_across_line_breaks() -> None:
    console = Console(width=80, color_system="truecolor")
    text = Text("alpha beta gamma delta")
    text.stylize("bold", 6, 16)  # "beta gamma"
    lines = LazyLines([whole(text)], 11, Style(), console)
    first = lines.strip(0)
    second = lines.strip(1)
    assert first is not None
    assert second is not None
    bold = {seg.text.strip() for seg in [*first, *second] if seg.style and seg.style.bold}
    assert bold == {"beta", "gamma"}


def test_a_huge_paragraph_is_wrapped_only_as_far_as_asked() -> None:
    console = Console(width=80, color_system=None)
    para = " ".join(f"w{i}" for i in range(400_000))
    lines = LazyLines([whole(Text(para))], 60, Style(), console)
    assert _rendered(lines, 0).startswith("w0 w1 w2")
    assert lines.count < 2000
    last = lines.total
    lines.ensure(None)
    assert _rendered(lines, lines.total - 1).endswith("w399999")
    assert abs(last - lines.total) < lines.total * 0.1
