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

from byline.index.store.positions import encode

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

    def whoosh_chain(self) -> Any:
        """Whoosh's own analyzer that this one equals (queries and highlighting use it)."""
        if self._chain is None:
            self._chain = (
                StemmingAnalyzer(stoplist=None)
                if self.stemmed
                else RegexTokenizer() | LowercaseFilter()
            )
        return self._chain

    def __call__(self, value: str, **kwargs: Any) -> Any:
        return self.whoosh_chain()(value, **kwargs)

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

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled (in a schema) as the Whoosh chain it equals: no byline name
        # ever reaches an index file.
        return pickled_as(self.whoosh_chain())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Words) and other.stemmed == self.stemmed

    def __hash__(self) -> int:
        return hash(("Words", self.stemmed))


class WordField(TEXT):  # type: ignore[misc]  # whoosh is untyped
    """A Whoosh ``TEXT`` field (positions kept, scorable) indexed through
    :meth:`Words.terms` instead of Whoosh's token chain.

    It pickles (into the index's table of contents) as the plain ``TEXT``
    field with Whoosh's own analyzer chain, so Whoosh alone opens the index
    and analyses query words exactly as byline indexed them.
    """

    def __init__(self, analyzer: Words, **kwargs: Any) -> None:
        super().__init__(analyzer=analyzer, **kwargs)
        self._kwargs = kwargs

    def plain(self) -> TEXT:
        """The Whoosh field this one specialises."""
        return TEXT(analyzer=self.analyzer.whoosh_chain(), **self._kwargs)

    def __reduce__(self) -> tuple[Any, ...]:
        return pickled_as(self.plain())

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
        return [
            (term.encode("utf-8"), len(where), len(where) * boost, encode(where))
            for term, where in positions.items()
        ]


def pickled_as(obj: Any) -> tuple[Any, ...]:
    """A ``__reduce__`` value that pickles ``obj`` (a plain Whoosh object) in
    place of the byline object being pickled: made with ``object.__new__``
    and given ``obj``'s state, as pickle does for any plain class."""
    state = obj.__getstate__()
    return object.__new__, (type(obj),), state


def text_analyzer() -> Words:
    """Headline, body and quotation text: words, lowercased, Porter-stemmed.

    No stop list, so phrases such as "the end of the war" keep every word.
    """
    return Words(stemmed=True)


def name_analyzer() -> Words:
    """Entity and speaker names: words, lowercased, nothing else (a name
    must not be stemmed: "Jones" is not "Jone")."""
    return Words(stemmed=False)
