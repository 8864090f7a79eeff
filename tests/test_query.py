"""The query language parser: structure, dates, and what bad input reports."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from byline.index.search.query import (
    NO_DAYS,
    And,
    DateRange,
    Not,
    Or,
    ParsedQuery,
    Phrase,
    Prefix,
    Term,
    describe,
    parse_query,
    resolve_period,
)

# A Wednesday.
NOW = dt.date(2026, 11, 25)


def show(text: str) -> str:
    return describe(parse_query(text, NOW).root)


def ignored(text: str) -> tuple[str, ...]:
    return parse_query(text, NOW).ignored


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# --------------------------------------------------------------------------
# Structure


@pytest.mark.parametrize(
    ("query", "tree"),
    [
        ("rogozin", "rogozin"),
        ("rogozin moon", "(rogozin AND moon)"),
        ("rogozin AND moon", "(rogozin AND moon)"),
        ("rogozin OR moon", "(rogozin OR moon)"),
        ("a OR b c", "(a OR (b AND c))"),
        ("a b OR c", "((a AND b) OR c)"),
        ("(a OR b) c", "((a OR b) AND c)"),
        ("a OR b OR c", "(a OR b OR c)"),
        ("a b c", "(a AND b AND c)"),
        ("NOT a", "NOT a"),
        ("NOT a b", "(NOT a AND b)"),
        ("a NOT b OR c", "((a AND NOT b) OR c)"),
        ("-a", "NOT a"),
        ("a -b", "(a AND NOT b)"),
        ('-"space station"', 'NOT "space station"'),
        ("-person:putin", "NOT person:putin"),
        ("a -(b OR c)", "(a AND NOT (b OR c))"),
        ("NOT NOT a", "a"),
        ("--a", "a"),
        ("((a))", "a"),
        ("((a b) c)", "(a AND b AND c)"),
        ('"space station"', '"space station"'),
        ('"  space   station "', '"space station"'),
        ('"moon"', "moon"),
        ("stat*", "stat*"),
        ("stat**", "stat*"),
        ("co-operation", "co-operation"),
        ("12:30", "12:30"),
        ("and or not", "(and AND or AND not)"),
        ("\u201cspace station\u201d", '"space station"'),
    ],
)
def test_structure(query: str, tree: str) -> None:
    parsed = parse_query(query, NOW)
    assert describe(parsed.root) == tree
    assert parsed.ignored == ()


def test_nodes_are_the_documented_dataclasses() -> None:
    root = parse_query('rogozin "space station" stat* -nasa OR date:2021', NOW).root
    assert root == Or(
        (
            And(
                (
                    Term(None, "rogozin"),
                    Phrase(None, ("space", "station")),
                    Prefix(None, "stat"),
                    Not(Term(None, "nasa")),
                )
            ),
            DateRange(d("2021-01-01"), d("2021-12-31")),
        )
    )


@pytest.mark.parametrize(
    ("query", "node"),
    [
        ("person:putin", Term("person", "putin")),
        ("org:NASA", Term("org", "NASA")),
        ("place:moscow", Term("place", "moscow")),
        ("speaker:rogozin", Term("speaker", "rogozin")),
        ("quote:moon", Term("quote", "moon")),
        ("headline:station", Term("headline", "station")),
        ('person:"vladimir putin"', Phrase("person", ("vladimir", "putin"))),
        ('quote:"return to the moon"', Phrase("quote", ("return", "to", "the", "moon"))),
        ("person:vlad*", Prefix("person", "vlad")),
        ("PERSON:Putin", Term("person", "Putin")),
        ("Headline:x", Term("headline", "x")),
        ('person:"putin"', Term("person", "putin")),
    ],
)
def test_fields(query: str, node: object) -> None:
    parsed = parse_query(query, NOW)
    assert parsed.root == node
    assert parsed.ignored == ()


def test_field_value_is_one_word() -> None:
    assert show("person:vladimir putin") == "(person:vladimir AND putin)"


def test_operators_are_literal_inside_quotes() -> None:
    assert parse_query('"war AND peace"', NOW).root == Phrase(None, ("war", "AND", "peace"))


# --------------------------------------------------------------------------
# Dates


@pytest.mark.parametrize(
    ("query", "start", "end"),
    [
        ("date:2021-01-25", "2021-01-25", "2021-01-25"),
        ("date:2021-01", "2021-01-01", "2021-01-31"),
        ("date:2020-02", "2020-02-01", "2020-02-29"),
        ("date:2021", "2021-01-01", "2021-12-31"),
        ("date:2021-1-5", "2021-01-05", "2021-01-05"),
        ("DATE:2021", "2021-01-01", "2021-12-31"),
        ("date:2021-01..2021-03", "2021-01-01", "2021-03-31"),
        ("date:2021-03..2021-01", "2021-01-01", "2021-03-31"),
        ("date:2020..2021-06-15", "2020-01-01", "2021-06-15"),
        ("date:2021-01..", "2021-01-01", None),
        ("date:..2021-03", None, "2021-03-31"),
        ("after:2021-01", "2021-02-01", None),
        ("after:2021", "2022-01-01", None),
        ("after:2021-01-25", "2021-01-26", None),
        ("before:2021-01", None, "2020-12-31"),
        ("before:2021-03-01", None, "2021-02-28"),
        ("before:2021", None, "2020-12-31"),
        ('date:"25 Jan 2021"', "2021-01-25", "2021-01-25"),
        ('date:"January 25, 2021"', "2021-01-25", "2021-01-25"),
        ('date:"January 2021"', "2021-01-01", "2021-01-31"),
        ('date:"Jan 2021"', "2021-01-01", "2021-01-31"),
        ("date:2021/01/25", "2021-01-25", "2021-01-25"),
        ('date:"25 Jan"', "2026-01-25", "2026-01-25"),  # no year: this year
        ('date:"Jan 2021..March 2021"', "2021-01-01", "2021-03-31"),
        # Relative to NOW, Wednesday 2026-11-25.
        ("date:today", "2026-11-25", "2026-11-25"),
        ("date:yesterday", "2026-11-24", "2026-11-24"),
        ('date:"this week"', "2026-11-23", "2026-11-29"),
        ('date:"last week"', "2026-11-16", "2026-11-22"),
        ('date:"this month"', "2026-11-01", "2026-11-30"),
        ('date:"last month"', "2026-10-01", "2026-10-31"),
        ('date:"this year"', "2026-01-01", "2026-12-31"),
        ('date:"last year"', "2025-01-01", "2025-12-31"),
        ('date:"3 days ago"', "2026-11-22", "2026-11-22"),
        ('date:"a week ago"', "2026-11-18", "2026-11-18"),
        ('after:"3 months ago"', "2026-08-26", None),
        ('after:"2 weeks ago"', "2026-11-12", None),
        ('before:"1 year ago"', None, "2025-11-24"),
        ('after:"last week"', "2026-11-23", None),
        ('date:"last 7 days"', "2026-11-18", "2026-11-25"),
        ('date:"past 2 weeks"', "2026-11-11", "2026-11-25"),
        ("date:yesterday..today", "2026-11-24", "2026-11-25"),
        ('date:"LAST   WEEK"', "2026-11-16", "2026-11-22"),
        # Unquoted multi-word dates.
        ("date:last week", "2026-11-16", "2026-11-22"),
        ("after:3 months ago", "2026-08-26", None),
        ("date:25 Jan 2021", "2021-01-25", "2021-01-25"),
        ("date:January 2021", "2021-01-01", "2021-01-31"),
    ],
)
def test_dates(query: str, start: str | None, end: str | None) -> None:
    parsed = parse_query(query, NOW)
    assert parsed.ignored == ()
    assert parsed.root == DateRange(
        d(start) if start else None,
        d(end) if end else None,
    )


def test_unquoted_date_words_stop_at_the_first_non_date_word() -> None:
    assert show("date:last week rogozin") == "(date:2026-11-16..2026-11-22 AND rogozin)"
    assert show("rogozin date:2021 moon") == "(rogozin AND date:2021-01-01..2021-12-31 AND moon)"
    # A month on its own is this year's month; the next plain word stays a word.
    assert show("date:may rogozin") == "(date:2026-05-01..2026-05-31 AND rogozin)"


def test_now_defaults_to_today() -> None:
    today = dt.date.today()
    assert parse_query("date:today").root == DateRange(today, today)


def test_month_arithmetic_at_month_ends() -> None:
    now = dt.date(2021, 3, 31)
    assert parse_query('date:"1 month ago"', now).root == DateRange(
        d("2021-02-28"), d("2021-02-28")
    )
    assert parse_query('date:"last month"', now).root == DateRange(d("2021-02-01"), d("2021-02-28"))
    # Last week across a year boundary.
    assert parse_query('date:"last week"', dt.date(2021, 1, 1)).root == DateRange(
        d("2020-12-21"), d("2020-12-27")
    )


@pytest.mark.parametrize(
    ("query", "start", "end"),
    [
        ("date:9999-12", "9999-12-01", "9999-12-31"),
        ("date:9999", "9999-01-01", "9999-12-31"),
        ("date:0001-01", "0001-01-01", "0001-01-31"),
        ("date:9999-12..", "9999-12-01", None),
        ("after:9999-12-30", "9999-12-31", None),
        ("before:0001-01-02", None, "0001-01-01"),
        ('date:"last 5000 years"', "0001-01-01", "2026-11-25"),  # reaches back past year 1
    ],
)
def test_dates_at_the_ends_of_the_calendar(query: str, start: str | None, end: str | None) -> None:
    parsed = parse_query(query, NOW)
    assert parsed.ignored == ()
    assert parsed.root == DateRange(d(start) if start else None, d(end) if end else None)


@pytest.mark.parametrize(
    "query", ["after:9999", "after:9999-12-31", "before:0001", "before:0001-01"]
)
def test_nothing_comes_after_the_calendar_or_before_it(query: str) -> None:
    parsed = parse_query(query, NOW)
    assert parsed.ignored == ()  # a real date: the range is empty, not a mistake
    assert parsed.root == NO_DAYS
    assert NO_DAYS.empty
    assert show(query) == "date:none"


def test_relative_periods_when_now_is_the_last_day() -> None:
    last = dt.date.max
    assert parse_query('date:"this week"', last).root == DateRange(d("9999-12-27"), last)
    assert parse_query('date:"this month"', last).root == DateRange(d("9999-12-01"), last)
    assert parse_query("date:today", last).root == DateRange(last, last)


def test_resolve_period_rejects_vague_or_impossible_dates() -> None:
    for text in ("monday", "25", "2021-02-30", "0000", "tomorrow", "soon", "", "13/45/2021"):
        assert resolve_period(text, NOW) is None, text


# --------------------------------------------------------------------------
# Bad input: dropped, reported, the rest still runs


@pytest.mark.parametrize(
    ("query", "tree", "notes"),
    [
        ("foo:bar", "bar", ('unknown field "foo:" — searched "bar" as a word',)),
        (
            'foo:"bar baz" moon',
            '("bar baz" AND moon)',
            ('unknown field "foo:" — searched "bar baz" as a phrase',),
        ),
        ("foo: moon", "moon", ('unknown field "foo:" ignored',)),
        ("date:2021-13-45", "", ('bad date "2021-13-45"',)),
        ("rogozin date:2021-13-45", "rogozin", ('bad date "2021-13-45"',)),
        ('moon date:"next tuesday"', "moon", ('bad date "next tuesday"',)),
        ("after:soon moon", "moon", ('bad date "soon"',)),
        ("date:2021..2021-02-30", "", ('bad date "2021..2021-02-30"',)),
        ("date:..", "", ('bad date ".."',)),
        ('date:"5000 years ago"', "", ('bad date "5000 years ago"',)),  # before year 1
        ("rogozin AND", "rogozin", ('dangling "AND" ignored',)),
        ("AND rogozin", "rogozin", ('dangling "AND" ignored',)),
        ("OR moon", "moon", ('dangling "OR" ignored',)),
        ("moon OR", "moon", ('dangling "OR" ignored',)),
        ("a OR OR b", "(a OR b)", ('dangling "OR" ignored',)),
        ("a AND AND b", "(a AND b)", ('dangling "AND" ignored',)),
        ("NOT", "", ('dangling "NOT" ignored',)),
        ("moon NOT", "moon", ('dangling "NOT" ignored',)),
        ("moon -", "moon", ('stray "-" ignored',)),
        ("(a NOT) b", "(a AND b)", ('dangling "NOT" ignored',)),
        ("(moon OR rogozin", "(moon OR rogozin)", ('unmatched "(" ignored',)),
        ("moon) rogozin", "(moon AND rogozin)", ('unmatched ")" ignored',)),
        ("()", "", ("empty parentheses ignored",)),
        ('"space station', "(space AND station)", ('unmatched " ignored',)),
        ('moon "', "moon", ('unmatched " ignored',)),
        ('""', "", ('empty "" ignored',)),
        ("person:", "", ('empty "person:" ignored',)),
        ("person: putin", "putin", ('empty "person:" ignored',)),
        ('person:"" putin', "putin", ('empty "person:" ignored',)),
        ("person:*", "", ('empty "person:" ignored',)),
        ("date: 2021", "2021", ('empty "date:" ignored',)),
        ("* moon", "moon", ('stray "*" ignored',)),
    ],
)
def test_bad_input_is_dropped_and_reported(query: str, tree: str, notes: tuple[str, ...]) -> None:
    parsed = parse_query(query, NOW)
    assert describe(parsed.root) == tree
    assert parsed.ignored == notes


def test_several_problems_are_all_reported() -> None:
    parsed = parse_query("foo:bar AND date:2021-13-45 (moon", NOW)
    assert describe(parsed.root) == "(bar AND moon)"
    assert set(parsed.ignored) == {
        'unknown field "foo:" — searched "bar" as a word',
        'bad date "2021-13-45"',
        'unmatched "(" ignored',
    }


def test_deep_nesting_does_not_overflow_the_stack() -> None:
    parsed = parse_query("(" * 5000 + "moon" + ")" * 5000, NOW)
    assert describe(parsed.root) == "moon"
    assert parsed.ignored  # the excess parentheses are reported
    assert describe(parse_query("NOT " * 5001 + "moon", NOW).root) == "NOT moon"


# --------------------------------------------------------------------------
# Helpers the app uses


def test_highlight_terms_are_positive_words_and_phrases() -> None:
    parsed = parse_query(
        'rogozin "space station" -nasa person:putin quote:moon stat* date:2021 rogozin', NOW
    )
    assert parsed.highlight_terms == ("rogozin", "space station", "putin", "moon")
    assert parsed.highlight_prefixes == ("stat",)
    assert parsed.dates == (DateRange(d("2021-01-01"), d("2021-12-31")),)


def test_spellable_terms_are_plain_positive_words() -> None:
    parsed = parse_query('rogzin OR "space staton" -nsa person:putn moon', NOW)
    assert parsed.spellable_terms == ("rogzin", "moon")


def test_is_empty() -> None:
    assert parse_query("", NOW).is_empty
    assert parse_query("   ", NOW).is_empty
    assert parse_query("NOT", NOW).is_empty
    assert parse_query("foo:", NOW).is_empty
    assert not parse_query("moon", NOW).is_empty
    assert not parse_query("-moon", NOW).is_empty
    assert parse_query("", NOW) == ParsedQuery("", None, ())


# --------------------------------------------------------------------------
# Never raises

SYNTAX = st.sampled_from(
    [
        '"', "(", ")", ":", "*", "-", "..", " ", "AND", "OR", "NOT", "and", "moon",
        "person:", "date:", "after:", "before:", "foo:", "quote:", "2021", "2021-01",
        "last", "week", "3", "months", "ago", "today", "jan", "\u201c", "\u201d",
        "9999-12-31", "0001-01-01", "-\"", "\t", "\n",
    ]
)  # fmt: skip


def _check(text: str) -> None:
    parsed = parse_query(text, NOW)
    assert isinstance(parsed, ParsedQuery)
    assert all(note.strip() for note in parsed.ignored)
    assert parsed.is_empty == (parsed.root is None)
    describe(parsed.root)
    for term in parsed.highlight_terms + parsed.highlight_prefixes + parsed.spellable_terms:
        assert term.strip()


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_never_raises_on_random_text(text: str) -> None:
    _check(text)


@settings(max_examples=600, deadline=None)
@given(st.lists(SYNTAX, max_size=14), st.sampled_from(["", " "]))
def test_never_raises_on_syntax_soup(parts: list[str], glue: str) -> None:
    _check(glue.join(parts))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='"():*-. abAND0123456789ORNTdate', max_size=40))
def test_never_raises_on_syntax_characters(text: str) -> None:
    _check(text)


def test_replace_words_keeps_the_rest_as_typed() -> None:
    parsed = parse_query('rogzin  "rogzin" person:rogzin (moon OR rogzin*) rogzin', NOW)
    assert parsed.spellable_terms == ("rogzin", "moon")
    assert parsed.replace_words({"rogzin": "rogozin"}) == (
        'rogozin  "rogzin" person:rogzin (moon OR rogzin*) rogozin'
    )
    assert parsed.replace_words({}) == parsed.text
