"""Annotate article text (entities and quotes) and store annotations compactly."""

from __future__ import annotations

import json
from typing import Any

from byline.index.models import ENTITY_KINDS, Annotations, Entity, Quote

ANNOTATION_FORMAT = 1


def analyse(text: str) -> Annotations:
    """Find the entities and quotations in an article body."""
    # Imported here: their word lists and patterns take tens of milliseconds to
    # load, and reading stored annotations (the reader's usual case) needs neither.
    from byline.index.entities import find_entities
    from byline.index.quotes import find_quotes

    entities = tuple(find_entities(text))
    # The quote finder uses the people found to name pronoun speakers.
    return Annotations(entities=entities, quotes=tuple(find_quotes(text, entities=entities)))


def dump_annotations(ann: Annotations) -> str:
    """Encode annotations as compact JSON (offsets only: the text comes from the article)."""
    return json.dumps(
        {
            "v": ANNOTATION_FORMAT,
            "e": [[e.start, e.end, ENTITY_KINDS.index(e.kind)] for e in ann.entities],
            "q": [[q.start, q.end, q.speaker, q.cue, q.speaker_name] for q in ann.quotes],
        },
        separators=(",", ":"),
        ensure_ascii=False,
    )


def load_annotations(data: str, text: str) -> Annotations | None:
    """Decode :func:`dump_annotations` output for ``text``; ``None`` if it does not fit."""
    try:
        raw: dict[str, Any] = json.loads(data)
        if raw.get("v") != ANNOTATION_FORMAT:
            return None
        entities = tuple(
            Entity(s, e, text[s:e], ENTITY_KINDS[k])
            for s, e, k in raw["e"]
            if 0 <= s < e <= len(text)
        )
        quotes = tuple(
            Quote(s, e, text[s:e], spk, cue, name)
            for s, e, spk, cue, name in raw["q"]
            if 0 <= s < e <= len(text)
        )
    except (ValueError, TypeError, KeyError, IndexError):
        return None
    return Annotations(entities=entities, quotes=quotes)
