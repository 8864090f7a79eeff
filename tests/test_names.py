"""Canonical names within one article (byline.index.analysis.names), on sentences written here.

The annotations are built by hand (the entity finder is tested elsewhere):
each mention is located in the sentence in order, so the offsets are real.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pytest

from byline.index.analysis.names import canonical_names, person_words, search_form
from byline.index.models import Annotations, Entity, EntityKind, Quote

if TYPE_CHECKING:
    from collections.abc import Sequence


def _annotate(
    text: str,
    mentions: list[tuple[str, EntityKind]],
    quotes: Sequence[tuple[str, str | None, str | None]] = (),
) -> Annotations:
    """Entities for ``mentions`` (surface text, kind) found left to right in
    ``text``; quotes as (quoted words, speaker as written, speaker name)."""
    entities = []
    at = 0
    for surface, kind in mentions:
        start = text.index(surface, at)
        entities.append(Entity(start, start + len(surface), surface, kind))
        at = start + len(surface)
    found = []
    for words, speaker, name in quotes:
        start = text.index(words)
        found.append(Quote(start, start + len(words), words, speaker, "said", name))
    return Annotations(tuple(entities), tuple(found))


def _names(ann: Annotations) -> list[str]:
    return list(canonical_names(ann).entities)


def test_surname_title_and_possessive_are_the_full_name() -> None:
    text = (
        "Tony Blair opened a bridge in Sedgefield. Mr Blair cut the ribbon, "
        "Blair's driver waited and BLAIR left by boat."
    )
    ann = _annotate(
        text,
        [
            ("Tony Blair", "person"),
            ("Sedgefield", "place"),
            ("Mr Blair", "person"),
            ("Blair's", "person"),
            ("BLAIR", "person"),
        ],
    )
    assert _names(ann) == ["Tony Blair", "Sedgefield", "Tony Blair", "Tony Blair", "Tony Blair"]


def test_a_surname_before_the_full_name_is_still_that_person() -> None:
    # Headlines often give the surname first.
    text = "Blair opens bridge. Tony Blair opened a bridge on Friday."
    ann = _annotate(text, [("Blair", "person"), ("Tony Blair", "person")])
    assert _names(ann) == ["Tony Blair", "Tony Blair"]


def test_two_people_sharing_a_surname_stay_apart() -> None:
    text = (
        "Blair was expected first. Cherie Blair arrived at the gala before her husband; "
        "Blair, a barrister, spoke of the charity. Tony Blair followed her on stage and "
        "Blair thanked the band. Mrs Blair left early."
    )
    ann = _annotate(
        text,
        [
            ("Blair", "person"),
            ("Cherie Blair", "person"),
            ("Blair", "person"),
            ("Tony Blair", "person"),
            ("Blair", "person"),
            ("Mrs Blair", "person"),
        ],
    )
    # Each bare "Blair" is the Blair named nearest before it; before either is
    # named it is left alone; "Mrs" rules out Tony.
    assert _names(ann) == [
        "Blair",
        "Cherie Blair",
        "Cherie Blair",
        "Tony Blair",
        "Tony Blair",
        "Cherie Blair",
    ]


def test_a_first_name_alone_and_other_people_are_not_merged() -> None:
    text = "Tony Blair met Tony Benn and Anne Blairson. Tony smiled at Blairson."
    ann = _annotate(
        text,
        [
            ("Tony Blair", "person"),
            ("Tony Benn", "person"),
            ("Anne Blairson", "person"),
            ("Tony", "person"),
            ("Blairson", "person"),
        ],
    )
    assert _names(ann) == ["Tony Blair", "Tony Benn", "Anne Blairson", "Tony", "Anne Blairson"]


def test_longer_forms_of_a_full_name() -> None:
    text = (
        "George W. Bush spoke. George Bush left. Ludwig van Beethoven was played; "
        "van Beethoven and Beethoven again. Dr. Jane Goodall's talk; Goodall laughed."
    )
    ann = _annotate(
        text,
        [
            ("George W. Bush", "person"),
            ("George Bush", "person"),
            ("Ludwig van Beethoven", "person"),
            ("van Beethoven", "person"),
            ("Beethoven", "person"),
            ("Dr. Jane Goodall's", "person"),
            ("Goodall", "person"),
        ],
    )
    assert _names(ann) == [
        "George W. Bush",
        "George W. Bush",
        "Ludwig van Beethoven",
        "Ludwig van Beethoven",
        "Ludwig van Beethoven",
        "Jane Goodall",
        "Jane Goodall",
    ]


def test_organisations_merge_only_the_legal_form_and_the() -> None:
    text = (
        "Microsoft said sales rose. Microsoft Corp. shares fell and Microsoft Research "
        "hired staff. The BBC reported it; the BBC's editor and BBC Radio agreed. "
        "Apple, Inc. and Apple's rivals."
    )
    ann = _annotate(
        text,
        [
            ("Microsoft", "org"),
            ("Microsoft Corp.", "org"),
            ("Microsoft Research", "org"),
            ("The BBC", "org"),
            ("the BBC's", "org"),
            ("BBC Radio", "org"),
            ("Apple, Inc.", "org"),
            ("Apple's", "org"),
        ],
    )
    assert _names(ann) == [
        "Microsoft Corp.",
        "Microsoft Corp.",
        "Microsoft Research",
        "BBC",
        "BBC",
        "BBC Radio",
        "Apple, Inc.",
        "Apple, Inc.",
    ]


def test_places_merge_the_and_possessives_only() -> None:
    text = "The Hague is quiet; the Hague's courts and Hague opened. York is not New York."
    ann = _annotate(
        text,
        [
            ("The Hague", "place"),
            ("the Hague's", "place"),
            ("Hague", "place"),
            ("York", "place"),
            ("New York", "place"),
        ],
    )
    assert _names(ann) == ["Hague", "Hague", "Hague", "York", "New York"]


def test_speakers_land_on_the_same_person_as_the_entities() -> None:
    text = (
        'Cherie Blair spoke first. "It was a fine night," said Blair. Tony Blair '
        'followed. "Quite so," Blair said. "Indeed," he added. Microsoft Corp agreed. '
        '"Sales rose," Microsoft said. "No comment," said the ministry.'
    )
    ann = _annotate(
        text,
        [
            ("Cherie Blair", "person"),
            ("Blair", "person"),
            ("Tony Blair", "person"),
            ("Blair", "person"),
            ("Microsoft Corp", "org"),
            ("Microsoft", "org"),
        ],
        [
            # The quote finder may name a bare surname with the wrong Blair:
            # the speaker as written goes by the same rule as the entities.
            ("It was a fine night", "Blair", "Tony Blair"),
            ("Quite so", "Blair", None),
            ("Indeed", "he", "Tony Blair"),
            ("Sales rose", "Microsoft", None),
            ("No comment", "the ministry", None),
        ],
    )
    canon = canonical_names(ann)
    assert canon.speakers == (
        "Cherie Blair",
        "Tony Blair",
        "Tony Blair",
        "Microsoft Corp",
        None,  # "the ministry" names nobody: unattributed
    )
    assert canon.speaker_kinds == ("person", "person", "person", "org", None)
    assert canon.entities[1] == "Cherie Blair"
    assert canon.entities[3] == "Tony Blair"


def test_a_speaker_title_and_a_speaker_named_only_in_a_quote() -> None:
    text = 'Dmitry Rogozin arrived. "Go," said Mr Rogozin. "Stop," said Mr. Petrov.'
    ann = _annotate(
        text,
        [("Dmitry Rogozin", "person")],
        [("Go", "Mr Rogozin", None), ("Stop", "Mr. Petrov", "Petrov")],
    )
    canon = canonical_names(ann)
    # A speaker who is not an entity keeps the name the quote finder gave; the
    # words as written ("he", "officials", "the ministry") are no name.
    assert canon.speakers == ("Dmitry Rogozin", "Petrov")
    for unnamed in ("he", "officials", "the ministry"):
        lone = _annotate('"Stop," said someone.', [], [("Stop", unnamed, None)])
        assert canonical_names(lone).speakers == (None,), unnamed


def test_person_words_and_search_form() -> None:
    assert person_words("Mr. Tony Blair's") == ["Tony", "Blair"]
    assert person_words("Martin Luther King Jr.") == ["Martin", "Luther", "King"]
    assert person_words("Hal Sims III") == ["Hal", "Sims"]
    assert person_words("Mr") == ["Mr"]  # never empty
    assert person_words("James Jones'") == ["James", "Jones"]
    assert search_form("Microsoft Corp.", "org") == "Microsoft"
    assert search_form("Apple, Inc.", "org") == "Apple"
    assert search_form("Smith & Co", "org") == "Smith"
    assert search_form("Co", "org") == "Co"
    assert search_form("Tony  Blair", "person") == "Tony Blair"
    # A person's name is searched in full, legal-looking words and all.
    assert search_form("Kim Co", "person") == "Kim Co"


def test_empty_annotations() -> None:
    canon = canonical_names(Annotations())
    assert canon.entities == canon.speakers == canon.speaker_kinds == ()


def test_time_is_linear_in_the_mentions() -> None:
    # 30,000 people, each named in full and then by surname three times: a
    # pairwise comparison of mentions would take minutes.
    count = 30_000
    entities = []
    pos = 0
    for i in range(count):
        full = f"Given{i} Surname{i}"
        entities.append(Entity(pos, pos + len(full), full, "person"))
        pos += len(full) + 1
        for _ in range(3):
            entities.append(Entity(pos, pos + 8, f"Surname{i}", "person"))
            pos += 20
    started = time.perf_counter()
    canon = canonical_names(Annotations(tuple(entities)))
    elapsed = time.perf_counter() - started
    assert canon.entities[-1] == f"Given{count - 1} Surname{count - 1}"
    assert elapsed < 5.0


def test_a_shouted_headline_form_does_not_name_the_group() -> None:
    text = "IRAN TALKS WITH JOHN SMITH. Iran said John Smith and the BBC met. BBC agreed."
    ann = _annotate(
        text,
        [
            ("IRAN", "place"),
            ("JOHN SMITH", "person"),
            ("Iran", "place"),
            ("John Smith", "person"),
            ("BBC", "org"),
            ("BBC", "org"),
        ],
    )
    assert _names(ann) == ["Iran", "John Smith", "Iran", "John Smith", "BBC", "BBC"]


def test_a_pronoun_speaker_is_never_read_as_a_name() -> None:
    # "He" is also a surname: the "he" who speaks is whoever the quote finder says.
    # (The finder takes the surname alone for a person too: "…," He said.)
    text = 'He Jianmin spoke. "We agree," He said. Liu Fang nodded. "So do I," he said.'
    ann = _annotate(
        text,
        [("He Jianmin", "person"), ("He", "person"), ("Liu Fang", "person")],
        [("We agree", "He", "He Jianmin"), ("So do I", "he", "Liu Fang")],
    )
    assert canonical_names(ann).speakers == ("He Jianmin", "Liu Fang")


@pytest.mark.parametrize(
    ("text", "people", "expected"),
    [
        # An honorific before a short form rules out namesakes of the other sex.
        (
            "Cherie Blair thanked Tony Blair. Mrs Blair said it was a long year.",
            ["Cherie Blair", "Tony Blair", "Blair"],
            "Cherie Blair",
        ),
        (
            "Tony Blair thanked Cherie Blair. Mr Blair said it was a long year.",
            ["Tony Blair", "Cherie Blair", "Blair"],
            "Tony Blair",
        ),
        # And a lone namesake of the other sex is somebody else.
        ("Laura Bush arrived. Mr Bush stayed at home.", ["Laura Bush", "Bush"], "Bush"),
    ],
)
def test_honorifics_tell_namesakes_apart(text: str, people: list[str], expected: str) -> None:
    ann = _annotate(text, [(name, "person") for name in people])
    assert canonical_names(ann, text).entities[-1] == expected
