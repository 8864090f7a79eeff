"""Who said it: speakers of quotations and fragments, on articles written for these tests.

Entities are given explicitly where a test is about speaker resolution, so
that the tests do not depend on what the entity finder happens to find.
"""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from byline.index.analysis.annotate import (
    ANNOTATION_FORMAT,
    analyse,
    dump_annotations,
    load_annotations,
)
from byline.index.analysis.names import canonical_names
from byline.index.analysis.quotes import find_fragments, find_quotations, find_quotes
from byline.index.models import Annotations, Entity

if TYPE_CHECKING:
    from byline.index.models import EntityKind, Quote


def _ents(text: str, kinds: dict[str, EntityKind]) -> list[Entity]:
    """Every occurrence of each name in ``kinds``, tagged with its kind, in text order."""
    found = [
        Entity(m.start(), m.end(), name, kind)
        for name, kind in kinds.items()
        for m in re.finditer(rf"\b{re.escape(name)}\b", text)
    ]
    return sorted(found, key=lambda e: e.start)


def _names(quotes: list[Quote]) -> list[str | None]:
    return [q.speaker_name for q in quotes]


# -- spokespeople and organisations -----------------------------------------------


def test_a_company_spokesman_is_the_company() -> None:
    text = (
        "Halvard Systems recalled 40,000 routers on Monday.\n\n"
        'A Halvard Systems spokesman said: "We are contacting every customer."'
    )
    q = find_quotes(text, _ents(text, {"Halvard Systems": "org"}))[0]
    assert q.speaker_name == "Halvard Systems"


def test_a_spokeswoman_for_a_named_body_is_the_body() -> None:
    text = '"The figures are provisional," said a spokeswoman for the Wexford Water Board.'
    q = find_quotes(text, _ents(text, {"Wexford Water Board": "org"}))[0]
    assert q.speaker_name == "Wexford Water Board"


def test_an_unnamed_spokesman_speaks_for_the_body_just_named() -> None:
    text = (
        "Ministers met union leaders on Friday. But the Transport Office rejected "
        'the pay claim. A spokesman said: "The offer on the table is final. '
        '"We will not reopen talks this year."'
    )
    ents = _ents(text, {"Transport Office": "org"})
    quotes = find_quotes(text, ents)
    assert [q.text for q in quotes] == [
        "The offer on the table is final.",
        "We will not reopen talks this year.",
    ]
    assert _names(quotes) == ["Transport Office", "Transport Office"]


def test_he_after_a_spokesman_stays_with_the_body() -> None:
    text = (
        "Tessa Grahn, the director, stepped down in March.\n\n"
        'A spokesman for the Northfield Trust said: "We wish her well." '
        'He added: "A successor will be named soon."'
    )
    ents = _ents(text, {"Tessa Grahn": "person", "Northfield Trust": "org"})
    assert _names(find_quotes(text, ents)) == ["Northfield Trust", "Northfield Trust"]


def test_a_spokesman_with_nobody_named_is_unattributed() -> None:
    text = 'The storm closed roads across the region. "Stay at home," a spokesman said.'
    q = find_quotes(text, [])[0]
    assert q.speaker == "a spokesman"
    assert q.speaker_name is None


def test_an_acronym_resolves_to_the_name_spelt_out() -> None:
    text = (
        "The National Ports Authority has fined two ferry firms.\n\n"
        '"Safety rules apply to everyone," an NPA spokesman said.'
    )
    ents = _ents(text, {"National Ports Authority": "org", "NPA": "org"})
    assert find_quotes(text, ents)[0].speaker_name == "National Ports Authority"


def test_it_said_is_the_organisation_just_named() -> None:
    text = 'Brightwell Bank cut its rates. "Savers will still earn more than elsewhere," it said.'
    q = find_quotes(text, _ents(text, {"Brightwell Bank": "org"}))[0]
    assert (q.speaker, q.speaker_name) == ("it", "Brightwell Bank")


# -- people ------------------------------------------------------------------------


