"""The annotation mistakes a user met on other newsrooms' copy, end to end.

Each article below was written for this test in the style of a British
broadcaster's website (titles of works, clubs, companies, holidays, plural
surnames, "MP", a spokesman for a company, BBC-style continued quotations).
They are indexed into a real library, and what a user would search for and
see is checked: the ``person:``/``org:``/``place:``/``speaker:`` fields, the
quotations with their speakers, and the names panel's summary.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pilot_steps import open_names_panel

from byline.index.corpus.articles import article_id
from byline.index.library.api import Library, open_library
from byline.reader.app import BylineApp
from byline.reader.widgets.article_view import ArticleView

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

ARTICLES = {
    "tech.txt": (
        " date 2005-01-12 Apple has reported record sales of its iPod music player over"
        " Christmas, sending shares in the company up 5%.\n\n"
        'Analysts at Gartner said the figures beat expectations. "This was a remarkable'
        ' quarter for Apple," said Jane Holloway, an analyst at the research firm. "Nobody'
        ' expected demand to hold up this well."\n\n'
        "Microsoft, which makes rival music software, declined to comment on the figures."
        ' A Microsoft spokesman said: "We are confident in our own plans for the year."\n'
    ),
    "politics.txt": (
        " date 2005-02-03 Tony Blair has defended his record on schools during a heated"
        " session in the Commons.\n\n"
        'The prime minister told MPs that spending on schools had doubled. "We have made real'
        ' progress and we will not stop now," he said.\n\n'
        'Michael Howard, the Conservative leader, said the claims were "simply not true".'
        ' He added: "Parents know that their children deserve better."\n\n'
        "Mr Blair and his wife spent the new year in Egypt. The Blairs returned to London"
        " on Sunday.\n\n"
        "Sarah Lund, a Liberal Democrat MEP, said the debate had been useful.\n"
    ),
    "sport.txt": (
        " date 2004-12-20 Everton beat Chelsea 2-1 on Saturday to move up to third in the"
        " Premiership.\n\n"
        'David Moyes said his side had deserved the win. "The players were magnificent from'
        ' the first minute to the last," the Everton manager said.\n\n'
        '"I thought we were the better team in the second half," said Chelsea boss Jose'
        ' Mourinho. "We just could not find the goal.\n\n'
        '"We will have to be sharper against Arsenal on Boxing Day."\n\n'
        "Several of the players went to see the film Harbour of Glass, which opened in"
        " cinemas on Friday.\n"
    ),
    "continued.txt": (
        " date 2005-03-09 A bakery chain in Leeds is to close six shops, its owner has said.\n\n"
        '"It was the hardest decision of my life," said Ruth Marlow, who founded the chain.'
        ' "I think we held on for as long as anyone could.\n\n'
        "The chain employs 40 people, most of whom will be offered jobs at its other shops.\n"
    ),
}


def _write(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def families(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    root = _write(tmp_path_factory.mktemp("families"))
    library = open_library(root, tmp_path_factory.mktemp("data"))
    library.update()
    yield library
    library.close()


def _found(library: Library, query: str) -> set[str]:
    return {hit.source for hit in library.search(query, limit=None).hits}


def _named(library: Library, name: str, kind: str) -> list[str]:
    """The kinds ``name`` was given in ``name``'s article."""
    ann = library.annotations(article_id(name))
    return sorted({e.text for e in ann.entities if e.kind == kind})


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Companies are organisations, never people or places.
        ("org:Apple", {"tech.txt"}),
        ("org:Microsoft", {"tech.txt"}),
        ("org:Gartner", {"tech.txt"}),
        ("person:Apple OR place:Apple OR person:Microsoft OR place:Microsoft", set()),
        # Clubs are organisations.
        ("org:Everton", {"sport.txt"}),
        ("org:Chelsea", {"sport.txt"}),
        ("person:Everton OR place:Everton OR person:Chelsea OR place:Chelsea", set()),
        # Holidays and works are neither people, organisations nor places.
        ("person:Christmas OR org:Christmas OR place:Christmas", set()),
        ('person:"Harbour of Glass" OR org:Harbour OR place:Harbour', set()),
        # "MP", "MEP" are not organisations; "the Blairs" is not one either.
        ("org:MPs OR org:MEP OR org:Blairs", set()),
        # People.
        ('person:"Jane Holloway"', {"tech.txt"}),
        ('person:"Tony Blair"', {"politics.txt"}),
        ('person:"Jose Mourinho"', {"sport.txt"}),
        ("place:Egypt", {"politics.txt"}),
        # Speakers are people or organisations the article names, never a pronoun,
        # a holiday, a place or a body mentioned only as a location.
        ("speaker:Holloway", {"tech.txt"}),
        ("speaker:Microsoft", {"tech.txt"}),
        ('speaker:"Tony Blair"', {"politics.txt"}),
        ('speaker:"Michael Howard"', {"politics.txt"}),
        ("speaker:Mourinho", {"sport.txt"}),
        ("speaker:Moyes", {"sport.txt"}),
        ("speaker:Marlow", {"continued.txt"}),
        ("speaker:he OR speaker:she OR speaker:Commons OR speaker:Christmas", set()),
        ("speaker:Apple OR speaker:Gartner OR speaker:Everton", set()),
    ],
)
def test_what_a_search_finds(families: Library, query: str, expected: set[str]) -> None:
    assert _found(families, query) == expected


