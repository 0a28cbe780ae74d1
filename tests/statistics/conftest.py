"""Agder with four reporting municipalities for the statistics tests (on top of the shared world)."""

from __future__ import annotations

import pytest

from malekort.areas.models import Office, Region, ServiceArea
from registered import people

# Agder's areas in these tests, with their 18–66 population (all aged 40).
AGDER = {"4204": ("Kristiansand", 1000), "4201": ("Risør", 300), "4202": ("Grimstad", 700), "4203": ("Arendal", 500)}


@pytest.fixture
def agder(world):
    agder = Region.objects.get(code="42")
    for code, (name, population) in AGDER.items():
        if code != "4204":
            Region.objects.create(code=code, level="kommune", name=name, parent=agder)
            office = Office.objects.create(code=code, name=f"Nav {name}", email=f"{code}@nav.invalid")
            ServiceArea.objects.create(office=office, area_id=code)
        for year in (2024, 2025):
            people(code, year, youth=0, older=population)
    return world