def test_pronoun_resolves_to_a_person_not_an_organisation() -> None:
    text = (
        "Marek Nowak was speaking to Radio Kestrel after the match. "
        '"We deserved the point," he said.'
    )
    ents = _ents(text, {"Marek Nowak": "person", "Radio Kestrel": "org"})
    assert find_quotes(text, ents)[0].speaker_name == "Marek Nowak"


def test_a_role_resolves_to_the_person_who_holds_it() -> None:
    text = (
        "Bishop Alan Merrow led the service in the cathedral. Later Ruth Ibsen, "
        "a local councillor, thanked the volunteers.\n\n"
        'The bishop added: "The town has shown great courage."'
    )
    ents = _ents(text, {"Alan Merrow": "person", "Ruth Ibsen": "person"})
    q = find_quotes(text, ents)[0]
    assert (q.speaker, q.speaker_name) == ("The bishop", "Alan Merrow")


def test_an_epithet_for_the_main_figure_resolves_to_them() -> None:
    text = (
        "Former champion Carla Menez has announced her retirement.\n\n"
        'The 36-year-old said: "My body has told me it is time."'
    )
    ents = _ents(text, {"Carla Menez": "person"})
    assert find_quotes(text, ents)[0].speaker_name == "Carla Menez"


def test_an_unknown_role_is_not_guessed() -> None:
    text = (
        "Senator Joan Pike released a new advert on Tuesday.\n\n"
        '"Who will keep your family safe?" the narrator asks.'
    )
    q = find_quotes(text, _ents(text, {"Joan Pike": "person"}))[0]
    assert q.speaker == "the narrator"
    assert q.speaker_name is None


def test_a_role_then_a_name_takes_the_name() -> None:
    text = (
        '"We expect a busy summer," said Ivo Brandt. '
        'Club chairman, Peter Sallis, added: "Ticket sales are up."'
    )
    ents = _ents(text, {"Ivo Brandt": "person", "Peter Sallis": "person"})
    assert _names(find_quotes(text, ents)) == ["Ivo Brandt", "Peter Sallis"]


def test_person_before_of_in_an_affiliation() -> None:
    text = '"Margins will shrink," said analyst Dora Fenn of Castle Street Securities.'
    ents = _ents(text, {"Dora Fenn": "person", "Castle Street Securities": "org"})
    assert find_quotes(text, ents)[0].speaker_name == "Dora Fenn"


def test_mp_is_a_title_not_part_of_the_name() -> None:
    text = '"This is a shameful day," said Labour MP Owen Tarrant.'
    assert find_quotes(text, [])[0].speaker_name == "Owen Tarrant"


# -- things that cannot speak -------------------------------------------------------


def test_a_parliament_named_as_a_place_is_not_the_speaker() -> None:
    # The entity finder may take "Commons" for a person: "he" is still the
    # minister who spoke there.
    text = (
        "Energy minister Hugh Calder told the Commons yesterday that talks had failed. "
        '"We tried everything," he said.'
    )
    ents = _ents(text, {"Hugh Calder": "person", "Commons": "person"})
    assert find_quotes(text, ents)[0].speaker_name == "Hugh Calder"


def test_a_holiday_is_not_a_speaker() -> None:
    text = 'Shops stayed open late before Christmas Eve.\n\n"Trade was brisk," she said.'
    ents = _ents(text, {"Christmas Eve": "person"})
    assert find_quotes(text, ents)[0].speaker_name is None
    text = 'Shops stayed open late. "Trade was brisk," said Christmas.'
    assert find_quotes(text, _ents(text, {"Christmas": "misc"}))[0].speaker_name is None


def test_a_place_is_not_a_speaker() -> None:
    text = 'Prices rose in Lisbon. "Rents have doubled," said Lisbon.'
    q = find_quotes(text, _ents(text, {"Lisbon": "place"}))[0]
    assert q.speaker_name is None


