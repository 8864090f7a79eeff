"""Hostile files: each is indexed or reported in one line, and nothing unsafe survives."""

from __future__ import annotations

import os
import re
import unicodedata
from typing import TYPE_CHECKING

from byline.index.corpus.articles import article_id, iter_articles
from byline.index.library.api import open_library
from byline.index.models import Article, Problem

if TYPE_CHECKING:
    from pathlib import Path

    from hostile import HostileCorpus

# Anything a terminal could take as a control: C0 (bar newline), DEL, C1,
# bidi controls and invisible format characters.
_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _rel(path: Path, root: Path) -> str:
    return os.fsdecode(os.path.relpath(os.fsencode(path), os.fsencode(root)))


def test_every_hostile_file_is_indexed_or_reported(
    hostile_corpus: HostileCorpus, data_dir: Path
) -> None:
    root = hostile_corpus.root
    with open_library(root, data_dir) as library:
        report = library.update()
        problems: dict[str, list[str]] = {}
        for problem in report.problems:
            problems.setdefault(_rel(problem.path, library.root), []).append(problem.reason)
        for reasons in problems.values():
            assert all(reason and "\n" not in reason for reason in reasons)

        for case in hostile_corpus.problems:
            assert case.path_name in problems, f"{case.kind}: not reported"
            assert any(case.reason in r for r in problems[case.path_name]), case.kind
        for case in hostile_corpus.articles:
            article = library.article(article_id(case.path_name))
            assert case.contains in " ".join(article.paragraphs), case.kind
            if case.note:
                assert any(case.note in r for r in problems[case.path_name]), case.kind
            else:
                assert case.path_name not in problems, (case.kind, problems[case.path_name])
        assert library.count() == len(hostile_corpus.articles)
        # A second update finds nothing to do and still lists the same problems.
        again = library.update()
        assert again.added == again.changed == 0
        assert len(again.problems) == len(report.problems)


def test_article_text_and_names_carry_no_controls(hostile_corpus: HostileCorpus) -> None:
    items = list(iter_articles(hostile_corpus.root))
    articles = [item for item in items if isinstance(item, Article)]
    assert len(articles) == len(hostile_corpus.articles)
    for article in articles:
        for value in (article.text, article.title, article.source):
            assert not _UNSAFE.search(value), (article.source, _UNSAFE.search(value))
            assert "\n" not in article.title
        for marker in ("BYLINE-PWNED", "QllMSU5FLVBXTkVE", "BYLINE-TITLE", "BYLINE-DCS"):
            assert marker not in article.text
    for problem in (item for item in items if isinstance(item, Problem)):
        assert "\n" not in problem.reason


def test_escapes_go_and_the_words_around_them_stay(hostile_corpus: HostileCorpus) -> None:
    (article,) = (
        item
        for item in iter_articles(hostile_corpus.root)
        if isinstance(item, Article) and item.source == "escapes.txt"
    )
    words = article.text.split()
    for word in ("red", "moved", "mode", "cleared", "asked.", "written.", "sent.", "c1dcs"):
        assert word in words
    # An unterminated OSC ends at the line end instead of eating the article.
    assert article.paragraphs[-1] == "After the storm the harbour reopened."
    assert all(unicodedata.category(c)[0] != "C" for c in article.text if c != "\n")


def test_encoded_escapes_go_like_raw_ones(hostile_corpus: HostileCorpus) -> None:
    (article,) = (
        item
        for item in iter_articles(hostile_corpus.root)
        if isinstance(item, Article) and item.source == "char-refs.txt"
    )
    assert article.paragraphs == (
        "Encoded: colour red then moved cleared, title set, clipboard written, device sent.",
        "Controls \ufffdnul bell bs del esrever iso bom zw break.",
        # C1 codes read as Windows-1252 letters ("&#155;" is "\u203a", "&#x9c;"
        # is "\u0153"); the ones it leaves undefined (8-bit OSC, DCS) are
        # dropped, so no words around them are lost.
        "Eight-bit \u203a6n c1csi \u203a2J again 0;kept\u0153 words dcs\u0153 stay",
        "AT&T and R&D kept; Q&A too; volvió and café decoded.",
    )


def test_markup_and_names_are_kept_literally(hostile_corpus: HostileCorpus) -> None:
    items = iter_articles(hostile_corpus.root)
    by_source = {item.source: item for item in items if isinstance(item, Article)}
    assert "[bold]markup-name[/bold].txt" in by_source
    assert "caf\ufffd-latin1-name.txt" in by_source
    assert "esc--name.txt" in by_source  # the OSC in the file name is gone, payload and all
    assert "[link=https://example.invalid]a link[/link]" in by_source["markup.txt"].text
