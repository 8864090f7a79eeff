"""One person, one name, end to end: a real index in a temporary directory.

The articles are written here; the index is built by the real analysis, and
the names panel's pivots (``summarise(...).names[i].query``) are run against
it like the reader runs them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

import byline.index.library.indexer as indexer
from byline.index.analysis.summary import summarise
from byline.index.corpus.articles import article_id
from byline.index.library.api import Library, open_library
from byline.index.models import Annotations, Entity, Quote

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

WriteArticle = Callable[["Path", str, str], "Path"]

ARTICLES = {
    "full.txt": (
        " date 2024-03-01 Tony Blair opened the new library in Sedgefield on Friday.\n\n"
        'Mr Blair told the crowd that books mattered. "Reading changed my life," Blair said.'
        "\n\nBlair's visit drew a large crowd, organisers said.\n"
    ),
    "only-full.txt": (
        " date 2024-03-02 Former prime minister Tony Blair will address the conference"
        " in Leeds next week, organisers said.\n"
    ),
    "surname.txt": (
        " date 2024-03-03 A council officer named Blair approved the harbour plan on"
        ' Monday. "The harbour will reopen," Blair said.\n'
    ),
    "both.txt": (
        " date 2024-03-04 Cherie Blair arrived at the gala in Durham before her husband."
        " Blair, a lawyer, spoke first about the charity.\n\n"
        'Tony Blair followed her on stage. "It is a fine evening," Blair said.\n'
    ),
    "corp.txt": (
        " date 2024-03-05 Microsoft Corp said on Tuesday that profits rose. Microsoft"
        " expects more growth next year.\n"
    ),
    "plain.txt": (
        " date 2024-03-06 Shares of Microsoft rose in New York on Wednesday after a broker"
        " upgraded the stock.\n"
    ),
}


@pytest.fixture
def blair_library(tmp_path: Path, write_article: WriteArticle) -> Iterator[Library]:
    root = tmp_path / "corpus"
    for name, text in ARTICLES.items():
        write_article(root, name, text)
    with open_library(root, tmp_path / "data") as lib:
        lib.update()
        yield lib


def _found(lib: Library, query: str) -> set[str]:
    results = lib.search(query)
    assert not results.ignored, results.ignored
    return {hit.source for hit in results.hits}


def test_full_name_and_surname_searches(blair_library: Library) -> None:
    lib = blair_library
    assert _found(lib, 'person:"Tony Blair"') == {"full.txt", "only-full.txt", "both.txt"}
    assert _found(lib, "person:Blair") == {"full.txt", "only-full.txt", "surname.txt", "both.txt"}
    assert _found(lib, 'person:"Cherie Blair"') == {"both.txt"}
    # The quotation in both.txt follows "Tony Blair followed her": he said it.
    assert _found(lib, 'speaker:"Tony Blair"') == {"full.txt", "both.txt"}
    assert _found(lib, 'speaker:"Cherie Blair"') == set()
    assert _found(lib, "speaker:Blair") == {"full.txt", "surname.txt", "both.txt"}


def _pivots(lib: Library, source: str) -> dict[str, str]:
    summary = summarise(lib.annotations(article_id(source)))
    queries = {f"{name.kind} {name.name}": name.query for name in summary.names}
    queries.update({f"speaker {s.name}": s.query for s in summary.speakers})
    return queries


def test_the_panel_pivots_find_what_the_field_searches_find(blair_library: Library) -> None:
    lib = blair_library
    full = _pivots(lib, "full.txt")
    # "Tony Blair", "Mr Blair", "Blair" and "Blair's": one entry, one search.
    assert [key for key in full if "Blair" in key] == ["person Tony Blair", "speaker Tony Blair"]
    assert _found(lib, full["person Tony Blair"]) == _found(lib, 'person:"Tony Blair"')
    assert _found(lib, full["speaker Tony Blair"]) == _found(lib, 'speaker:"Tony Blair"')

    both = _pivots(lib, "both.txt")
    assert {key for key in both if "Blair" in key} == {
        "person Cherie Blair",
        "person Tony Blair",
        "speaker Tony Blair",
    }
    assert _found(lib, both["person Cherie Blair"]) == {"both.txt"}
    assert _found(lib, both["person Tony Blair"]) == _found(lib, 'person:"Tony Blair"')

    # An article naming only "Blair" cannot say which Blair: its pivot finds every Blair.
    surname = _pivots(lib, "surname.txt")
    assert _found(lib, surname["person Blair"]) == _found(lib, "person:Blair")


def test_an_organisation_pivot_finds_its_short_name_too(blair_library: Library) -> None:
    lib = blair_library
    corp = _pivots(lib, "corp.txt")
    assert [key for key in corp if key.startswith("org")] == ["org Microsoft Corp"]
    assert _found(lib, corp["org Microsoft Corp"]) == {"corp.txt", "plain.txt"}
    assert _found(lib, 'org:"Microsoft Corp"') == {"corp.txt"}


def test_the_index_holds_canonical_names_whatever_the_finder_returns(
    tmp_path: Path, write_article: WriteArticle, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The entity and quote finders are replaced by hand-made annotations whose
    # mentions carry a title and a possessive, and a speaker without a name.
    text = (
        "Tony Blair spoke in Leeds. Mr Blair was cheered and Blair's wife waved. "
        '"We are ready," said Mr Blair. The BBC filmed it for the BBC\'s viewers.'
    )

    def fake_analyse(body: str) -> Annotations:
        assert body == text
        mentions = [
            ("Tony Blair", "person"),
            ("Leeds", "place"),
            ("Mr Blair", "person"),
            ("Blair's", "person"),
            ("The BBC", "org"),
            ("the BBC's", "org"),
        ]
        entities, at = [], 0
        for surface, kind in mentions:
            start = body.index(surface, at)
            entities.append(Entity(start, start + len(surface), surface, kind))  # type: ignore[arg-type]
            at = start + len(surface)
        start = body.index("We are ready")
        quote = Quote(start, start + 12, "We are ready", "Mr Blair", "said", None)
        return Annotations(tuple(entities), (quote,))

    monkeypatch.setattr(indexer, "analyse", fake_analyse)
    root = tmp_path / "corpus"
    write_article(root, "one.txt", f" date 2024-04-01 {text}\n")
    write_article(root, "other.txt", " date 2024-04-02 Nothing about anyone here.\n")
    with open_library(root, tmp_path / "data") as lib:
        lib.update()
        assert _found(lib, 'speaker:"Tony Blair"') == {"one.txt"}
        assert _found(lib, 'person:"Tony Blair"') == {"one.txt"}
        # Every mention went in as "Tony Blair": no bare "Mr" or "Blair's".
        assert _found(lib, "person:Mr") == set()
        assert _found(lib, "person:s") == set()
        assert _found(lib, "org:the") == set()
        assert _found(lib, "org:BBC") == {"one.txt"}
