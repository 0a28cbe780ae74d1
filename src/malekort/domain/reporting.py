"""Who reported, on time or late, and who is missing: counts per month, county and nation.

The input is the day each area-month first got a number or a dot (later
corrections do not change whether a month came on time). An area is expected
to report every month; its month falls in exactly one category:

- on time / late: registered before or after the deadline (`deadlines.py`);
- missing: the deadline has passed and nothing is registered;
- not yet due: nothing registered and the deadline has not passed (or the
  month is not over);
- voluntary (2022): the voluntary backfill has no deadline, so an empty 2022
  month is "voluntary, not registered", never missing.

A county (fylke) is the first two digits of the area code. The reminder
windows (`reminders_due`) decide on which days reminders and notices go out.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import date, timedelta

from malekort.domain.deadlines import (
    FIRST_PERIOD_WITH_DEADLINE,
    MonthState,
    area_month_state,
    area_month_states,
    deadline_for,
    is_open_for_registration,
    last_complete_period,
)
from malekort.domain.periods import MONTH_NAMES, Period, periods_between
from malekort.domain.regions import fylke_code

FirstRegistrations = Mapping[tuple[str, Period], date]


class Category(enum.Enum):
    ON_TIME = "on_time"
    LATE = "late"
    MISSING = "missing"
    NOT_YET_DUE = "not_yet_due"
    VOLUNTARY_REGISTERED = "voluntary_registered"
    VOLUNTARY_EMPTY = "voluntary_empty"

    @property
    def label(self) -> str:
        return _CATEGORY_LABELS[self]

    @property
    def is_reported(self) -> bool:
        return self in (Category.ON_TIME, Category.LATE, Category.VOLUNTARY_REGISTERED)


_CATEGORY_LABELS = {
    Category.ON_TIME: "Rapportert i tide",
    Category.LATE: "Rapportert for sent",
    Category.MISSING: "Mangler",
    Category.NOT_YET_DUE: "Ikke forfalt ennå",
    Category.VOLUNTARY_REGISTERED: "Frivillig, rapportert",
    Category.VOLUNTARY_EMPTY: "Frivillig, ikke rapportert",
}

_CATEGORY_OF_STATE = {
    MonthState.NOT_OPEN: Category.NOT_YET_DUE,
    MonthState.DUE: Category.NOT_YET_DUE,
    MonthState.ON_TIME: Category.ON_TIME,
    MonthState.LATE: Category.LATE,
    MonthState.MISSING: Category.MISSING,
    MonthState.VOLUNTARY_REGISTERED: Category.VOLUNTARY_REGISTERED,
    MonthState.VOLUNTARY_EMPTY: Category.VOLUNTARY_EMPTY,
}


def category_of(state: MonthState) -> Category:
    """Return the counting category of an area's month state."""
    return _CATEGORY_OF_STATE[state]


def categorize(period: Period, first_registered: date | None, today: date) -> Category:
    """Return the category of one area's month on `today`."""
    return category_of(area_month_state(period, first_registered, today))


def share(part: int, whole: int) -> float | None:
    """Return part / whole, or None when there is nothing to divide by."""
    return part / whole if whole else None


@dataclass(frozen=True, slots=True)
class Counts:
    """How many expected areas fall in each category (the categories add up to `expected`)."""

    expected: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0
    not_yet_due: int = 0
    voluntary_registered: int = 0
    voluntary_empty: int = 0

    @classmethod
    def of(cls, categories: Iterable[Category]) -> Counts:
        """Return the counts of a list of area-month categories, one per expected area."""
        tally = dict.fromkeys(Category, 0)
        for category in categories:
            tally[category] += 1
        return cls.of_tally(tally)

    @classmethod
    def of_tally(cls, tally: Mapping[Category, int]) -> Counts:
        """Return the counts of how many expected areas fall in each category (absent: none)."""
        return cls(
            expected=sum(tally.values()),
            **{category.value: number for category, number in tally.items()},
        )

    def __add__(self, other: Counts) -> Counts:
        return Counts(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})

    def count(self, category: Category) -> int:
        return int(getattr(self, category.value))

    @property
    def reported(self) -> int:
        """Areas with a number or a dot, on time, late or voluntarily."""
        return self.on_time + self.late + self.voluntary_registered

    @property
    def share_on_time(self) -> float | None:
        return share(self.on_time, self.expected)

    @property
    def share_late(self) -> float | None:
        return share(self.late, self.expected)

    @property
    def share_missing(self) -> float | None:
        return share(self.missing, self.expected)

    @property
    def share_not_yet_due(self) -> float | None:
        return share(self.not_yet_due, self.expected)

    @property
    def share_voluntary_registered(self) -> float | None:
        return share(self.voluntary_registered, self.expected)

    @property
    def share_reported(self) -> float | None:
        return share(self.reported, self.expected)


def total(counts: Iterable[Counts]) -> Counts:
    """Return the sum of several counts (for example all counties of the country)."""
    result = Counts()
    for item in counts:
        result = result + item
    return result


@dataclass(frozen=True, slots=True)
class MonthRow:
    """One month of the follow-up table: its deadline and the counts of its expected areas."""

    period: Period
    deadline: date | None
    counts: Counts


