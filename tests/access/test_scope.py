"""Who may see and change which offices and areas."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from malekort.access.models import Assignment, Role
from malekort.access.scope import (
    areas_not_editable,
    areas_not_viewable,
    office_for,
    scope_of,
    visible_area_filter,
    visible_offices,
)
from malekort.figures.models import ValueVersion

pytestmark = pytest.mark.django_db

HALLINGDAL_AREAS = ["3320", "3322", "3324", "3326", "3328", "3330"]
ALL_OFFICES = {"Nav Grünerløkka", "Nav Gamle Oslo", "Nav Hallingdal", "Nav Kristiansand",
               "Nav Grimstad"}


def names(user: User | AnonymousUser | None) -> set[str]:
    return {o.name for o in visible_offices(user)}


# --- visible_offices ----------------------------------------------------------


def test_office_leader_sees_only_the_own_office(gr_leader: User) -> None:
    assert names(gr_leader) == {"Nav Grünerløkka"}


def test_hallingdal_leader_sees_hallingdal(hd_leader: User) -> None:
    assert names(hd_leader) == {"Nav Hallingdal"}


def test_municipality_sees_the_offices_of_its_districts(
    oslo_municipality: User,
) -> None:
    assert names(oslo_municipality) == {"Nav Grünerløkka", "Nav Gamle Oslo"}


def test_municipality_sees_the_shared_office_serving_it(gol_municipality: User) -> None:
    assert names(gol_municipality) == {"Nav Hallingdal"}


def test_county_governor_sees_the_county_offices(agder_governor: User) -> None:
    assert names(agder_governor) == {"Nav Kristiansand", "Nav Grimstad"}


def test_directorate_and_system_see_every_office(analyst: User) -> None:
    assert names(analyst) == ALL_OFFICES
    assert names(None) == ALL_OFFICES


def test_inactive_anonymous_and_unassigned_see_nothing(
    inactive_leader: User, nobody: User
) -> None:
    assert names(inactive_leader) == set()
    assert names(AnonymousUser()) == set()
    assert names(nobody) == set()
    assert scope_of(inactive_leader).is_empty
    assert scope_of(AnonymousUser()).is_empty
    assert scope_of(nobody).is_empty


def test_leader_of_two_offices_sees_both(access_world: Any, gr_leader: User) -> None:
    Assignment.objects.create(user=gr_leader, role=Role.OFFICE_LEADER,
                              office=access_world.offices["Nav Gamle Oslo"])
    fresh = get_user_model().objects.get(pk=gr_leader.pk)
    assert names(fresh) == {"Nav Grünerløkka", "Nav Gamle Oslo"}
    assert office_for(fresh, "0313").editable == {"030101"}


# --- office_for ---------------------------------------------------------------


def test_leader_opens_own_office(gr_leader: User) -> None:
    access = office_for(gr_leader, "0312")
    assert access.office.name == "Nav Grünerløkka"
    assert access.area_codes == ["030102"]
    assert access.editable == {"030102"}
    assert access.can_edit


def test_leader_of_shared_office_sees_and_edits_every_area(hd_leader: User) -> None:
    access = office_for(hd_leader, "0617")
    assert access.area_codes == HALLINGDAL_AREAS
    assert access.editable == set(HALLINGDAL_AREAS)


def test_unknown_office_is_404(gr_leader: User) -> None:
    with pytest.raises(Http404):
        office_for(gr_leader, "9999")
    with pytest.raises(Http404):
        office_for(AnonymousUser(), "9999")


def test_another_office_is_403(gr_leader: User, hd_leader: User) -> None:
    with pytest.raises(PermissionDenied):
        office_for(gr_leader, "0313")
    with pytest.raises(PermissionDenied):
        office_for(gr_leader, "0617")
    with pytest.raises(PermissionDenied):
        office_for(hd_leader, "0312")


def test_municipality_opens_shared_office_sees_only_its_own_column(
    gol_municipality: User,
) -> None:
    access = office_for(gol_municipality, "0617")
    assert access.area_codes == ["3324"]
    assert access.editable == {"3324"}


def test_municipality_cannot_open_offices_elsewhere(gol_municipality: User) -> None:
    with pytest.raises(PermissionDenied):
        office_for(gol_municipality, "0312")


def test_municipality_opens_a_district_office(oslo_municipality: User) -> None:
    access = office_for(oslo_municipality, "0312")
    assert access.area_codes == ["030102"]
    assert access.editable == {"030102"}
    with pytest.raises(PermissionDenied):
        office_for(oslo_municipality, "0617")


def test_county_governor_sees_but_cannot_edit(agder_governor: User) -> None:
    access = office_for(agder_governor, "1001")
    assert access.area_codes == ["4204"]
    assert access.editable == frozenset()
    assert not access.can_edit
    with pytest.raises(PermissionDenied):
        office_for(agder_governor, "0617")


def test_directorate_can_edit_everything(analyst: User) -> None:
    access = office_for(analyst, "0617")
    assert access.area_codes == HALLINGDAL_AREAS
    assert access.editable == set(HALLINGDAL_AREAS)
    assert office_for(analyst, "0312").editable == {"030102"}


def test_inactive_and_anonymous_cannot_open_an_office(inactive_leader: User) -> None:
    with pytest.raises(PermissionDenied):
        office_for(inactive_leader, "0312")
    with pytest.raises(PermissionDenied):
        office_for(AnonymousUser(), "0312")


# --- areas_not_editable / areas_not_viewable ------------------------------------


def test_areas_not_editable(
    hd_leader: User,
    gol_municipality: User,
    oslo_municipality: User,
    agder_governor: User,
    analyst: User,
) -> None:
    assert areas_not_editable(hd_leader, ["3320", "3324", "030102"]) == {"030102"}
    assert areas_not_editable(gol_municipality, ["3322", "3324"]) == {"3322"}
    assert areas_not_editable(oslo_municipality, ["0301", "030101", "030102", "3324"]) == {"3324"}
    assert areas_not_editable(agder_governor, ["4204", "4202"]) == {"4204", "4202"}
    assert areas_not_editable(analyst, ["4204", "030102"]) == set()
    assert areas_not_editable(AnonymousUser(), ["030102"]) == {"030102"}
    assert areas_not_editable(None, ["030102"]) == set()


def test_areas_not_viewable(
    agder_governor: User, gr_leader: User
) -> None:
    assert areas_not_viewable(agder_governor, ["4204", "4202", "3324"]) == {"3324"}
    assert areas_not_viewable(gr_leader, ["030102", "030101"]) == {"030101"}


# --- visible_area_filter --------------------------------------------------------


@pytest.fixture
def values(access_world: Any) -> None:
    now = datetime(2024, 2, 5, 12, tzinfo=ZoneInfo("Europe/Oslo"))
    for area in ["030101", "030102", "3322", "3324", "4204"]:
        ValueVersion.objects.create(
            area=access_world.regions[area], period=date(2024, 1, 1), figure_id="SH_MOTTAKERE",
            kind="number", number=10, source="typed", recorded_at=now,
        )


def visible(user: User | AnonymousUser | None) -> set[str]:
    rows = ValueVersion.objects.filter(visible_area_filter(user))
    return set(rows.values_list("area_id", flat=True))


@pytest.mark.usefixtures("values")
def test_visible_area_filter(
    gr_leader: User,
    hd_leader: User,
    oslo_municipality: User,
    gol_municipality: User,
    agder_governor: User,
    analyst: User,
    inactive_leader: User,
    nobody: User,
) -> None:
    assert visible(gr_leader) == {"030102"}
    assert visible(hd_leader) == {"3322", "3324"}
    assert visible(oslo_municipality) == {"030101", "030102"}
    assert visible(gol_municipality) == {"3324"}
    assert visible(agder_governor) == {"4204"}
    assert visible(analyst) == {"030101", "030102", "3322", "3324", "4204"}
    assert visible(None) == {"030101", "030102", "3322", "3324", "4204"}
    assert visible(inactive_leader) == set()
    assert visible(AnonymousUser()) == set()
    assert visible(nobody) == set()


# --- Assignment.clean -----------------------------------------------------------


def test_assignment_clean_requires_the_right_target(
    access_world: Any, nobody: User
) -> None:
    regions = access_world.regions
    with pytest.raises(ValidationError):
        Assignment(user=nobody, role=Role.OFFICE_LEADER).clean()
    with pytest.raises(ValidationError):
        Assignment(user=nobody, role=Role.MUNICIPALITY, region=regions["33"]).clean()
    with pytest.raises(ValidationError):
        Assignment(user=nobody, role=Role.COUNTY_GOVERNOR, region=regions["3324"]).clean()
    Assignment(user=nobody, role=Role.MUNICIPALITY, region=regions["3324"]).clean()
    Assignment(user=nobody, role=Role.COUNTY_GOVERNOR, region=regions["42"]).clean()
