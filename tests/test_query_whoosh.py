"""Parsed queries run against a small real Whoosh index with byline's schema."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import index
from whoosh import query as wq
from whoosh.fields import DATETIME, ID, NUMERIC, TEXT, Schema

from byline.index.errors import QueryError
from byline.index.search.prepare import build_query
from byline.index.search.query import parse_query
from byline.index.store import query_whoosh
from byline.index.store.analyzers import name_analyzer, text_analyzer
from byline.index.store.query_whoosh import CappedPrefix, to_whoosh

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

NOW = dt.date(2026, 11, 25)


def make_schema() -> Schema:
    """The field contract of the index store (byline.index.store.disk)."""
    return Schema(
        headline=TEXT(analyzer=text_analyzer(), field_boost=2.0, phrase=True),
        body=TEXT(analyzer=text_analyzer(), phrase=True),
        person=TEXT(analyzer=name_analyzer(), phrase=True),
        org=TEXT(analyzer=name_analyzer(), phrase=True),
        place=TEXT(analyzer=name_analyzer(), phrase=True),
        speaker=TEXT(analyzer=name_analyzer(), phrase=True),
        quote=TEXT(analyzer=text_analyzer(), phrase=True),
        date=DATETIME(stored=True, sortable=True),
        id=ID(unique=True, stored=True),
    )


DOCS: list[dict[str, Any]] = [
    {
        "id": "d1",
        "headline": "Rogozin says the space station will keep flying",
        "body": "Dmitry Rogozin said the International Space Station would keep flying "
        "until 2030. We will return to the moon, he said in Moscow.",
        "person": "Dmitry Rogozin",
        "org": "Roscosmos",
        "place": "Moscow",
        "speaker": "Dmitry Rogozin",
        "quote": "We will return to the moon",
        "date": dt.datetime(2021, 1, 25),
    },
    {
        "id": "d2",
        "headline": "NASA plans a moon landing",
        "body": "NASA, the US space agency, said astronauts would land on the moon. "
        "The station crew is computing new orbits.",
        "person": "Bill Nelson",
        "org": "NASA",
        "place": "Washington",
        "speaker": "Bill Nelson",
        "quote": "We are going back to the moon",
        "date": dt.datetime(2021, 3, 10),
    },
    {
        "id": "d3",
        "headline": "Station of the future",
        "body": "A railway station in Moscow reopens after repairs. Computers were installed.",
        "org": "Russian Railways",
        "place": "Moscow",
        "date": dt.datetime(2020, 12, 31, 23, 30),
    },
    {
        "id": "d4",
        "headline": "Stock markets rally",
        "body": "Shares rose as computer makers reported profits, analyst Horatio Nelson said.",
        "person": "Horatio Nelson",
        "org": "Apple",
        "place": "New York",
        "speaker": "Horatio Nelson",
        "date": dt.datetime(2021, 2, 15),
    },
    {
        "id": "d5",
        "headline": "An undated note about the moon",
        "body": "The moon space station idea from NASA, without a date.",
    },
    {
        "id": "d6",
        "headline": "Weekly roundup",
        "body": "Rogozin resigned.",
        "date": dt.datetime(2026, 11, 20),
    },
]


@pytest.fixture(scope="module")
def ix(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    path: Path = tmp_path_factory.mktemp("ix")
    ix = index.create_in(str(path), make_schema())
    with ix.writer() as writer:
        for doc in DOCS:
            writer.add_document(**doc)
    yield ix
    ix.close()


def found(ix: Any, text: str) -> set[str]:
    parsed = parse_query(text, NOW)
    query = to_whoosh(parsed, ix.schema)
    if query is None:
        return set()
    with ix.searcher() as searcher:
        return {hit["id"] for hit in searcher.search(query, limit=None)}


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        # Words, stemming, phrases.
        ("moon", {"d1", "d2", "d5"}),
        ("MOON", {"d1", "d2", "d5"}),
        ("stations", {"d1", "d2", "d3", "d5"}),
        ("space station", {"d1", "d2", "d5"}),
        ('"space station"', {"d1", "d5"}),
        ('"station space"', set()),
        ('"space stations"', {"d1", "d5"}),
        ('"return to the moon"', {"d1"}),
        ("rogozin moon", {"d1"}),
        ("rogozin", {"d1", "d6"}),
        ("and", set()),  # lowercase "and" is a plain word, and no article has it
        # Boolean operators.
        ("moon OR shares", {"d1", "d2", "d4", "d5"}),
        ("moon AND nasa", {"d2", "d5"}),
        ("moon -nasa", {"d1"}),
        ("moon NOT nasa", {"d1"}),
        ('moon -"space agency"', {"d1", "d5"}),
        ("NOT moon", {"d3", "d4", "d6"}),
        ("-moon -station", {"d4", "d6"}),
        ("(moon OR shares) -nasa", {"d1", "d4"}),
        ("rogozin OR -moon", {"d1", "d3", "d4", "d6"}),
        ("-person:rogozin", {"d2", "d3", "d4", "d5", "d6"}),
        # Prefixes: match longer words, and the word itself on stemmed fields.
        ("comput*", {"d2", "d3", "d4"}),
        ("Comput*", {"d2", "d3", "d4"}),
        ("rog*", {"d1", "d6"}),
        ("computers*", {"d2", "d3", "d4"}),
        ("resigned*", {"d6"}),
        ("person:rog*", {"d1"}),
        ("person:nel*", {"d2", "d4"}),
        ("zzz*", set()),
        # Fields.
        ("person:rogozin", {"d1"}),
        ("PERSON:Rogozin", {"d1"}),
        ("person:nelson", {"d2", "d4"}),
        ('person:"bill nelson"', {"d2"}),
        ('person:"nelson bill"', set()),
        ("org:nasa", {"d2"}),
        ("nasa", {"d2", "d5"}),
        ("place:moscow", {"d1", "d3"}),
        ('place:"new york"', {"d4"}),
        ("speaker:rogozin", {"d1"}),
        ("speaker:nelson", {"d2", "d4"}),
        ("quote:moon", {"d1", "d2"}),
        ('quote:"return to the moon"', {"d1"}),
        ('quote:"going back"', {"d2"}),
        ("headline:station", {"d1", "d3"}),
        ("headline:moon", {"d2", "d5"}),
        # Dates; d5 has no date and never matches a date range.
        ("date:2021", {"d1", "d2", "d4"}),
        ("date:2021-01", {"d1"}),
        ("date:2021-01-25", {"d1"}),
        ("date:2020-12-31", {"d3"}),
        ("date:2021-01..2021-02", {"d1", "d4"}),
        ("after:2021-01", {"d2", "d4", "d6"}),
        ("after:2021-01-25", {"d2", "d4", "d6"}),
        ("before:2021", {"d3"}),
        ("before:2021-01-26", {"d1", "d3"}),
        ('date:"last week"', {"d6"}),
        ('after:"1 year ago"', {"d6"}),
        ("moon date:2021", {"d1", "d2"}),
        ("moon -date:2021", {"d5"}),
        ("NOT date:2021", {"d3", "d5", "d6"}),
        ("date:2021 OR moon", {"d1", "d2", "d4", "d5"}),
        # Ignored parts do not stop the rest.
        ("foo:moon", {"d1", "d2", "d5"}),
        ("moon date:2021-13-45", {"d1", "d2", "d5"}),
        ("(moon OR shares", {"d1", "d2", "d4", "d5"}),
        ("rogozin AND", {"d1", "d6"}),
    ],
)
def test_query_finds_exactly(ix: Any, query: str, ids: set[str]) -> None:
    assert found(ix, query) == ids


@pytest.mark.parametrize("query", ["", "NOT", "()", "foo:", '"!!!"', "person:!!", "- *"])
def test_nothing_to_search_is_none(query: str) -> None:
    assert to_whoosh(parse_query(query, NOW), make_schema()) is None


def test_query_words_are_analysed_like_the_index() -> None:
    query = to_whoosh(parse_query("Stations", NOW), make_schema())
    # The body holds the headline's words: it decides the match, the headline adds score.
    assert query == wq.AndMaybe(wq.Term("body", "station"), wq.Term("headline", "station"))
    names = to_whoosh(parse_query("person:Rogozin", NOW), make_schema())
    assert names == wq.Term("person", "rogozin")


def test_word_that_analyses_to_several_tokens_is_a_phrase(ix: Any) -> None:
    query = to_whoosh(parse_query("space-station", NOW), ix.schema)
    assert query == wq.AndMaybe(
        wq.Phrase("body", ["space", "station"]), wq.Phrase("headline", ["space", "station"])
    )
    assert found(ix, "space-station") == {"d1", "d5"}


def test_headline_matches_rank_first(ix: Any) -> None:
    query = to_whoosh(parse_query("railway OR station", NOW), ix.schema)
    with ix.searcher() as searcher:
        ranked = [hit["id"] for hit in searcher.search(query, limit=None)]
    assert ranked[0] == "d3"  # "Station" in the headline and railway station in the body


def test_fields_missing_from_the_schema_are_left_out() -> None:
    schema = Schema(body=TEXT(analyzer=text_analyzer()), id=ID(stored=True))
    assert to_whoosh(parse_query("person:putin", NOW), schema) is None
    assert to_whoosh(parse_query("moon date:2021", NOW), schema) == wq.Term("body", "moon")


def test_parts_a_field_cannot_search_refuse_the_query() -> None:
    schema = Schema(
        body=TEXT(analyzer=text_analyzer()),
        person=NUMERIC(),
        date=TEXT(analyzer=text_analyzer()),
    )
    with pytest.raises(QueryError, match="person"):
        to_whoosh(parse_query("moon person:putin", NOW), schema)
    with pytest.raises(QueryError, match="date"):
        to_whoosh(parse_query("moon date:2021", NOW), schema)
    built = build_query("moon person:putin", schema, NOW)
    assert built.query is wq.NullQuery
    assert len(built.ignored) == 1
    assert built.ignored[0].startswith("the whole query: ")
    assert "putin" in built.ignored[0]
    assert build_query("moon", schema, NOW).ignored == ()


def test_prefix_expansion_is_capped(ix: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # "railways", "roscosmos" and "russian" start with r; capped at one
    # expansion only the alphabetically first, "railways", is searched.
    assert found(ix, "org:r*") == {"d1", "d3"}
    monkeypatch.setattr(CappedPrefix, "cap", 1)
    assert found(ix, "org:r*") == {"d3"}
    assert query_whoosh.PREFIX_EXPANSION_CAP > 1


def test_date_range_covers_whole_days() -> None:
    query = to_whoosh(parse_query("date:2021-01-25", NOW), make_schema())
    assert isinstance(query, wq.DateRange)
    assert query.startdate == dt.datetime(2021, 1, 25, 0, 0)
    assert query.enddate == dt.datetime(2021, 1, 25, 23, 59, 59, 999999)


WORDS = st.sampled_from(
    [
        '"', "(", ")", "*", "-", "AND", "OR", "NOT", "moon", "rog*", "person:", "nelson",
        "date:2021", "after:", "before:2021-02", "quote:", "foo:", "space", "station", "!!",
        "\u00e9t\u00e9", "date:last", "week",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=10), st.sampled_from(["", " "]))
def test_any_parsed_query_runs(ix: Any, parts: list[str], glue: str) -> None:
    text = glue.join(parts)
    query = to_whoosh(parse_query(text, NOW), ix.schema)
    if query is not None:
        with ix.searcher() as searcher:
            ids = {hit["id"] for hit in searcher.search(query, limit=None)}
        assert ids <= {doc["id"] for doc in DOCS}


def test_prefix_skips_deleted_documents_across_segments(tmp_path: Path) -> None:
    ix = index.create_in(str(tmp_path), make_schema())
    with ix.writer() as writer:
        writer.add_document(id="a", body="Railways reopen")
        writer.add_document(id="b", body="Railwaymen strike")
    with ix.writer() as writer:  # a second segment
        writer.add_document(id="c", body="Rail freight grows")
        writer.delete_by_term("id", "b")
    query = to_whoosh(parse_query("rail*", NOW), ix.schema)
    with ix.searcher() as searcher:
        assert {hit["id"] for hit in searcher.search(query, limit=None)} == {"a", "c"}
    ix.close()
