"""The months of an office, with the state of each for the areas the user sees."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from malekort.access.scope import OfficeAccess
from malekort.domain.deadlines import (
    FIRST_PERIOD,
    MonthState,
    area_month_state,
    combined_state,
    deadline_for,
)
from malekort.domain.periods import Period, periods_between
from malekort.figures.selectors import first_registrations


@dataclass(frozen=True)
class MonthRow:
    period: Period
    state: MonthState
    deadline: date | None
    registered: int  # areas with figures
    expected: int  # areas the office serves (that the user sees)
    first_registered: date | None


def office_months(access: OfficeAccess, today: date) -> list[MonthRow]:
    """Return every month from 2022-01 to the current one, newest first."""
    codes = access.area_codes
    current = Period.of(today)
    firsts = first_registrations(codes, FIRST_PERIOD, current)
    rows = []
    for period in periods_between(FIRST_PERIOD, current):
        days = [firsts.get((code, period)) for code in codes]
        states = [area_month_state(period, day, today) for day in days]
        known = [day for day in days if day is not None]
        rows.append(
            MonthRow(
                period=period,
                state=combined_state(states),
                deadline=deadline_for(period),
                registered=len(known),
                expected=len(codes),
                first_registered=min(known) if known else None,
            )
        )
    rows.reverse()
    return rows


def latest_state_by_office(
    office_areas: dict[str, list[str]], period: Period, today: date
) -> dict[str, MonthState]:
    """Return the state of one month for many offices, from one query."""
    all_codes = [code for codes in office_areas.values() for code in codes]
    firsts = first_registrations(all_codes, period, period)
    return {
        office: combined_state(
            area_month_state(period, firsts.get((code, period)), today) for code in codes
        )
        for office, codes in office_areas.items()
    }
