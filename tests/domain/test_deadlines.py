"""Deadlines and month states, as the letter of 15 May 2023 sets them.

- 2022: voluntary backfill, no deadline.
- January–April 2023: asked for "innen utgangen av mai" → 31 May 2023.
- From May 2023: "innen den 10. i påfølgende måned".
"""

from datetime import date

import pytest

from malekort.domain.deadlines import (
    MonthState,
    area_month_state,
    combined_state,
    deadline_for,
    is_late,
    is_open_for_registration,
    is_provisional,
    last_complete_period,
    last_due_period,
)
from malekort.domain.periods import Period


@pytest.mark.parametrize("month", range(1, 13))
def test_2022_months_have_no_deadline(month: int) -> None:
    assert deadline_for(Period(2022, month)) is None


@pytest.mark.parametrize("month", [1, 2, 3, 4])
def test_january_to_april_2023_due_end_of_may(month: int) -> None:
    assert deadline_for(Period(2023, month)) == date(2023, 5, 31)


@pytest.mark.parametrize(
    ("period", "deadline"),
    [
        (Period(2023, 5), date(2023, 6, 10)),
        (Period(2023, 6), date(2023, 7, 10)),
        (Period(2023, 11), date(2023, 12, 10)),
        (Period(2023, 12), date(2024, 1, 10)),
        (Period(2024, 1), date(2024, 2, 10)),
        (Period(2024, 2), date(2024, 3, 10)),
    ],
)
def test_later_months_due_on_the_tenth_of_the_next(period: Period, deadline: date) -> None:
    assert deadline_for(period) == deadline


# --- is_open_for_registration -------------------------------------------------

TODAY = date(2024, 3, 15)


@pytest.mark.parametrize(
    ("period", "today", "open_"),
    [
        (Period(2021, 12), TODAY, False),  # before the collection
        (Period(2022, 1), TODAY, True),  # first month of the voluntary backfill
        (Period(2024, 3), TODAY, False),  # the current month has not ended
        (Period(2024, 2), TODAY, True),  # last month
        (Period(2024, 4), TODAY, False),  # future
        (Period(2024, 2), date(2024, 3, 1), True),  # opens the day after the month ends
        (Period(2024, 2), date(2024, 2, 29), False),  # not on its own last day
        (Period(2023, 12), date(2024, 1, 1), True),
    ],
)
def test_is_open_for_registration(period: Period, today: date, open_: bool) -> None:
    assert is_open_for_registration(period, today) is open_


def test_last_complete_period_across_year_end() -> None:
    assert last_complete_period(date(2024, 1, 5)) == Period(2023, 12)
    assert last_complete_period(date(2024, 3, 31)) == Period(2024, 2)


# --- area_month_state ---------------------------------------------------------


def test_registered_on_the_tenth_is_on_time() -> None:
    state = area_month_state(Period(2024, 1), date(2024, 2, 10), date(2024, 3, 15))
    assert state is MonthState.ON_TIME


def test_registered_on_the_eleventh_is_late() -> None:
    state = area_month_state(Period(2024, 1), date(2024, 2, 11), date(2024, 3, 15))
    assert state is MonthState.LATE


def test_registered_early_in_the_month_after_is_on_time() -> None:
    state = area_month_state(Period(2024, 1), date(2024, 2, 1), date(2024, 2, 1))
    assert state is MonthState.ON_TIME


def test_not_registered_on_the_tenth_is_due() -> None:
    assert area_month_state(Period(2024, 1), None, date(2024, 2, 10)) is MonthState.DUE


def test_not_registered_on_the_first_day_it_opens_is_due() -> None:
    assert area_month_state(Period(2024, 1), None, date(2024, 2, 1)) is MonthState.DUE


def test_not_registered_on_the_eleventh_is_missing() -> None:
    assert area_month_state(Period(2024, 1), None, date(2024, 2, 11)) is MonthState.MISSING


def test_current_month_is_not_open() -> None:
    assert area_month_state(Period(2024, 3), None, date(2024, 3, 15)) is MonthState.NOT_OPEN


def test_future_month_is_not_open() -> None:
    assert area_month_state(Period(2024, 6), None, date(2024, 3, 15)) is MonthState.NOT_OPEN


def test_month_before_the_collection_is_not_open() -> None:
    assert area_month_state(Period(2021, 12), None, date(2024, 3, 15)) is MonthState.NOT_OPEN


def test_2022_not_registered_is_voluntary_empty_never_missing() -> None:
    assert area_month_state(Period(2022, 6), None, date(2024, 3, 15)) is MonthState.VOLUNTARY_EMPTY


def test_2022_registered_late_is_still_voluntary_registered() -> None:
    state = area_month_state(Period(2022, 6), date(2024, 1, 5), date(2024, 3, 15))
    assert state is MonthState.VOLUNTARY_REGISTERED


@pytest.mark.parametrize("month", [1, 2, 3, 4])
def test_backfill_2023_registered_on_31_may_is_on_time(month: int) -> None:
    state = area_month_state(Period(2023, month), date(2023, 5, 31), date(2023, 9, 1))
    assert state is MonthState.ON_TIME


def test_backfill_2023_registered_on_1_june_is_late() -> None:
    state = area_month_state(Period(2023, 1), date(2023, 6, 1), date(2023, 9, 1))
    assert state is MonthState.LATE


