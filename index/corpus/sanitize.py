"""Make hostile text safe to show: no terminal control sequences, no bidi tricks.

Article text is data written by others.  Everything that could reach a
terminal as a control sequence (CSI, OSC, DCS and friends, lone C0/C1
controls) or reorder what the reader sees (bidi overrides) is removed here,
once, when the text is read, so every offset computed later refers to the
cleaned text.
"""

from __future__ import annotations

import re

# ESC-introduced sequences: CSI (ESC [ ... final), OSC/DCS/SOS/PM/APC strings
# (ESC ] P X ^ _ ... terminated by BEL or ST), and two-byte escapes.  A string
# left unterminated ends at the line end, so it cannot swallow the article;
# whatever of it is left is plain text once its introducer is gone.
_ESCAPES = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]?              # CSI
    | \x1b[\]PX^_][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?   # OSC, DCS, SOS, PM, APC
    | \x9b[0-?]*[ -/]*[@-~]?              # 8-bit CSI
    | [\x90\x98\x9d\x9e\x9f][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?  # 8-bit strings
    | \x1b[ -/]*[0-~]?                     # other escapes (ESC ( B, ESC 7, ...)
    """,
    re.VERBOSE,
)

# Remaining C0/C1 controls (tab and newline are handled by the callers), DEL,
# bidi embeddings/overrides/isolates and marks, and invisible characters that
# only serve to disguise text.  Zero-width joiners stay: scripts and emoji
# need them.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]"
)
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")


def strip_controls(text: str) -> str:
    """Remove terminal escape sequences, control and bidi characters.

    Newlines and tabs are kept; everything else that is not printable text
    goes.
    """
    # Fast path (a scan in C): clean text is printable but for its line breaks.
    if "\x1b" not in text and text.replace("\n", "").replace("\t", "").isprintable():
        return text
    text = _ESCAPES.sub("", text)
    return _INVISIBLE.sub("", text)


def clean_line(text: str) -> str:
    """One line of display text: controls removed, runs of blanks made one space."""
    return _SPACES.sub(" ", strip_controls(text).replace("\n", " ")).strip()


def safe_display(text: str) -> str:
    """Text from anywhere (file names, error messages) made safe for one line of output."""
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return clean_line(text)
