"""The text analyzers shared by the index schema and the query translation,
defined once so that a query word is always analysed like indexed text.

Whoosh analyzers are chains of generators that make a ``Token`` object per
word and pass it through every filter: about three quarters of the cost of
indexing an article.  :class:`Words` keeps Whoosh's chain for queries and
highlighting, and adds :meth:`Words.terms`, the same words from one regular
expression pass and a stem cache, which :class:`WordField` uses to index.
"""

from __future__ import annotations

import re
import sys
from array import array
from collections.abc import Sequence
from itertools import accumulate
from typing import Any, overload

from whoosh.analysis import Analyzer, LowercaseFilter, RegexTokenizer, StemmingAnalyzer
from whoosh.analysis.tokenizers import default_pattern
from whoosh.fields import TEXT
from whoosh.formats import Positions
from whoosh.lang.porter import stem

#: Whoosh's default word pattern, without its capturing group so that
#: ``findall`` returns whole words.
_WORD = re.compile(default_pattern.pattern.replace("(", "(?:"), default_pattern.flags)
#: Past this many distinct words the stem cache starts afresh (a few MB).
_CACHE_LIMIT = 200_000


class Words(Analyzer):  # type: ignore[misc]  # whoosh is untyped
    """Words, lowercased and, if ``stemmed``, Porter-stemmed."""

    def __init__(self, stemmed: bool) -> None:
        self.stemmed = stemmed
        self._chain: Any = None
        self._cache: dict[str, str] = {}

    def _whoosh_chain(self) -> Any:
        if self._chain is None:
            self._chain = (
                StemmingAnalyzer(stoplist=None)
                if self.stemmed
                else RegexTokenizer() | LowercaseFilter()
            )
        return self._chain

    def __call__(self, value: str, **kwargs: Any) -> Any:
        return self._whoosh_chain()(value, **kwargs)

    def terms(self, text: str) -> list[str]:
        """The indexed words of ``text`` in order: what ``__call__`` yields, faster."""
        words = _WORD.findall(text)
        if not self.stemmed:
            return [w.lower() for w in words]
        cache = self._cache
        if len(cache) > _CACHE_LIMIT:
            cache.clear()
        out = []
        for word in words:
            term = cache.get(word)
            if term is None:
                term = cache[word] = stem(word.lower())
            out.append(term)
        return out

    def __getstate__(self) -> dict[str, Any]:
        # The schema is pickled into every index generation: only the setting.
        return {"stemmed": self.stemmed}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(bool(state["stemmed"]))  # type: ignore[misc]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Words) and other.stemmed == self.stemmed

    def __hash__(self) -> int:
        return hash(("Words", self.stemmed))


class WordField(TEXT):  # type: ignore[misc]  # whoosh is untyped
    """A Whoosh ``TEXT`` field (positions kept, scorable) indexed through
    :meth:`Words.terms` instead of Whoosh's token chain."""

    def __init__(self, analyzer: Words, **kwargs: Any) -> None:
        super().__init__(analyzer=analyzer, **kwargs)
        self.format = PackedPositions(field_boost=kwargs.get("field_boost", 1.0))

    def index(self, value: Any, **kwargs: Any) -> Any:
        """(word bytes, frequency, weight, encoded positions) per distinct word."""
        if not isinstance(value, str) or kwargs:
            return super().index(value, **kwargs)
        positions: dict[str, list[int]] = {}
        for i, term in enumerate(self.analyzer.terms(value)):
            found = positions.get(term)
            if found is None:
                positions[term] = [i]
            else:
                found.append(i)
        boost = self.format.field_boost
        encode = self.format.encode
        return [
            (term.encode("utf-8"), len(where), len(where) * boost, encode(where))
            for term, where in positions.items()
        ]


#: An array typecode of 4-byte unsigned integers (``I`` on every usual platform).
U32 = next(code for code in "ILH" if array(code).itemsize == 4)


class PackedPositions(Positions):  # type: ignore[misc]  # whoosh is untyped
    """Whoosh's positions format with each posting's positions stored as an
    array of little-endian 4-byte integers instead of a pickled list of
    deltas: one C call to decode instead of an unpickling per posting, and
    no pickle header in every posting (smaller blocks, even uncompressed)."""

    def encode(self, poslist: Any) -> bytes:
        """The positions (ascending ints) as bytes."""
        packed = array(U32, poslist)
        if sys.byteorder == "big":
            packed.byteswap()
        return packed.tobytes()

    def decode_positions(self, valuestring: bytes) -> list[int]:
        """The positions stored by :meth:`encode`."""
        return unpack_positions(valuestring).tolist()

    def decode_frequency(self, valuestring: bytes) -> int:
        """How many positions there are."""
        return len(valuestring) // 4

    def decode_weight(self, valuestring: bytes) -> float:
        """Frequency times the field's boost, as Whoosh's positions format does."""
        return float(len(valuestring) // 4 * self.field_boost)


class PackedValues(Sequence[bytes]):
    """A postings block's values (each posting's packed positions) as one byte
    string and an array of their lengths.

    Whoosh pickles a block's values as a tuple of byte strings, one object to
    rebuild per posting; this unpickles as two, and the query engine reads
    all positions of a block with one array call.  Whoosh's own readers index
    it like the tuple it replaces.
    """

    __slots__ = ("_starts", "blob", "lengths")

    def __init__(self, blob: bytes, lengths: array[int]) -> None:
        self.blob = blob
        self.lengths = lengths
        self._starts: list[int] | None = None

    def __reduce__(self) -> tuple[type[PackedValues], tuple[bytes, array[int]]]:
        return PackedValues, (self.blob, self.lengths)

    def __len__(self) -> int:
        return len(self.lengths)

    @overload
    def __getitem__(self, index: int) -> bytes: ...

    @overload
    def __getitem__(self, index: slice) -> list[bytes]: ...

    def __getitem__(self, index: int | slice) -> bytes | list[bytes]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        length = self.lengths[index]  # raises IndexError as a tuple would
        if index < 0:
            index += len(self.lengths)
        if self._starts is None:
            self._starts = list(accumulate(self.lengths, initial=0))
        start = self._starts[index]
        return self.blob[start : start + length]


def unpack_positions(value: bytes) -> array[int]:
    """Decode :class:`PackedPositions` bytes."""
    packed = array(U32, value)
    if sys.byteorder == "big":
        packed.byteswap()
    return packed


def text_analyzer() -> Words:
    """Headline, body and quotation text: words, lowercased, Porter-stemmed.

    No stop list, so phrases such as "the end of the war" keep every word.
    """
    return Words(stemmed=True)


def name_analyzer() -> Words:
    """Entity and speaker names: words, lowercased, nothing else (a name
    must not be stemmed: "Jones" is not "Jone")."""
    return Words(stemmed=False)
