"""The saved front page: the reader's first screen of an index, tied to one commit of it."""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING

import pytest

from byline.index.library import api as library_module
from byline.index.library import front_page
from byline.index.library.api import Library, open_library
from byline.index.library.front_page import FRONT_PAGE_FILE, LIST_LIMIT, load_front_page

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


def _page_file(library: Library) -> Path:
    return library.index_dir / FRONT_PAGE_FILE


def test_update_saves_the_first_rows_of_the_newest_first_list(library: Library) -> None:
    page = load_front_page(library.index_dir)
    assert page is not None
    listed = library.search("", limit=LIST_LIMIT)
    assert page.count == library.count() > front_page.ROWS // 10
    assert page.total == listed.total
    assert [(h.id, h.path, h.source, h.headline, h.date) for h in page.hits] == [
        (h.id, h.path, h.source, h.headline, h.date) for h in listed.hits[: front_page.ROWS]
    ]
    assert (dict(page.days), page.undated) == library.hit_days(listed.hits)


def test_the_page_keeps_the_first_rows_and_counts_the_whole_list(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(library_module, "ROWS", 5)
    _page_file(library).unlink()
    assert library.save_front_page() is True
    page = load_front_page(library.index_dir)
    assert page is not None
    listed = library.search("", limit=LIST_LIMIT).hits
    assert [h.id for h in page.hits] == [h.id for h in listed[:5]]
    assert page.total == len(listed) > 5
    assert sum(page.days.values()) + page.undated == len(listed)


def test_saving_again_writes_nothing_while_the_page_is_current(library: Library) -> None:
    before = _page_file(library).stat().st_mtime_ns
    assert library.save_front_page() is False
    library.update()
    assert _page_file(library).stat().st_mtime_ns == before


def test_any_commit_makes_the_page_stale_until_it_is_saved_again(
    library: Library, seed_corpus: Path, write_article: Callable[[Path, str, str], Path]
) -> None:
    first = library.search("", limit=1).hits[0]
    count = library.count()
    # Another writer (a second process, say) commits without saving a page.
    with library.store.writer() as writer:
        writer.delete_by_term("id", first.id)
    assert load_front_page(library.index_dir) is None
    assert library.save_front_page() is True
    page = load_front_page(library.index_dir)
    assert page is not None
    assert first.id not in {h.id for h in page.hits}
    assert page.count == count - 1
    # An update that indexes something saves the new page itself.
    write_article(seed_corpus, "zz_new.txt", " date 2099-01-01 Brand new lead.\n")
    library.update()
    page = load_front_page(library.index_dir)
    assert page is not None
    assert page.hits[0].source == "zz_new.txt"
    assert page.count == count


def test_an_empty_index_has_no_front_page(tmp_path: Path, data_dir: Path) -> None:
    corpus = tmp_path / "empty"
    corpus.mkdir()
    with open_library(corpus, data_dir) as lib:
        lib.update()
        assert lib.save_front_page() is False
        assert load_front_page(lib.index_dir) is None
        assert not _page_file(lib).exists()


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{not json",
        b"[]",
        b'{"format": 1}',
        b"\xff\xfe",
    ],
)
def test_a_damaged_page_is_ignored(library: Library, damage: bytes) -> None:
    _page_file(library).write_bytes(damage)
    assert load_front_page(library.index_dir) is None
    assert library.save_front_page() is True
    assert load_front_page(library.index_dir) is not None


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("format", 999),
        ("schema", -1),
        ("limit", 7),
        ("rows", [["id", "/p", "s", "h", "not a day", 0.0]]),
        ("days", [["x", 1]]),
        ("count", None),
    ],
)
def test_a_page_of_another_version_or_with_bad_values_is_ignored(
    library: Library, key: str, value: object
) -> None:
    data = json.loads(_page_file(library).read_bytes())
    data[key] = value
    _page_file(library).write_text(json.dumps(data))
    assert load_front_page(library.index_dir) is None


def test_a_rebuilt_index_deletes_its_page(seed_corpus: Path, data_dir: Path) -> None:
    with open_library(seed_corpus, data_dir) as lib:
        lib.update()
        directory, count = lib.index_dir, lib.count()
    assert load_front_page(directory) is not None
    meta = directory / "meta.json"
    meta.write_text(json.dumps({**json.loads(meta.read_text()), "schema_version": 0}))
    with open_library(seed_corpus, data_dir) as lib:
        assert lib.rebuilt_reason is not None
        assert not _page_file(lib).exists()
        lib.update()
        page = load_front_page(directory)
        assert page is not None
        assert page.count == count


def test_odd_names_and_hostile_headlines_survive_the_round_trip(
    tmp_path: Path, data_dir: Path, write_article: Callable[[Path, str, str], Path]
) -> None:
    corpus = tmp_path / "odd"
    hostile = " date 2030-01-02 \x1b[31mRed\x1b[0m [bold]not markup[/] \u202e.\n"
    write_article(corpus, "esc.txt", hostile)
    odd = corpus / os.fsdecode(b"caf\xe9.txt")  # a Latin-1 name, not UTF-8
    odd.write_text(" date 2030-01-01 Named in Latin-1.\n", encoding="utf-8")
    with open_library(corpus, data_dir) as lib:
        lib.update()
        listed = lib.search("", limit=None).hits
        page = load_front_page(lib.index_dir)
    assert page is not None
    assert [(h.id, h.path, h.headline) for h in page.hits] == [
        (h.id, h.path, h.headline) for h in listed
    ]
    assert page.hits[1].path == odd
