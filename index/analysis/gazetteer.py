"""Name lists used by the entity finder, loaded once from ``index/analysis/data``.

The files are built by ``index/analysis/data/build_data.py``; README.md there names
each source and its licence.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_DATA = Path(__file__).resolve().parent / "data"

# Gazetteer files, one per kind.  "country" covers countries and continents:
# a place that stays a place in sports reports ("Germany beat Italy"), where
# city names usually stand for clubs.
GAZETTEER_KINDS = ("country", "place", "org", "person", "misc")


def base_forms(word: str) -> tuple[str, ...]:
    """Possible dictionary bases of an inflected lowercase word."""
    n = len(word)
    if n < 4:
        return ()
    if word.endswith("ies"):
        return (word[:-3] + "y",)
    if word.endswith("es"):
        return (word[:-2], word[:-1])
    if word.endswith("s") and not word.endswith("ss"):
        return (word[:-1],)
    if word.endswith("ied"):
        return (word[:-3] + "y",)
    if word.endswith("ed"):
        return (word[:-2], word[:-1])
    if word.endswith("ing") and n > 5:
        return (word[:-3], word[:-3] + "e")
    if word.endswith("ly") and n > 5:
        return (word[:-2],)
    return ()


_CONTRACTIONS = frozenset({"ve", "re", "ll", "d", "m", "t", "s"})


@dataclass(slots=True, frozen=True)
class Lexicon:
    """Word and name lists.

    ``common`` holds lowercase dictionary words less the inflected forms
    whose base is present (see ``is_common``); ``names`` maps a known name to
    its kind (one of ``GAZETTEER_KINDS``).
    """

    common: frozenset[str]
    first: frozenset[str]
    last: frozenset[str]
    names: dict[str, str]

    def is_common(self, word: str) -> bool:
        """True if ``word`` (any case) is an ordinary dictionary word."""
        low = word.lower()
        common = self.common
        if low in common:
            return True
        if "'" in low or "\u2019" in low:
            stem, _, tail = low.replace("\u2019", "'").partition("'")
            if tail in _CONTRACTIONS:
                return stem in common  # "We've" -> "we"
        return any(base in common for base in base_forms(low))


def _lines(name: str) -> list[str]:
    try:
        raw = (_DATA / name).read_bytes()
        return gzip.decompress(raw).decode("utf-8").split("\n")
    except (OSError, EOFError, ValueError):
        # A missing or damaged list degrades the finder instead of breaking it.
        return []


@cache
def lexicon() -> Lexicon:
    """The shared lists (read on first use, then cached)."""
    names: dict[str, str] = {}
    for kind in reversed(GAZETTEER_KINDS):
        names.update(dict.fromkeys(_lines(f"names_{kind}.txt.gz"), kind))
    names.pop("", None)
    return Lexicon(
        common=frozenset(_lines("common.txt.gz")) - {""},
        first=frozenset(_lines("first_names.txt.gz")) - {""},
        last=frozenset(_lines("last_names.txt.gz")) - {""},
        names=names,
    )
