"""What keeps byline fast on big corpora: lazy hit lists, segment-parallel
indexing, whole-column date sorting, and a list that reads only what it shows."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from byline.index.library import api as library_module
from byline.index.library import indexer as indexer_module
from byline.index.library.api import Library, open_library
from byline.index.library.indexer import write_segments
from byline.index.search.hits import HitList
from byline.reader.app import BylineApp
from byline.reader.widgets.article_list import ArticleList

WriteArticle = Callable[[Path, str, str], Path]
COUNT = 300


@pytest.fixture
def many(tmp_path: Path, write_article: WriteArticle) -> Path:
    """300 dated articles over two sub-directories; every one mentions walruses."""
    corpus = tmp_path / "many"
    for i in range(COUNT):
        write_article(
            corpus,
            f"d{i % 2}/{i:04d}.txt",
            f" date 2020-{i % 12 + 1:02d}-{i % 28 + 1:02d} Walrus story {i} from the coast. "
            f"Keeper{i} said the walrus number {i} was well.\n\nA second paragraph, tag{i}.\n",
        )
    return corpus


def _indexed(corpus: Path, data: Path, workers: int) -> Library:
    library = open_library(corpus, data)
    library.update(workers=workers)
    return library


def test_lazy_hits_read_only_what_is_asked(many: Path, tmp_path: Path) -> None:
    library = _indexed(many, tmp_path / "data", 1)
    eager = library.search("walrus", limit=None)
    lazy = library.search("walrus", limit=None, lazy=True)
    hits = lazy.hits
    assert isinstance(hits, HitList)
    assert len(hits) == lazy.total == eager.total == COUNT
    assert all(hits.loaded(i) is None for i in range(COUNT))
    assert hits[5].id == eager.hits[5].id
    assert hits.loaded(5) is not None
    assert hits.loaded(6) is None
    assert hits[5].snippet == eager.hits[5].snippet
    assert "walrus" in hits[5].snippet.lower()
    # Finding where an article is does not read the hits in between.
    assert hits.position(eager.hits[250].id) == 250
    assert hits.loaded(100) is None
    assert [h.id for h in hits] == [h.id for h in eager.hits]
    library.close()


def test_date_sorts_match_the_article_dates(many: Path, tmp_path: Path) -> None:
    library = _indexed(many, tmp_path / "data", 1)
    for query in ("", "walrus"):
        newest = [h.date for h in library.search(query, sort="newest", limit=None).hits]
        oldest = [h.date for h in library.search(query, sort="oldest", limit=None).hits]
        assert len(newest) == COUNT
        assert newest == sorted(newest, reverse=True)  # type: ignore[type-var]
        assert oldest == sorted(oldest)  # type: ignore[type-var]
    library.close()


def _bump(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))


def test_parallel_reindex_replaces_changed_articles(
    many: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []

    def spy(ix: Any, files: Any, root: Path, workers: int) -> Any:
        calls.append(len(files))
        return write_segments(ix, files, root, workers)

    # The library imports the indexer when it first indexes: patch it at the source.
    monkeypatch.setattr(indexer_module, "write_segments", spy)
    library = _indexed(many, tmp_path / "data", 2)
    assert library.count() == COUNT
    changed = sorted(many.rglob("*.txt"))[:100]
    for path in changed:
        _bump(path, f" date 2021-05-05 The narwhal {path.stem} replaced the walrus story.\n")
    assert changed[0].name == "0000.txt"
    (many / "d1" / "0299.txt").unlink()
    report = library.update(workers=2)
    assert (report.added, report.changed, report.removed) == (0, 100, 1)
    assert library.count() == COUNT - 1
    assert library.search("narwhal", limit=None).total == 100
    # The old text of a changed article is gone from the index.
    assert library.search("tag0").total == 0
    assert library.search("tag1").total == 1
    assert library.search("walrus", limit=None).total == COUNT - 1
    # Both updates went through the worker processes.
    assert calls == [COUNT, 100]
    library.close()


async def test_list_reads_only_the_rows_on_screen(many: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    _indexed(many, data, 1).close()
    app = BylineApp(many, data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        article_list = app.query_one(ArticleList)
        hits = article_list.hits
        assert isinstance(hits, HitList)
        assert len(hits) == COUNT
        assert hits.loaded(0) is not None
        assert hits.loaded(COUNT - 1) is None
        await pilot.press("G")
        # The rows are read by a worker, which reads ahead of the screen: at
        # most two screens ahead and one behind of each of the two screens shown.
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert hits.loaded(COUNT - 1) is not None
        screen = article_list.scrollable_content_region.height
        assert sum(hits.loaded(i) is not None for i in range(COUNT)) <= 2 * 3 * screen


def test_threaded_caller_indexes_in_a_child_process(
    many: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(library_module, "CHILD_THRESHOLD", 100)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)  # the reader runs threads too
    other.start()
    try:
        library = open_library(many, tmp_path / "data")
        progress: list[tuple[int, int]] = []
        report = library.update(progress=lambda d, t: progress.append((d, t)), in_child=True)
    finally:
        stop.set()
        other.join()
    assert report.added == COUNT
    assert progress[-1] == (COUNT, COUNT)
    assert library.count() == COUNT
    assert library.search("keeper7").hits[0].source == "d1/0007.txt"
    # Nothing left to do: the next update stays in this process.
    assert library.update(in_child=True).unchanged == COUNT
    library.close()
