"""Turning article data into Rich text safely: never markup, never control codes."""

from __future__ import annotations

import datetime as dt
import re

from rich.text import Text

from byline.index.corpus.sanitize import strip_controls

UNKNOWN_DATE = "----------"


def safe_text(value: str, style: str = "") -> Text:
    """A ``Text`` holding ``value`` literally: no markup parsing, controls removed.

    Length-preserving for text that is already clean (as all article text
    is), so offsets computed by byline.index still apply.
    """
    return Text(strip_controls(value).replace("\n", " "), style=style)


# A bare %Y, %G, %F, %C or %c (or %%, so that "%%Y" stays literal).
_YEAR_DIRECTIVE = re.compile(r"%[%YGFCc]")


def format_date(day: dt.date | None, fmt: str = "%Y-%m-%d") -> str:
    """``day`` in ``fmt``, or dashes of the same width when the date is unknown."""
    if day is None:
        return "-" * len(dt.date(2000, 12, 30).strftime(fmt)) if fmt else UNKNOWN_DATE
    if day.year < 1000:
        # glibc writes year 1 as "1", not "0001": the list's date column would shift.
        fmt = _YEAR_DIRECTIVE.sub(lambda m: _padded_year(day, m.group()), fmt)
    return day.strftime(fmt)


def _padded_year(day: dt.date, directive: str) -> str:
    if directive == "%Y":
        return f"{day.year:04d}"
    if directive == "%G":
        return f"{day.isocalendar().year:04d}"
    if directive == "%F":
        return day.isoformat()
    if directive == "%C":
        return f"{day.year // 100:02d}"
    if directive == "%c":  # the C locale's date and time, as the reader runs in it
        return day.strftime("%a %b %e %H:%M:%S ") + f"{day.year:04d}"
    return directive