def month_counts(
    area_codes: Iterable[str], period: Period, firsts: FirstRegistrations, today: date
) -> Counts:
    """Return the counts of one month over the expected areas (each code counted once)."""
    return counts_of_days(period, Counter(firsts.get((code, period)) for code in set(area_codes)), today)


def counts_of_days(period: Period, days: Mapping[date | None, int], today: date) -> Counts:
    """Return the counts of one month from how many areas first registered on each day (None: not at all).

    The same as counting each area's category, with each day categorized once.
    """
    categories = categorize_days(period, days, today)
    tally = dict.fromkeys(Category, 0)
    for day, number in days.items():
        tally[categories[day]] += number
    return Counts.of_tally(tally)


def categorize_days(period: Period, days: Iterable[date | None], today: date) -> dict[date | None, Category]:
    """Return the category of one month for each of many first registration days (None: not registered)."""
    return {day: category_of(state) for day, state in area_month_states(period, days, today).items()}


def monthly_counts(
    area_codes: Iterable[str], firsts: FirstRegistrations, first: Period, last: Period, today: date
) -> list[MonthRow]:
    """Return one row per month from `first` to `last`, oldest first."""
    codes = sorted(set(area_codes))
    return [
        MonthRow(period=period, deadline=deadline_for(period), counts=month_counts(codes, period, firsts, today))
        for period in periods_between(first, last)
    ]


def by_county(area_codes: Iterable[str]) -> dict[str, list[str]]:
    """Return the area codes grouped by county (fylke), counties in code order."""
    groups: dict[str, list[str]] = {}
    for code in sorted(set(area_codes)):
        county = fylke_code(code)
        if county is not None:
            groups.setdefault(county, []).append(code)
    return dict(sorted(groups.items()))


def counts_by_county(
    area_codes: Iterable[str], period: Period, firsts: FirstRegistrations, today: date
) -> dict[str, Counts]:
    """Return the counts of one month per county, counties in code order."""
    return {
        county: month_counts(codes, period, firsts, today) for county, codes in by_county(area_codes).items()
    }


def monthly_counts_by_county(
    area_codes: Iterable[str], firsts: FirstRegistrations, first: Period, last: Period, today: date
) -> dict[str, list[MonthRow]]:
    """Return the monthly rows of every county, counties in code order."""
    return {
        county: monthly_counts(codes, firsts, first, last, today)
        for county, codes in by_county(area_codes).items()
    }


def unreported(
    area_codes: Iterable[str], period: Period, firsts: FirstRegistrations, today: date
) -> dict[str, Category]:
    """Return the areas with nothing registered for the month, with their category, in code order."""
    result: dict[str, Category] = {}
    for code in sorted(set(area_codes)):
        category = categorize(period, firsts.get((code, period)), today)
        if not category.is_reported:
            result[code] = category
    return result


# Reminders -----------------------------------------------------------------


class ReminderStage(enum.Enum):
    REMINDER = "reminder"
    NOTICE = "notice"

    @property
    def label(self) -> str:
        return "Påminnelse før fristen" if self is ReminderStage.REMINDER else "Varsel etter fristen"


def _check_days(days_before: int, days_after: int) -> None:
    if days_before < 0:
        raise ValueError("Antall dager før fristen kan ikke være negativt.")
    if days_after < 1:
        raise ValueError("Varselet må gå ut minst én dag etter fristen.")


def reminder_window(period: Period, stage: ReminderStage, *, days_before: int, days_after: int) -> tuple[date, date]:
    """Return the first and last day (both included) a reminder of the stage may go out for the month.

    The reminder runs from `days_before` days before the deadline up to the
    deadline, but never before the month is over. The notice runs from
    `days_after` days after the deadline to the end of that calendar month, so
    a run that was missed for a few days catches up, and older months are left
    alone. Raises ValueError for a voluntary month (it has no deadline).
    """
    _check_days(days_before, days_after)
    deadline = deadline_for(period)
    if deadline is None:
        raise ValueError(f"{period} har ingen frist")
    if stage is ReminderStage.REMINDER:
        return max(deadline - timedelta(days=days_before), period.next.first_day), deadline
    start = deadline + timedelta(days=days_after)
    return start, Period.of(start).last_day


def reminders_due(today: date, *, days_before: int, days_after: int) -> list[tuple[Period, ReminderStage]]:
    """Return the months and stages whose window contains `today`, oldest month first."""
    _check_days(days_before, days_after)
    due: list[tuple[Period, ReminderStage]] = []
    last = last_complete_period(today)
    if last < FIRST_PERIOD_WITH_DEADLINE:
        return due
    for period in periods_between(FIRST_PERIOD_WITH_DEADLINE, last):
        if not is_open_for_registration(period, today):
            continue
        for stage in ReminderStage:
            start, end = reminder_window(period, stage, days_before=days_before, days_after=days_after)
            if start <= today <= end:
                due.append((period, stage))
    return due


def day_label(day: date) -> str:
    """Return a date the Norwegian way, for example «10. april 2024»."""
    return f"{day.day}. {MONTH_NAMES[day.month - 1]} {day.year}"

