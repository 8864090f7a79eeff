"""Name lists used by the entity finder, loaded once from ``index/data``.

The files are built by ``index/data/build_data.py``; README.md there names
each source and its licence.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(slots=True, frozen=True)
class Lexicon:
    """Word and name lists.

    ``common`` holds lowercase dictionary words, ``proper`` capitalised
    dictionary words with no lowercase twin, ``names`` maps a known name to
    its kind ("country" is a place that stays a place in sports reports).
    """

    common: frozenset[str]
    proper: frozenset[str]
    first: frozenset[str]
    last: frozenset[str]
    names: dict[str, str]
    # Upper-cased forms of ``names`` for ALL-CAPS headlines.
    upper: dict[str, str]


def _lines(name: str) -> list[str]:
    try:
        raw = resources.files("byline.index").joinpath("data", name).read_bytes()
        return gzip.decompress(raw).decode("utf-8").split("\n")
    except (OSError, EOFError, ValueError):
        # A missing or damaged list degrades the finder instead of breaking it.
        return []


@cache
def lexicon() -> Lexicon:
    """The shared lists (read on first use, then cached)."""
    names: dict[str, str] = {}
    for line in _lines("gazetteer.tsv.gz"):
        name, _, kind = line.partition("\t")
        if kind:
            names[name] = kind
    upper: dict[str, str] = {}
    for name, kind in names.items():
        upper.setdefault(name.upper(), kind)
    return Lexicon(
        common=frozenset(_lines("common.txt.gz")),
        proper=frozenset(_lines("proper.txt.gz")),
        first=frozenset(_lines("first_names.txt.gz")),
        last=frozenset(_lines("last_names.txt.gz")),
        names=names,
        upper=upper,
    )
