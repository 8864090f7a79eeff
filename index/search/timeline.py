"""How search results spread over time: counts per week, month or year.

Pure functions over dates (from :attr:`byline.index.models.Hit.date`).  The
granularity follows the span of the dates so a timeline stays a handful to
a few dozen bars wide: weeks (Monday to Sunday, as ``date:"this week"`` in
the query language) up to :data:`WEEKS_UP_TO` weeks, then months up to
:data:`MONTHS_UP_TO` months, then years.  Buckets run without gaps from the
first date to the last, empty ones included, so a bar's position is time.
:func:`range_query` turns a run of buckets back into a ``date:A..B`` query
fragment.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

Granularity = Literal["week", "month", "year"]
GRANULARITIES: tuple[Granularity, ...] = ("week", "month", "year")
#: Spans up to this many weeks are shown week by week.
WEEKS_UP_TO = 26
#: Longer spans up to this many months are shown month by month, longer ones by year.
MONTHS_UP_TO = 120


@dataclass(slots=True, frozen=True)
class Bucket:
    """``count`` dates fell from ``start`` to ``end`` (both inclusive)."""

    start: dt.date
    end: dt.date
    count: int


@dataclass(slots=True, frozen=True)
class Timeline:
    """Consecutive buckets covering every dated input; ``undated`` counts the ``None`` dates."""

    granularity: Granularity
    buckets: tuple[Bucket, ...]
    undated: int = 0

    @property
    def counts(self) -> list[int]:
        """The count of each bucket, in order (the data of a sparkline)."""
        return [bucket.count for bucket in self.buckets]

    @property
    def total(self) -> int:
        """How many dated inputs the buckets hold."""
        return sum(bucket.count for bucket in self.buckets)

    @property
    def peak(self) -> int:
        """The largest bucket's count (0 when there are no buckets)."""
        return max((bucket.count for bucket in self.buckets), default=0)

    def index_of(self, day: dt.date) -> int | None:
        """The position of the bucket holding ``day``, or None when it is outside them all."""
        if not self.buckets or not self.buckets[0].start <= day <= self.buckets[-1].end:
            return None
        start = bucket_start(day, self.granularity)
        first = self.buckets[0].start
        if self.granularity == "week":
            return (start - first).days // 7
        if self.granularity == "month":
            return (start.year - first.year) * 12 + start.month - first.month
        return start.year - first.year

    def query(self, first: int, last: int | None = None) -> str:
        """The query fragment for buckets ``first`` to ``last`` (inclusive; default: just one)."""
        return range_query(
            self.buckets[first], self.buckets[first if last is None else last], self.granularity
        )


def choose_granularity(first: dt.date, last: dt.date) -> Granularity:
    """Weeks for a span of up to :data:`WEEKS_UP_TO` weeks, months up to ten years, else years."""
    first, last = min(first, last), max(first, last)
    weeks = (bucket_start(last, "week") - bucket_start(first, "week")).days // 7 + 1
    if weeks <= WEEKS_UP_TO:
        return "week"
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    return "month" if months <= MONTHS_UP_TO else "year"


def bucket_start(day: dt.date, granularity: Granularity) -> dt.date:
    """The first day of the week (Monday), month or year holding ``day``."""
    if granularity == "week":
        # 0001-01-01 is a Monday, so no week starts before the calendar does.
        return day - dt.timedelta(days=day.weekday())
    if granularity == "month":
        return day.replace(day=1)
    return day.replace(month=1, day=1)


def bucket_end(start: dt.date, granularity: Granularity) -> dt.date:
    """The last day of the bucket beginning on ``start``.

    The week holding 9999-12-31 would end in the year 10000, which Python's
    calendar does not have: it ends on 9999-12-31 instead.
    """
    following = _next_start(start, granularity)
    return dt.date.max if following is None else following - dt.timedelta(days=1)


def _next_start(start: dt.date, granularity: Granularity) -> dt.date | None:
    """The start of the bucket after ``start``'s, or None past the end of the calendar."""
    try:
        if granularity == "week":
            return start + dt.timedelta(days=7)
        if granularity == "month":
            if start.month == 12:
                return start.replace(year=start.year + 1, month=1)
            return start.replace(month=start.month + 1)
        return start.replace(year=start.year + 1)
    except (OverflowError, ValueError):  # year 10000
        return None


def _as_date(value: dt.date) -> dt.date:
    # A datetime is a date too, but it must not compare with plain dates.
    return value.date() if isinstance(value, dt.datetime) else value


def timeline(dates: Iterable[dt.date | None], granularity: Granularity | None = None) -> Timeline:
    """Count ``dates`` per bucket, from the bucket of the earliest to that of the latest.

    ``granularity`` None picks one from the span (:func:`choose_granularity`).
    With no dated input the timeline has no buckets.
    """
    undated = 0
    days: Counter[dt.date] = Counter()
    for value in dates:
        if value is None:
            undated += 1
        else:
            days[_as_date(value)] += 1
    return day_timeline(days, undated, granularity)


def day_timeline(
    days: Mapping[dt.date, int], undated: int = 0, granularity: Granularity | None = None
) -> Timeline:
    """:func:`timeline` of dates already counted per day (``undated`` more have no date)."""
    if not days:
        return Timeline(granularity or "week", (), undated)
    first, last = min(days), max(days)
    grain = granularity or choose_granularity(first, last)
    per_bucket: Counter[dt.date] = Counter()
    for day, count in days.items():
        per_bucket[bucket_start(day, grain)] += count
    buckets: list[Bucket] = []
    start = bucket_start(first, grain)
    while start <= last:
        end = bucket_end(start, grain)
        buckets.append(Bucket(start, end, per_bucket[start]))
        if end == dt.date.max:
            break
        start = end + dt.timedelta(days=1)
    return Timeline(grain, tuple(buckets), undated)


def _period(day: dt.date, granularity: Granularity) -> str:
    if granularity == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if granularity == "year":
        return f"{day.year:04d}"
    return day.isoformat()


def range_query(first: Bucket, last: Bucket, granularity: Granularity) -> str:
    """A ``date:`` fragment matching the days from ``first.start`` to ``last.end``.

    Months and years are named as such (``date:2021-01..2021-03``,
    ``date:2021``); weeks by their days (``date:2021-01-04..2021-01-17``).
    The buckets may be given in either order.
    """
    if last.start < first.start:
        first, last = last, first
    start = _period(first.start, granularity)
    end = _period(last.end, granularity)
    return f"date:{start}" if start == end else f"date:{start}..{end}"
