"""How byline lays out the parts of a postings block (Whoosh 2.7's W3 block:
a pickled ``(ids, weights, values)`` tuple).

Whoosh stores each part as a tuple holding one object per posting; byline
stores arrays and one :class:`~byline.index.store.positions.BlockValues`
instead, which unpickle as a handful of objects that the query engine turns
into numpy arrays without a per-posting step.  Whoosh's own readers index
them like the tuples they replace.
"""

from __future__ import annotations

import operator
from array import array
from itertools import chain
from typing import TYPE_CHECKING

from byline.index.store.positions import BlockValues

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

#: Postings per block of a posting list (Whoosh writes 128): the query engine
#: pays a fixed cost per block.
BLOCK_POSTINGS = 4096
#: An array typecode of 4-byte unsigned integers (``I`` on every usual platform).
U32 = next(code for code in "ILH" if array(code).itemsize == 4)


def id_deltas(ids: Sequence[int]) -> Iterator[int]:
    """Each document number less the one before it (the first less 0): a
    block's ids as Whoosh stores them."""
    return map(operator.sub, ids, chain((0,), ids))


def narrowest(values: array[int]) -> array[int]:
    """``values`` (unsigned) in the smallest array type that holds them all."""
    top = max(values, default=0)
    for code in "BH":
        if top < 1 << (8 * array(code).itemsize):
            return array(code, values)
    return values


def block_ids(ids: Sequence[int]) -> array[int]:
    """A block's document numbers as Whoosh stores them (deltas), in an array."""
    return narrowest(array(U32, id_deltas(ids)))


def block_weights(weights: Sequence[float]) -> float | array[int] | array[float] | None:
    """A block's weights: None when all are 1, one number when all are equal
    (as Whoosh stores them), else an array (word counts times a whole-number
    boost fit an array of ints)."""
    first = weights[0]
    if all(w == first for w in weights):
        return None if first == 1.0 else float(first)
    if all(float(w).is_integer() for w in weights):
        return narrowest(array(U32, map(int, weights)))
    return array("d", weights)


def block_values(values: Sequence[bytes]) -> BlockValues:
    """A block's values (one per posting) as one :class:`BlockValues`."""
    return BlockValues.of(values)
