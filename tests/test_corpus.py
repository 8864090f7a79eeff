"""Parsing the article format, and every way a file can be bad."""

from __future__ import annotations

import codecs
import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from byline.index.corpus.articles import (
    article_id,
    headline,
    iter_articles,
    parse_article,
    scan_stats,
)
from byline.index.models import Article, Problem

WriteArticle = Callable[[Path, str, str], Path]


def test_seed_article_parses(seeds: Path, seed_article: Path) -> None:
    article = parse_article(seed_article, seeds)
    assert article.date == dt.date(2021, 1, 25)
    assert len(article.paragraphs) == 9
    assert article.paragraphs[0].startswith("The head of Russian space agency Roscosmos")
    assert article.title.startswith("The head of Russian space agency Roscosmos, Dmitry Rogozin")
    assert len(article.title) <= 110
    assert article.title.endswith("\u2026")
    assert article.source == seed_article.name
    assert article.text == "\n\n".join(article.paragraphs)


def test_first_paragraph_follows_date_header(tmp_path: Path, write_article: WriteArticle) -> None:
    path = write_article(
        tmp_path, "a.txt", " date 2020-02-29 First para. Second sentence.\n\nNext one.\n"
    )
    article = parse_article(path)
    assert article.date == dt.date(2020, 2, 29)
    assert article.paragraphs == ("First para. Second sentence.", "Next one.")
    assert article.title == "First para."


def test_no_date_header_means_unknown_date(tmp_path: Path, write_article: WriteArticle) -> None:
    path = write_article(tmp_path, "a.txt", "Just a paragraph about dates and palms.\n")
    article = parse_article(path)
    assert article.date is None
    assert article.paragraphs == ("Just a paragraph about dates and palms.",)


