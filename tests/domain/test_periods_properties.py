"""Property-based tests of the month and day parsers: any text gives a value or a PeriodError, nothing else."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from malekort.domain.periods import EARLIEST_YEAR, LATEST_YEAR, Period, PeriodError, parse_day

# Arbitrary text, and text built from the characters a month is made of, so that near-misses are common.
month_like = st.text(alphabet="0123456789-/ .\n", max_size=12)
any_text = st.one_of(st.text(), month_like)
accepted_years = st.integers(min_value=EARLIEST_YEAR, max_value=LATEST_YEAR)


@given(any_text)
def test_any_text_is_a_period_or_a_period_error(text: str) -> None:
    try:
        period = Period.parse(text)
    except PeriodError as error:
        assert str(error)
        assert len(str(error)) < 100  # the text is quoted shortened, however long
    else:
        # Whatever is accepted is a month whose days and neighbours the calendar holds, and reads back the same.
        assert EARLIEST_YEAR <= period.year <= LATEST_YEAR
        assert period.next.last_day > period.previous.first_day
        assert Period.parse(str(period)) == period


@given(accepted_years, st.integers(min_value=1, max_value=12))
def test_every_month_in_the_accepted_years_reads_back(year: int, month: int) -> None:
    assert Period.parse(f"{year:04d}-{month:02d}") == Period(year, month)


@given(st.integers(min_value=0, max_value=9999).filter(lambda y: not EARLIEST_YEAR <= y <= LATEST_YEAR),
       st.integers(min_value=0, max_value=99))
def test_a_year_outside_the_range_is_refused_whatever_the_month(year: int, month: int) -> None:
    try:
        Period.parse(f"{year:04d}-{month:02d}")
    except PeriodError:
        return
    raise AssertionError("accepted")


@given(any_text)
def test_any_text_is_a_day_or_a_period_error(text: str) -> None:
    try:
        day = parse_day(text)
    except PeriodError as error:
        assert str(error)
    else:
        assert EARLIEST_YEAR <= day.year <= LATEST_YEAR
        assert parse_day(day.isoformat()) == day


@given(st.dates(min_value=date(EARLIEST_YEAR, 1, 1), max_value=date(LATEST_YEAR, 12, 31)))
def test_every_calendar_day_in_the_accepted_years_reads_back(day: date) -> None:
    assert parse_day(day.isoformat()) == day
