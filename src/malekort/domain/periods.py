"""Calendar months, the unit every key figure is registered for."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

_PERIOD_RE = re.compile(r"^([0-9]{4})-([0-9]{2})$")


class PeriodError(ValueError):
    """A text that is not a month in the form YYYY-MM."""


@dataclass(frozen=True, order=True, slots=True)
class Period:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise PeriodError(f"Ugyldig måned: {self.month}")

    def __hash__(self) -> int:
        # Months key the statistics' largest dicts; this is cheaper than hashing a tuple of the fields.
        return self.year * 12 + self.month

    @classmethod
    def parse(cls, text: str) -> Period:
        """Return the period written as YYYY-MM."""
        match = _PERIOD_RE.match(text.strip())
        if not match:
            raise PeriodError(f"«{text}» er ikke en periode på formen ÅÅÅÅ-MM")
        year, month = int(match.group(1)), int(match.group(2))
        if not 1 <= month <= 12:
            raise PeriodError(f"«{text}» har en måned utenfor 01–12")
        return cls(year, month)

    @classmethod
    def of(cls, day: date) -> Period:
        """Return the period that contains the day."""
        return cls(day.year, day.month)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def shift(self, months: int) -> Period:
        """Return the period `months` later (earlier if negative)."""
        index = self.year * 12 + self.month - 1 + months
        return Period(index // 12, index % 12 + 1)

    @property
    def next(self) -> Period:
        return self.shift(1)

    @property
    def previous(self) -> Period:
        return self.shift(-1)

    @property
    def same_month_last_year(self) -> Period:
        return self.shift(-12)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


MONTH_NAMES = (
    "januar", "februar", "mars", "april", "mai", "juni",
    "juli", "august", "september", "oktober", "november", "desember",
)


def label(period: Period) -> str:
    """Return the Norwegian name of the month, for example «mars 2024»."""
    return f"{MONTH_NAMES[period.month - 1]} {period.year}"


def periods_between(first: Period, last: Period) -> Iterator[Period]:
    """Yield every period from first to last, both included."""
    current = first
    while current <= last:
        yield current
        current = current.next
