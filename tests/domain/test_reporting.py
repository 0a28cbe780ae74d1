"""Counting who reported on time, late or not at all, with counts worked out by hand.

Five areas in three counties: 030101 and 030102 (Oslo, 03), 3320 and 3324
(Buskerud, 33) and 4204 (Agder, 42).
"""

from __future__ import annotations

from datetime import date

import pytest

from malekort.domain.periods import Period
from malekort.domain.reporting import (
    Category,
    Counts,
    MonthRow,
    ReminderStage,
    counts_by_county,
    day_label,
    month_counts,
    monthly_counts,
    monthly_counts_by_county,
    reminder_window,
    reminders_due,
    total,
    unreported,
)

AREAS = ["030101", "030102", "3320", "3324", "4204"]
MARCH = Period(2024, 3)  # deadline 10 April 2024
APRIL = Period(2024, 4)  # deadline 10 May 2024
FIRSTS = {
    ("030101", MARCH): date(2024, 4, 10),  # on the deadline: on time
    ("030102", MARCH): date(2024, 4, 11),  # a day late
    ("3320", MARCH): date(2024, 4, 2),  # on time
    # 3324 and 4204: nothing for March
    ("030101", APRIL): date(2024, 5, 3),
    ("4204", Period(2022, 6)): date(2023, 6, 1),  # voluntary backfill
}


def test_a_month_after_its_deadline() -> None:
    counts = month_counts(AREAS, MARCH, FIRSTS, date(2024, 5, 20))
    assert counts == Counts(expected=5, on_time=2, late=1, missing=2)
    assert counts.reported == 3
    assert counts.share_on_time == pytest.approx(0.4)
    assert counts.share_late == pytest.approx(0.2)
    assert counts.share_missing == pytest.approx(0.4)
    assert counts.share_reported == pytest.approx(0.6)
    assert counts.share_not_yet_due == 0


def test_before_the_deadline_the_empty_areas_are_not_yet_due() -> None:
    counts = month_counts(AREAS, APRIL, FIRSTS, date(2024, 5, 8))
    assert counts == Counts(expected=5, on_time=1, not_yet_due=4)
    # The day after the deadline they are missing.
    assert month_counts(AREAS, APRIL, FIRSTS, date(2024, 5, 11)) == Counts(expected=5, on_time=1, missing=4)


def test_the_month_that_is_not_over_is_not_yet_due() -> None:
    assert month_counts(AREAS, Period(2024, 5), FIRSTS, date(2024, 5, 20)) == Counts(expected=5, not_yet_due=5)


def test_2022_is_voluntary_never_missing() -> None:
    counts = month_counts(AREAS, Period(2022, 6), FIRSTS, date(2024, 5, 20))
    assert counts == Counts(expected=5, voluntary_registered=1, voluntary_empty=4)
    assert counts.missing == 0
    assert counts.share_reported == pytest.approx(0.2)
    assert counts.share_voluntary_registered == pytest.approx(0.2)


def test_backfill_months_of_2023_were_due_end_of_may() -> None:
    firsts = {("3320", Period(2023, 2)): date(2023, 5, 31), ("3324", Period(2023, 2)): date(2023, 6, 1)}
    assert month_counts(AREAS, Period(2023, 2), firsts, date(2024, 1, 1)) == Counts(
        expected=5, on_time=1, late=1, missing=3
    )


def test_an_area_listed_twice_counts_once() -> None:
    assert month_counts([*AREAS, "3320"], MARCH, FIRSTS, date(2024, 5, 20)).expected == 5


def test_no_areas_no_shares() -> None:
    counts = month_counts([], MARCH, FIRSTS, date(2024, 5, 20))
    assert counts == Counts()
    assert counts.share_on_time is None and counts.share_reported is None


def test_per_county() -> None:
    by_county = counts_by_county(AREAS, MARCH, FIRSTS, date(2024, 5, 20))
    assert list(by_county) == ["03", "33", "42"]
    assert by_county["03"] == Counts(expected=2, on_time=1, late=1)
    assert by_county["33"] == Counts(expected=2, on_time=1, missing=1)
    assert by_county["42"] == Counts(expected=1, missing=1)
    assert total(by_county.values()) == month_counts(AREAS, MARCH, FIRSTS, date(2024, 5, 20))


