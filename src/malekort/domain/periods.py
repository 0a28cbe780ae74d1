"""Calendar months, the unit every key figure is registered for."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

# The years a month or a day written as text may lie in. Wide enough for the collection (from 2022),
# the indicators' history (the 2014 letter) and any plan ahead; narrow enough that every month, its
# neighbours and their days are dates Python can hold (year 0 and year 10000 are not).
EARLIEST_YEAR = 2000
LATEST_YEAR = 2100

_PERIOD_RE = re.compile(r"([0-9]{4})-([0-9]{2})")
_DAY_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_QUOTED_LENGTH = 20


class PeriodError(ValueError):
    """A text that is not a month in the form YYYY-MM (or a day YYYY-MM-DD) within the years accepted."""


def _quoted(text: str) -> str:
    """Return the text in Norwegian quotes, shortened: the text may be anything a user or a file sent."""
    shown = text.strip()
    if len(shown) > _QUOTED_LENGTH:
        shown = shown[:_QUOTED_LENGTH] + "…"
    return f"«{shown}»"


def _check_year(year: int, text: str) -> None:
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise PeriodError(f"{_quoted(text)} har et år utenfor {EARLIEST_YEAR}–{LATEST_YEAR}")


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
        """Return the period written as YYYY-MM, in the years EARLIEST_YEAR to LATEST_YEAR.

        This is the one parser of a month written as text: forms, files, commands and URL
        parameters all go through it. Anything else raises PeriodError with a Norwegian message.
        """
        match = _PERIOD_RE.fullmatch(text.strip())
        if not match:
            raise PeriodError(f"{_quoted(text)} er ikke en periode på formen ÅÅÅÅ-MM")
        year, month = int(match.group(1)), int(match.group(2))
        if not 1 <= month <= 12:
            raise PeriodError(f"{_quoted(text)} har en måned utenfor 01–12")
        _check_year(year, text)
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


def parse_day(text: str) -> date:
    """Return the day written as YYYY-MM-DD, in the years EARLIEST_YEAR to LATEST_YEAR.

    The one parser of a day written as text; a day the calendar does not have (2025-02-30)
    raises PeriodError like any other malformed text.
    """
    match = _DAY_RE.fullmatch(text.strip())
    if not match:
        raise PeriodError(f"{_quoted(text)} er ikke en dato på formen ÅÅÅÅ-MM-DD")
    year, month, day = (int(part) for part in match.groups())
    _check_year(year, text)
    if not 1 <= month <= 12:
        raise PeriodError(f"{_quoted(text)} har en måned utenfor 01–12")
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise PeriodError(f"{_quoted(text)} er ikke en dag som finnes i kalenderen")
    return date(year, month, day)


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
