"""Helpers for tests that need registered figures and population: `register` and `people`."""

from __future__ import annotations

from datetime import UTC, datetime

from malekort.areas.models import Population
from malekort.domain.cells import DOTTED, EMPTY, Cell
from malekort.domain.periods import Period
from malekort.figures.actions import Entry, register_values
from malekort.figures.models import Source

REGISTERED_AT = datetime(2026, 1, 5, 12, tzinfo=UTC)


def register(area: str, period: str, source: Source = Source.TYPED, **figures: int | str | None) -> None:
    """Register figures for one area-month; a value "." is a dot, None is empty."""
    entries = []
    for code, value in figures.items():
        cell = DOTTED if value == "." else EMPTY if value is None else Cell.of(int(value))
        entries.append(Entry(area, Period.parse(period), code, cell))
    register_values(entries=entries, user=None, source=source, now=REGISTERED_AT)


def people(region: str, year: int, *, youth: int, older: int, children: int = 0) -> None:
    """Store a population: `youth` aged 20 (in 18–24), `older` aged 40, `children` aged 10 (outside 18–66)."""
    for age, count in ((20, youth), (40, older), (10, children)):
        if count:
            Population.objects.create(region_id=region, year=year, age=age, population=count)
