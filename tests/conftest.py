"""Shared personas and a small map: Oslo with two bydeler, Hallingdal, Agder.

alice leads Nav Grünerløkka, hallvard leads Nav Hallingdal (six municipalities),
olga works for Oslo kommune, agnes is the county governor of Agder and dina
is a Directorate analyst.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User

from malekort.access.models import Assignment, Role
from malekort.areas.models import Office, Region, ServiceArea

OSLO_TZ = ZoneInfo("Europe/Oslo")

HALLINGDAL = {"3320": "Flå", "3322": "Nesbyen", "3324": "Gol", "3326": "Hemsedal", "3328": "Ål", "3330": "Hol"}


def oslo_time(*args: int) -> datetime:
    return datetime(*args, tzinfo=OSLO_TZ)  # type: ignore[misc]


@dataclass
class World:
    grunerlokka: Office
    gamle_oslo: Office
    hallingdal: Office
    kristiansand: Office
    alice: User
    hallvard: User
    olga: User
    agnes: User
    dina: User


def _region(code: str, level: str, name: str, parent: Region | None) -> Region:
    return Region.objects.create(code=code, level=level, name=name, parent=parent)


def _office(code: str, name: str, *areas: str) -> Office:
    office = Office.objects.create(code=code, name=name, email=f"{code}@nav.invalid")
    for area in areas:
        ServiceArea.objects.create(office=office, area_id=area)
    return office


def _user(username: str, role: Role, *, office: Office | None = None, region: str | None = None) -> User:
    user = User.objects.create_user(username, password="hemmelig-passord-123", first_name=username.capitalize())
    Assignment.objects.create(user=user, role=role, office=office, region_id=region)
    return user


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix: None, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Keep the SQLite test database in a file, not in memory.

    Tests that race threads over the same months need SQLite's file locks, which
    make a second writer wait; an in-memory database shares one cache between
    connections, and a second writer there fails at once instead of waiting.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3") and not database.get("TEST", {}).get("NAME"):
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("db") / "test.sqlite3")
        # A test database need not survive a power cut: skip the waits for the disk.
        database.setdefault("OPTIONS", {})["init_command"] = "PRAGMA synchronous=OFF"


@pytest.fixture(autouse=True)
def fast_passwords(settings) -> None:  # type: ignore[no-untyped-def]
    """Hash test passwords cheaply: the default hasher costs about half a second per persona."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def local_login(settings) -> None:  # type: ignore[no-untyped-def]
    """Allow user name and password, as development and the demo do (MALEKORT_LOCAL_LOGIN=1)."""
    settings.MALEKORT_LOCAL_LOGIN = True


@pytest.fixture(autouse=True)
def fresh_statistics() -> None:
    """Forget aggregates kept in memory: a rolled-back test database can repeat the ids they are keyed on."""
    from malekort.scorecard import build
    from malekort.statistics import store

    store.forget()
    build.forget()


@pytest.fixture
def world(db: None) -> World:
    nation = _region("0", "nation", "Norge", None)
    oslo_f = _region("03", "fylke", "Oslo", nation)
    oslo = _region("0301", "kommune", "Oslo", oslo_f)
    _region("030101", "bydel", "Gamle Oslo", oslo)
    _region("030102", "bydel", "Grünerløkka", oslo)
    buskerud = _region("33", "fylke", "Buskerud", nation)
    for code, name in HALLINGDAL.items():
        _region(code, "kommune", name, buskerud)
    agder = _region("42", "fylke", "Agder", nation)
    _region("4204", "kommune", "Kristiansand", agder)
    grunerlokka = _office("030102", "Nav Grünerløkka", "030102")
    gamle_oslo = _office("030101", "Nav Gamle Oslo", "030101")
    hallingdal = _office("H3320", "Nav Hallingdal", *HALLINGDAL)
    kristiansand = _office("4204", "Nav Kristiansand", "4204")
    return World(
        grunerlokka=grunerlokka,
        gamle_oslo=gamle_oslo,
        hallingdal=hallingdal,
        kristiansand=kristiansand,
        alice=_user("alice", Role.OFFICE_LEADER, office=grunerlokka),
        hallvard=_user("hallvard", Role.OFFICE_LEADER, office=hallingdal),
        olga=_user("olga", Role.MUNICIPALITY, region="0301"),
        agnes=_user("agnes", Role.COUNTY_GOVERNOR, region="42"),
        dina=_user("dina", Role.DIRECTORATE),
    )
