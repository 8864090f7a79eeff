"""Property-based tests: parsing, quotations, entities and queries never raise on any
input, and every offset they return lies inside the text it refers to."""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from byline.index.analysis.entities import find_entities
from byline.index.analysis.quotes import find_quotes
from byline.index.corpus.articles import ArticleError, parse_text, read_article
from byline.index.models import ENTITY_KINDS
from byline.index.search.query import parse_query

if TYPE_CHECKING:
    from byline.index.library.api import Library

_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
EXAMPLES = settings(max_examples=120, deadline=None)

# Pieces of article text, hostile ones included: words of several scripts,
# every kind of quotation mark, line ends, escape sequences, markup.
_FRAGMENTS = st.sampled_from(
    [
        "The",
        "minister",
        "said",
        "Dr.",
        "U.S.",
        "Smith",
        "Acme Corp",
        "in Leeds",
        "Müller",
        "\u4e2d\u6587",
        "\u0645\u0631\u062d\u0628\u0627",
        '"',
        "\u201c",
        "\u201d",
        "\u2018",
        "\u2019",
        "'",
        "''",
        ",",
        ".",
        "?",
        ":",
        "--",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "\t",
        " ",
        "  ",
        "\u00a0",
        "\u200b",
        "\u202e",
        "\x08",
        "\x1b[31m",
        "\x1b]0;t\x07",
        "\x1b]52;c;QQ==\x07",
        "\x1bP1$q\x1b\\",
        "\x9b2J",
        "[bold]",
        "[@click=app.quit]",
        "[/]",
        " date 2021-01-25 ",
        "date 2021-13-40",
    ]
)
ARTICLE_TEXT = st.one_of(
    st.lists(_FRAGMENTS, max_size=60).map(" ".join),
    st.lists(_FRAGMENTS, max_size=60).map("".join),
    st.text(max_size=300),
)


def _check_article_text(text: str) -> None:
    try:
        article, notes = parse_text(text, path=Path("x.txt"), rel="x.txt")
    except ArticleError as exc:
        reason = str(exc)
    else:
        reason = ""
    if reason:
        assert "\n" not in reason
        return
    assert article.paragraphs
    for para in article.paragraphs:
        assert para
        assert para == para.strip()
        assert "\n" not in para
        assert not _CONTROLS.search(para)
    assert article.text == "\n\n".join(article.paragraphs)
    assert article.title
    assert len(article.title) <= 110
    assert not _CONTROLS.search(article.title)
    assert all("\n" not in note for note in notes)


@EXAMPLES
@given(ARTICLE_TEXT)
def test_parse_text_never_raises_and_leaves_clean_paragraphs(text: str) -> None:
    _check_article_text(text)


@EXAMPLES
@given(st.binary(max_size=400))
def test_read_article_takes_any_bytes(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.txt"
        path.write_bytes(raw)
        try:
            article, _notes = read_article(path)
        except ArticleError as exc:
            reason = str(exc)
        else:
            reason = ""
        if reason:
            assert "\n" not in reason
            return
        assert article.paragraphs
        assert not _CONTROLS.search(article.text.replace("\n", ""))


@EXAMPLES
@given(ARTICLE_TEXT)
def test_entities_keep_their_contract(text: str) -> None:
    entities = find_entities(text)
    previous_end = 0
    for entity in entities:
        assert 0 <= entity.start < entity.end <= len(text)
        assert text[entity.start : entity.end] == entity.text
        assert entity.kind in ENTITY_KINDS
        assert entity.start >= previous_end  # sorted and non-overlapping
        previous_end = entity.end


@EXAMPLES
@given(ARTICLE_TEXT)
def test_quotes_stay_inside_the_text(text: str) -> None:
    for entities in (None, find_entities(text)):
        quotes = find_quotes(text, entities=entities)
        previous_end = 0
        for quote in quotes:
            assert 0 <= quote.start < quote.end <= len(text)
            assert text[quote.start : quote.end] == quote.text
            assert quote.start >= previous_end
            previous_end = quote.end
            if quote.speaker is not None:
                assert quote.speaker in text


_QUERY_PIECES = st.sampled_from(
    [
        "rail",
        "Leeds",
        "strike",
        "lunar",
        '"',
        '"high-speed rail"',
        "AND",
        "OR",
        "NOT",
        "-",
        "*",
        "(",
        ")",
        ":",
        "person:",
        "org:",
        "place:",
        "speaker:",
        "quote:",
        "date:",
        "after:",
        "before:",
        "nosuch:",
        "2021-01-25",
        "2021-13",
        "yesterday",
        '"last week"',
        "99999-99-99",
        "\x1b[2J",
        "[bold]",
        "\u202e",
        "é",
        " ",
    ]
)
QUERY_TEXT = st.one_of(
    st.lists(_QUERY_PIECES, max_size=12).map(" ".join),
    st.lists(_QUERY_PIECES, max_size=12).map("".join),
    st.text(max_size=60),
)


@EXAMPLES
@given(QUERY_TEXT)
def test_parse_query_never_raises(query: str) -> None:
    parsed = parse_query(query, now=dt.date(2024, 3, 15))
    assert parsed.text == query
    assert all("\n" not in note for note in parsed.ignored)
    for term in (*parsed.highlight_terms, *parsed.highlight_prefixes):
        assert term
    # Rewriting no words gives back exactly what was typed (token offsets fit).
    assert parsed.replace_words({}) == query
    for word in parsed.spellable_terms:
        parsed.replace_words({word: "zzz"})


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=QUERY_TEXT, sort=st.sampled_from(["relevance", "newest", "oldest"]))
def test_search_never_raises_and_spans_fit_the_snippets(
    library: Library, query: str, sort: str
) -> None:
    assume(len(query) < 200)
    results = library.search(query, sort=sort, limit=20, now=dt.date(2024, 3, 15))  # type: ignore[arg-type]
    assert results.total >= len(results.hits)
    for hit in results.hits:
        previous_end = 0
        for span in hit.snippet_spans:
            assert 0 <= span.start < span.end <= len(hit.snippet)
            assert span.start >= previous_end
            previous_end = span.end
    assert all("\n" not in note for note in results.ignored)


@pytest.mark.parametrize("name", [b"x\xff.txt", b"\x1b]0;t\x07.txt"])
def test_read_article_with_odd_names(name: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(os.fsencode(tmp), name)
        with open(path, "wb") as f:
            f.write(b"Plain words.\n")
        article, _ = read_article(Path(os.fsdecode(path)))
        assert article.paragraphs == ("Plain words.",)
        assert not _CONTROLS.search(article.source)