def test_monthly_rows_oldest_first_with_deadlines() -> None:
    rows = monthly_counts(AREAS, FIRSTS, Period(2024, 2), Period(2024, 4), date(2024, 5, 8))
    assert [row.period for row in rows] == [Period(2024, 2), MARCH, APRIL]
    assert [row.deadline for row in rows] == [date(2024, 3, 10), date(2024, 4, 10), date(2024, 5, 10)]
    assert rows[0] == MonthRow(Period(2024, 2), date(2024, 3, 10), Counts(expected=5, missing=5))
    assert rows[1].counts == Counts(expected=5, on_time=2, late=1, missing=2)
    assert rows[2].counts == Counts(expected=5, on_time=1, not_yet_due=4)


def test_monthly_rows_per_county() -> None:
    rows = monthly_counts_by_county(AREAS, FIRSTS, MARCH, APRIL, date(2024, 5, 20))
    assert [row.counts for row in rows["33"]] == [
        Counts(expected=2, on_time=1, missing=1),
        Counts(expected=2, missing=2),
    ]
    assert [row.counts for row in rows["03"]] == [
        Counts(expected=2, on_time=1, late=1),
        Counts(expected=2, on_time=1, missing=1),
    ]


def test_counts_add_up_and_sum() -> None:
    a = Counts(expected=3, on_time=1, late=1, missing=1)
    b = Counts(expected=2, not_yet_due=1, voluntary_empty=1)
    assert a + b == Counts(expected=5, on_time=1, late=1, missing=1, not_yet_due=1, voluntary_empty=1)
    assert Counts.of([Category.LATE, Category.LATE, Category.MISSING]) == Counts(expected=3, late=2, missing=1)
    assert a.count(Category.MISSING) == 1


def test_unreported_areas_with_their_category() -> None:
    assert unreported(AREAS, MARCH, FIRSTS, date(2024, 5, 20)) == {
        "3324": Category.MISSING,
        "4204": Category.MISSING,
    }
    assert unreported(AREAS, APRIL, FIRSTS, date(2024, 5, 8)) == {
        code: Category.NOT_YET_DUE for code in ["030102", "3320", "3324", "4204"]
    }


# Reminder windows: 3 days before the 10th up to it; from 1 day after it to the end of that month.


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2024, 5, 6), []),
        (date(2024, 5, 7), [(APRIL, ReminderStage.REMINDER)]),
        (date(2024, 5, 10), [(APRIL, ReminderStage.REMINDER)]),
        (date(2024, 5, 11), [(APRIL, ReminderStage.NOTICE)]),
        (date(2024, 5, 31), [(APRIL, ReminderStage.NOTICE)]),
        (date(2024, 6, 1), []),
        (date(2024, 4, 30), [(MARCH, ReminderStage.NOTICE)]),
    ],
)
def test_reminders_due(today: date, expected: list[tuple[Period, ReminderStage]]) -> None:
    assert reminders_due(today, days_before=3, days_after=1) == expected


def test_notice_days_after_are_configurable() -> None:
    assert reminders_due(date(2024, 5, 11), days_before=3, days_after=2) == []
    assert reminders_due(date(2024, 5, 12), days_before=3, days_after=2) == [(APRIL, ReminderStage.NOTICE)]


def test_a_reminder_never_comes_before_the_month_is_over() -> None:
    assert reminder_window(APRIL, ReminderStage.REMINDER, days_before=15, days_after=1) == (
        date(2024, 5, 1), date(2024, 5, 10),
    )
    assert reminders_due(date(2024, 4, 30), days_before=15, days_after=1) == [(MARCH, ReminderStage.NOTICE)]


def test_backfill_months_share_the_end_of_may_deadline() -> None:
    backfill = [Period(2023, m) for m in (1, 2, 3, 4)]
    assert reminders_due(date(2023, 5, 29), days_before=3, days_after=1) == [
        (p, ReminderStage.REMINDER) for p in backfill
    ]
    assert reminders_due(date(2023, 6, 1), days_before=3, days_after=1) == [
        (p, ReminderStage.NOTICE) for p in backfill
    ]


def test_2022_gets_no_reminders() -> None:
    assert reminders_due(date(2023, 1, 8), days_before=3, days_after=1) == []


@pytest.mark.parametrize(("before", "after"), [(-1, 1), (3, 0)])
def test_bad_windows_are_refused(before: int, after: int) -> None:
    with pytest.raises(ValueError):
        reminders_due(date(2022, 5, 8), days_before=before, days_after=after)


def test_day_label() -> None:
    assert day_label(date(2024, 4, 10)) == "10. april 2024"
    assert day_label(date(2023, 5, 31)) == "31. mai 2023"
