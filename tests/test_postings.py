"""Whole-extent posting reads agree with Whoosh's own matcher."""

from __future__ import annotations

from itertools import accumulate
from typing import TYPE_CHECKING

from whoosh import fields
from whoosh import index as whoosh_index
from whoosh.codec import whoosh3

from byline.index.postings import blocks, prefix_infos, term_info

if TYPE_CHECKING:
    from pathlib import Path


def test_blocks_read_what_whoosh_reads(tmp_path: Path) -> None:
    # Whoosh's own writer: zlib-compressed blocks of 128 postings, so "common"
    # spans several blocks, some of them compressed.
    schema = fields.Schema(body=fields.TEXT(phrase=True))
    ix = whoosh_index.create_in(tmp_path, schema)
    with ix.writer() as writer:
        for i in range(700):
            words = ["common"] * (1 + i % 3) + ([f"rare{i % 7}"] if i % 5 == 0 else [])
            writer.add_document(body=" ".join(words))
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
