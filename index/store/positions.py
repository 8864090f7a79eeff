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
#: The pickle opcode of a gap of each width (opcode byte included); no byte
#: equals the entry of a width that does not exist.
_OPCODE = np.full(6, 256, dtype=np.int16)
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
    # At least two digits: blocks of one posting list then mostly share a
    # width, and their lengths are read in one pass.
    digits = max(2, len(str(max(lengths, default=0))))
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

    def digits(self) -> int:
        """How many digits each length has in :attr:`format` (0: no values)."""
        return self.format.find(b"s") - 1 if len(self.format) > 1 else 0

    def lengths(self) -> NDArray[np.int64]:
        """Each value's length in bytes."""
        return value_lengths([self])


def value_lengths(blocks: Sequence[BlockValues | Sequence[int]]) -> NDArray[np.int64]:
    """The length of every value of ``blocks`` (packed ones, or the lengths of
    a tuple's values), in order: in one pass over all their formats when
    their lengths have as many digits, as they mostly do."""
    digits = {b.digits() if isinstance(b, BlockValues) else 0 for b in blocks}
    if len(digits) != 1 or (width := digits.pop()) <= 0:
        parts = [
            value_lengths([b])
            if isinstance(b, BlockValues) and b.digits() > 0
            else np.asarray(b if not isinstance(b, BlockValues) else [], dtype=np.int64)
            for b in blocks
        ]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
    joined = b"".join(b.format[1:] for b in blocks if isinstance(b, BlockValues))
    table = np.frombuffer(joined, dtype=np.uint8).reshape(-1, width + 1)
    # Digit by digit (an integer matrix product has no fast path in numpy).
    out = table[:, 0].astype(np.int64)
    for column in range(1, width):
        out *= 10
        out += table[:, column]
    out -= ord("0") * int("1" * width)  # every digit's character code, at its place
    return out


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
    blob: bytes,
    lengths: NDArray[np.int64],
    chosen: NDArray[np.int64] | None = None,
    offsets: NDArray[np.int64] | None = None,
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """The positions in values joined in ``blob`` (each of ``lengths`` bytes),
    of the postings at the ascending indexes ``chosen`` (default: all): how
    many each has, and all of them in order, each plus its posting's entry
    in ``offsets`` (one per chosen posting; the query engine makes document
    number and position one integer that way).  Raises ``ValueError`` on a
    value not in this module's layout."""
    ends = np.cumsum(lengths)
    if (int(ends[-1]) if len(ends) else 0) != len(blob):
        raise ValueError("positions do not fill their blocks")
    if chosen is not None:
        ends, lengths = ends[chosen], lengths[chosen]
    if not len(ends):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    if len(ends) <= FEW:
        few_counts, few_positions = _decode_few(
            blob,
            ends.tolist(),
            lengths.tolist(),
            offsets.tolist() if offsets is not None else [0] * len(ends),
        )
        return np.array(few_counts, dtype=np.int64), np.array(few_positions, dtype=np.int64)
    starts = ends - lengths
    data = np.frombuffer(blob, dtype=np.uint8)
    counts = _view(blob, ">u4")[starts].astype(np.int64)
    room = lengths - _FRAME
    widths = room // np.maximum(counts, 1)
    first = starts + 5  # each posting's first gap opcode
    width = int(widths[0])
    uniform = bool((widths == width).all())
    opcodes = _OPCODE[min(max(width, 0), 5)] if uniform else _OPCODE[np.clip(widths, 0, 5)]
    if (widths * counts != room).any() or (data[first] != opcodes).any():
        raise ValueError("positions not in byline's layout")
    total = int(counts.sum())
    if total == len(counts):  # one position each (most postings): the gap is it
        found = _gaps(blob, data, first, widths)
        return counts, found if offsets is None else found + offsets
    firsts = np.cumsum(counts) - counts
    # Each gap's opcode is a running sum of steps: the width within a
    # posting, and from a posting's last gap to the next one's first.
    step = np.full(total, width if uniform else 2, dtype=np.int64)
    each: NDArray[np.int64] = np.full(1, width)
    if not uniform:
        each = np.full(total, 2, dtype=np.int64)
        wide = np.flatnonzero(widths != 2)  # few: postings with a gap of 256 or more
        runs = counts[wide]
        where = np.repeat(firsts[wide] - (np.cumsum(runs) - runs), runs) + np.arange(runs.sum())
        step[where] = each[where] = np.repeat(widths[wide], runs)
    last = first + (counts - 1) * widths
    step[0] = first[0]
    step[firsts[1:]] = first[1:] - last[:-1]
    gaps = _gaps(blob, data, np.cumsum(step), each)
    # Positions are running sums of the gaps restarted at each posting: the
    # sum reaches a posting at the last position of the one before (the sum
    # of its gaps), which its first gap takes off (and its offset adds).
    before = np.add.reduceat(gaps, firsts)
    before[1:] = before[:-1]
    before[0] = 0
    if offsets is not None:
        before[1:] += offsets[:-1]
        before -= offsets
    gaps[firsts] -= before
    return counts, np.cumsum(gaps)


#: Up to this many postings are decoded one at a time: array arithmetic
#: costs more in calls than it saves on so few.
FEW = 48
#: The pickle opcode of a gap of each width.
_OPCODE_OF = {2: _K, 3: _M, 5: _J}


def _decode_few(
    blob: bytes, ends: list[int], lengths: list[int], offsets: list[int]
) -> tuple[list[int], list[int]]:
    """What :func:`decode` returns, posting by posting."""
    counts: list[int] = []
    out: list[int] = []
    for end, length, offset in zip(ends, lengths, offsets, strict=True):
        start = end - length
        count = int.from_bytes(blob[start : start + 4], "big")
        width = (length - _FRAME) // count if count else 0
        opcode = _OPCODE_OF.get(width)
        if opcode is None or width * count != length - _FRAME or blob[end - 1] != _TUPLE[0]:
            raise ValueError("positions not in byline's layout")
        position = offset
        for at in range(start + 5, end - 1, width):
            if blob[at] != opcode:
                raise ValueError("positions not in byline's layout")
            position += int.from_bytes(blob[at + 1 : at + width], "little", signed=width == 5)
            out.append(position)
        counts.append(count)
    return counts, out


def _gaps(
    blob: bytes, data: NDArray[np.uint8], at: NDArray[np.int64], widths: NDArray[np.int64]
) -> NDArray[np.int64]:
    """The gaps whose opcodes are at ``at``, of ``widths`` (one each, or one for all)."""
    gaps = data[at + 1].astype(np.int64)
    if len(widths) == 1:
        wide = at if widths[0] > 2 else at[:0]
        five = np.full(len(wide), widths[0] == 5)
        where = None
    else:
        where = np.flatnonzero(widths > 2)  # few: gaps of 256 words or more
        wide, five = at[where], widths[where] == 5
    if not len(wide):
        return gaps
    # Both wider kinds start with two little-endian bytes; the widest has four.
    values = _view(blob, "<u2")[wide + 1].astype(np.int64)
    if five.any():
        values[five] = _view(blob, "<i4")[wide[five] + 1]
    if where is None:
        return values
    gaps[where] = values
    return gaps


def _view(buffer: bytes, dtype: str) -> NDArray[Any]:
    """``buffer`` as integers of ``dtype`` starting at every byte (overlapping)."""
    size = np.dtype(dtype).itemsize
    return np.ndarray((len(buffer) - size + 1,), dtype=dtype, buffer=buffer, strides=(1,))
