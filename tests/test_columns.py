"""Whole-column reads give what Whoosh's own per-document reads give, on a real index
with several segments, deleted documents and undated articles."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

import pytest

from byline.index.library.api import Library, open_library
from byline.index.store.columns import DateColumns, date_keys, int_values, live_docs

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


def _write(root: Path, number: int, *, dated: bool) -> None:
    head = f" date 2020-{number % 12 + 1:02d}-{number % 28 + 1:02d} " if dated else ""
    text = f"{head}Article {number} says the council met.\n\nMore words here.\n"
    (root / f"a{number:03d}.txt").write_text(text, encoding="utf-8")


@pytest.fixture(params=["some undated", "all dated"])
def mixed(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Library]:
    """Two segments, both with deletions; some articles on the same day, some
    (in one variant) undated."""
    root = tmp_path / "corpus"
    root.mkdir()
    for number in range(40):
        _write(root, number, dated=request.param == "all dated" or number % 7 != 0)
    library = open_library(root, tmp_path / "data")
    library.update()
    for number in range(40, 60):
        _write(root, number, dated=request.param == "all dated" or number % 5 != 0)
    library.update()
    for number in range(0, 60, 9):
        (root / f"a{number:03d}.txt").unlink()
    library.update()
    yield library
    library.close()


def _slow(searcher: Any, fieldname: str, *, translate: bool) -> list[int]:
    """A column read the way Whoosh reads it: one document at a time."""
    out: list[int] = []
    for leaf, _offset in searcher.leaf_searchers():
        reader = leaf.reader()
        column = reader.column_reader(fieldname, translate=translate)
        out.extend(int(column[i]) for i in range(reader.doc_count_all()))
    return out


def test_the_fixture_has_what_the_fast_paths_must_handle(mixed: Library) -> None:
    searcher = mixed._get_searcher()
    leaves = [leaf.reader() for leaf, _offset in searcher.leaf_searchers()]
    assert len(leaves) > 1
    assert all(reader.has_deletions() for reader in leaves)
    assert sum(_slow(searcher, "undated", translate=True)) < mixed.count()


def test_whole_column_reads_equal_per_document_reads(mixed: Library) -> None:
    searcher = mixed._get_searcher()
    assert int_values(searcher, "undated") == _slow(searcher, "undated", translate=True)
    assert date_keys(searcher, "date") == _slow(searcher, "date", translate=False)
    reader = searcher.reader()
    assert live_docs(searcher) == [
        d for d in range(reader.doc_count_all()) if not reader.is_deleted(d)
    ]


def test_newest_first_order_and_day_counts(mixed: Library) -> None:
    searcher = mixed._get_searcher()
    columns = DateColumns.read(searcher)
    keys = _slow(searcher, "date", translate=False)
    undated = _slow(searcher, "undated", translate=True)
    assert columns.newest == sorted(live_docs(searcher), key=lambda d: (undated[d], -keys[d]))
    hits = mixed.search("", limit=None, lazy=True).hits
    listed = tuple(hits)
    assert [hit.date for hit in listed] == sorted(
        (hit.date for hit in listed), key=lambda day: (day is None, -day.toordinal() if day else 0)
    )
    days, without = mixed.hit_days(hits)
    expected = Counter(hit.date for hit in listed)
    assert without == expected.pop(None, 0)
    assert days == expected
    # The same counts from hits already read (a filtered view passes a tuple).
    assert mixed.hit_days(listed) == (days, without)


def test_day_counts_take_unknown_documents_as_undated(mixed: Library) -> None:
    columns = DateColumns.read(mixed._get_searcher())
    days, without = columns.day_counts(columns.newest)
    beyond = len(columns.keys)
    assert columns.day_counts([*columns.newest, beyond, beyond + 5]) == (days, without + 2)


def _fresh(library: Library) -> tuple[list[int], tuple[dict[Any, int], int]]:
    columns = DateColumns.read(library._get_searcher())
    return columns.newest, columns.day_counts(columns.newest)


def _kept(library: Library) -> list[Path]:
    return sorted(library.index_dir.glob("dates-*.bin"))


def test_the_order_kept_between_launches_is_never_stale(mixed: Library, tmp_path: Path) -> None:
    hits = mixed.search("", limit=None, lazy=True).hits
    assert hits.docnums == tuple(_fresh(mixed)[0])
    (kept,) = _kept(mixed)
    # A second launch reads the kept order and counts: the same as worked out afresh.
    again = open_library(mixed.root, tmp_path / "data")
    columns = again._date_columns(again._get_searcher())
    assert columns.all_days is not None
    assert (columns.newest, columns.day_counts(columns.newest)) == _fresh(again)
    # An update (a deletion, an undated and a dated article) makes a new file.
    (mixed.root / "a010.txt").unlink()
    _write(mixed.root, 99, dated=False)
    _write(mixed.root, 98, dated=True)
    again.update()
    newest = again.search("", limit=None, lazy=True).hits
    assert newest.docnums == tuple(_fresh(again)[0])
    assert again.hit_days(newest) == _fresh(again)[1]
    assert _kept(again) != [kept]
    assert len(_kept(again)) == 1
    again.close()


def test_a_damaged_kept_order_is_worked_out_again(mixed: Library, tmp_path: Path) -> None:
    mixed.search("")
    (kept,) = _kept(mixed)
    expected = _fresh(mixed)
    for damage in (b"", b"\x01\x02\x03", kept.read_bytes()[:-16]):
        kept.write_bytes(damage)
        again = open_library(mixed.root, tmp_path / "data")
        columns = again._date_columns(again._get_searcher())
        assert (columns.newest, columns.day_counts(columns.newest)) == expected
        again.close()
