"""Word positions as Whoosh's own ``Positions`` format reads them, laid out
so that byline can decode a whole posting list's positions at once.

Whoosh stores a posting's positions as a 4-byte big-endian count followed by
a pickle of the gaps between positions, and decodes them with
``pickle.loads``.  Any pickle of a sequence of ints will do, so byline writes
one with a single layout per posting: ``(`` (MARK), then each gap as one
opcode of the same width (``K`` + 1 byte, ``M`` + 2 bytes or ``J`` + 4
bytes, little-endian, the narrowest that holds the largest gap), then ``t``
(TUPLE).  With the count and the width known from the value's length,
:func:`decode` finds every gap of every posting with array arithmetic.

A postings block stores its values (one per posting) as a call to
:func:`struct.unpack` with a format like ``<08s10s08s`` and the values joined
in one byte string: Whoosh unpickles that into the tuple of values it
expects, with nothing but the standard library, while :func:`block_loads`
keeps it as one :class:`BlockValues` (the byte string and a format whose
fixed-width lengths numpy reads in one call).
"""

from __future__ import annotations

import io
import pickle
import struct
from itertools import chain, repeat
from operator import sub
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from collections.abc import Sequence

    from numpy.typing import NDArray

_MARK, _TUPLE = b"(", b"t"
_K, _M, _J = 0x4B, 0x4D, 0x4A
#: The pickle opcode of a gap of each width (opcode byte included).
_OPCODE = np.zeros(6, dtype=np.uint8)
_OPCODE[2], _OPCODE[3], _OPCODE[5] = _K, _M, _J
#: Bytes a value has besides its gaps: the count, MARK and TUPLE.
_FRAME = 6
_COUNT = struct.Struct(">I")
_ONE_BYTE = [bytes((_K, gap)) for gap in range(256)]
_HEADS = [_COUNT.pack(n) + _MARK for n in range(256)]
#: The value of a single position below 256 (most postings).
_SINGLES = [_COUNT.pack(1) + _MARK + bytes((_K, p)) + _TUPLE for p in range(256)]


def encode(positions: Sequence[int]) -> bytes:
    """One posting's positions (ascending ints) in the layout described above."""
    n = len(positions)
    if n == 1 and positions[0] < 256:
        return _SINGLES[positions[0]]
    gaps = list(map(sub, positions, chain((0,), positions)))
    top = max(gaps)
    if top < 256:
        body = b"".join(map(_ONE_BYTE.__getitem__, gaps))
    elif top < 65536:
        body = struct.pack("<" + "BH" * n, *chain.from_iterable(zip(repeat(_M), gaps)))
    else:
        body = struct.pack("<" + "Bi" * n, *chain.from_iterable(zip(repeat(_J), gaps)))
    head = _HEADS[n] if n < 256 else _COUNT.pack(n) + _MARK
    return head + body + _TUPLE


def value_format(lengths: Sequence[int]) -> bytes:
    """The :func:`struct.unpack` format that splits values of these lengths,
    every length written with the same number of digits."""
    digits = len(str(max(lengths, default=0)))
    return b"<" + b"".join(b"%0*ds" % (digits, length) for length in lengths)


class BlockValues:
    """A postings block's values as one byte string and its split format.

    Pickles as ``struct.unpack(format, blob)``, which any Python unpickles
    into the tuple of values Whoosh expects.
    """

    __slots__ = ("blob", "format")

    def __init__(self, format: bytes, blob: bytes) -> None:
        self.format = format
        self.blob = blob

    @classmethod
    def of(cls, values: Sequence[bytes]) -> BlockValues:
        """The block of these values."""
        return cls(value_format([len(v) for v in values]), b"".join(values))

    def __reduce__(self) -> tuple[Any, tuple[bytes, bytes]]:
        return struct.unpack, (self.format, self.blob)

    def __len__(self) -> int:
        if len(self.format) <= 1:
            return 0
        return (len(self.format) - 1) // self.format.index(b"s")

    def lengths(self) -> NDArray[np.int64]:
        """Each value's length in bytes."""
        if len(self.format) <= 1:
            return np.zeros(0, dtype=np.int64)
        digits = self.format.index(b"s") - 1
        table = np.frombuffer(self.format, dtype=np.uint8, offset=1).reshape(-1, digits + 1)
        if not (table[:, digits] == ord("s")).all():
            raise ValueError("not a block values format")
        scale = 10 ** np.arange(digits - 1, -1, -1, dtype=np.int64)
        return (table[:, :digits].astype(np.int64) - ord("0")) @ scale


