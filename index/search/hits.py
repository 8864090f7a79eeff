"""Search hits that are read from the index only when someone looks at them.

A search over a big corpus may match tens of thousands of articles; a
reader shows a screenful.  :class:`HitList` holds just the matched document
numbers and scores (plain data) and builds each :class:`Hit` (stored fields,
file, snippet) on first access, so the cost of a search does not grow with
the number of hits it returns.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from typing import overload

from byline.index.models import Hit

LoadFn = Callable[[int, float], Hit]
LocateFn = Callable[[str], "int | None"]


class HitList(Sequence[Hit]):
    """The hits of one search, in rank order, materialised lazily (thread-safe)."""

    __slots__ = ("_cache", "_docs", "_load", "_locate", "_lock", "_positions", "_scores")

    def __init__(
        self,
        docs: Sequence[int],
        scores: Sequence[float],
        load: LoadFn,
        locate: LocateFn,
    ) -> None:
        self._docs = tuple(docs)
        self._scores = tuple(scores)
        self._load = load
        self._locate = locate
        self._cache: dict[int, Hit] = {}
        self._positions: dict[int, int] | None = None
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._docs)

    @overload
    def __getitem__(self, index: int) -> Hit: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Hit, ...]: ...

    def __getitem__(self, index: int | slice) -> Hit | tuple[Hit, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self._docs))))
        if index < 0:
            index += len(self._docs)
        if not 0 <= index < len(self._docs):
            raise IndexError("hit index out of range")
        hit = self._cache.get(index)
        if hit is None:
            hit = self._load(self._docs[index], self._scores[index])
            with self._lock:
                self._cache[index] = hit
        return hit

    def __iter__(self) -> Iterator[Hit]:
        for i in range(len(self._docs)):
            yield self[i]

    @property
    def docnums(self) -> tuple[int, ...]:
        """The index's document numbers of the hits, in order."""
        return self._docs

    def loaded(self, index: int) -> Hit | None:
        """The hit at ``index`` if it has been built already, else ``None``."""
        return self._cache.get(index)

    def position(self, id: str) -> int | None:
        """Where the article ``id`` is in this list, without loading any hit."""
        docnum = self._locate(id)
        if docnum is None:
            return None
        with self._lock:
            if self._positions is None:
                self._positions = {d: i for i, d in enumerate(self._docs)}
            return self._positions.get(docnum)
