"""Population for scorecard tests, on the shared personas' map (see tests/conftest.py)."""

from __future__ import annotations

import pytest

from registered import people

# 18–66 population of each Hallingdal municipality in 2025, as (ages 18–24, ages 25–66).
HALLINGDAL_PEOPLE = {
    "3320": (100, 500), "3322": (300, 1600), "3324": (400, 2400),
    "3326": (200, 1300), "3328": (400, 2500), "3330": (300, 2300),
}


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
