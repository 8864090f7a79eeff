"""Who is quoted and who is named: the data behind the names panel."""

from __future__ import annotations

from byline.index.models import Annotations, Entity, Quote
from byline.index.summary import summarise

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
            Quote(3, 5, "Yo", 'the "group"', "said", None),
        )
    )
    (speaker,) = summarise(ann).speakers
    assert speaker.query.count('"') == 2