def _quotes(library: Library, name: str) -> list[tuple[str, str | None]]:
    ann = library.annotations(article_id(name))
    return [(q.text, q.speaker_name) for q in ann.quotes]


def test_a_quotation_in_two_parts_is_two_quotations_with_one_speaker(families: Library) -> None:
    assert _quotes(families, "tech.txt") == [
        ("This was a remarkable quarter for Apple", "Jane Holloway"),
        ("Nobody expected demand to hold up this well.", "Jane Holloway"),
        ("We are confident in our own plans for the year.", "Microsoft"),
    ]


def test_pronouns_resolve_and_fragments_are_not_quotations(families: Library) -> None:
    assert _quotes(families, "politics.txt") == [
        ("We have made real progress and we will not stop now", "Tony Blair"),
        ("Parents know that their children deserve better.", "Michael Howard"),
    ]


def test_continued_quotations_stay_in_their_paragraphs(families: Library) -> None:
    # A paragraph that ends inside a quotation goes on in the next one that
    # opens with a mark; narration after it is never taken into the quotation.
    assert _quotes(families, "sport.txt")[1:] == [
        ("I thought we were the better team in the second half", "Jose Mourinho"),
        ("We just could not find the goal.", "Jose Mourinho"),
        ("We will have to be sharper against Arsenal on Boxing Day.", "Jose Mourinho"),
    ]
    quotes = _quotes(families, "continued.txt")
    assert quotes == [
        ("It was the hardest decision of my life", "Ruth Marlow"),
        ("I think we held on for as long as anyone could.", "Ruth Marlow"),
    ]


def test_kinds_in_the_articles(families: Library) -> None:
    assert {"Apple", "Gartner", "Microsoft"} <= set(_named(families, "tech.txt", "org"))
    assert {"iPod", "Christmas"} <= set(_named(families, "tech.txt", "misc"))
    assert _named(families, "sport.txt", "person") == ["David Moyes", "Jose Mourinho"]
    assert {"Everton", "Chelsea", "Arsenal"} <= set(_named(families, "sport.txt", "org"))
    assert {"Harbour of Glass", "Boxing Day"} <= set(_named(families, "sport.txt", "misc"))
    # ("The Blairs" is the family: people, never an organisation.)
    assert _named(families, "politics.txt", "person") == [
        "Blair",
        "Blairs",
        "Michael Howard",
        "Sarah Lund",
        "Tony Blair",
    ]
    assert _named(families, "politics.txt", "place") == ["Egypt", "London"]


async def test_the_reader_shows_speakers_and_fragments(tmp_path: Path, data_dir: Path) -> None:
    app = BylineApp(_write(tmp_path / "corpus"), data_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        rows = await open_names_panel(pilot, app, "Howard", "politics.txt")
        assert rows[:6] == [
            "Quoted",
            "Tony Blair  1 quote",
            "  \u201cWe have made real progress and we will not\u2026\u201d",
            "Michael Howard  1 quote  1 fragment",
            "  \u201cParents know that their children deserve\u2026\u201d",
            "  \u2026\u201csimply not true\u201d\u2026",
        ]
        assert "Commons" not in "".join(rows[:6])
        # The fragment is drawn in a style of its own, not as a whole quotation.
        await pilot.press("escape")
        view = app.query_one(ArticleView)
        segments = [seg for y in range(view.size.height) for seg in view.render_line(y)]
        fragment = next(seg.style for seg in segments if "simply" in seg.text)
        quote = next(seg.style for seg in segments if "Parents" in seg.text)
        assert fragment is not None
        assert quote is not None
        assert fragment.italic
        assert quote.italic
        assert fragment.color != quote.color
