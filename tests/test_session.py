"""The session: what the reader shows and how, without a screen."""

from __future__ import annotations

from byline.reader.session import SearchRequest, Session


def test_a_request_narrows_the_query_to_the_timeline_period() -> None:
    session = Session(query="rail", sort="newest", only="unread")
    assert session.request() == SearchRequest("rail", "rail", "newest", "unread")
    session.narrowed = "date:2024-09"
    assert session.request() == SearchRequest("rail", "(rail) date:2024-09", "newest", "unread")
    # The empty query narrowed is the period alone; another query may be asked for.
    assert session.request("").text == "date:2024-09"
    assert session.request("a OR b").text == "(a OR b) date:2024-09"


def test_a_request_is_a_snapshot_the_worker_keeps() -> None:
    session = Session(query="rail")
    request = session.request()
    session.query, session.sort = "lunar", "oldest"
    assert (request.query, request.sort) == ("rail", "relevance")


def test_sort_cycles_through_every_order() -> None:
    session = Session()
    assert [session.next_sort() for _ in range(3)] == ["newest", "oldest", "relevance"]


def test_the_empty_list_says_why() -> None:
    session = Session()
    assert session.empty_note("") == "Indexing… articles appear as soon as the first batch is in."
    session.indexing = ""
    assert session.empty_note("") == "No articles yet."
    assert session.empty_note("zzz") == "No articles match."
    session.narrowed = "date:2024-09"
    assert session.empty_note("") == "No articles match."
