"""The change check's listing: GNU find and the Python walk must agree exactly."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from byline.index.corpus import scan_keys as scan_keys_module
from byline.index.corpus.articles import scan_stats
from byline.index.corpus.scan_keys import parse_key, scan_keys, stat_key, walk_order

if TYPE_CHECKING:
    from byline.index.models import Problem

WriteArticle = Callable[[Path, str, str], Path]

needs_find = pytest.mark.skipif(shutil.which("find") is None, reason="needs find")


def _tricky_tree(root: Path, write_article: WriteArticle) -> None:
    for name in (
        "b.txt",
        "a.txt",
        "Z.TXT",
        "-rf.txt",
        "sub/c.txt",
        "sub/deeper/d.txt",
        "x.txt/e.txt",
        "(/g.txt",
        "line\nbreak.txt",
        "ctrl\x01-1.txt",
        "y/z/w/v.txt",
    ):
        write_article(root, name, " date 2020-01-01 Fine.\n")
    write_article(root, ".hidden.txt", "skipped")
    write_article(root, ".git/f.txt", "skipped")
    write_article(root, "sub/.cache/h.txt", "skipped")
    write_article(root, "notes.md", "not an article")
    (root / os.fsdecode(b"caf\xe9.txt")).write_bytes(b" date 2020-01-01 Latin-1 name.\n")
    os.symlink(root / "sub", root / "link.txt")  # a directory: not followed
    os.symlink(root / "sub", root / "linkdir")
    os.symlink(root / "a.txt", root / "sub" / "alias.txt")  # a file: followed
    os.symlink(root / "missing.txt", root / "broken.txt")
    os.mkfifo(root / "pipe.txt")
    os.mkfifo(root / "sub" / "pipe2.txt")


def _python_walk(root: Path) -> tuple[set[str], list[Problem]]:
    found, problems = scan_stats(root)
    return {stat_key(*entry) for entry in found}, problems


@needs_find
def test_find_lists_what_the_python_walk_lists(
    tmp_path: Path, write_article: WriteArticle, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tricky_tree(tmp_path, write_article)
    expected = _python_walk(tmp_path)
    assert len(expected[0]) == 13
    assert [p.path.name for p in expected[1]] == ["broken.txt", "pipe.txt", "pipe2.txt"]

    # The fallback is made to fail, so the result can only have come from find.
    def no_fallback(root: Path) -> None:
        raise AssertionError("find was not used")

    monkeypatch.setattr(scan_keys_module, "scan_stats", no_fallback)
    assert scan_keys(tmp_path) == expected


@needs_find
def test_many_top_level_directories_are_walked_by_one_find(
    tmp_path: Path, write_article: WriteArticle, monkeypatch: pytest.MonkeyPatch
) -> None:
    for year in range(1980, 1990):
        for month in (1, 2):
            write_article(tmp_path, f"{year}/{month:02d}/a{year}{month}.txt", "Text.\n")
    monkeypatch.setattr(scan_keys_module, "_MAX_START_POINTS", 4)
    assert scan_keys(tmp_path) == _python_walk(tmp_path)


def test_without_find_the_python_walk_answers(
    tmp_path: Path, write_article: WriteArticle, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tricky_tree(tmp_path, write_article)
    monkeypatch.setenv("PATH", str(tmp_path / "no-such-dir"))
    monkeypatch.setattr(scan_keys_module, "_find_unusable", False)
    assert scan_keys(tmp_path) == _python_walk(tmp_path)
    assert scan_keys_module._find_unusable


@needs_find
def test_files_from_before_1970_keep_their_keys(
    tmp_path: Path, write_article: WriteArticle
) -> None:
    old = write_article(tmp_path, "sub/old.txt", "Text.\n")
    write_article(tmp_path, "sub/new.txt", "Text.\n")
    os.utime(old, ns=(0, -1_500_000_001))
    keys, problems = scan_keys(tmp_path)
    assert keys == _python_walk(tmp_path)[0]
    assert stat_key("sub/old.txt", -1_500_000_001, 6) in keys
    assert problems == []


@needs_find
def test_a_directory_find_cannot_read_is_reported(
    tmp_path: Path, write_article: WriteArticle
) -> None:
    write_article(tmp_path, "ok/a.txt", "Text.\n")
    locked = tmp_path / "locked"
    write_article(tmp_path, "locked/b.txt", "Text.\n")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("this user can read any directory")
        keys, problems = scan_keys(tmp_path)
    finally:
        locked.chmod(0o755)
    assert [parse_key(key)[0] for key in keys] == ["ok/a.txt"]
    assert [(p.path.name, "cannot list directory" in p.reason) for p in problems] == [
        ("locked", True)
    ]


@given(
    rel=st.text(st.characters(exclude_characters="\0/"), min_size=1),
    mtime_ns=st.integers(-(2**62), 2**62),
    size=st.integers(0, 2**50),
)
def test_keys_parse_back(rel: str, mtime_ns: int, size: int) -> None:
    assert parse_key(stat_key(rel, mtime_ns, size)) == (rel, mtime_ns, size)


def test_walk_order_puts_files_before_sub_directories() -> None:
    rels = ["b/a.txt", "z.txt", "a/c.txt", "a/b/a.txt", "a.txt", "a/z.txt"]
    assert sorted(rels, key=walk_order) == [
        "a.txt",
        "z.txt",
        "a/c.txt",
        "a/z.txt",
        "a/b/a.txt",
        "b/a.txt",
    ]
