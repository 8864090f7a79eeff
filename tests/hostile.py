"""A corpus of hostile article files, made at test time (no committed blobs).

Each :class:`Case` says what byline must do with its file: index it
(``expect="article"``, perhaps with a note such as a bad date) or report it
with a one-line reason (``expect="problem"``).  ``injected`` lists byte
strings that must never reach the terminal when the article is shown.
Exposed to tests through the ``hostile_corpus`` fixture in ``conftest.py``.
"""

from __future__ import annotations

import codecs
import os
import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from pathlib import Path

Expect = Literal["article", "problem"]

# Markers carried by the escape sequences: if one reaches the terminal, the
# sequence (or its payload) got through.
OSC52_PAYLOAD = "QllMSU5FLVBXTkVE"  # base64 of "BYLINE-PWNED"
TITLE_MARK = "BYLINE-TITLE-PWNED"
DCS_MARK = "BYLINE-DCS-PWNED"
CSI_INJECTED = ("\x1b[4242;4242H", "\x1b[?4242h", "\x1b[2J\x1b[3J", "\x1b[6n")

HUGE_PARAGRAPH_BYTES = 3 * 1024 * 1024
MANY_PARAGRAPHS = 50_000
LONG_WORD = 100_000


@dataclass(slots=True, frozen=True)
class Case:
    """One hostile file and what byline must do with it."""

    rel: bytes  # path relative to the corpus root, as raw bytes
    kind: str  # what is hostile about it, for messages and the README
    expect: Expect
    reason: str = ""  # a word the problem's reason must contain
    note: str = ""  # for an article: a word a recoverable-problem note must contain
    contains: str = ""  # for an article: text that must survive in the article
    injected: tuple[str, ...] = ()  # strings that must never reach the terminal

    @property
    def path_name(self) -> str:
        """The relative path as Python sees it (undecodable bytes as surrogates)."""
        return os.fsdecode(self.rel)


@dataclass(slots=True)
class HostileCorpus:
    """The generated directory and the cases in it."""

    root: Path
    cases: list[Case] = field(default_factory=list)

    @property
    def articles(self) -> list[Case]:
        """Cases that must end up in the index."""
        return [c for c in self.cases if c.expect == "article"]

    @property
    def problems(self) -> list[Case]:
        """Cases that must be reported and left out."""
        return [c for c in self.cases if c.expect == "problem"]


def _words(rng: random.Random, count: int) -> str:
    vocab = [
        "council",
        "harbour",
        "river",
        "said",
        "budget",
        "the",
        "of",
        "Leeds",
        "minister",
        "plan",
        "rail",
        "and",
        "storm",
        "vote",
        "a",
        "new",
    ]
    return " ".join(rng.choice(vocab) for _ in range(count))


ESCAPES_TEXT = (
    " date 2020-03-03 Escapes: colour \x1b[31mred\x1b[0m then"
    f" {CSI_INJECTED[0]}moved {CSI_INJECTED[1]}mode {CSI_INJECTED[2]}cleared"
    f" {CSI_INJECTED[3]}asked. Titles \x1b]0;{TITLE_MARK}\x07 and"
    f" \x1b]2;{TITLE_MARK}\x1b\\ set. Clipboard \x1b]52;c;{OSC52_PAYLOAD}\x07 written."
    f" Device control \x1bP1$q{DCS_MARK}\x1b\\ sent. Charset \x1b(0 switch \x1b7 save.\n\n"
    f"Eight-bit forms: \x9b4242;4242H c1csi \x9d0;{TITLE_MARK}\x9c c1osc"
    f" \x90{DCS_MARK}\x9c c1dcs \x9e privacy \x9f apc. Unterminated \x1b]0;{TITLE_MARK}\n\n"
    "After the storm the harbour reopened.\n"
)