def test_quotation_with_no_attribution_is_unattributed() -> None:
    text = (
        "The river burst its banks at dawn.\n\n"
        '"Nobody saw it coming."\n\n'
        "Rescue boats reached the village by noon."
    )
    q = find_quotes(text, [])[0]
    assert (q.speaker, q.speaker_name) == (None, None)


# -- attribution order ---------------------------------------------------------------


def test_a_cue_ending_in_a_colon_belongs_to_the_next_quotation() -> None:
    text = (
        '"The pitch was perfect," said Tom Audley. "We played our best football. '
        '"The fans were brilliant." Club secretary Nina Holt added: "We sold out in a day."'
    )
    ents = _ents(text, {"Tom Audley": "person", "Nina Holt": "person"})
    quotes = find_quotes(text, ents)
    assert [q.text for q in quotes] == [
        "The pitch was perfect",
        "We played our best football.",
        "The fans were brilliant.",
        "We sold out in a day.",
    ]
    assert _names(quotes) == ["Tom Audley", "Tom Audley", "Tom Audley", "Nina Holt"]


def test_colon_cue_wins_over_the_sentence_after_the_quotation() -> None:
    text = (
        'Port manager Elin Voss said: "The cranes are idle. "Nobody knows when '
        'they will move again." Later, union official Sam Pyke said the strike would go on.'
    )
    ents = _ents(text, {"Elin Voss": "person", "Sam Pyke": "person"})
    assert _names(find_quotes(text, ents)) == ["Elin Voss", "Elin Voss"]


def test_split_quotation_gives_two_exact_spans() -> None:
    text = '"It was close," Rosa Lind said, "but we held on."'
    quotes = find_quotes(text, _ents(text, {"Rosa Lind": "person"}))
    assert [text[q.start : q.end] for q in quotes] == ["It was close", "but we held on."]
    assert _names(quotes) == ["Rosa Lind", "Rosa Lind"]


def test_nested_single_quotation_closing_with_the_double_mark() -> None:
    text = '"The children will ask: \'Why are we here?\'" said coach Dan Reyes. "We need answers."'
    quotes = find_quotes(text, _ents(text, {"Dan Reyes": "person"}))
    assert [q.text for q in quotes] == [
        "The children will ask: 'Why are we here?'",
        "We need answers.",
    ]
    assert _names(quotes) == ["Dan Reyes", "Dan Reyes"]


# -- fragments -----------------------------------------------------------------------


def test_fragments_are_not_quotations() -> None:
    text = (
        'Mayor Ada Quist described the plan as "unworkable" on Monday. '
        'Ben Harlow said he was "very disappointed" by the vote.'
    )
    ents = _ents(text, {"Ada Quist": "person", "Ben Harlow": "person"})
    assert find_quotes(text, ents) == []
    frags = find_fragments(text, ents)
    assert [(f.text, f.speaker_name) for f in frags] == [
        ("unworkable", "Ada Quist"),
        ("very disappointed", "Ben Harlow"),
    ]
    for f in frags:
        assert text[f.start : f.end] == f.text


def test_fragment_speaker_is_the_subject_of_the_main_verb() -> None:
    text = (
        "On Tuesday Foreign Secretary Lena Marsh told MPs that the two sides had agreed "
        'to a truce after "long and difficult talks" in Oslo.'
    )
    ents = _ents(text, {"Lena Marsh": "person"})
    (frag,) = find_fragments(text, ents)
    assert (frag.text, frag.speaker_name) == ("long and difficult talks", "Lena Marsh")


def test_fragment_with_the_cue_after_it() -> None:
    text = 'The scheme was "a waste of money", Councillor Rhys Dunn said.'
    (frag,) = find_fragments(text, _ents(text, {"Rhys Dunn": "person"}))
    assert (frag.text, frag.speaker_name) == ("a waste of money", "Rhys Dunn")


def test_scare_quotes_titles_and_nicknames_are_not_fragments() -> None:
    text = (
        'Critics attacked the so-called "green levy" in the budget. '
        'Her new film "Silent Harbour" opens in May. '
        'Defender Thomas "Tommy" Greer was injured. '
        'The industry has coined the term "cloud gaming" for it.'
    )
    assert find_fragments(text, []) == []
    assert find_quotes(text, []) == []


