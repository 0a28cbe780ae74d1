"""When a month's figures are due, and the state of a month for an area.

The 2023 letter (dated 15 May 2023) asks for each month's figures by the 10th
of the following month, for January 2023 onwards by the end of May 2023, and
recommends all of 2022 as a voluntary backfill without a deadline.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date

from malekort.domain.periods import Period

FIRST_PERIOD = Period(2022, 1)
FIRST_PERIOD_WITH_DEADLINE = Period(2023, 1)
# January–April 2023 were due together, by the end of May 2023.
BACKFILL_DEADLINE = date(2023, 5, 31)
LAST_BACKFILL_PERIOD = Period(2023, 4)
DEADLINE_DAY = 10


def deadline_for(period: Period) -> date | None:
    """Return the last day the period's figures count as on time, or None for voluntary months."""
    if period < FIRST_PERIOD_WITH_DEADLINE:
        return None
    if period <= LAST_BACKFILL_PERIOD:
        return BACKFILL_DEADLINE
    following = period.next
    return date(following.year, following.month, DEADLINE_DAY)


def is_open_for_registration(period: Period, today: date) -> bool:
    """Return whether figures may be registered: from 2022-01 up to the last complete month."""
    return FIRST_PERIOD <= period and period.last_day < today


def last_complete_period(today: date) -> Period:
    """Return the latest month that has ended."""
    return Period.of(today).previous


def last_due_period(today: date) -> Period:
    """Return the month pages open on: the latest one whose deadline has passed, or that has none.

    A month still open for registration holds only the areas that were quick: opening on it
    shows a fall in every count that is nothing but reports not yet in.
    """
    period = last_complete_period(today)
    while period > FIRST_PERIOD:
        deadline = deadline_for(period)
        if deadline is None or deadline < today:
            return period
        period = period.previous
    return FIRST_PERIOD


# Below this share of the population covered by reports, a month's county and national figures are provisional.
PROVISIONAL_BELOW_COVERAGE = 0.5


def is_provisional(period: Period, today: date, coverage: float | None = None) -> bool:
    """Return whether figures for the month are provisional: its deadline has not passed, or few have reported."""
    deadline = deadline_for(period)
    if period.last_day >= today or (deadline is not None and deadline >= today):
        return True
    return coverage is not None and coverage < PROVISIONAL_BELOW_COVERAGE


class MonthState(enum.Enum):
    NOT_OPEN = "not_open"
    DUE = "due"
    ON_TIME = "on_time"
    LATE = "late"
    MISSING = "missing"
    VOLUNTARY_REGISTERED = "voluntary_registered"
    VOLUNTARY_EMPTY = "voluntary_empty"

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]

    @property
    def is_registered(self) -> bool:
        return self in (MonthState.ON_TIME, MonthState.LATE, MonthState.VOLUNTARY_REGISTERED)


_STATE_LABELS = {
    MonthState.NOT_OPEN: "Ikke åpnet ennå",
    MonthState.DUE: "Skal registreres",
    MonthState.ON_TIME: "Registrert i tide",
    MonthState.LATE: "Registrert for sent",
    MonthState.MISSING: "Mangler",
    MonthState.VOLUNTARY_REGISTERED: "Registrert (frivillig etterregistrering)",
    MonthState.VOLUNTARY_EMPTY: "Frivillig, ikke registrert",
}

# Worst first: an office's month takes the worst state among its areas.
_SEVERITY = [
    MonthState.MISSING,
    MonthState.DUE,
    MonthState.LATE,
    MonthState.VOLUNTARY_EMPTY,
    MonthState.ON_TIME,
    MonthState.VOLUNTARY_REGISTERED,
    MonthState.NOT_OPEN,
]


def area_month_state(period: Period, first_registered: date | None, today: date) -> MonthState:
    """Return the state of one area's month.

    `first_registered` is the day (Norwegian time) a value was first given for
    the month; later corrections do not change whether it came on time.
    """
    return _state(first_registered, today, is_open_for_registration(period, today), deadline_for(period))


def area_month_states(
    period: Period, days: Iterable[date | None], today: date
) -> dict[date | None, MonthState]:
    """Return `area_month_state` of one month for each of many first days, the deadline worked out once."""
    is_open, deadline = is_open_for_registration(period, today), deadline_for(period)
    return {day: _state(day, today, is_open, deadline) for day in days}


def _state(first_registered: date | None, today: date, is_open: bool, deadline: date | None) -> MonthState:
    if not is_open:
        return MonthState.NOT_OPEN
    if deadline is None:
        return MonthState.VOLUNTARY_EMPTY if first_registered is None else MonthState.VOLUNTARY_REGISTERED
    if first_registered is None:
        return MonthState.DUE if today <= deadline else MonthState.MISSING
    return MonthState.ON_TIME if first_registered <= deadline else MonthState.LATE


def combined_state(states: Iterable[MonthState]) -> MonthState:
    """Return the state of an office's month: the worst state among its areas."""
    present = set(states)
    for state in _SEVERITY:
        if state in present:
            return state
    return MonthState.NOT_OPEN


def is_late(period: Period, day: date) -> bool:
    """Return whether a registration or correction made on `day` is after the deadline."""
    deadline = deadline_for(period)
    return deadline is not None and day > deadline