# The same attacks written as HTML character references, which are decoded
# when an article is read: decoding must not bring back what cleaning removes.
ENTITY_ESCAPES_TEXT = (
    " date 2020-06-05 Encoded: colour &#27;[31mred&#x1b;[0m then &#x1B;[4242;4242Hmoved"
    f" &#27;[2J&#27;[3Jcleared, title &#27;]0;{TITLE_MARK}&#7; set, clipboard"
    f" &#x1b;]52;c;{OSC52_PAYLOAD}&#x07; written, device &#27;P1$q{DCS_MARK}&#27;\\ sent.\n\n"
    "Controls &#0;nul &#7;bell &#8;bs &#x7f;del &#x202e;esrever&#x202c; &#x2066;iso&#x2069;"
    " &#xfeff;bom &#x200b;zw &#13;&#10;break.\n\n"
    "Eight-bit &#x9b;6n c1csi &#155;2J again &#x9d;0;kept&#x9c; words &#x90;dcs&#x9c; stay\n\n"
    "AT&T and R&D kept; Q&A too; volvi&#243; and caf&eacute; decoded.\n"
)
ENTITY_INJECTED = (
    OSC52_PAYLOAD,
    TITLE_MARK,
    DCS_MARK,
    "\x1b[31m",
    CSI_INJECTED[0],
    "\x1b[2J",
    "\x9b",
    "\u202e",
    "\u2066",
)


