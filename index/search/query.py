"""byline's query language: parse a query string into a small typed tree.

Pure Python (no Whoosh here; :mod:`byline.index.store.query_whoosh` translates the
tree).  The language::

    moon landing            words, all required (implicit AND), ranked by the caller
    "space station"         exact phrase
    a OR b, a AND b, NOT a  operators (uppercase only; "and"/"or"/"not" are words)
    -word -"phrase" -org:x  negation
    ( ... )                 grouping; OR binds looser than AND, NOT/- tightest
    stat*                   prefix (also person:vlad*)
    person: org: place:     entities;  speaker: who is quoted;  quote: words
    speaker: quote:         inside quotations;  headline: words in the headline
    headline:               (field names are case-insensitive; values are a
                            word, a "quoted phrase" or a prefix)
    date:D                  articles dated within the period D names
    after:D / before:D      strictly after / strictly before the period D names
    date:D1..D2             from the start of D1 to the end of D2 (either side
                            may be left out: date:2021.. or date:..2021-03)

A period ``D`` is a calendar day, month or year: ``2021-01-25``, ``2021-01``,
``2021``, ``"25 Jan 2021"``, ``"January 2021"`` (python-dateutil reads the
non-ISO forms; a missing year means this year), or relative to *now*:
``today``, ``yesterday``, ``"this week"``/``"last week"`` (Monday-Sunday
weeks), ``"this month"``, ``"last month"``, ``"this year"``, ``"last year"``,
``"3 days ago"`` / ``"2 weeks ago"`` / ``"a year ago"`` (that single day),
``"last 7 days"`` / ``"past 2 weeks"`` (from that day up to today).
So ``after:2021-01`` starts on 2021-02-01 and ``before:2021`` ends on
2020-12-31.  Unquoted relative dates work too when the first word alone is
not a date (``date:last week``, ``after:3 months ago``).

Nothing here raises on user input: whatever cannot be used is dropped, the
rest still runs, and :attr:`ParsedQuery.ignored` says what was dropped.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from dateutil.relativedelta import relativedelta

if TYPE_CHECKING:
    from collections.abc import Mapping

#: Fields whose values are searched as text.
TEXT_FIELDS: tuple[str, ...] = ("person", "org", "place", "speaker", "quote", "headline")
#: Fields whose values are dates.
DATE_FIELDS: tuple[str, ...] = ("date", "after", "before")


@dataclass(slots=True, frozen=True)
class Term:
    """One word; ``field`` None means the article text (headline and body)."""

    field: str | None
    text: str


@dataclass(slots=True, frozen=True)
class Phrase:
    """Words that must appear next to each other, in order."""

    field: str | None
    words: tuple[str, ...]


@dataclass(slots=True, frozen=True)
class Prefix:
    """Any word starting with ``text``."""

    field: str | None
    text: str


@dataclass(slots=True, frozen=True)
class DateRange:
    """Articles dated from ``start`` to ``end``, both inclusive; None = open.

    A start after the end selects no day (:data:`NO_DAYS`, as ``after:9999`` does).
    """

    start: dt.date | None
    end: dt.date | None

    @property
    def empty(self) -> bool:
        """Whether no day can fall in the range."""
        return self.start is not None and self.end is not None and self.start > self.end


@dataclass(slots=True, frozen=True)
class And:
    """All of ``items`` (at least two)."""

    items: tuple[Node, ...]


@dataclass(slots=True, frozen=True)
class Or:
    """Any of ``items`` (at least two)."""

    items: tuple[Node, ...]


@dataclass(slots=True, frozen=True)
class Not:
    """Everything that does not match ``item``."""

    item: Node


Node = Term | Phrase | Prefix | DateRange | And | Or | Not

#: The range of a date condition no article can meet (``after:9999``, ``before:0001``).
NO_DAYS = DateRange(dt.date.max, dt.date.min)


@dataclass(slots=True, frozen=True)
class ParsedQuery:
    """A parsed query: the tree (None when nothing usable was left) and notes
    on what was ignored, one short human-readable line each."""

    text: str
    root: Node | None
    ignored: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        """True when there is nothing to search for."""
        return self.root is None

    @property
    def highlight_terms(self) -> tuple[str, ...]:
        """Words and phrases (as typed, phrases space-joined) to highlight in
        article text: every positive word, phrase and field value except
        dates and prefixes, without duplicates, in query order."""
        out: list[str] = []
        for node in _positive_leaves(self.root):
            if isinstance(node, Term):
                out.append(node.text)
            elif isinstance(node, Phrase):
                out.append(" ".join(node.words))
        return tuple(dict.fromkeys(out))

    @property
    def highlight_prefixes(self) -> tuple[str, ...]:
        """Prefixes (without the ``*``) whose words should be highlighted."""
        out = [n.text for n in _positive_leaves(self.root) if isinstance(n, Prefix)]
        return tuple(dict.fromkeys(out))

    @property
    def spellable_terms(self) -> tuple[str, ...]:
        """Plain positive words searched in the article text: the ones a
        did-you-mean suggestion may replace."""
        out = [
            n.text for n in _positive_leaves(self.root) if isinstance(n, Term) and n.field is None
        ]
        return tuple(dict.fromkeys(out))

    def replace_words(self, replacements: Mapping[str, str]) -> str:
        """The query text with plain words swapped (for "did you mean"),
        everything else exactly as typed."""
        pieces: list[str] = []
        done = 0
        for token in _Tokenizer(self.text).tokens():
            if token.kind == "word" and token.text in replacements:
                pieces += [self.text[done : token.start], replacements[token.text]]
                done = token.start + len(token.text)
        pieces.append(self.text[done:])
        return "".join(pieces)

    @property
    def dates(self) -> tuple[DateRange, ...]:
        """The positive date ranges in the query (for display)."""
        return tuple(n for n in _positive_leaves(self.root) if isinstance(n, DateRange))


def _positive_leaves(node: Node | None) -> list[Term | Phrase | Prefix | DateRange]:
    """Leaves not under a Not, in query order."""
    if node is None or isinstance(node, Not):
        return []
    if isinstance(node, And | Or):
        return [leaf for item in node.items for leaf in _positive_leaves(item)]
    return [node]


def describe(node: Node | None) -> str:
    """A canonical, fully parenthesised rendering of a tree (for debugging,
    tests and ``--explain`` output)."""
    if node is None:
        return ""
    if isinstance(node, Term | Prefix):
        star = "*" if isinstance(node, Prefix) else ""
        return f"{node.field + ':' if node.field else ''}{node.text}{star}"
    if isinstance(node, Phrase):
        return f'{node.field + ":" if node.field else ""}"{" ".join(node.words)}"'
    if isinstance(node, DateRange):
        if node.empty:
            return "date:none"
        start = node.start.isoformat() if node.start else ""
        end = node.end.isoformat() if node.end else ""
        return f"date:{start}..{end}"
    if isinstance(node, Not):
        return f"NOT {describe(node.item)}"
    joint = " AND " if isinstance(node, And) else " OR "
    return "(" + joint.join(describe(item) for item in node.items) + ")"


# --------------------------------------------------------------------------
# Dates

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_UNITS = {"day": "days", "week": "weeks", "month": "months", "year": "years"}
_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_AGO = re.compile(r"(\d{1,4}|an?|one) (day|week|month|year)s? ago")
_LAST_N = re.compile(r"(?:last|past) (\d{1,4}) (day|week|month|year)s?")
# dateutil accepts e.g. "2021 10" as October 2021 but also odd things like
# single numbers; these bound what we hand it.
_DATEUTIL_WORDS = re.compile(r"[a-z]+\.?|\d{1,4}(?:st|nd|rd|th)?,?|[\d/.\-]+|of|the")

Period = tuple[dt.date, dt.date]


def _month_end(year: int, month: int) -> dt.date:
    # Not "first of the next month, less a day": December 9999 has no next month.
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _week_end(monday: dt.date) -> dt.date:
    # The week of 9999-12-31 ends with the calendar, not in the year 10000.
    return monday + dt.timedelta(days=min(6, (dt.date.max - monday).days))


def _span(unit: str, count: int) -> relativedelta:
    if unit == "day":
        return relativedelta(days=count)
    if unit == "week":
        return relativedelta(weeks=count)
    if unit == "month":
        return relativedelta(months=count)
    return relativedelta(years=count)


def _relative_period(text: str, now: dt.date) -> Period | None:
    if text in ("today", "now"):
        return now, now
    if text == "yesterday":
        day = now - dt.timedelta(days=1)
        return day, day
    words = text.split()
    if len(words) == 2 and words[0] in ("this", "last") and words[1] in _UNITS:
        back = 1 if words[0] == "last" else 0
        unit = words[1]
        if unit == "day":
            day = now - dt.timedelta(days=back)
            return day, day
        if unit == "week":
            monday = now - dt.timedelta(days=now.weekday() + 7 * back)
            return monday, _week_end(monday)
        if unit == "month":
            first = now.replace(day=1) - relativedelta(months=back)
            return first, _month_end(first.year, first.month)
        year = now.year - back
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if match := _AGO.fullmatch(text):
        count = 1 if match[1] in ("a", "an", "one") else int(match[1])
        day = now - _span(match[2], count)
        return day, day
    if match := _LAST_N.fullmatch(text):
        try:
            start = now - _span(match[2], int(match[1]))
        except (ValueError, OverflowError):  # "last 5000 years" reaches back past year 1
            start = dt.date.min
        return start, now
    return None


def _iso_period(match: re.Match[str]) -> Period:
    year, month, day = match[1], match[2], match[3]
    if day is not None:
        date = dt.date(int(year), int(month), int(day))
        return date, date
    if month is not None:
        return dt.date(int(year), int(month), 1), _month_end(int(year), int(month))
    return dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)


def _dateutil_period(text: str, now: dt.date) -> Period | None:
    from dateutil import parser as dateparser

    if not all(_DATEUTIL_WORDS.fullmatch(word) for word in text.split()):
        return None
    # Parse twice with different defaults: a component that comes out the
    # same both times was written by the user.  Jan/Mar both have 31 days and
    # 2000/2004 are both leap years, so no written day is out of range.
    first = dateparser.parse(text, default=dt.datetime(2000, 1, 1))
    second = dateparser.parse(text, default=dt.datetime(2004, 3, 2))
    has_year = first.year == second.year
    has_month = first.month == second.month
    has_day = first.day == second.day
    if not has_month:
        return None  # a bare year is ISO; a bare day or weekday is too vague
    year = first.year if has_year else now.year
    if has_day:
        date = dt.date(year, first.month, first.day)
        return date, date
    return dt.date(year, first.month, 1), _month_end(year, first.month)


def resolve_period(text: str, now: dt.date) -> Period | None:
    """The calendar days (first, last) a date expression names, or None."""
    text = " ".join(text.lower().split())
    if not text:
        return None
    try:
        if match := _ISO.fullmatch(text):
            return _iso_period(match)
        return _relative_period(text, now) or _dateutil_period(text, now)
    except (ValueError, OverflowError, ArithmeticError):
        return None  # impossible dates, years past 9999, dateutil complaints


def resolve_date_value(kind: str, value: str, now: dt.date) -> DateRange | None:
    """The range ``kind:value`` (kind is date/after/before) selects, or None."""
    try:
        if kind == "date" and ".." in value:
            left, right = value.split("..", 1)
            if not left.strip() and not right.strip():
                return None
            low = resolve_period(left, now) if left.strip() else None
            high = resolve_period(right, now) if right.strip() else None
            if (left.strip() and low is None) or (right.strip() and high is None):
                return None
            start, end = (low[0] if low else None), (high[1] if high else None)
            if start and end and start > end:  # written backwards: still meant the span
                low, high = high, low
                start, end = (low[0] if low else None), (high[1] if high else None)
            return DateRange(start, end)
        period = resolve_period(value, now)
        if period is None:
            return None
        if kind == "after":
            if period[1] == dt.date.max:  # after:9999: no day comes after it
                return NO_DAYS
            return DateRange(period[1] + dt.timedelta(days=1), None)
        if kind == "before":
            if period[0] == dt.date.min:  # before:0001
                return NO_DAYS
            return DateRange(None, period[0] - dt.timedelta(days=1))
        return DateRange(*period)
    except OverflowError:
        return None


def _is_month(word: str) -> bool:
    return word.lower().rstrip(".") in _MONTHS


# --------------------------------------------------------------------------
# Tokens

TokenKind = Literal["(", ")", "AND", "OR", "NOT", "-", "word", "phrase", "field", "stray"]
_QUOTES = '"\u201c\u201d\u201e'
_FIELD_NAME = re.compile(r"([A-Za-z_]\w*):(.*)", re.DOTALL)


@dataclass(slots=True, frozen=True)
class _Token:
    kind: TokenKind
    text: str = ""  # word, phrase words, or field value
    field: str = ""  # lower-cased field name for "field" tokens
    quoted: bool = False  # the value was a "quoted phrase"
    raw: str = ""  # as typed, for notes
    start: int = -1  # offset of a word token in the query text


@dataclass(slots=True)
class _Tokenizer:
    text: str
    notes: list[str] = field(default_factory=list)
    pos: int = 0

    def _read_quoted(self) -> str | None:
        """Read a quoted string starting at the opening quote; None if the
        quote is never closed (then its words are read as plain words)."""
        close = next(
            (i for i in range(self.pos + 1, len(self.text)) if self.text[i] in _QUOTES), -1
        )
        if close < 0:
            self.notes.append('unmatched " ignored')
            self.pos += 1
            return None
        inner = self.text[self.pos + 1 : close]
        self.pos = close + 1
        return inner

    def _read_chunk(self) -> str:
        start = self.pos
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if char.isspace() or char in "()" or char in _QUOTES:
                break
            self.pos += 1
        return self.text[start : self.pos]

    def tokens(self) -> list[_Token]:
        out: list[_Token] = []
        text = self.text
        while self.pos < len(text):
            char = text[self.pos]
            if char.isspace():
                self.pos += 1
            elif char in "()":
                out.append(_Token(char))  # type: ignore[arg-type]
                self.pos += 1
            elif char in _QUOTES:
                inner = self._read_quoted()
                if inner is not None:
                    out.append(_Token("phrase", inner, raw=f'"{inner}"'))
            elif char == "-" and self._starts_operand(self.pos + 1):
                out.append(_Token("-"))
                self.pos += 1
            else:
                start = self.pos
                out.append(self._chunk_token(self._read_chunk(), start))
        return out

    def _starts_operand(self, pos: int) -> bool:
        return pos < len(self.text) and not self.text[pos].isspace() and self.text[pos] not in ")"

    def _chunk_token(self, chunk: str, start: int) -> _Token:
        if chunk in ("AND", "OR", "NOT"):
            return _Token(chunk)  # type: ignore[arg-type]
        if match := _FIELD_NAME.fullmatch(chunk):
            name, value = match[1].lower(), match[2]
            quoted = False
            if not value and self.pos < len(self.text) and self.text[self.pos] in _QUOTES:
                inner = self._read_quoted()
                if inner is not None:
                    value, quoted = inner, True
            raw = f'{match[1]}:"{value}"' if quoted else chunk
            return _Token("field", value, field=name, quoted=quoted, raw=raw)
        if chunk.strip("*-") == "":
            return _Token("stray", raw=chunk)
        return _Token("word", chunk, raw=chunk, start=start)


# --------------------------------------------------------------------------
# Parser


_MAX_DEPTH = 32


def _join(kind: type[And] | type[Or], items: list[Node]) -> Node | None:
    flat: list[Node] = []
    for item in items:
        flat.extend(item.items if isinstance(item, kind) else (item,))
    if not flat:
        return None
    return flat[0] if len(flat) == 1 else kind(tuple(flat))


def _negate(node: Node) -> Node:
    return node.item if isinstance(node, Not) else Not(node)


@dataclass(slots=True)
class _Parser:
    tokens: list[_Token]
    now: dt.date
    notes: list[str]
    pos: int = 0
    depth: int = 0

    def peek(self, offset: int = 0) -> str:
        index = self.pos + offset
        return self.tokens[index].kind if index < len(self.tokens) else "END"

    def parse(self) -> Node | None:
        parts: list[Node] = []
        while True:
            node = self.or_expr()
            if node is not None:
                parts.append(node)
            if self.peek() == "END":
                return _join(And, parts)
            # Only a stray ")" stops or_expr before the end.
            self.notes.append('unmatched ")" ignored')
            self.pos += 1

    def or_expr(self) -> Node | None:
        items: list[Node] = []
        left = self.and_expr()
        if left is not None:
            items.append(left)
        while self.peek() == "OR":
            self.pos += 1
            right = self.and_expr()
            if not items or right is None:
                self.notes.append('dangling "OR" ignored')
            if right is not None:
                items.append(right)
        return _join(Or, items)

    def and_expr(self) -> Node | None:
        items: list[Node] = []
        while self.peek() not in ("END", ")", "OR"):
            if self.peek() == "AND":
                self.pos += 1
                if not items or self.peek() in ("END", ")", "OR", "AND"):
                    self.notes.append('dangling "AND" ignored')
                continue
            node = self.unary()
            if node is not None:
                items.append(node)
        return _join(And, items)

    def unary(self) -> Node | None:
        negated = False
        while (kind := self.peek()) in ("NOT", "-"):
            self.pos += 1
            if self.peek() in ("END", ")", "OR", "AND"):
                self.notes.append(f'dangling "{kind}" ignored')
                return None
            negated = not negated
        operand = self.primary()
        if operand is None or not negated:
            return operand
        return _negate(operand)

    def primary(self) -> Node | None:
        token = self.tokens[self.pos]
        self.pos += 1
        if token.kind == "(":
            if self.depth >= _MAX_DEPTH:
                # Deeper nesting would only risk the recursion limit.
                self.notes.append('too deeply nested "(" ignored')
                return None
            self.depth += 1
            inner = self.or_expr()
            self.depth -= 1
            if self.peek() == ")":
                self.pos += 1
                if inner is None:
                    self.notes.append("empty parentheses ignored")
            else:
                self.notes.append('unmatched "(" ignored')
            return inner
        if token.kind == "word":
            return self.word(None, token.text)
        if token.kind == "phrase":
            return self.phrase(None, token.text, token.raw)
        if token.kind == "field":
            return self.fielded(token)
        self.notes.append(f'stray "{token.raw}" ignored')
        return None

    def word(self, name: str | None, text: str) -> Node | None:
        stem = text.rstrip("*")
        if stem != text:
            return Prefix(name, stem) if stem else None
        return Term(name, text)

    def phrase(self, name: str | None, text: str, raw: str) -> Node | None:
        words = tuple(text.split())
        if not words:
            self.notes.append(f"empty {raw} ignored")
            return None
        return Term(name, words[0]) if len(words) == 1 else Phrase(name, words)

    def fielded(self, token: _Token) -> Node | None:
        name, value = token.field, token.text
        if name in DATE_FIELDS:
            return self.date(token)
        if name not in TEXT_FIELDS:
            if not value.strip():
                self.notes.append(f'unknown field "{name}:" ignored')
                return None
            what = "phrase" if token.quoted and len(value.split()) > 1 else "word"
            self.notes.append(f'unknown field "{name}:" — searched "{value}" as a {what}')
            if token.quoted:
                return self.phrase(None, value, token.raw)
            return self.word(None, value) if value.strip("*") else None
        if not value.strip() or not value.strip("*"):
            self.notes.append(f'empty "{name}:" ignored')
            return None
        if token.quoted:
            return self.phrase(name, value, token.raw)
        return self.word(name, value)

    def date(self, token: _Token) -> Node | None:
        if not token.text.strip():
            self.notes.append(f'empty "{token.field}:" ignored')
            return None
        if not token.quoted:
            joined = self._join_date_words(token)
            if joined is not None:
                return joined
        found = resolve_date_value(token.field, token.text, self.now)
        if found is None:
            self.notes.append(f'bad date "{token.text}"')
        return found

    def _join_date_words(self, token: _Token) -> DateRange | None:
        """Unquoted multi-word dates (``date:last week``): when the value
        alone is not a date, or is a bare month name, take up to three
        following plain words, longest first, if together they are one."""
        alone = resolve_date_value(token.field, token.text, self.now)
        if alone is not None and not _is_month(token.text):
            return None
        words: list[str] = []
        while len(words) < 3 and self.peek(len(words)) == "word":
            words.append(self.tokens[self.pos + len(words)].text)
        for count in range(len(words), 0, -1):
            value = " ".join([token.text, *words[:count]])
            found = resolve_date_value(token.field, value, self.now)
            if found is not None:
                self.pos += count
                return found
        return None


def parse_query(text: str, now: dt.date | None = None) -> ParsedQuery:
    """Parse a query string; relative dates are resolved against ``now``
    (default: today).  Never raises on any string."""
    now = now or dt.date.today()
    tokenizer = _Tokenizer(text)
    tokens = tokenizer.tokens()
    parser = _Parser(tokens, now, tokenizer.notes)
    root = parser.parse()
    return ParsedQuery(text, root, tuple(parser.notes))
