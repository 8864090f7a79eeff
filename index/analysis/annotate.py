"""Annotate article text (entities and quotes) and store annotations compactly."""

from __future__ import annotations

import json
from typing import Any

from byline.index.models import ENTITY_KINDS, Annotations, Entity, Quote

# 2: quoted fragments ("f") stored beside the quotations.
ANNOTATION_FORMAT = 2


def analyse(text: str) -> Annotations:
    """Find the entities and quotations in an article body."""
    # Imported here: their word lists and patterns take tens of milliseconds to
    # load, and reading stored annotations (the reader's usual case) needs neither.
    from byline.index.analysis.entities import find_entities
    from byline.index.analysis.quotes import find_quotations

    entities = tuple(find_entities(text))
    # The quote finder uses the people and organisations found to name speakers.
    quotes, fragments = find_quotations(text, entities=entities)
    return Annotations(entities=entities, quotes=tuple(quotes), fragments=tuple(fragments))


def dump_annotations(ann: Annotations) -> str:
    """Encode annotations as compact JSON (offsets only: the text comes from the article)."""
    return json.dumps(
        {
            "v": ANNOTATION_FORMAT,
            "e": [[e.start, e.end, ENTITY_KINDS.index(e.kind)] for e in ann.entities],
            "q": [[q.start, q.end, q.speaker, q.cue, q.speaker_name] for q in ann.quotes],
            "f": [[q.start, q.end, q.speaker, q.cue, q.speaker_name] for q in ann.fragments],
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
        quotes = _load_quotes(raw["q"], text)
        fragments = _load_quotes(raw["f"], text)
    except (ValueError, TypeError, KeyError, IndexError):
        return None
    return Annotations(entities=entities, quotes=quotes, fragments=fragments)


def _load_quotes(rows: list[list[Any]], text: str) -> tuple[Quote, ...]:
    """Quotations (or fragments) from their stored rows, dropping any that do not fit."""
    return tuple(
        Quote(s, e, text[s:e], spk, cue, name)
        for s, e, spk, cue, name in rows
        if 0 <= s < e <= len(text)
    )
