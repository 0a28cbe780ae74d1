"""People and a small map shared by the import and export tests."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User

from malekort.access.models import Assignment, Role
from malekort.areas.models import Office, Region, ServiceArea


@dataclass
class People:
    """alice leads Nav Grünerløkka, hallvard Nav Hallingdal; olga works for Oslo kommune."""

    alice: User
    hallvard: User
    olga: User
    agnes: User


def make_people() -> People:
    """A small map: Oslo with two bydeler, two Hallingdal municipalities, Agder."""
    regions: dict[str, Region] = {}
    for code, level, name, parent in [
        ("0", "nation", "Norge", None),
        ("03", "fylke", "Oslo", "0"),
        ("0301", "kommune", "Oslo", "03"),
        ("030101", "bydel", "Gamle Oslo", "0301"),
        ("030102", "bydel", "Grünerløkka", "0301"),
        ("33", "fylke", "Buskerud", "0"),
        ("3320", "kommune", "Flå", "33"),
        ("3324", "kommune", "Gol", "33"),
        ("42", "fylke", "Agder", "0"),
    ]:
        regions[code] = Region.objects.create(
            code=code, level=level, name=name, parent=regions.get(parent or "")
        )
    offices = {}
    for code, name, areas in [
        ("030102", "Nav Grünerløkka", ["030102"]),
        ("030101", "Nav Gamle Oslo", ["030101"]),
        ("H3320", "Nav Hallingdal", ["3320", "3324"]),
    ]:
        offices[code] = Office.objects.create(code=code, name=name)
        for area in areas:
            ServiceArea.objects.create(office=offices[code], area=regions[area])

    def person(
        username: str, role: Role, office: str | None = None, region: str | None = None
    ) -> User:
        # No password: hashing one costs more than the rest of a test.
        user = User.objects.create_user(username)
        Assignment.objects.create(user=user, role=role, office_id=office, region_id=region)
        return user

    return People(
        alice=person("alice", Role.OFFICE_LEADER, office="030102"),
        hallvard=person("hallvard", Role.OFFICE_LEADER, office="H3320"),
        olga=person("olga", Role.MUNICIPALITY, region="0301"),
        agnes=person("agnes", Role.COUNTY_GOVERNOR, region="42"),
    )
