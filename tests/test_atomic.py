"""Files replaced whole (byline.index.library.atomic)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

from byline.index.library.atomic import write_atomic

if TYPE_CHECKING:
    from pathlib import Path


def test_replaces_the_file_and_leaves_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "page.json"
    target.write_bytes(b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["page.json"]


def test_the_umask_applies(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_atomic(tmp_path / "page.json", b"x")
    finally:
        os.umask(old)
    assert (tmp_path / "page.json").stat().st_mode & 0o777 == 0o640


def test_a_failed_write_keeps_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "page.json"
    target.write_bytes(b"old")
    # A directory where the file should go: the replace fails after the write.
    blocked = tmp_path / "dir"
    blocked.mkdir()
    with pytest.raises(IsADirectoryError):
        write_atomic(blocked, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dir", "page.json"]