def test_find_quotations_returns_both() -> None:
    text = 'Ina Volk called the ruling "a scandal". "We will appeal," she said. "It is not over."'
    quotes, fragments = find_quotations(text, _ents(text, {"Ina Volk": "person"}))
    assert [q.text for q in quotes] == ["We will appeal", "It is not over."]
    assert [f.text for f in fragments] == ["a scandal"]
    assert {q.speaker_name for q in [*quotes, *fragments]} == {"Ina Volk"}


# -- storage -------------------------------------------------------------------------


def test_fragments_survive_dump_and_load() -> None:
    text = 'Ina Volk called the ruling "a scandal". "We will appeal," she said.'
    quotes, fragments = find_quotations(text, _ents(text, {"Ina Volk": "person"}))
    ann = Annotations(entities=(), quotes=tuple(quotes), fragments=tuple(fragments))
    data = dump_annotations(ann)
    assert f'"v":{ANNOTATION_FORMAT}' in data
    assert ANNOTATION_FORMAT == 2
    assert load_annotations(data, text) == ann
    # Annotations stored by the previous format are re-made, not misread.
    assert load_annotations(data.replace(f'"v":{ANNOTATION_FORMAT}', '"v":1'), text) is None


# -- robustness ----------------------------------------------------------------------

_ALPHABET = st.sampled_from(
    [*"ab Z.,:;!?\n'\"", "\u201c", "\u201d", "\u2018", "\u2019", " said ", "He ", " called "]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_fragments_never_raise_and_offsets_are_sound(text: str) -> None:
    quotes, fragments = find_quotations(text)
    for q in [*quotes, *fragments]:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
    assert not {(q.start, q.end) for q in quotes} & {(f.start, f.end) for f in fragments}


def test_huge_paragraph_of_fragments_and_speakers_stays_fast() -> None:
    unit = (
        'Tom Reed said the plan was "a disaster" and "a scandal", the minister said. '
        '"We agree," she said. "So do I," the chairman said. '
    )
    text = unit * 3000  # about 400,000 characters in one paragraph
    started = time.perf_counter()
    quotes, fragments = find_quotations(text)
    assert time.perf_counter() - started < 10
    assert len(quotes) == 6000
    assert len(fragments) == 6000


def test_huge_paragraph_of_reopened_quotations_stays_fast() -> None:
    unit = 'He said. "It works. "It fails. "Again and again, said Ros. '
    text = unit * 8000  # about 480,000 characters in one paragraph
    started = time.perf_counter()
    find_quotations(text)
    quotes = find_quotes(text, [])
    assert time.perf_counter() - started < 10
    assert all(text[q.start : q.end] == q.text for q in quotes)


def test_long_narration_between_two_quotations_stays_fast() -> None:
    # Each quotation looks back for the last sentence: a long paragraph of short
    # sentences must not be rescanned from its start for every full stop.
    text = '"Hello world," he said. ' + "Yes. " * 40_000 + '"Hi there."'
    started = time.perf_counter()
    quotes = find_quotes(text, [])
    assert time.perf_counter() - started < 5
    assert [q.text for q in quotes] == ["Hello world", "Hi there."]


def test_thousands_of_namesakes_stay_fast() -> None:
    # Every "Smith" is looked up among every Smith named before it: that must
    # not cost more the more Smiths an article names.
    firsts = ["".join(chr(97 + n // 26**k % 26) for k in range(3)).title() for n in range(6000)]
    text = " ".join(f"{first} Smith said." for first in firsts) + ' "Yes," Smith said.' * 6000
    started = time.perf_counter()
    ann = analyse(text)
    canon = canonical_names(ann)
    assert time.perf_counter() - started < 5
    assert len(ann.quotes) == 6000
    assert len(canon.speakers) == 6000


def test_quotation_left_open_at_the_end_of_a_paragraph() -> None:
    text = (
        'Coach Lars Brede said: "We will be back next season.\n\n'
        "The club finished ninth in the league."
    )
    quotes = find_quotes(text, _ents(text, {"Lars Brede": "person"}))
    assert [(q.text, q.speaker_name) for q in quotes] == [
        ("We will be back next season.", "Lars Brede")
    ]
    # A stray mark with no cue before it is still not a quotation.
    stray = 'The club "finished ninth in the league.\n\nFans were unhappy.'
    assert find_quotes(stray, []) == []


def test_party_and_state_in_parentheses_are_not_the_name() -> None:
    text = '"We will not back down," said Rep. Nora Vale (D-Ore.).'
    assert find_quotes(text, [])[0].speaker_name == "Nora Vale"


def test_a_nationality_epithet_is_the_person_written_about() -> None:
    text = (
        "Striker Luc Amiel scored twice on Saturday.\n\n"
        '"We played well," the Frenchman said. "We deserved it."'
    )
    ents = _ents(text, {"Luc Amiel": "person"})
    assert _names(find_quotes(text, ents)) == ["Luc Amiel", "Luc Amiel"]


def test_party_label_before_a_name_is_not_part_of_it() -> None:
    text = 'Liberal Democrat Rhona Kerr added: "The figures do not add up."'
    ents = _ents(text, {"Democrat Rhona Kerr": "person"})
    assert find_quotes(text, ents)[0].speaker_name == "Rhona Kerr"


def test_fragment_speaker_is_never_a_stray_capitalised_word() -> None:
    text = 'Several lawmakers said they would "get tough" with importers.'
    (frag,) = find_fragments(text, [])
    assert frag.text == "get tough"
    assert frag.speaker != "Several"
    assert frag.speaker_name is None


def test_fragment_after_a_noun_in_ing_takes_the_reporting_verb() -> None:
    text = (
        "The ministry renewed its warning to travellers because of what spokesman "
        'Ian Rusk called "a wave of unrest" in the capital.'
    )
    (frag,) = find_fragments(text, _ents(text, {"Ian Rusk": "person"}))
    assert (frag.cue, frag.speaker_name) == ("called", "Ian Rusk")


def test_description_then_name_in_commas_takes_the_name() -> None:
    text = 'The head of Norvale Energy, Ada Brisk, said: "Bills will fall in spring."'
    ents = _ents(text, {"Norvale Energy": "org", "Ada Brisk": "person"})
    q = find_quotes(text, ents)[0]
    assert (q.speaker, q.speaker_name) == ("Ada Brisk", "Ada Brisk")


def test_a_company_s_boss_is_the_person_in_that_role_else_the_company() -> None:
    text = (
        "Kestrel boss Olaf Renner unveiled the new handset in Berlin. "
        'Speaking at the launch, Kestrel\'s boss said: "This is our best phone."'
    )
    ents = _ents(text, {"Olaf Renner": "person", "Kestrel": "org"})
    assert find_quotes(text, ents)[0].speaker_name == "Olaf Renner"
    # Nobody named as boss: the company speaks, not the nearest person.
    text = (
        "Olaf Renner, an analyst, praised the new handset. "
        'Speaking at the launch, Kestrel\'s boss said: "This is our best phone."'
    )
    ents = _ents(text, {"Olaf Renner": "person", "Kestrel": "org"})
    assert find_quotes(text, ents)[0].speaker_name == "Kestrel"


def test_she_is_not_given_to_a_man() -> None:
    text = (
        "Prime Minister Tony Marsh and Chancellor Gordon Vance met on Monday.\n\n"
        '"We are united," she said.'
    )
    ents = _ents(text, {"Tony Marsh": "person", "Gordon Vance": "person"})
    assert find_quotes(text, ents)[0].speaker_name is None


def test_a_given_name_that_is_also_a_word_stays_in_the_name() -> None:
    text = 'Bill Hartley, the firm\'s chairman, told shareholders: "We had a good year."'
    ents = _ents(text, {"Bill Hartley": "person"})
    assert find_quotes(text, ents)[0].speaker_name == "Bill Hartley"


def test_an_indefinite_speaker_is_someone_new() -> None:
    text = (
        "Winger Joe Crane has asked to leave the club.\n\n"
        '"He wants to play every week," said a source close to the player.\n\n'
        '"The fee will be high," one coach said.\n\n'
        '"He will be missed," said a veteran of the dressing room.'
    )
    ents = _ents(text, {"Joe Crane": "person"})
    quotes = find_quotes(text, ents)
    assert [q.speaker for q in quotes] == [
        "a source close",
        "one coach",
        "a veteran of the dressing room",
    ]
    assert _names(quotes) == [None, None, None]


def test_someone_else_between_two_quotations_takes_the_second() -> None:
    text = '"We will win," said Tom Hale. But Ann Ruiz disagreed. "They have no chance."'
    ents = _ents(text, {"Tom Hale": "person", "Ann Ruiz": "person"})
    assert _names(find_quotes(text, ents)) == ["Tom Hale", "Ann Ruiz"]
    # A sentence about something else keeps the first speaker.
    text = '"We will win," said Tom Hale. The final is on Sunday. "We are ready."'
    ents = _ents(text, {"Tom Hale": "person"})
    assert _names(find_quotes(text, ents)) == ["Tom Hale", "Tom Hale"]


# -- articles quoted with single marks ------------------------------------------------


def test_an_article_quoted_with_single_marks() -> None:
    text = (
        "Tessa Lund spoke on Monday. \u2018We will win,\u2019 she said. "
        "\u2018The players\u2019 union is behind us.\u2019\n\n"
        "Her rivals disagreed. \u2018It won\u2019t happen,\u2019 said Omar Pike."
    )
    ents = _ents(text, {"Tessa Lund": "person", "Omar Pike": "person"})
    quotes = find_quotes(text, ents)
    assert [q.text for q in quotes] == [
        "We will win",
        "The players\u2019 union is behind us.",
        "It won\u2019t happen",
    ]
    assert _names(quotes) == ["Tessa Lund", "Tessa Lund", "Omar Pike"]


def test_single_marks_inside_double_quotations_stay_nested() -> None:
    text = "\u201cThey chanted \u2018out, out\u2019 all night,\u201d said Ola Brun."
    quotes = find_quotes(text, [])
    assert [q.text for q in quotes] == ["They chanted \u2018out, out\u2019 all night"]


_SINGLE_ALPHABET = st.sampled_from(
    [*"ab Z.,:;!?\n", "\u2018", "\u2019", "s\u2019 ", " said ", "He ", "n\u2019t"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_SINGLE_ALPHABET, max_size=80).map("".join))
def test_single_mark_articles_never_raise(text: str) -> None:
    quotes, fragments = find_quotations(text)
    for q in [*quotes, *fragments]:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text


def test_a_role_written_as_a_title_inside_the_name() -> None:
    # Without entities the title is part of the capitalised run.
    text = (
        "Archbishop Ian Kerr called for the prisoners to be freed. Foreign Secretary "
        "Jack Dunn told MPs on Tuesday that talks were going well.\n\n"
        'The archbishop added: "They must come home."'
    )
    assert find_quotes(text, [])[0].speaker_name == "Ian Kerr"


def test_an_unnamed_spokesman_without_entities_finds_the_body_by_its_look() -> None:
    text = 'But the Home Office defended the rules. A spokesman said: "Public safety comes first."'
    assert find_quotes(text, [])[0].speaker_name == "Home Office"


@pytest.mark.parametrize(
    "text",
    [
        'Officials said: "We will not back down."',
        'Police said: "The road will stay closed until Monday."',
        'Witnesses told reporters: "It was very loud."',
    ],
)
def test_a_common_noun_opening_the_sentence_names_nobody(text: str) -> None:
    ann = analyse(text)
    assert [q.speaker_name for q in ann.quotes] == [None]
    assert canonical_names(ann).speakers == (None,)
