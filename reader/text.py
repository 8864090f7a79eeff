"""Turning article data into Rich text safely: never markup, never control codes."""

from __future__ import annotations

import datetime as dt

from rich.text import Text

from byline.index.sanitize import strip_controls

UNKNOWN_DATE = "----------"


def safe_text(value: str, style: str = "") -> Text:
    """A ``Text`` holding ``value`` literally: no markup parsing, controls removed.

    Length-preserving for text that is already clean (as all article text
    is), so offsets computed by byline.index still apply.
    """
    return Text(strip_controls(value).replace("\n", " "), style=style)


def format_date(day: dt.date | None, fmt: str = "%Y-%m-%d") -> str:
    """``day`` in ``fmt``, or dashes of the same width when the date is unknown."""
    if day is None:
        return "-" * len(dt.date(2000, 12, 30).strftime(fmt)) if fmt else UNKNOWN_DATE
    return day.strftime(fmt)
