"""Turning article data into Rich text safely: never markup, never control codes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from byline.index.sanitize import strip_controls

if TYPE_CHECKING:
    import datetime as dt

UNKNOWN_DATE = "----------"


def safe_text(value: str, style: str = "") -> Text:
    """A ``Text`` holding ``value`` literally: no markup parsing, controls removed.

    Length-preserving for text that is already clean (as all article text
    is), so offsets computed by byline.index still apply.
    """
    return Text(strip_controls(value).replace("\n", " "), style=style)


def format_date(day: dt.date | None) -> str:
    """ISO date, or a placeholder of the same width when unknown."""
    return day.isoformat() if day else UNKNOWN_DATE
