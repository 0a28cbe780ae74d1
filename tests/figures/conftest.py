"""Regions and users for the registration and selector tests (key figures come from migration)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from figure_people import People, make_people

from malekort.areas.models import Region

GRUNERLOKKA = "030102"
GAMLE_OSLO = "030101"
GOL = "3324"


@pytest.fixture
def regions(db: None) -> dict[str, Region]:
    made: dict[str, Region] = {}

    def add(code: str, level: str, name: str, parent: str | None) -> None:
        made[code] = Region.objects.create(
            code=code, level=level, name=name, parent=made[parent] if parent else None
        )

    add("03", "fylke", "Oslo", None)
    add("0301", "kommune", "Oslo", "03")
    add(GAMLE_OSLO, "bydel", "Gamle Oslo", "0301")
    add(GRUNERLOKKA, "bydel", "Grünerløkka", "0301")
    add("33", "fylke", "Buskerud", None)
    add(GOL, "kommune", "Gol", "33")
    return made


@pytest.fixture
def anne(db: None) -> User:
    return get_user_model().objects.create_user(username="anne", password="x")


@pytest.fixture
def bjorn(db: None) -> User:
    return get_user_model().objects.create_user(username="bjorn", password="x")


@pytest.fixture
def people(db: None) -> People:
    """alice, hallvard, olga and agnes on a small map (see figure_people)."""
    return make_people()
