"""The fast indexing path of the analyzers must produce exactly the words
Whoosh's token chain produces (queries are analysed by the chain)."""

from __future__ import annotations

import pickle
from array import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from byline.index.store.analyzers import (
    U32,
    PackedPositions,
    PackedValues,
    Words,
    name_analyzer,
    text_analyzer,
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


def test_analyzer_pickles_without_its_cache() -> None:
    analyzer = text_analyzer()
    analyzer.terms("reports " * 10)
    copy = pickle.loads(pickle.dumps(analyzer))
    assert copy == analyzer
    assert copy.terms("Reports") == ["report"]
    assert len(pickle.dumps(analyzer)) < 200


@given(st.lists(st.integers(min_value=0, max_value=2**32 - 1), min_size=1, unique=True))
def test_packed_positions_round_trip(positions: list[int]) -> None:
    positions.sort()
    fmt = PackedPositions(field_boost=2.0)
    value = fmt.encode(positions)
    assert len(value) == 4 * len(positions)
    assert fmt.decode_positions(value) == positions
    assert fmt.decode_frequency(value) == len(positions)
    assert fmt.decode_weight(value) == 2.0 * len(positions)
    assert fmt.decode_positions(fmt.combine([value, fmt.encode([positions[0]])])) == positions


@given(st.lists(st.binary(max_size=12)), st.data())
def test_packed_values_read_like_the_tuple_they_replace(
    values: list[bytes], data: st.DataObject
) -> None:
    packed = PackedValues(b"".join(values), array(U32, map(len, values)))
    copy = pickle.loads(pickle.dumps(packed, protocol=5))
    for block in (packed, copy):
        assert len(block) == len(values)
        assert list(block) == values
        if values:
            index = data.draw(st.integers(-len(values), len(values) - 1))
            assert block[index] == values[index]
        assert block[1::2] == values[1::2]
    with pytest.raises(IndexError):
        packed[len(values)]