def test_bom_crlf_and_lone_cr(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(codecs.BOM_UTF8 + b" date 2019-05-01 One.\r\n\r\nTwo.\r\rThree.\r\n")
    article = parse_article(path)
    assert article.date == dt.date(2019, 5, 1)
    assert article.paragraphs == ("One.", "Two.", "Three.")


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(" date 2019-05-01 Ünïcode text.\n".encode("utf-16"))
    assert parse_article(path).paragraphs == ("Ünïcode text.",)


def test_hard_wrapped_lines_join_into_one_paragraph(
    tmp_path: Path, write_article: WriteArticle
) -> None:
    path = write_article(
        tmp_path, "a.txt", "A line\nthat wraps\n\n  \n\nNext   paragraph\t here.\n"
    )
    assert parse_article(path).paragraphs == ("A line that wraps", "Next paragraph here.")


def test_headline_is_first_sentence_cut_at_a_word() -> None:
    assert headline("Mr. J. Smith of the U.S. Army spoke. More follows.") == (
        "Mr. J. Smith of the U.S. Army spoke."
    )
    long = "word " * 60
    cut = headline(long)
    assert len(cut) <= 110
    assert cut.endswith("word\u2026")
    assert headline('He said "go." Then left.') == 'He said "go."'


def test_terminal_escapes_and_controls_are_removed(
    tmp_path: Path, write_article: WriteArticle
) -> None:
    nasty = (
        "Safe \x1b[31mred\x1b[0m \x1b]0;pwned\x07title \x1b]52;c;ZXZpbA==\x07clip "
        "\u202eevil\x08 end"
    )
    path = write_article(tmp_path, "a.txt", f" date 2020-01-01 {nasty}\n")
    text = parse_article(path).text
    for control in ("\x1b", "\x07", "\u202e", "\x08"):
        assert control not in text
    assert text == "Safe red title clip evil end"


def test_id_depends_on_path_not_content(tmp_path: Path, write_article: WriteArticle) -> None:
    path = write_article(tmp_path, "sub/a.txt", "One.\n")
    first = parse_article(path, tmp_path).id
    path.write_text("Completely different.\n", encoding="utf-8")
    assert parse_article(path, tmp_path).id == first == article_id("sub/a.txt")
    assert article_id("sub/b.txt") != first


def _by_name(items: list[Article | Problem]) -> dict[str, list[Article | Problem]]:
    out: dict[str, list[Article | Problem]] = {}
    for item in items:
        out.setdefault(item.path.name, []).append(item)
    return out


def test_iter_articles_reports_bad_files_and_goes_on(
    tmp_path: Path, write_article: WriteArticle
) -> None:
    write_article(tmp_path, "good.txt", " date 2020-01-01 Fine.\n")
    write_article(tmp_path, "empty.txt", "   \n\n  \n")
    write_article(tmp_path, "baddate.txt", " date 2023-13-45 Kept anyway.\n")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9 society".encode("latin-1"))
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02junk\x00")
    (tmp_path / "dir.txt").mkdir()
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    os.symlink(tmp_path, tmp_path / "loop")
    os.symlink(tmp_path / "nowhere", tmp_path / "dangling.txt")

    items = _by_name(list(iter_articles(tmp_path)))

    assert set(items) == {
        "good.txt",
        "empty.txt",
        "baddate.txt",
        "latin1.txt",
        "binary.txt",
        "dangling.txt",
    }
    assert isinstance(items["good.txt"][0], Article)
    (bad_date_article, bad_date_problem) = items["baddate.txt"]
    assert isinstance(bad_date_article, Article)
    assert bad_date_article.date is None
    assert bad_date_article.paragraphs == ("Kept anyway.",)
    assert isinstance(bad_date_problem, Problem)
    assert "2023-13-45" in bad_date_problem.reason
    for name, words in (
        ("empty.txt", "no text"),
        ("latin1.txt", "UTF-8"),
        ("binary.txt", "binary"),
        ("dangling.txt", "cannot read"),
    ):
        (problem,) = items[name]
        assert isinstance(problem, Problem)
        assert words in problem.reason
        assert "\n" not in problem.reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_is_a_problem(tmp_path: Path, write_article: WriteArticle) -> None:
    path = write_article(tmp_path, "secret.txt", "Hidden.\n")
    path.chmod(0)
    (problem,) = list(iter_articles(tmp_path))
    assert isinstance(problem, Problem)
    assert "permission" in problem.reason


def test_non_utf8_file_name(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(raw, "wb") as f:
        f.write(b"Odd name, fine text.\n")
    (article,) = list(iter_articles(tmp_path))
    assert isinstance(article, Article)
    assert article.source == "caf\ufffd.txt"
    assert article.paragraphs == ("Odd name, fine text.",)


def test_scan_order_and_what_it_skips(tmp_path: Path, write_article: WriteArticle) -> None:
    for name in ("b.txt", "a.txt", "Z.TXT", "sub/c.txt", "sub/deeper/d.txt", "x.txt/e.txt"):
        write_article(tmp_path, name, " date 2020-01-01 Fine.\n")
    write_article(tmp_path, ".hidden.txt", "skipped")
    write_article(tmp_path, ".git/f.txt", "skipped")
    write_article(tmp_path, "notes.md", "not an article")
    os.symlink(tmp_path / "sub", tmp_path / "link.txt")  # a directory: not followed
    os.symlink(tmp_path / "sub", tmp_path / "linkdir")
    os.mkfifo(tmp_path / "pipe.txt")

    found, problems = scan_stats(tmp_path)

    # Each directory's files first, then its sub-directories, all in name order.
    assert [rel for rel, _m, _s in found] == [
        "Z.TXT",
        "a.txt",
        "b.txt",
        "sub/c.txt",
        "sub/deeper/d.txt",
        "x.txt/e.txt",
    ]
    sizes = {rel: size for rel, _m, size in found}
    assert sizes["a.txt"] == (tmp_path / "a.txt").stat().st_size
    assert [(p.path.name, "regular file" in p.reason) for p in problems] == [("pipe.txt", True)]
