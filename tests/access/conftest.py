"""Regions, offices and personas for the access tests."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User

from malekort.access.models import Assignment, Role
from malekort.areas.models import Office, Region, ServiceArea

HALLINGDAL_AREAS = ["3320", "3322", "3324", "3326", "3328", "3330"]


@dataclass
class AccessWorld:
    offices: dict[str, Office]
    regions: dict[str, Region]


@pytest.fixture
def access_world(db: None) -> AccessWorld:
    regions: dict[str, Region] = {}

    def add(code: str, level: str, name: str, parent: str | None = None) -> None:
        regions[code] = Region.objects.create(
            code=code, level=level, name=name, parent=regions[parent] if parent else None
        )

    add("03", "fylke", "Oslo")
    add("0301", "kommune", "Oslo", "03")
    add("030101", "bydel", "Gamle Oslo", "0301")
    add("030102", "bydel", "Grünerløkka", "0301")
    add("33", "fylke", "Buskerud")
    for code, name in zip(
        HALLINGDAL_AREAS, ["Flå", "Nesbyen", "Gol", "Hemsedal", "Ål", "Hol"], strict=True
    ):
        add(code, "kommune", name, "33")
    add("42", "fylke", "Agder")
    add("4202", "kommune", "Grimstad", "42")
    add("4204", "kommune", "Kristiansand", "42")

    offices: dict[str, Office] = {}

    def office(code: str, name: str, areas: list[str]) -> None:
        offices[name] = Office.objects.create(code=code, name=name)
        for area in areas:
            ServiceArea.objects.create(office=offices[name], area=regions[area])

    office("0312", "Nav Grünerløkka", ["030102"])
    office("0313", "Nav Gamle Oslo", ["030101"])
    office("0617", "Nav Hallingdal", HALLINGDAL_AREAS)
    office("1001", "Nav Kristiansand", ["4204"])
    office("0904", "Nav Grimstad", ["4202"])
    return AccessWorld(offices=offices, regions=regions)


def _user(username: str, *assignments: dict[str, object], active: bool = True) -> User:
    user = get_user_model().objects.create_user(username=username, password="x")
    if not active:
        user.is_active = False
        user.save()
    for fields in assignments:
        Assignment.objects.create(user=user, **fields)
    # Fresh from the database: scope_of caches on the instance.
    return get_user_model().objects.get(pk=user.pk)


@pytest.fixture
def gr_leader(access_world: AccessWorld) -> User:
    office = access_world.offices["Nav Grünerløkka"]
    return _user("gr", {"role": Role.OFFICE_LEADER, "office": office})


@pytest.fixture
def hd_leader(access_world: AccessWorld) -> User:
    office = access_world.offices["Nav Hallingdal"]
    return _user("hd", {"role": Role.OFFICE_LEADER, "office": office})


@pytest.fixture
def oslo_municipality(access_world: AccessWorld) -> User:
    return _user("oslo", {"role": Role.MUNICIPALITY, "region": access_world.regions["0301"]})


@pytest.fixture
def gol_municipality(access_world: AccessWorld) -> User:
    return _user("gol", {"role": Role.MUNICIPALITY, "region": access_world.regions["3324"]})


@pytest.fixture
def agder_governor(access_world: AccessWorld) -> User:
    return _user("agder", {"role": Role.COUNTY_GOVERNOR, "region": access_world.regions["42"]})


@pytest.fixture
def analyst(access_world: AccessWorld) -> User:
    return _user("analyst", {"role": Role.DIRECTORATE})


@pytest.fixture
def inactive_leader(access_world: AccessWorld) -> User:
    return _user(
        "gone",
        {"role": Role.OFFICE_LEADER, "office": access_world.offices["Nav Grünerløkka"]},
        active=False,
    )


@pytest.fixture
def nobody(access_world: AccessWorld) -> User:
    """Logged in, active, with no assignment."""
    return _user("nobody")
