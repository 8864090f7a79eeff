"""Named-entity finder (placeholder: capitalised word runs, to be replaced)."""

from __future__ import annotations

import re

from byline.index.models import Entity

_RUN = re.compile(r"\b[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*")


def find_entities(text: str) -> list[Entity]:
    """Return entities found in ``text``, sorted and non-overlapping."""
    return [Entity(m.start(), m.end(), m.group(), "misc") for m in _RUN.finditer(text)]
