"""Whole-extent posting reads agree with Whoosh's own matcher."""

from __future__ import annotations

from itertools import accumulate
from typing import TYPE_CHECKING, Any

from whoosh import fields
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.codec import whoosh3

from byline.index.store.analyzers import WordField, text_analyzer
from byline.index.store.engine import Engine
from byline.index.store.positions import decode
from byline.index.store.postings import blocks, prefix_infos, term_info

if TYPE_CHECKING:
    from pathlib import Path


def _many_blocks(path: Path, *, packed: bool = False) -> Any:
    # Whoosh's own writer: zlib-compressed blocks of 128 postings, so "common"
    # spans several blocks, some of them compressed.
    body = WordField(analyzer=text_analyzer()) if packed else fields.TEXT(phrase=True)
    schema = fields.Schema(body=body)
    ix = whoosh_index.create_in(path, schema)
    with ix.writer() as writer:
        for i in range(700):
            words = ["common"] * (1 + i % 3) + ([f"rare{i % 7}"] if i % 5 == 0 else [])
            if i % 4 == 0:
                words += ["common", "ground"]
            writer.add_document(body=" ".join(words))
    return ix


def test_blocks_read_what_whoosh_reads(tmp_path: Path) -> None:
    ix = _many_blocks(tmp_path)
    with ix.reader() as reader:
        for word in (b"common", b"rare3"):
            info = term_info(reader, "body", word)
            decoded = list(blocks(reader, info))
            assert len(decoded) == (6 if word == b"common" else 1)
            ids = [i for deltas, _w, _v in decoded for i in accumulate(deltas)]
            values = [v for _d, _w, vals in decoded for v in vals]
            matcher = reader.postings("body", word)
            assert ids == list(matcher.all_ids())
            assert values == _values(reader, "body", word)
        assert term_info(reader, "body", b"absent") is None
        infos = list(prefix_infos(reader, "body", b"rare", cap=5))
        assert [info.doc_frequency() for info in infos] == [20] * 5


def test_engine_reads_many_blocks_as_whoosh_does(tmp_path: Path) -> None:
    ix = _many_blocks(tmp_path, packed=True)
    with ix.searcher() as searcher:
        engine = Engine(searcher)
        found = engine._postings("body", b"common")
        matcher = searcher.reader().postings("body", b"common")
        assert found.ids.tolist() == list(matcher.all_ids())
        assert found.weights.tolist() == [
            float(w) for _id, w in searcher.reader().postings("body", b"common").items_as("weight")
        ]
        with_positions = engine._postings("body", b"common", positions=True)
        assert with_positions.ids.tolist() == found.ids.tolist()
        blob = b"".join(with_positions.positions)
        assert int(with_positions.lengths().sum()) == len(blob)
        counts, positions = decode(blob, with_positions.lengths())
        assert counts.tolist() == [int(w) for w in found.weights]
        expected = [
            p for _id, ps in matcher_positions(searcher.reader(), "body", b"common") for p in ps
        ]
        assert positions.tolist() == expected
        phrase = wq.Phrase("body", ["common", "ground"])
        assert engine.match(phrase).docs().tolist() == sorted(searcher.docs_for_query(phrase))
        assert len(engine.match(phrase).docs()) == 175


def test_phrases_in_other_position_formats_are_left_to_whoosh(tmp_path: Path) -> None:
    ix = _many_blocks(tmp_path)
    with ix.searcher() as searcher:
        phrase = wq.Phrase("body", ["common", "ground"])
        assert Engine(searcher).match(phrase).docs().tolist() == sorted(
            searcher.docs_for_query(phrase)
        )


def matcher_positions(reader: Any, field: str, word: bytes) -> list[tuple[int, list[int]]]:
    """Each posting's document and positions, as Whoosh's own matcher decodes them."""
    return list(reader.postings(field, word).items_as("positions"))


def _values(reader: object, field: str, word: bytes) -> list[bytes]:
    matcher = reader.postings(field, word)  # type: ignore[attr-defined]
    out = []
    while matcher.is_active():
        out.append(matcher.value())
        matcher.next()
    return out


def test_inlined_postings_come_as_one_block() -> None:
    info = whoosh3.W3TermInfo()
    info.set_inlined([3, 7, 8], [1.0, 2.0, 1.0], [b"a", b"b", b"c"])
    assert list(blocks(None, info)) == [([3, 4, 1], (1.0, 2.0, 1.0), (b"a", b"b", b"c"))]