def make_hostile_corpus(root: Path, *, huge: bool = True) -> HostileCorpus:
    """Write the hostile files under ``root`` (created) and describe them.

    ``huge=False`` leaves out the multi-megabyte articles for quick tests.
    """
    rng = random.Random(7)
    root.mkdir(parents=True, exist_ok=True)
    corpus = HostileCorpus(root)

    def add(rel: bytes, data: bytes, case: Case) -> None:
        path = os.path.join(os.fsencode(root), rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        corpus.cases.append(case)

    def text(
        rel: str,
        body: str,
        kind: str,
        *,
        note: str = "",
        contains: str = "",
        injected: tuple[str, ...] = (),
    ) -> None:
        case = Case(rel.encode(), kind, "article", "", note, contains, injected)
        add(rel.encode(), body.encode("utf-8"), case)

    # -- empty and headers ----------------------------------------------
    add(b"empty.txt", b"", Case(b"empty.txt", "empty file", "problem", reason="no text"))
    add(
        b"blank.txt",
        b"  \n\t\n \r\n\xc2\xa0\n",
        Case(b"blank.txt", "whitespace-only file", "problem", reason="no text"),
    )
    add(
        b"date-only.txt",
        b" date 2020-01-01 \n\n",
        Case(b"date-only.txt", "date header and nothing else", "problem", reason="no text"),
    )
    text("no-date.txt", "No header at all, just words.\n", "missing date header")
    text(
        "bad-date.txt",
        " date 2021-02-30 The thirtieth of February.\n",
        "impossible date in the header",
        note="2021-02-30",
        contains="thirtieth of February",
    )
    text(
        "garbled-date.txt",
        " date 20x1-0-99!! Garbled header.\n",
        "malformed date header",
        note="bad date",
        contains="Garbled header",
    )
    # The first and last days of Python's calendar: kept and shown, and no
    # period around them (the week after, the month before) may be computed.
    text(
        "ancient.txt",
        " date 0001-01-01 Dated on the first day of the calendar.\n",
        "date at the start of the calendar (0001-01-01)",
        contains="first day of the calendar",
    )
    text(
        "far-future.txt",
        " date 9999-12-31 Dated on the last day of the calendar.\n",
        "date at the end of the calendar (9999-12-31)",
        contains="last day of the calendar",
    )
    text(
        "word-date.txt",
        " date tomorrow maybe, said nobody.\n",
        "date header without a date",
        contains="tomorrow maybe",
    )

    # -- encodings -------------------------------------------------------
    junk = bytes(rng.randrange(256) for _ in range(4096))
    add(
        b"binary.txt",
        b"\x7fELF\x02\x01\x01\x00" + junk,
        Case(b"binary.txt", "binary junk", "problem", reason="binary"),
    )
    add(
        b"high-bytes.txt",
        bytes(rng.randrange(0x80, 0x100) for _ in range(2048)),
        Case(b"high-bytes.txt", "binary junk without NUL bytes", "problem", reason="UTF-8"),
    )
    add(
        b"invalid-utf8.txt",
        b" date 2020-01-01 Mostly fine \xff\xfe\xc3 then broken.\n",
        Case(b"invalid-utf8.txt", "invalid UTF-8", "problem", reason="UTF-8"),
    )
    add(
        b"latin1.txt",
        " date 2020-01-01 Caf\xe9 society, na\xefve r\xe9sum\xe9.\n".encode("latin-1"),
        Case(b"latin1.txt", "Latin-1", "problem", reason="UTF-8"),
    )
    add(
        b"utf16.txt",
        " date 2020-04-04 Ünïcödé in UTF-16, “quoted”.\n".encode("utf-16"),
        Case(b"utf16.txt", "UTF-16 with BOM", "article", contains="Ünïcödé in UTF-16"),
    )
    add(
        b"utf16-be.txt",
        codecs.BOM_UTF16_BE + " date 2020-04-05 Big-endian text.\n".encode("utf-16-be"),
        Case(b"utf16-be.txt", "UTF-16 big-endian with BOM", "article", contains="Big-endian"),
    )
    add(
        b"utf8-bom.txt",
        codecs.BOM_UTF8 + b" date 2020-04-06 Byte order mark first.\n",
        Case(b"utf8-bom.txt", "UTF-8 with BOM", "article", contains="Byte order mark"),
    )
    add(
        b"odd-utf16.txt",
        codecs.BOM_UTF16_LE + b"A\x00B\x00\x00\xd8",  # ends in a lone surrogate
        Case(b"odd-utf16.txt", "broken UTF-16", "problem", reason="UTF-16"),
    )

    # -- size ------------------------------------------------------------
    if huge:
        para = _words(rng, HUGE_PARAGRAPH_BYTES // 5)
        text(
            "huge-paragraph.txt",
            f" date 2020-05-05 HUGEPARA {para} ENDOFHUGE\n",
            "multi-megabyte single paragraph",
            contains="ENDOFHUGE",
        )
        # Few distinct words: tens of thousands of unique terms would only
        # measure Whoosh.  Every thousandth paragraph carries a marker.
        paras = "\n\n".join(
            f"Paragraph {_words(rng, 6)}{f' MARK{i}' if i % 1000 == 0 else ''}."
            for i in range(MANY_PARAGRAPHS - 1)
        )
        text(
            "many-paragraphs.txt",
            f" date 2020-05-06 MANYPARAS start.\n\n{paras}\n\nLASTPARAGRAPH here.\n",
            "tens of thousands of paragraphs",
            contains="LASTPARAGRAPH",
        )
    text(
        "long-word.txt",
        f" date 2020-05-07 Before {'x' * LONG_WORD} after.\n",
        "100,000-character word",
        contains="after.",
    )
    # A sparse file: huge on paper, no disk used; must be refused before reading.
    big = os.path.join(os.fsencode(root), b"too-big.txt")
    with open(big, "wb") as f:
        f.truncate(65 * 1024 * 1024)
    corpus.cases.append(Case(b"too-big.txt", "file over 64 MB", "problem", reason="too large"))

    # -- line ends and controls -----------------------------------------
    add(
        b"crlf.txt",
        b" date 2020-06-01 Windows line ends.\r\n\r\nSecond para.\r\n",
        Case(b"crlf.txt", "CRLF line ends", "article", contains="Second para."),
    )
    add(
        b"lone-cr.txt",
        b" date 2020-06-02 Old Mac line ends.\r\rSecond para.\rstill second.\r",
        Case(b"lone-cr.txt", "lone CR line ends", "article", contains="Second para. still"),
    )
    text(
        "backspace.txt",
        " date 2020-06-03 Over\bstrike b\b_o\b_l\b_d and a bell\x07 and a form\x0cfeed.\n",
        "backspaces and other C0 controls",
        contains="bell and a formfeed",
        injected=("\x08", "\x0c"),
    )
    text(
        "escapes.txt",
        ESCAPES_TEXT,
        "terminal escape sequences (CSI, OSC 0/2 titles, OSC 52, DCS, 8-bit C1)",
        contains="harbour reopened",
        injected=(OSC52_PAYLOAD, TITLE_MARK, DCS_MARK, *CSI_INJECTED),
    )
    text(
        "bidi.txt",
        " date 2020-06-04 Zero\u200bwidth\u2060join and \u202eesrever\u202c with"
        " \u2066isolate\u2069 and \u200fmarks\ufeff here.\n",
        "zero-width and bidi-override characters",
        contains="Zerowidthjoin and esrever with isolate and marks here.",
        injected=("\u202e", "\u2066", "\u200b"),
    )

    # (No other case's name may contain this one's: the pty test finds an
    # opened article by its file name on the screen.)
    text(
        "char-refs.txt",
        ENTITY_ESCAPES_TEXT,
        "escape sequences, controls and bidi characters written as HTML character references",
        contains="AT&T and R&D kept; Q&A too; volvió and café decoded.",
        injected=ENTITY_INJECTED,
    )

    # -- markup and quotes ------------------------------------------------
    text(
        "markup.txt",
        " date 2020-07-01 Click [@click=app.quit]here[/] or [bold red]shout[/bold red],"
        " [link=https://example.invalid]a link[/link], [on red]x[/] and :warning: too.\n",
        "text that looks like Textual/Rich markup",
        contains="[@click=app.quit]here[/]",
    )
    text(
        "quotes.txt",
        ' date 2020-07-02 "Unclosed opening, said the first.\n\n'
        "\u201cNested \u201cdouble \u2018single \u201cdeep\u201d inner\u2019 close\u201d"
        " out\u201d, she said. \u201d\u201d\u201c\u201c\u201d Closing first\u201d then"
        ' "straight "inside" mixed\u201d and "" empty.\n\n'
        '""""""""" runs of marks "\n',
        "unbalanced and nested quotation marks",
        contains="runs of marks",
    )

    # -- not regular files ------------------------------------------------
    broot = os.fsencode(root)
    os.mkfifo(os.path.join(broot, b"fifo.txt"))
    corpus.cases.append(Case(b"fifo.txt", "FIFO named *.txt", "problem", reason="not a regular"))
    os.symlink(b"/dev/zero", os.path.join(broot, b"zero.txt"))
    corpus.cases.append(
        Case(b"zero.txt", "symlink to a device (/dev/zero)", "problem", reason="not a regular")
    )
    os.symlink(os.path.join(broot, b"nowhere"), os.path.join(broot, b"dangling.txt"))
    corpus.cases.append(Case(b"dangling.txt", "dangling symlink", "problem", reason="cannot read"))
    os.symlink(b"loop-b.txt", os.path.join(broot, b"loop-a.txt"))
    os.symlink(b"loop-a.txt", os.path.join(broot, b"loop-b.txt"))
    for name in (b"loop-a.txt", b"loop-b.txt"):
        corpus.cases.append(Case(name, "symlink loop", "problem", reason="cannot read"))
    os.symlink(b".", os.path.join(broot, b"self"))  # a directory loop: never followed
    os.symlink(b"..", os.path.join(broot, b"up.txt"))
    os.mkdir(os.path.join(broot, b"directory.txt"))
    text(
        "directory.txt/inside.txt",
        " date 2020-08-01 Found inside a directory named like an article.\n",
        "directory named *.txt (walked as a directory)",
        contains="directory named like",
    )

    # -- file names -------------------------------------------------------
    add(
        b"caf\xe9-latin1-name.txt",
        b" date 2020-09-01 The file name is not UTF-8.\n",
        Case(b"caf\xe9-latin1-name.txt", "non-UTF-8 file name", "article", contains="not UTF-8"),
    )
    add(
        f"esc-\x1b]0;{TITLE_MARK}\x07-name.txt".encode(),
        b" date 2020-09-02 The file name carries an escape sequence.\n",
        Case(
            f"esc-\x1b]0;{TITLE_MARK}\x07-name.txt".encode(),
            "escape sequence in the file name",
            "article",
            contains="carries an escape",
            injected=(TITLE_MARK,),
        ),
    )
    text(
        "[bold]markup-name[/bold].txt",
        " date 2020-09-03 The file name looks like markup.\n",
        "markup in the file name",
        contains="looks like markup",
    )
    return corpus
