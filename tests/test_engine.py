"""The posting-list query engine must find exactly what Whoosh's own matchers
find, and rank plain words with Whoosh's BM25F scores."""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING, Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from whoosh import query as wq
from whoosh import scoring

from byline.index.library.api import Library, open_library
from byline.index.search.prepare import build_query
from byline.index.store.engine import Engine, _sorted_in

if TYPE_CHECKING:
    from collections.abc import Iterator

NOW = dt.date(2024, 10, 1)
QUERIES = (
    "said",
    "the",
    "space agency",
    "rail OR transport",
    '"said in a"',
    '"the city"',
    "council -rail",
    "NOT the",
    "s*",
    "sta*",
    "person:rogozin",
    "speaker:rogozin OR quote:space",
    "headline:plan",
    "date:2021",
    "council after:2022-01",
    "before:2021-06-01",
    "(city OR port) AND NOT date:2023",
    "nosuchwordanywhere",
    '"nosuch phrase"',
)


@pytest.fixture(scope="module")
def big_library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    """Seed paragraphs recombined into 400 articles (posting lists span several
    blocks), indexed in two updates so that there are deletions and segments."""
    from byline.reader.cli.commands import bundled_seeds

    paragraphs: list[str] = []
    for path in sorted(bundled_seeds().glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if text.startswith(" date "):
            text = text.split(" ", 3)[-1]
        paragraphs += [p.strip() for p in text.split("\n\n") if len(p.strip()) > 40]
    rng = random.Random(5)
    root = tmp_path_factory.mktemp("engine-corpus")
    for i in range(400):
        day = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(1500))
        body = "\n\n".join(rng.sample(paragraphs, 4))
        header = f" date {day.isoformat()} " if i % 37 else ""
        (root / f"a{i:03d}.txt").write_text(header + body + "\n", encoding="utf-8")
    library = open_library(root, tmp_path_factory.mktemp("engine-data"))
    library.update()
    for i in range(0, 400, 9):  # rewrite some: deleted documents in the first segments
        path = root / f"a{i:03d}.txt"
        path.write_text(path.read_text(encoding="utf-8") + "\nA late addition.\n")
    for i in range(5, 400, 50):
        (root / f"a{i:03d}.txt").unlink()
    library.update()
    yield library
    library.close()


def _whoosh_scores(library: Library, query: str) -> dict[int, float]:
    built = build_query(query, library.store.index.schema, NOW)
    with library.store.index.searcher(weighting=scoring.BM25F()) as searcher:
        if built.query is None:
            return {}
        return {hit.docnum: hit.score for hit in searcher.search(built.query, limit=None)}


def _engine_scores(library: Library, query: str) -> dict[int, float]:
    built = build_query(query, library.store.index.schema, NOW)
    searcher = library.store.index.searcher(weighting=scoring.BM25F())
    with searcher:
        engine = Engine(searcher, lambda: library._date_keys(searcher))
        return engine.run(built.query) if built.query is not None else {}


def test_the_corpus_has_deletions_and_several_segments(big_library: Library) -> None:
    with big_library.store.index.searcher() as searcher:
        leaves = [leaf.reader() for leaf, _offset in searcher.leaf_searchers()]
        assert len(leaves) > 1
        assert any(reader.has_deletions() for reader in leaves)


def _reference(searcher: Any, query: wq.Query) -> set[int]:
    """Whoosh matches each word, phrase, prefix and date range; sets combine them.

    (Whoosh's own and-not matcher keeps some documents it should drop when
    the excluded part is itself compound, so it cannot be the oracle.)
    """
    if isinstance(query, wq.And):
        return set.intersection(*(_reference(searcher, q) for q in query.subqueries))
    if isinstance(query, wq.Or):
        return set.union(*(_reference(searcher, q) for q in query.subqueries))
    if isinstance(query, wq.AndMaybe):
        return _reference(searcher, query.a)
    if isinstance(query, wq.AndNot):
        return _reference(searcher, query.a) - _reference(searcher, query.b)
    return set(searcher.docs_for_query(query))


@pytest.mark.parametrize("query", QUERIES)
def test_matches_what_whoosh_matches(big_library: Library, query: str) -> None:
    ours = _engine_scores(big_library, query)
    built = build_query(query, big_library.store.index.schema, NOW)
    with big_library.store.index.searcher() as searcher:
        theirs = _reference(searcher, built.query) if built.query is not None else set()
    assert set(ours) == theirs


def test_whoosh_and_not_is_wrong_where_the_engine_is_right(big_library: Library) -> None:
    # Why the reference above is not Whoosh's own matcher: a document with
    # both words survives "council -rail" there.
    ours = set(_engine_scores(big_library, "council -rail"))
    theirs = set(_whoosh_scores(big_library, "council -rail"))
    rail = set(_engine_scores(big_library, "rail"))
    assert not ours & rail
    assert theirs - ours <= rail


@pytest.mark.parametrize(
    "query",
    [
        "said",
        "space agency",
        "rail OR transport",
        "headline:plan",
        "the space agency said",
        "(city OR port) council",
    ],
)
def test_plain_words_score_like_whoosh(big_library: Library, query: str) -> None:
    ours = _engine_scores(big_library, query)
    theirs = _whoosh_scores(big_library, query)
    assert ours
    for doc, score in theirs.items():
        assert ours[doc] == pytest.approx(score, rel=1e-5)


def test_phrase_counts_occurrences(big_library: Library) -> None:
    scores = _engine_scores(big_library, '"the city"')
    assert scores
    # More occurrences in a field of the same length never scores lower;
    # at least the scores are not all equal.
    assert len(set(scores.values())) > 1


def test_library_search_ranks_by_engine_scores(big_library: Library) -> None:
    results = big_library.search("space agency", limit=None, now=NOW)
    scores = [hit.score for hit in results.hits]
    assert scores == sorted(scores, reverse=True)
    assert results.total == len(_whoosh_scores(big_library, "space agency"))


def test_date_sorted_search_uses_the_same_matches(big_library: Library) -> None:
    newest = big_library.search("council", sort="newest", limit=None, now=NOW)
    assert newest.total == len(_whoosh_scores(big_library, "council"))
    dates = [hit.date for hit in newest.hits if hit.date is not None]
    assert dates == sorted(dates, reverse=True)


@given(
    st.lists(st.integers(0, 60), unique=True),
    st.lists(st.integers(0, 60), unique=True),
)
def test_sorted_lookup_agrees_with_isin(needles: list[int], haystack: list[int]) -> None:
    wanted = np.array(sorted(needles), dtype=np.int64)
    sorted_haystack = np.array(sorted(haystack), dtype=np.int64)
    assert _sorted_in(wanted, sorted_haystack).tolist() == np.isin(wanted, haystack).tolist()
