"""Behaviour of byline.index.analysis.quotes.find_quotes on crafted articles."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import TYPE_CHECKING

from hypothesis import given, settings
from hypothesis import strategies as st

from byline.index.analysis.quotes import find_quotes
from byline.index.corpus.articles import parse_article
from byline.index.models import Entity

if TYPE_CHECKING:
    from pathlib import Path

    from byline.index.models import Quote


def _only(text: str) -> Quote:
    quotes = find_quotes(text)
    assert len(quotes) == 1, quotes
    return quotes[0]


def _only_with(text: str, entities: list[Entity]) -> Quote:
    quotes = find_quotes(text, entities)
    assert len(quotes) == 1, quotes
    return quotes[0]


def _check_offsets(text: str, quotes: list[Quote]) -> None:
    for q in quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
    for a, b in pairwise(quotes):
        assert a.end <= b.start


# -- the seed article ----------------------------------------------------------


def test_seed_article_has_rogozin_and_roscosmos_quotes(seed_article: Path) -> None:
    text = parse_article(seed_article).text
    quotes = find_quotes(text)
    _check_offsets(text, quotes)
    assert len(quotes) == 2
    rogozin, roscosmos = quotes
    assert rogozin.text.startswith("We are not interested in this.")
    assert rogozin.text.endswith("It will begin this year")
    assert (rogozin.speaker, rogozin.cue, rogozin.speaker_name) == (
        "Rogozin",
        "wrote",
        "Dmitry Rogozin",
    )
    assert roscosmos.text.startswith("After reviewing the memorandum")
    assert roscosmos.text.endswith("with the US side")
    assert "\n\nAt the same time" in roscosmos.text  # one quotation over two paragraphs
    assert (roscosmos.speaker, roscosmos.cue) == ("Roscosmos", "said")


# -- quotation marks -----------------------------------------------------------


def test_straight_and_curly_quotes_with_speaker_after() -> None:
    text = (
        'The mayor spoke on Friday.\n\n"The bridge will open in May," Ortega said.\n\n'
        "\u201cWe are ready for the crowds,\u201d said Ortega."
    )
    quotes = find_quotes(text)
    _check_offsets(text, quotes)
    assert [q.text for q in quotes] == [
        "The bridge will open in May",
        "We are ready for the crowds",
    ]
    assert [(q.speaker, q.cue) for q in quotes] == [("Ortega", "said"), ("Ortega", "said")]


def test_speaker_before_with_colon_and_comma() -> None:
    q = _only("Helen Park told reporters: \u201cThe vote is final.\u201d")
    assert (q.speaker, q.cue, q.text) == ("Helen Park", "told", "The vote is final.")
    q = _only("The minister added, \u201cNothing has changed.\u201d")
    assert (q.speaker, q.cue) == ("The minister", "added")


def test_according_to_and_told() -> None:
    q = _only("\u201cSales fell sharply,\u201d according to Marta Lind, the chief executive.")
    assert (q.speaker, q.cue) == ("Marta Lind", "according to")
    q = _only("\u201cWe will appeal,\u201d Brenner told the court.")
    assert (q.speaker, q.cue) == ("Brenner", "told")


def test_quotation_reopened_in_the_next_paragraph_gives_one_quote_per_paragraph() -> None:
    text = (
        "Kowalski said the plan was simple.\n\n"
        "\u201cFirst we fix the roads. Then we fix the schools.\n\n"
        "\u201cAfter that, we will see,\u201d he said.\n\n"
        "The council meets on Monday."
    )
    quotes = find_quotes(text)
    _check_offsets(text, quotes)
    assert [q.text for q in quotes] == [
        "First we fix the roads. Then we fix the schools.",
        "After that, we will see",
    ]
    # The attribution after the last paragraph names the speaker of both.
    assert [(q.speaker, q.cue, q.speaker_name) for q in quotes] == [
        ("he", "said", "Kowalski"),
        ("he", "said", "Kowalski"),
    ]


def test_quotation_reopened_inside_a_paragraph_is_split() -> None:
    # BBC style: a new opening mark after a finished sentence continues the
    # quotation, and the sentence before it has no closing mark.
    text = (
        'The ferry resumed on Monday. "We lost a week," said Ines Varga. '
        '"The crossings are full again. "Bookings doubled overnight and the '
        'crews are working double shifts." The port reopens in May.'
    )
    quotes = find_quotes(text)
    _check_offsets(text, quotes)
    assert [q.text for q in quotes] == [
        "We lost a week",
        "The crossings are full again.",
        "Bookings doubled overnight and the crews are working double shifts.",
    ]
    assert {q.speaker_name for q in quotes} == {"Ines Varga"}
    assert all("port reopens" not in q.text for q in quotes)


def test_unclosed_continuation_never_swallows_narration() -> None:
    text = (
        'Officials were cautious. "The dam is holding," Jonas Ek said. '
        '"We will know more tomorrow.\n\n'
        "Engineers inspected the spillway on Tuesday and found no cracks. "
        "The river fell overnight.\n\n"
        '"We were lucky," said Ek.'
    )
    quotes = find_quotes(text)
    _check_offsets(text, quotes)
    assert all("spillway" not in q.text for q in quotes)
    assert all("\n" not in q.text for q in quotes)
    assert quotes[0].text == "The dam is holding"
    assert quotes[-1].text == "We were lucky"


def test_unbalanced_mark_does_not_swallow_the_article() -> None:
    paragraphs = [
        "\u201cThis quotation never closes, said nobody.",
        "The next paragraph is plain reporting.",
        "Another plain paragraph follows here.",
        "\u201cA proper quotation,\u201d Diaz said.",
    ]
    text = "\n\n".join(paragraphs)
    quotes = find_quotes(text)
    _check_offsets(text, quotes)
    assert all("plain reporting" not in q.text for q in quotes)
    assert [q.text for q in quotes][-1] == "A proper quotation"
    assert quotes[-1].speaker == "Diaz"


def test_unbalanced_straight_mark_in_one_paragraph() -> None:
    text = 'He said "it works and left.\n\n"Yes," Kim said.'
    quotes = find_quotes(text)
    _check_offsets(text, quotes)
    assert [q.text for q in quotes] == ["Yes"]


def test_nested_single_quotes_stay_inside() -> None:
    text = "\u201cThey told me \u2018wait your turn\u2019 and I did,\u201d Ruiz said."
    q = _only(text)
    assert q.text == "They told me \u2018wait your turn\u2019 and I did"
    assert q.speaker == "Ruiz"


def test_nested_double_quotes_of_other_style_stay_inside() -> None:
    text = '"The sign said \u201cclosed\u201d all week," Ruiz said.'
    q = _only(text)
    assert q.text == "The sign said \u201cclosed\u201d all week"


def test_scare_quotes_are_not_quotations() -> None:
    text = (
        'The senator called the election "rigged" and the count a \u201cfarce\u201d on Tuesday. '
        "Critics said the claim was \u201ccompletely false\u201d and left."
    )
    assert find_quotes(text) == []


def test_split_quotation_and_lowercase_fragments() -> None:
    text = "\u201cWe tried,\u201d Okafor said, \u201cbut the money ran out.\u201d"
    quotes = find_quotes(text)
    assert [q.text for q in quotes] == ["We tried", "but the money ran out."]
    assert [q.speaker for q in quotes] == ["Okafor", "Okafor"]
    # The reporter's sentence goes on into a fragment: not a quotation.
    assert find_quotes("Okafor said on the other hand, \u201cthe money ran out\u201d early.") == []
    assert find_quotes("Okafor said the deal was \u201cdead on arrival\u201d.") == []


def test_apostrophe_typed_as_straight_quote_is_ignored() -> None:
    # Old wire copy writes India"s for India's.
    text = 'India"s budget was criticised. "It is bad," Rao said.'
    q = _only(text)
    assert (q.text, q.speaker) == ("It is bad", "Rao")


def test_doubled_apostrophe_marks() -> None:
    q = _only("''It was a good year,'' said Mr. Hale.")
    assert q.text == "It was a good year"
    assert q.speaker == "Mr. Hale"


# -- speakers ------------------------------------------------------------------


def test_previous_paragraph_introduces_the_speaker() -> None:
    text = (
        "Anna Berg, the campaign manager, was asked about the polls.\n\n"
        "Berg continued:\n\n"
        "\u201cThe numbers are moving our way.\u201d"
    )
    q = _only(text)
    assert (q.speaker, q.cue, q.speaker_name) == ("Berg", "continued", "Anna Berg")


def test_quote_continuing_after_a_cue_keeps_the_speaker() -> None:
    text = "\u201cWe won,\u201d said Tom Reyes. \u201cNow the work starts.\u201d"
    quotes = find_quotes(text)
    assert [q.speaker for q in quotes] == ["Tom Reyes", "Tom Reyes"]


def test_pronoun_resolves_to_the_full_name() -> None:
    text = (
        "Governor Maria Delgado visited the flooded town on Sunday.\n\n"
        "\u201cWe will rebuild every house,\u201d she said."
    )
    q = _only(text)
    assert (q.speaker, q.cue, q.speaker_name) == ("she", "said", "Maria Delgado")


def test_surname_resolves_to_the_full_name() -> None:
    text = (
        "Peter Lindqvist, the port director, spoke after the strike.\n\n"
        "\u201cShips are moving again,\u201d Lindqvist said."
    )
    q = _only(text)
    assert q.speaker_name == "Peter Lindqvist"


def test_pronoun_prefers_a_person_of_matching_gender() -> None:
    text = "Mr. John Avery met Ms. Clara Novak in Geneva.\n\n\u201cIt went well,\u201d he said."
    q = _only(text)
    assert q.speaker_name == "John Avery"


def test_person_entities_guide_pronoun_resolution() -> None:
    # "Hope Lane" looks like ordinary words ("we hope"), so only the entity
    # finder can tell that she is a person.
    text = "Officials met Hope Lane on Monday.\n\n\u201cWe hope for a deal,\u201d she said."
    assert _only_with(text, []).speaker_name is None
    i = text.index("Hope Lane")
    person = Entity(i, i + len("Hope Lane"), "Hope Lane", "person")
    q = _only_with(text, [person])
    assert (q.speaker, q.speaker_name) == ("she", "Hope Lane")
    # Weak input (every capitalised run tagged "misc") must not break anything.
    weak = [
        Entity(m.start(), m.end(), m.group(), "misc")
        for m in re.finditer(r"[A-Z][a-z]+(?: [A-Z][a-z]+)*", text)
    ]
    assert _only_with(text, weak).speaker == "she"
    assert find_quotes(text, weak) == find_quotes(text, [])


def test_organisation_speaker() -> None:
    text = "\u201cThe launch is postponed,\u201d the agency said in a statement."
    q = _only(text)
    assert (q.speaker, q.cue) == ("the agency", "said")


def test_no_quotes_and_empty_text() -> None:
    assert find_quotes("") == []
    assert find_quotes("No quotation marks here at all.") == []


# -- properties ----------------------------------------------------------------

_ALPHABET = st.sampled_from(
    [*"ab Z.,:;!?\n'\"", "\u201c", "\u201d", "\u2018", "\u2019", "''", " said ", "He "]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_never_raises_and_offsets_are_sound(text: str) -> None:
    quotes = find_quotes(text)
    _check_offsets(text, quotes)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_unicode_never_raises(text: str) -> None:
    quotes = find_quotes(text)
    _check_offsets(text, quotes)


def test_a_new_sentence_opened_with_a_mark_after_a_quotation_runs_to_its_paragraph_end() -> None:
    # BBC style: the speaker goes on in a new sentence whose closing mark the
    # paragraph never gives; the narration after it is not taken in.
    text = (
        '"The ferry is our lifeline," said Morwenna Keast, who runs the island shop.'
        ' "Without it the village would empty within a year.\n\n'
        "The council will decide on the subsidy next month."
    )
    quotes = find_quotes(text)
    assert [q.text for q in quotes] == [
        "The ferry is our lifeline",
        "Without it the village would empty within a year.",
    ]
    assert {q.speaker_name for q in quotes} == {"Morwenna Keast"}
    # A stray mark with no quotation closed before it in its paragraph is no quotation.
    assert (
        find_quotes('The vote was close. "Nobody expected it.\n\nThe count took all night.') == []
    )
