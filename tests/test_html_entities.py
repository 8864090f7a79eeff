"""HTML character references are decoded when an article is read, once, for everyone:
the article text, the headline, the index, the snippets and the annotation offsets."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from byline.index.corpus.articles import article_id, decode_entities, parse_article
from byline.index.library.api import open_library

if TYPE_CHECKING:
    from pathlib import Path

WriteArticle = Callable[["Path", str, str], "Path"]

ARTICLE = (
    " date 2024-05-01 Jos&eacute; Mart&#237;nez volvi&#243; a Madrid &amp; sonri&#xF3;.\n\n"
    "&quot;It&#8217;s good to be back,&quot; Mart&#237;nez said on Tuesday. AT&T, R&D and"
    " Q&A stay; so do &copy 2024, &foo; and &#; and a lone & sign.\n"
)


@pytest.mark.parametrize(
    ("raw", "decoded"),
    [
        ("volvi&#243;", "volvió"),
        ("caf&eacute;", "café"),
        ("salt &amp; pepper", "salt & pepper"),
        ("&quot;yes&quot;", '"yes"'),
        ("it&#8217;s", "it\u2019s"),
        ("&#x2014;", "\u2014"),
        ("&#146;", "\u2019"),  # Windows-1252 apostrophe, as browsers read it
        ("&amp;amp;", "&amp;"),  # decoded once, not twice
        ("AT&T, R&D, Q&A", "AT&T, R&D, Q&A"),
        ("&copy 2024", "&copy 2024"),  # no semicolon: left as written
        ("&notit;", "&notit;"),  # unknown name: left whole
        ("&foo; &#; &#x;", "&foo; &#; &#x;"),
        ("&#99999999;", "\ufffd"),
    ],
)
def test_decode_entities(raw: str, decoded: str) -> None:
    assert decode_entities(raw) == decoded


def test_text_without_references_is_returned_as_is() -> None:
    text = "No ampersand here."
    assert decode_entities(text) is text
    text = "AT&T only"
    assert decode_entities(text) is text


@pytest.mark.parametrize(
    "raw",
    [
        "a&#27;[31mred&#27;[0m b",
        "a&#x1b;]0;TITLE&#x7; b",
        "a&#x9b;2J b",
        "a&#0; b",
        "a&#x202e;b",
        "a&#x2066;b&#x2069;",
        "a&#x7f;&#8;&#x0c; b",
        "a&#x200b;&#xfeff;b",
    ],
)
def test_encoded_controls_are_cleaned_like_raw_ones(
    tmp_path: Path, write_article: WriteArticle, raw: str
) -> None:
    path = write_article(tmp_path, "x.txt", f" date 2024-05-02 {raw} end.\n")
    text = parse_article(path).text
    assert text.isprintable(), repr(text)
    assert "TITLE" not in text
    assert "[31m" not in text
    assert text.startswith("a")
    assert text.endswith("end.")


def test_an_encoded_date_header_is_text(tmp_path: Path, write_article: WriteArticle) -> None:
    path = write_article(tmp_path, "x.txt", "&#32;date 2024-05-03 Not a header.\n")
    article = parse_article(path)
    assert article.date is None
    assert article.text == "date 2024-05-03 Not a header."


def test_article_headline_and_offsets_see_the_decoded_text(
    tmp_path: Path, write_article: WriteArticle
) -> None:
    root = tmp_path / "corpus"
    write_article(root, "es.txt", ARTICLE)
    with open_library(root, tmp_path / "data") as lib:
        lib.update()
        doc = article_id("es.txt")
        article = lib.article(doc)
        assert article.title == "José Martínez volvió a Madrid & sonrió."
        assert article.paragraphs[1].startswith('"It\u2019s good to be back," Martínez said')
        assert "AT&T, R&D and Q&A stay; so do &copy 2024, &foo; and &#; and a lone & sign." in (
            article.text
        )
        ann = lib.annotations(doc)
        for ent in ann.entities:
            assert article.text[ent.start : ent.end] == ent.text
        assert "José Martínez" in {e.text for e in ann.entities}
        (quote,) = ann.quotes
        assert quote.text.startswith("It\u2019s good to be back")
        assert article.text[quote.start : quote.end] == quote.text

        # The index holds the decoded words, and snippets show them.
        for query in ("volvió", 'person:"José Martínez"', 'quote:"good to be back"', "sonrió"):
            assert [h.source for h in lib.search(query).hits] == ["es.txt"], query
        assert lib.search("volvi").total == 0
        assert lib.search("eacute").total == 0
        (hit,) = lib.search("Madrid").hits
        for raw in ("&#243;", "&#237;", "&eacute;", "&amp;"):
            assert raw not in hit.snippet
        assert "volvió" in hit.snippet or "volvió" in hit.headline
