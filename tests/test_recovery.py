"""Damaged indexes are rebuilt with a one-line note; locks of dead processes never block;
the reader keeps working while another process indexes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from typing import TYPE_CHECKING

import pytest

from byline.index.library.api import open_library
from byline.reader.app import BylineApp
from byline.reader.cli.commands import main
from byline.reader.widgets.article_list import ArticleList

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from textual.pilot import Pilot


def _truncate(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


def _garble(path: Path) -> None:
    with path.open("r+b") as f:
        f.write(os.urandom(64))


DAMAGE: dict[str, tuple[str, Callable[[Path], None]]] = {
    # Segments are written as separate files (terms, postings, stored fields).
    "segment truncated": ("*.pst", _truncate),
    "segment garbled": ("*.trm", _garble),
    "segment deleted": ("*._stored.col", os.remove),
    "table of contents truncated": ("_MAIN_*.toc", _truncate),
    "table of contents garbled": ("_MAIN_*.toc", _garble),
}


def _damage(index_dir: Path, kind: str) -> None:
    pattern, harm = DAMAGE[kind]
    (target,) = (index_dir / "whoosh").glob(pattern)
    harm(target)


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_a_damaged_index_is_rebuilt_with_a_note(
    kind: str, seed_corpus: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_library(seed_corpus, data_dir) as library:
        library.update()
        count = library.count()
        index_dir = library.index_dir
    _damage(index_dir, kind)

    assert main(["index", str(seed_corpus), "--data-dir", str(data_dir), "--quiet"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("note: the index was damaged (")
    assert out[0].endswith("); rebuilt")
    assert f"{count} articles in the index: {count} added" in out[1]
    with open_library(seed_corpus, data_dir) as library:
        assert library.rebuilt_reason is None
        assert library.count() == count


async def test_the_reader_starts_on_a_damaged_index_and_says_so(
    seed_corpus: Path, data_dir: Path
) -> None:
    with open_library(seed_corpus, data_dir) as library:
        library.update()
        count = library.count()
        index_dir = library.index_dir
    _damage(index_dir, "segment truncated")
    app = BylineApp(seed_corpus, data_dir)
    async with app.run_test(size=(120, 24)) as pilot:
        for _ in range(2):
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
        status = str(app.query_one("#status").render())
        assert "the index was damaged" in status
        assert len(app.query_one(ArticleList).hits) == count


_HOLD_LOCK = textwrap.dedent(
    """
    import sys, time
    from byline.index.library.api import open_library
    library = open_library(sys.argv[1], sys.argv[2])
    with library.store.writer():
        print("LOCKED", flush=True)
        time.sleep(600)
    """
)


def test_the_lock_of_a_killed_process_never_blocks(seed_corpus: Path, data_dir: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_LOCK, str(seed_corpus), str(data_dir)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "LOCKED"
        library = open_library(seed_corpus, data_dir)
        assert library.busy()
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
        assert not library.busy()
        started = time.monotonic()
        report = library.update()
        assert time.monotonic() - started < 20
        assert report.added == library.count() > 0
        library.close()
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()


# Another process indexing: it stops, holding the write lock, after its first
# batch, until told to go on.
_GATED_INDEXER = textwrap.dedent(
    """
    import sys
    from byline.index.library.api import open_library
    library = open_library(sys.argv[1], sys.argv[2])
    gate = {"open": False}
    def progress(done, total):
        if done and not gate["open"]:
            print("LOCKED", flush=True)
            sys.stdin.readline()
            gate["open"] = True
    report = library.update(progress=progress, workers=1)
    print("DONE", report.added, flush=True)
    """
)


async def _poll(pilot: Pilot[None], check: Callable[[], bool], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.05)


@pytest.mark.slow
async def test_the_reader_shows_the_index_while_another_process_updates_it(
    seed_corpus: Path, data_dir: Path, write_article: Callable[[Path, str, str], Path]
) -> None:
    with open_library(seed_corpus, data_dir) as library:
        library.update()
        before = library.count()
    for i in range(120):
        write_article(seed_corpus, f"new/{i:03d}.txt", f" date 2099-01-01 Walrus story {i}.\n")
    other = subprocess.Popen(
        [sys.executable, "-c", _GATED_INDEXER, str(seed_corpus), str(data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert other.stdin is not None
        assert other.stdout is not None
        assert other.stdout.readline().strip() == "LOCKED"
        app = BylineApp(seed_corpus, data_dir)
        async with app.run_test(size=(120, 24)) as pilot:
            article_list = app.query_one(ArticleList)

            def status() -> str:
                return str(app.query_one("#status").render())

            await _poll(pilot, lambda: "another byline process is indexing" in status())
            await _poll(pilot, lambda: len(article_list.hits) == before)
            other.stdin.write("go\n")
            other.stdin.flush()
            assert other.stdout.readline().split() == ["DONE", "120"]
            assert other.wait(timeout=30) == 0
            # The other process's commit shows up, and this reader has nothing left to do.
            await _poll(pilot, lambda: len(article_list.hits) == before + 120)
            await _poll(pilot, lambda: "index up to date" in status())
            walrus = [h for h in article_list.hits if h.headline.startswith("Walrus story")]
            assert len(walrus) == 120
            assert f"{before + 120} articles" in status()
    finally:
        if other.poll() is None:
            other.kill()
            other.wait()


def test_an_index_left_half_created_is_rebuilt(seed_corpus: Path, data_dir: Path) -> None:
    with open_library(seed_corpus, data_dir) as library:
        library.update()
        count = library.count()
        meta = library.index_dir / "meta.json"
    meta.unlink()  # as if killed between creating the index and recording its version
    with open_library(seed_corpus, data_dir) as library:
        assert library.rebuilt_reason is not None
        assert "interrupted" in library.rebuilt_reason
        report = library.update()
        assert report.rebuilt
        assert library.count() == count
