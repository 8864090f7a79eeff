"""Quotation finder (placeholder: paired double quotes, to be replaced)."""

from __future__ import annotations

import re

from byline.index.models import Quote

_QUOTE = re.compile(r"[\"\u201c]([^\"\u201c\u201d\n]+)[\"\u201d]")


def find_quotes(text: str) -> list[Quote]:
    """Return the direct quotations in ``text``."""
    return [Quote(m.start(1), m.end(1), m.group(1), None, None) for m in _QUOTE.finditer(text)]
