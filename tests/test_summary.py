"""Who is quoted and who is named: the data behind the names panel."""

from __future__ import annotations

from byline.index.analysis.summary import summarise
from byline.index.models import Annotations, Entity, Quote

TEXT = 'Dmitry Rogozin spoke. "Go," Rogozin said. NASA agreed. Rogozin left Moscow for Moscow.'


def _entity(text: str, kind: str, start: int) -> Entity:
    assert TEXT[start : start + len(text)] == text
    return Entity(start, start + len(text), text, kind)  # type: ignore[arg-type]


def test_short_mentions_count_toward_the_full_name() -> None:
    ann = Annotations(
        entities=(
            _entity("Dmitry Rogozin", "person", 0),
            _entity("Rogozin", "person", TEXT.index("Rogozin said")),
            _entity("NASA", "org", TEXT.index("NASA")),
            _entity("Rogozin", "person", TEXT.index("Rogozin left")),
            _entity("Moscow", "place", TEXT.index("Moscow")),
            _entity("Moscow", "place", TEXT.rindex("Moscow")),
        ),
        quotes=(Quote(23, 25, "Go", "Rogozin", "said", "Dmitry Rogozin"),),
    )
    summary = summarise(ann)
    assert [(n.kind, n.name, n.count) for n in summary.names] == [
        ("person", "Dmitry Rogozin", 3),
        ("org", "NASA", 1),
        ("place", "Moscow", 2),
    ]
    (speaker,) = summary.speakers
    assert speaker.name == "Dmitry Rogozin"
    assert speaker.query == 'speaker:"Dmitry Rogozin"'
    assert summary.names[0].query == 'person:"Dmitry Rogozin"'


def test_quotes_without_a_speaker_are_left_out_and_queries_stay_balanced() -> None:
    ann = Annotations(
        quotes=(
            Quote(0, 2, "Hi", None, None, None),
            Quote(3, 5, "Yo", 'Ann "Red" Lee', "said", 'Ann "Red" Lee'),
        )
    )
    (speaker,) = summarise(ann).speakers
    assert speaker.query.count('"') == 2


BLAIRS = (
    "Cherie Blair opened the gala. Blair, a barrister, spoke first. Tony Blair followed. "
    '"A fine night," said Mr Blair. "Thank you," Tony Blair said. Blair\'s car waited. '
    'Microsoft Corp paid for it. "Proud," said Microsoft.'
)


def _at(text: str, kind: str, start: int) -> Entity:
    return Entity(start, start + len(text), text, kind)  # type: ignore[arg-type]


def _blairs() -> Annotations:
    mentions = [
        ("Cherie Blair", "person"),
        ("Blair", "person"),
        ("Tony Blair", "person"),
        ("Mr Blair", "person"),
        ("Tony Blair", "person"),
        ("Blair's", "person"),
        ("Microsoft Corp", "org"),
        ("Microsoft", "org"),
    ]
    entities = []
    at = 0
    for surface, kind in mentions:
        start = BLAIRS.index(surface, at)
        entities.append(_at(surface, kind, start))
        at = start + len(surface)
    quotes = []
    for words, speaker, name in (
        ("A fine night", "Mr Blair", "Cherie Blair"),
        ("Thank you", "Tony Blair", "Tony Blair"),
        ("Proud", "Microsoft", None),
    ):
        start = BLAIRS.index(words)
        quotes.append(Quote(start, start + len(words), words, speaker, "said", name))
    return Annotations(tuple(entities), tuple(quotes))


def test_one_person_one_entry_and_namesakes_apart() -> None:
    summary = summarise(_blairs())
    assert [(n.kind, n.name, n.count) for n in summary.names] == [
        ("person", "Tony Blair", 4),
        ("person", "Cherie Blair", 2),
        ("org", "Microsoft Corp", 2),
    ]
    # "Mr Blair" and "Tony Blair" quoted: one speaker with both quotations.
    assert [(s.name, len(s.quotes)) for s in summary.speakers] == [
        ("Tony Blair", 2),
        ("Microsoft Corp", 1),
    ]


def test_pivots_search_the_canonical_name() -> None:
    summary = summarise(_blairs())
    queries = {n.name: n.query for n in summary.names}
    assert queries["Tony Blair"] == 'person:"Tony Blair"'
    assert queries["Cherie Blair"] == 'person:"Cherie Blair"'
    # An organisation is searched without its legal ending, so the pivot also
    # finds articles that call it just "Microsoft".
    assert queries["Microsoft Corp"] == 'org:"Microsoft"'
    assert [s.query for s in summary.speakers] == ['speaker:"Tony Blair"', 'speaker:"Microsoft"']
