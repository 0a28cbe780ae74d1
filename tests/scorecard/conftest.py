"""Figures and population for scorecard tests, on the shared personas' map (see tests/conftest.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from malekort.areas.models import Population
from malekort.domain.cells import DOTTED, EMPTY, Cell
from malekort.domain.periods import Period
from malekort.figures.actions import Entry, register_values
from malekort.figures.models import Source

REGISTERED_AT = datetime(2026, 1, 5, 12, tzinfo=UTC)

# 18–66 population of each Hallingdal municipality in 2025, as (ages 18–24, ages 25–66).
HALLINGDAL_PEOPLE = {
    "3320": (100, 500), "3322": (300, 1600), "3324": (400, 2400),
    "3326": (200, 1300), "3328": (400, 2500), "3330": (300, 2300),
}


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


@pytest.fixture
def populated(world):
    """The world with 2024–2025 population: Grünerløkka 12 345 aged 18–66, 3 000 of them 18–24."""
    for year in (2024, 2025):
        people("030102", year, youth=3000, older=9345, children=2000)
        people("030101", year, youth=4000, older=12000)
        # Oslo's own figure is larger than its bydeler: some residents have no known district.
        people("0301", year, youth=7500, older=22500)
        for code, (youth, older) in HALLINGDAL_PEOPLE.items():
            people(code, year, youth=youth, older=older)
        people("4204", year, youth=10000, older=60000)
    return world
