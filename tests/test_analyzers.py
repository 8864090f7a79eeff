"""The fast indexing path of the analyzers must produce exactly the words
Whoosh's token chain produces (queries are analysed by the chain)."""

from __future__ import annotations

import io
import pickle
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import fields
from whoosh.formats import Positions

from byline.index.store import positions as positions_module
from byline.index.store.analyzers import WordField, Words, name_analyzer, text_analyzer
from byline.index.store.positions import (
    BlockValues,
    block_loads,
    decode,
    encode,
    value_lengths,
)
from byline.reader.cli.commands import bundled_seeds

TEXT = st.text(
    alphabet=st.sampled_from([*"abcXYZ éüİßſ*.'-_ 0123\n\tΣς日本", "\u2019", "\u03c3"]),
    max_size=80,
)


def _chain(analyzer: Words, text: str) -> list[str]:
    return [token.text for token in analyzer(text)]


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_fast_words_equal_the_token_chain(text: str) -> None:
    for analyzer in (text_analyzer(), name_analyzer()):
        assert analyzer.terms(text) == _chain(analyzer, text)


def test_fast_words_equal_the_token_chain_on_the_seeds() -> None:
    analyzer = text_analyzer()
    for path in sorted(bundled_seeds().glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        assert analyzer.terms(text) == _chain(analyzer, text)


def test_words_are_stemmed_only_for_text() -> None:
    assert text_analyzer().terms("Jones reported") == ["jone", "report"]
    assert name_analyzer().terms("Jones reported") == ["jones", "reported"]


def test_analyzer_pickles_as_the_whoosh_chain_it_equals() -> None:
    analyzer = text_analyzer()
    analyzer.terms("reports " * 10)
    data = pickle.dumps(analyzer)
    assert not [
        m for m in pickled_modules(data) if m.split(".")[0] not in ("whoosh", "builtins", "re")
    ]
    copy = pickle.loads(data)
    assert [token.text for token in copy("Reports")] == ["report"]


def pickled_modules(data: bytes) -> set[str]:
    """The modules of the classes and functions a pickle refers to."""
    modules: set[str] = set()

    class Recorder(pickle.Unpickler):
        def find_class(self, module: str, name: str) -> Any:
            modules.add(module)
            return super().find_class(module, name)

    Recorder(io.BytesIO(data)).load()
    return modules


POSITIONS = st.lists(st.integers(min_value=0, max_value=2**31 - 1), min_size=1, unique=True)


@given(POSITIONS)
def test_positions_are_whoosh_positions(positions: list[int]) -> None:
    positions.sort()
    value = encode(positions)
    whoosh = Positions(field_boost=2.0)
    assert whoosh.decode_positions(value) == positions
    assert whoosh.decode_frequency(value) == len(positions)
    assert whoosh.decode_weight(value) == 2.0 * len(positions)


@given(st.lists(POSITIONS, min_size=1, max_size=40), st.data())
def test_positions_decode_a_block_at_once(postings: list[list[int]], data: st.DataObject) -> None:
    for positions in postings:
        positions.sort()
    keep = data.draw(st.lists(st.booleans(), min_size=len(postings), max_size=len(postings)))
    values = [encode(positions) for positions in postings]
    lengths = np.array([len(v) for v in values], dtype=np.int64)
    kept = [positions for positions, k in zip(postings, keep, strict=True) if k]
    chosen = np.flatnonzero(np.array(keep, dtype=np.bool_))
    offsets = chosen << 32
    keyed_kept = [
        (n << 32) + p
        for n, (positions, k) in enumerate(zip(postings, keep, strict=True))
        if k
        for p in positions
    ]
    few = positions_module.FEW
    try:
        # Both ways: posting by posting (few) and with array arithmetic (none).
        for positions_module.FEW in (few, 0):
            counts, flat = decode(b"".join(values), lengths, chosen)
            assert counts.tolist() == [len(positions) for positions in kept]
            assert flat.tolist() == [p for positions in kept for p in positions]
            _counts, keyed = decode(b"".join(values), lengths, chosen, offsets)
            assert keyed.tolist() == keyed_kept
    finally:
        positions_module.FEW = few


@pytest.mark.parametrize("few", [48, 0])
def test_positions_in_whoosh_own_encoding_are_refused(
    few: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(positions_module, "FEW", few)
    value = Positions().encode([3, 9, 400])
    with pytest.raises(ValueError, match="layout"):
        decode(value, np.array([len(value)], dtype=np.int64))


@given(st.lists(st.binary(max_size=300), min_size=1))
def test_block_values_unpickle_as_whoosh_tuples_or_as_one_block(values: list[bytes]) -> None:
    data = pickle.dumps(([1], None, BlockValues.of(values)), protocol=5)
    assert pickled_modules(data) == {"_struct"}
    assert pickle.loads(data)[2] == tuple(values)
    block = block_loads(data)[2]
    assert isinstance(block, BlockValues)
    assert len(block) == len(values)
    assert block.lengths().tolist() == [len(v) for v in values]
    assert block.blob == b"".join(values)


def test_word_fields_pickle_as_plain_whoosh_fields() -> None:
    field = WordField(analyzer=text_analyzer(), stored=True, field_boost=2.0)
    data = pickle.dumps(field, protocol=5)
    assert not [
        m for m in pickled_modules(data) if m.split(".")[0] not in ("whoosh", "builtins", "re")
    ]
    plain = pickle.loads(data)
    assert type(plain) is fields.TEXT
    assert plain.stored
    assert plain.format.field_boost == 2.0
    text = "Reports of the reporting reporters"
    assert list(plain.process_text(text, mode="query")) == text_analyzer().terms(text)


@given(st.lists(st.lists(st.binary(max_size=1200), max_size=20), min_size=1), st.booleans())
def test_value_lengths_of_many_blocks(blocks: list[list[bytes]], tuples: bool) -> None:
    # Packed blocks, some with no values, and (as inlined postings hold) a tuple's lengths.
    packed: list[BlockValues | list[int]] = [BlockValues.of(values) for values in blocks]
    if tuples:
        packed.append([3, 1, 4])
    expected = [len(value) for values in blocks for value in values] + ([3, 1, 4] if tuples else [])
    assert value_lengths(packed).tolist() == expected
