"""Timeline buckets: counts per week/month/year, empty gaps kept, back to a date query."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from byline.index.search.query import DateRange, parse_query
from byline.index.search.timeline import (
    GRANULARITIES,
    Bucket,
    Granularity,
    bucket_end,
    bucket_start,
    choose_granularity,
    range_query,
    timeline,
)

D = dt.date


def test_no_dates_gives_no_buckets() -> None:
    line = timeline([])
    assert line.buckets == ()
    assert line.total == 0
    assert line.peak == 0
    assert line.index_of(D(2021, 1, 1)) is None
    assert timeline([None, None]).undated == 2


def test_weeks_run_monday_to_sunday_with_empty_weeks_between() -> None:
    # 2021-01-04 is a Monday.
    dates = [D(2021, 1, 5), D(2021, 1, 10), D(2021, 1, 20), None, D(2021, 2, 1)]
    line = timeline(dates)
    assert line.granularity == "week"
    assert line.buckets == (
        Bucket(D(2021, 1, 4), D(2021, 1, 10), 2),
        Bucket(D(2021, 1, 11), D(2021, 1, 17), 0),
        Bucket(D(2021, 1, 18), D(2021, 1, 24), 1),
        Bucket(D(2021, 1, 25), D(2021, 1, 31), 0),
        Bucket(D(2021, 2, 1), D(2021, 2, 7), 1),
    )
    assert line.counts == [2, 0, 1, 0, 1]
    assert line.total == 4
    assert line.undated == 1
    assert line.peak == 2


def test_months_for_spans_over_half_a_year() -> None:
    dates = [D(2020, 11, 30), D(2020, 11, 1), D(2021, 2, 14), D(2021, 6, 2)]
    line = timeline(dates)
    assert line.granularity == "month"
    assert [(b.start, b.end, b.count) for b in line.buckets] == [
        (D(2020, 11, 1), D(2020, 11, 30), 2),
        (D(2020, 12, 1), D(2020, 12, 31), 0),
        (D(2021, 1, 1), D(2021, 1, 31), 0),
        (D(2021, 2, 1), D(2021, 2, 28), 1),
        (D(2021, 3, 1), D(2021, 3, 31), 0),
        (D(2021, 4, 1), D(2021, 4, 30), 0),
        (D(2021, 5, 1), D(2021, 5, 31), 0),
        (D(2021, 6, 1), D(2021, 6, 30), 1),
    ]


def test_years_for_very_long_spans() -> None:
    line = timeline([D(1999, 5, 1), D(2012, 1, 1), D(2012, 12, 31)])
    assert line.granularity == "year"
    assert line.counts == [1] + [0] * 12 + [2]
    assert line.buckets[-1] == Bucket(D(2012, 1, 1), D(2012, 12, 31), 2)


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (D(2021, 1, 4), D(2021, 1, 4), "week"),
        (D(2021, 1, 4), D(2021, 7, 4), "week"),  # exactly 26 Monday-Sunday weeks
        (D(2021, 1, 4), D(2021, 7, 5), "month"),  # a 27th week starts
        (D(2021, 7, 5), D(2021, 1, 4), "month"),  # order does not matter
        (D(2011, 1, 1), D(2020, 12, 31), "month"),  # 120 months
        (D(2011, 1, 1), D(2021, 1, 1), "year"),
    ],
)
def test_granularity_follows_the_span(first: D, last: D, expected: str) -> None:
    assert choose_granularity(first, last) == expected


def test_granularity_can_be_forced_and_datetimes_count_as_their_day() -> None:
    line = timeline([dt.datetime(2021, 3, 31, 23, 59), D(2021, 3, 1)], granularity="month")
    assert line.buckets == (Bucket(D(2021, 3, 1), D(2021, 3, 31), 2),)


def test_december_rolls_into_january() -> None:
    line = timeline([D(2020, 12, 15), D(2021, 1, 15)], granularity="month")
    assert [b.start for b in line.buckets] == [D(2020, 12, 1), D(2021, 1, 1)]


def test_index_of_finds_the_bucket_of_a_day() -> None:
    weeks = timeline([D(2021, 1, 5), D(2021, 2, 1)])
    assert weeks.index_of(D(2021, 1, 4)) == 0
    assert weeks.index_of(D(2021, 1, 17)) == 1
    assert weeks.index_of(D(2021, 2, 7)) == 4
    assert weeks.index_of(D(2021, 2, 8)) is None
    assert weeks.index_of(D(2021, 1, 3)) is None
    months = timeline([D(2020, 11, 3), D(2021, 6, 2)])
    assert months.index_of(D(2021, 1, 31)) == 2
    years = timeline([D(1999, 5, 1), D(2012, 1, 1)])
    assert years.index_of(D(2000, 7, 7)) == 1


def test_bucket_start() -> None:
    assert bucket_start(D(2021, 1, 10), "week") == D(2021, 1, 4)
    assert bucket_start(D(2021, 1, 10), "month") == D(2021, 1, 1)
    assert bucket_start(D(2021, 8, 10), "year") == D(2021, 1, 1)


def _range(fragment: str) -> DateRange:
    parsed = parse_query(fragment, now=D(2024, 1, 1))
    assert parsed.ignored == ()
    (found,) = parsed.dates
    return found


def test_range_query_for_months_runs_through_the_query_language() -> None:
    line = timeline([D(2020, 11, 3), D(2021, 6, 2)])
    fragment = line.query(2, 4)
    assert fragment == "date:2021-01..2021-03"
    assert _range(fragment) == DateRange(D(2021, 1, 1), D(2021, 3, 31))
    assert line.query(4, 2) == fragment  # either order
    assert line.query(3) == "date:2021-02"
    assert _range(line.query(3)) == DateRange(D(2021, 2, 1), D(2021, 2, 28))


def test_range_query_for_weeks_names_days() -> None:
    line = timeline([D(2021, 1, 5), D(2021, 2, 1)])
    fragment = line.query(0, 1)
    assert fragment == "date:2021-01-04..2021-01-17"
    assert _range(fragment) == DateRange(D(2021, 1, 4), D(2021, 1, 17))
    assert _range(line.query(4)) == DateRange(D(2021, 2, 1), D(2021, 2, 7))


def test_range_query_for_years() -> None:
    line = timeline([D(1999, 5, 1), D(2012, 1, 1)])
    assert line.query(0) == "date:1999"
    assert _range(line.query(1, 3)) == DateRange(D(2000, 1, 1), D(2002, 12, 31))


def test_range_query_from_buckets_directly() -> None:
    first = Bucket(D(2021, 1, 1), D(2021, 1, 31), 3)
    last = Bucket(D(2021, 3, 1), D(2021, 3, 31), 0)
    assert range_query(last, first, "month") == "date:2021-01..2021-03"


def test_every_hit_of_a_narrowed_range_is_counted_in_its_buckets() -> None:
    # What the user sees: the count on the selected bars equals the hits the
    # narrowed query keeps.
    dates = [D(2021, 1, 1) + dt.timedelta(days=n * 5) for n in range(80)]
    line = timeline(dates)
    chosen = _range(line.query(3, 5))
    start, end = chosen.start, chosen.end
    assert start is not None
    assert end is not None
    kept = [d for d in dates if start <= d <= end]
    assert len(kept) == sum(line.counts[3:6])


# --------------------------------------------------------------------------
# The ends of the calendar: 0001-01-01 (a Monday) to 9999-12-31 (a Friday)


@pytest.mark.parametrize(
    ("granularity", "last"),
    [
        ("week", Bucket(D(9999, 12, 27), D.max, 1)),  # cut short: the week would end in 10000
        ("month", Bucket(D(9999, 12, 1), D.max, 1)),
        ("year", Bucket(D(9999, 1, 1), D.max, 1)),
    ],
)
def test_the_last_bucket_ends_with_the_calendar(granularity: Granularity, last: Bucket) -> None:
    line = timeline([D(9999, 12, 1), D.max], granularity=granularity)
    assert line.buckets[-1] == Bucket(last.start, last.end, 2 if granularity != "week" else 1)
    assert line.total == 2
    assert line.index_of(D.max) == len(line.buckets) - 1
    assert _range(line.query(len(line.buckets) - 1)) == DateRange(last.start, D.max)


@pytest.mark.parametrize("granularity", GRANULARITIES)
def test_the_first_bucket_starts_with_the_calendar(granularity: Granularity) -> None:
    line = timeline([D.min, D(1, 1, 2)], granularity=granularity)
    assert line.buckets[0].start == D.min
    assert line.index_of(D.min) == 0
    assert _range(line.query(0)).start == D.min


def test_both_ends_at_once_span_the_calendar_by_year() -> None:
    line = timeline([D.min, D(2021, 6, 15), D.max])
    assert line.granularity == "year"
    assert len(line.buckets) == 9999
    assert (line.buckets[0].start, line.buckets[-1].end) == (D.min, D.max)
    assert line.counts[0] == line.counts[2020] == line.counts[-1] == 1
    assert line.query(0, 9998) == "date:0001..9999"


def _dates_near(anchor: D) -> st.SearchStrategy[list[D]]:
    """Up to a dozen dates within about 900 days of ``anchor`` (inside the calendar)."""
    ordinal = anchor.toordinal()
    low = D.fromordinal(max(1, ordinal - 900))
    high = D.fromordinal(min(D.max.toordinal(), ordinal + 900))
    return st.lists(st.dates(low, high), min_size=1, max_size=12)


@settings(max_examples=150, deadline=None)
@given(
    dates=st.one_of(_dates_near(D.min), _dates_near(D.max), _dates_near(D(2021, 1, 1))),
    granularity=st.sampled_from([None, *GRANULARITIES]),
)
def test_any_dates_make_a_gapless_timeline_whose_buckets_query_back(
    dates: list[D], granularity: Granularity | None
) -> None:
    line = timeline(dates, granularity=granularity)
    assert line.total == len(dates)
    assert line.buckets[0].start <= min(dates)
    assert line.buckets[-1].end >= max(dates)
    for before, after in zip(line.buckets, line.buckets[1:], strict=False):
        assert after.start == before.end + dt.timedelta(days=1)
    for day in dates:
        index = line.index_of(day)
        assert index is not None
        assert line.buckets[index].start <= day <= line.buckets[index].end
    for index in {0, len(line.buckets) // 2, len(line.buckets) - 1}:
        bucket = line.buckets[index]
        assert bucket_end(bucket.start, line.granularity) == bucket.end
        assert _range(line.query(index)) == DateRange(bucket.start, bucket.end)