class _BlockUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        # The one global a block holds besides array's: its values' split.
        if (module, name) == ("_struct", "unpack"):
            return BlockValues
        return super().find_class(module, name)


def block_loads(data: bytes) -> Any:
    """Unpickle a postings block, its values as one :class:`BlockValues`."""
    return _BlockUnpickler(io.BytesIO(data)).load()


def decode(
    blob: bytes, lengths: NDArray[np.int64], keep: NDArray[np.bool_] | None = None
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """The positions in values joined in ``blob`` (each of ``lengths`` bytes),
    of the postings ``keep`` selects: how many each has, and all of them in
    order.  Raises ``ValueError`` on a value not in this module's layout."""
    starts = np.cumsum(lengths) - lengths
    if keep is not None:
        starts, lengths = starts[keep], lengths[keep]
    if not len(starts):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    if int(starts[-1] + lengths[-1]) > len(blob):
        raise ValueError("positions run past their block")
    padded = blob + bytes(4)  # a gap's view may read past the last value
    data = np.frombuffer(padded, dtype=np.uint8)
    counts = _view(padded, ">u4")[starts].astype(np.int64)
    widths = (lengths - _FRAME) // np.maximum(counts, 1)
    if (
        (counts < 1).any()
        or ((lengths - _FRAME) != widths * counts).any()
        or ((widths != 2) & (widths != 3) & (widths != 5)).any()
        or (data[starts + 4] != _MARK[0]).any()
        or (data[starts + lengths - 1] != _TUPLE[0]).any()
    ):
        raise ValueError("positions not in byline's layout")
    total = int(counts.sum())
    firsts = np.cumsum(counts) - counts
    # Each gap's opcode: its posting's first gap, plus its rank times the width.
    width = int(widths[0])
    if (widths == width).all():  # one width throughout (mostly bytes): cheaper
        at = np.repeat(starts + 5 - width * firsts, counts) + width * np.arange(total)
        opcodes = _OPCODE[width]
        gaps = _view(padded, _GAP[width])[at + 1].astype(np.int64)
    else:
        each = np.repeat(widths, counts)
        at = np.repeat(starts + 5, counts) + (np.arange(total) - np.repeat(firsts, counts)) * each
        opcodes = _OPCODE[each]
        gaps = np.select(
            [each == 2, each == 3],
            [data[at + 1], _view(padded, "<u2")[at + 1]],
            _view(padded, "<i4")[at + 1],
        ).astype(np.int64)
    if (data[at] != opcodes).any():
        raise ValueError("positions not in byline's layout")
    # Positions are running sums of the gaps, restarted at each posting.
    sums = np.cumsum(gaps)
    before = np.zeros(len(counts), dtype=np.int64)
    before[1:] = sums[firsts[1:] - 1]
    return counts, sums - np.repeat(before, counts)


#: The array type of a gap of each width (opcode byte included).
_GAP = {2: "u1", 3: "<u2", 5: "<i4"}


def _view(buffer: bytes, dtype: str) -> NDArray[Any]:
    """``buffer`` as integers of ``dtype`` starting at every byte (overlapping)."""
    size = np.dtype(dtype).itemsize
    return np.ndarray((len(buffer) - size + 1,), dtype=dtype, buffer=buffer, strides=(1,))
