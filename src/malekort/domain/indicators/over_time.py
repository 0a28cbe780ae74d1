"""Months, quarters and years: each key figure combines over time by its own rule.

Persons are counted every month they receive help, so a quarter is the average
of its months, never the sum; kroner add up; KVP participants are counted at
the end of the period. The indicator is computed after combining.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from malekort.domain.amounts import NOT_YET, Amount, Status, worst
from malekort.domain.keyfigures import OverTime
from malekort.domain.periods import MONTH_NAMES, Period, periods_between


class Span(enum.Enum):
    MONTH = "maned"
    QUARTER = "kvartal"
    YEAR = "ar"

    @property
    def label(self) -> str:
        return {Span.MONTH: "Måned", Span.QUARTER: "Kvartal", Span.YEAR: "År"}[self]


@dataclass(frozen=True, slots=True)
class Window:
    """The months one column of a scorecard covers, cut at the last month that has ended."""

    span: Span
    year: int
    first: Period
    last: Period
    complete: bool

    @property
    def months(self) -> list[Period]:
        return list(periods_between(self.first, self.last))

    @property
    def label(self) -> str:
        if self.span is Span.MONTH:
            return f"{MONTH_NAMES[self.first.month - 1]} {self.year}"
        quarter = (self.first.month - 1) // 3 + 1
        name = f"{quarter}. kvartal {self.year}" if self.span is Span.QUARTER else str(self.year)
        if self.complete:
            return name
        return f"{name} (til og med {MONTH_NAMES[self.last.month - 1]})"

    def shift_years(self, years: int) -> Window:
        """Return the same window `years` earlier, with as many months as this one."""
        first = self.first.shift(12 * years)
        return Window(self.span, self.year + years, first, self.last.shift(12 * years), self.complete)


def window_for(span: Span, period: Period, last_complete: Period) -> Window | None:
    """Return the month, quarter or year containing `period`, or None when none of it has ended."""
    if span is Span.MONTH:
        first = last = period
    elif span is Span.QUARTER:
        first = Period(period.year, (period.month - 1) // 3 * 3 + 1)
        last = first.shift(2)
    else:
        first, last = Period(period.year, 1), Period(period.year, 12)
    if first > last_complete:
        return None
    end = min(last, last_complete)
    return Window(span, period.year, first, end, complete=end == last)


def previous_window(window: Window) -> Window:
    """Return the window just before: the month, quarter or year before."""
    if window.span is Span.MONTH:
        p = window.first.previous
        return Window(Span.MONTH, p.year, p, p, True)
    months = 3 if window.span is Span.QUARTER else 12
    first = window.first.shift(-months)
    return Window(window.span, first.year, first, first.shift(months - 1), True)


def combine(amounts: Sequence[Amount], rule: OverTime) -> Amount:
    """Return the monthly amounts combined by the figure's rule; unknown if any month is unknown."""
    if not amounts:
        return NOT_YET
    if rule is OverTime.LAST:
        return amounts[-1]
    status = worst(a.status for a in amounts)
    if status is not Status.KNOWN:
        return Amount(status)
    values = [a.value for a in amounts if a.value is not None]
    total = sum(values)
    return Amount.known(total / len(values) if rule is OverTime.AVERAGE else total)