def test_backfill_2023_unregistered_is_due_until_end_of_may_then_missing() -> None:
    # On 20 February 2023 January was already past its month but its deadline was 31 May.
    assert area_month_state(Period(2023, 1), None, date(2023, 2, 20)) is MonthState.DUE
    assert area_month_state(Period(2023, 1), None, date(2023, 5, 31)) is MonthState.DUE
    assert area_month_state(Period(2023, 1), None, date(2023, 6, 1)) is MonthState.MISSING


def test_may_2023_follows_the_tenth_rule() -> None:
    assert area_month_state(Period(2023, 5), date(2023, 6, 10), date(2023, 7, 1)) is (
        MonthState.ON_TIME
    )
    assert area_month_state(Period(2023, 5), date(2023, 6, 11), date(2023, 7, 1)) is (
        MonthState.LATE
    )
    assert area_month_state(Period(2023, 5), None, date(2023, 6, 11)) is MonthState.MISSING


def test_december_deadline_in_the_new_year() -> None:
    assert area_month_state(Period(2023, 12), date(2024, 1, 10), date(2024, 2, 1)) is (
        MonthState.ON_TIME
    )
    assert area_month_state(Period(2023, 12), None, date(2024, 1, 11)) is MonthState.MISSING


def test_is_registered() -> None:
    registered = {s for s in MonthState if s.is_registered}
    assert registered == {
        MonthState.ON_TIME,
        MonthState.LATE,
        MonthState.VOLUNTARY_REGISTERED,
    }


def test_every_state_has_a_distinct_norwegian_label() -> None:
    labels = [s.label for s in MonthState]
    assert all(labels)
    assert len(set(labels)) == len(labels)


# --- combined_state -----------------------------------------------------------


@pytest.mark.parametrize(
    ("states", "expected"),
    [
        ([MonthState.ON_TIME, MonthState.LATE], MonthState.LATE),
        ([MonthState.LATE, MonthState.ON_TIME, MonthState.MISSING], MonthState.MISSING),
        ([MonthState.ON_TIME, MonthState.DUE], MonthState.DUE),
        ([MonthState.ON_TIME, MonthState.ON_TIME], MonthState.ON_TIME),
        ([MonthState.VOLUNTARY_REGISTERED, MonthState.VOLUNTARY_EMPTY], MonthState.VOLUNTARY_EMPTY),
        ([MonthState.VOLUNTARY_REGISTERED], MonthState.VOLUNTARY_REGISTERED),
        ([MonthState.NOT_OPEN], MonthState.NOT_OPEN),
        ([], MonthState.NOT_OPEN),
    ],
)
def test_combined_state_is_the_worst(states: list[MonthState], expected: MonthState) -> None:
    assert combined_state(states) is expected


def test_combined_state_takes_a_generator() -> None:
    states = (s for s in [MonthState.ON_TIME, MonthState.MISSING, MonthState.ON_TIME])
    assert combined_state(states) is MonthState.MISSING


# --- is_late ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "day", "late"),
    [
        (Period(2024, 1), date(2024, 2, 10), False),
        (Period(2024, 1), date(2024, 2, 11), True),
        (Period(2024, 1), date(2024, 2, 1), False),
        (Period(2023, 3), date(2023, 5, 31), False),
        (Period(2023, 3), date(2023, 6, 1), True),
        (Period(2023, 12), date(2024, 1, 10), False),
        (Period(2023, 12), date(2024, 1, 11), True),
        (Period(2022, 6), date(2024, 12, 31), False),  # voluntary: never late
    ],
)
def test_is_late(period: Period, day: date, late: bool) -> None:
    assert is_late(period, day) is late


@pytest.mark.parametrize(
    ("today", "opens_on"),
    [
        (date(2026, 12, 1), Period(2026, 10)),  # November is due on 10 December
        (date(2026, 12, 10), Period(2026, 10)),  # the deadline day itself still counts as on time
        (date(2026, 12, 11), Period(2026, 11)),
        (date(2027, 1, 11), Period(2026, 12)),
        (date(2023, 5, 15), Period(2022, 12)),  # January–April 2023 were due 31 May 2023; 2022 had no deadline
        (date(2023, 6, 1), Period(2023, 4)),
        (date(2023, 6, 11), Period(2023, 5)),
        (date(2022, 2, 1), Period(2022, 1)),
    ],
)
def test_pages_open_on_the_last_month_whose_deadline_has_passed(today: date, opens_on: Period) -> None:
    assert last_due_period(today) == opens_on


def test_a_month_is_provisional_until_its_deadline_has_passed_or_while_few_have_reported() -> None:
    assert is_provisional(Period(2026, 11), date(2026, 12, 1))
    assert is_provisional(Period(2026, 11), date(2026, 12, 10))
    assert not is_provisional(Period(2026, 11), date(2026, 12, 11))
    assert is_provisional(Period(2026, 12), date(2026, 12, 11))  # not even over
    assert is_provisional(Period(2026, 10), date(2026, 12, 1), coverage=0.49)
    assert not is_provisional(Period(2026, 10), date(2026, 12, 1), coverage=0.5)
    assert not is_provisional(Period(2022, 3), date(2022, 4, 2))  # 2022 had no deadline
