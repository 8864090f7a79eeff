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
from typing import Any

from whoosh.analysis import Analyzer, LowercaseFilter, RegexTokenizer, StemmingAnalyzer
from whoosh.analysis.tokenizers import default_pattern
from whoosh.fields import TEXT
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


def text_analyzer() -> Words:
    """Headline, body and quotation text: words, lowercased, Porter-stemmed.

    No stop list, so phrases such as "the end of the war" keep every word.
    """
    return Words(stemmed=True)


def name_analyzer() -> Words:
    """Entity and speaker names: words, lowercased, nothing else (a name
    must not be stemmed: "Jones" is not "Jone")."""
    return Words(stemmed=False)
