"""The follow-up pages: who may open them, and the counts they show (worked out in conftest)."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from followup_helpers import oslo, table_rows

from malekort.access.models import Assignment, Role
from malekort.domain.periods import Period, periods_between
from malekort.followup import views
from malekort.statistics import store

COLUMNS = ["expected", "on_time", "late", "missing", "not_yet_due", "voluntary_registered", "voluntary_empty"]


def urls() -> dict[str, str]:
    return {
        "overview": reverse("followup"),
        "overview_csv": reverse("followup-csv"),
        "oslo": reverse("followup-county", args=["03"]),
        "buskerud": reverse("followup-county", args=["33"]),
        "agder": reverse("followup-county", args=["42"]),
        "agder_csv": reverse("followup-county-csv", args=["42"]),
        "oslo_csv": reverse("followup-county-csv", args=["03"]),
        "unknown": reverse("followup-county", args=["99"]),
        "unknown_csv": reverse("followup-county-csv", args=["99"]),
        "kommune": reverse("followup-county", args=["0301"]),
    }


EXPECTED_STATUS = {
    "dina": {
        "overview": 200, "overview_csv": 200, "oslo": 200, "buskerud": 200, "agder": 200, "agder_csv": 200,
        "oslo_csv": 200, "unknown": 404, "unknown_csv": 404, "kommune": 404,
    },
    "agnes": {
        "overview": 302, "overview_csv": 200, "oslo": 403, "buskerud": 403, "agder": 200, "agder_csv": 200,
        "oslo_csv": 403, "unknown": 404, "unknown_csv": 404, "kommune": 404,
    },
}


@pytest.mark.parametrize("persona", ["alice", "hallvard", "olga"])
def test_office_leaders_and_municipalities_are_forbidden(client, world, today, persona):
    client.force_login(getattr(world, persona))
    for name, url in urls().items():
        assert client.get(url).status_code == 403, name


def test_the_directorate_sees_every_county(client, world, today):
    client.force_login(world.dina)
    for name, url in urls().items():
        assert client.get(url).status_code == EXPECTED_STATUS["dina"][name], name


def test_a_county_governor_sees_only_their_county(client, world, today):
    client.force_login(world.agnes)
    for name, url in urls().items():
        assert client.get(url).status_code == EXPECTED_STATUS["agnes"][name], name
    response = client.get(reverse("followup") + "?maned=2024-03")
    assert response.status_code == 302
    assert response.url == reverse("followup-county", args=["42"]) + "?maned=2024-03"


def test_a_governor_of_two_counties_gets_the_overview_of_both(client, world, today):
    Assignment.objects.create(user=world.agnes, role=Role.COUNTY_GOVERNOR, region_id="33")
    client.force_login(world.agnes)
    response = client.get(reverse("followup"))
    assert response.status_code == 200
    assert list(table_rows(response.content.decode(), "fylker")) == ["33", "42", "total"]
    assert client.get(reverse("followup-county", args=["03"])).status_code == 403


def test_anonymous_users_are_sent_to_log_in(client, world, today):
    for name, url in urls().items():
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), name


def test_a_user_without_a_role_is_forbidden(client, world, today):
    client.force_login(User.objects.create_user("nobody"))
    assert client.get(reverse("followup")).status_code == 403


@pytest.mark.parametrize("month", ["2021-12", "2024-05"])
def test_months_outside_the_follow_up_are_not_found(client, world, today, month):
    client.force_login(world.dina)
    assert client.get(reverse("followup") + f"?maned={month}").status_code == 404
    assert client.get(reverse("followup-county", args=["42"]) + f"?maned={month}").status_code == 404


@pytest.mark.parametrize("month", ["2024-13", "mars", "0000-01"])
def test_a_text_that_is_no_month_is_a_bad_request(client, world, today, month):
    client.force_login(world.dina)
    assert client.get(reverse("followup") + f"?maned={month}").status_code == 400
    assert client.get(reverse("followup-county", args=["42"]) + f"?maned={month}").status_code == 400


def _counts(cells: list[str], first: int) -> list[int]:
    return [int(c) for c in cells[first:first + len(COLUMNS)]]


def test_national_table_month_by_month(client, world, today, reported):
    client.force_login(world.dina)
    html = client.get(reverse("followup")).content.decode()
    months = table_rows(html, "maneder")
    # 2022-01 … 2024-04, newest first.
    assert list(months) == [str(p) for p in reversed(list(periods_between(Period(2022, 1), Period(2024, 4))))]
    assert months["2024-03"][:2] == ["mars 2024", "10. apr 2024"]
    assert _counts(months["2024-03"], 2) == [9, 3, 2, 4, 0, 0, 0]
    assert months["2024-03"][-2:] == ["33,3 %", "55,6 %"]  # split() turns the no-break space into a space
    assert _counts(months["2024-04"], 2) == [9, 1, 6, 2, 0, 0, 0]
    assert _counts(months["2024-01"], 2) == [9, 0, 0, 9, 0, 0, 0]
    assert _counts(months["2023-02"], 2) == [9, 1, 0, 8, 0, 0, 0]
    assert months["2023-02"][1] == "31. mai 2023"
    # 2022 is voluntary: its own category, never missing.
    assert months["2022-06"][1] == "Ingen frist (frivillig)"
    assert _counts(months["2022-06"], 2) == [9, 0, 0, 0, 0, 1, 8]
    assert months["2022-06"][-2:] == ["–", "11,1 %"]  # no deadline, so no share on time


def test_counties_for_the_latest_and_a_chosen_month(client, world, today, reported):
    client.force_login(world.dina)
    counties = table_rows(client.get(reverse("followup")).content.decode(), "fylker")
    assert counties["03"][0] == "Oslo (03)"
    assert _counts(counties["03"], 1) == [2, 1, 0, 1, 0, 0, 0]
    assert _counts(counties["33"], 1) == [6, 0, 6, 0, 0, 0, 0]
    assert _counts(counties["42"], 1) == [1, 0, 0, 1, 0, 0, 0]
    assert counties["total"][0] == "Hele landet"
    assert _counts(counties["total"], 1) == [9, 1, 6, 2, 0, 0, 0]
    march = table_rows(client.get(reverse("followup") + "?maned=2024-03").content.decode(), "fylker")
    assert _counts(march["03"], 1) == [2, 1, 1, 0, 0, 0, 0]
    assert _counts(march["33"], 1) == [6, 2, 0, 4, 0, 0, 0]
    assert _counts(march["42"], 1) == [1, 0, 1, 0, 0, 0, 0]
    assert _counts(march["total"], 1) == [9, 3, 2, 4, 0, 0, 0]


def test_before_the_deadline_the_latest_month_is_not_yet_due(client, world, register, monkeypatch):
    monkeypatch.setattr(views, "_today", lambda: date(2024, 5, 8))
    register("030102", "2024-04", oslo(2024, 5, 2, 10))
    client.force_login(world.dina)
    months = table_rows(client.get(reverse("followup")).content.decode(), "maneder")
    # Registered on 2 May counts as on time already; the rest are not due until 10 May.
    assert _counts(months["2024-04"], 2) == [9, 1, 0, 0, 8, 0, 0]


def test_county_page_lists_missing_areas_with_contacts(client, world, today, reported):
    kari = User.objects.create_user("kari", email="kari@nav.invalid", first_name="Kari", last_name="Nordmann")
    Assignment.objects.create(user=kari, role=Role.OFFICE_LEADER, office=world.kristiansand)
    gone = User.objects.create_user("gone", email="gone@nav.invalid", is_active=False)
    Assignment.objects.create(user=gone, role=Role.OFFICE_LEADER, office=world.kristiansand)
    client.force_login(world.agnes)
    html = client.get(reverse("followup-county", args=["42"])).content.decode()
    assert "Områder uten tall for april 2024" in html
    missing = table_rows(html, "uten-tall")
    assert missing == {
        "4204": [
            "Kristiansand (4204)", "Mangler", "Nav Kristiansand", "4204@nav.invalid",
            "Kari Nordmann (kari@nav.invalid)",
        ]
    }
    assert "gone@nav.invalid" not in html
    months = table_rows(html, "maneder")
    assert _counts(months["2024-03"], 2) == [1, 0, 1, 0, 0, 0, 0]
    assert _counts(months["2024-04"], 2) == [1, 0, 0, 1, 0, 0, 0]
    assert _counts(months["2023-02"], 2) == [1, 1, 0, 0, 0, 0, 0]


def test_county_page_for_a_chosen_month(client, world, today, reported):
    world.hallvard.email = "hallvard@nav.invalid"
    world.hallvard.save()
    client.force_login(world.dina)
    url = reverse("followup-county", args=["33"])
    april = client.get(url).content.decode()
    assert "Alle områdene i Buskerud har registrert tall for april 2024." in april
    march = table_rows(client.get(url + "?maned=2024-03").content.decode(), "uten-tall")
    assert list(march) == ["3324", "3326", "3328", "3330"]
    assert march["3324"] == [
        "Gol (3324)", "Mangler", "Nav Hallingdal", "H3320@nav.invalid", "Hallvard (hallvard@nav.invalid)",
    ]


def test_csv_of_the_follow_up_table(client, world, today, reported):
    client.force_login(world.dina)
    response = client.get(reverse("followup-csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 28 * 4  # the nation and three counties, 2022-01 … 2024-04
    by_key = {(r["level"], r["code"], r["period"]): r for r in rows}
    nation = by_key[("riket", "0", "2024-03")]
    assert nation["deadline"] == "2024-04-10"
    assert [int(nation[c]) for c in COLUMNS] == [9, 3, 2, 4, 0, 0, 0]
    assert nation["reported"] == "5"
    buskerud = by_key[("fylke", "33", "2024-03")]
    assert buskerud["name"] == "Buskerud"
    assert [int(buskerud[c]) for c in COLUMNS] == [6, 2, 0, 4, 0, 0, 0]
    voluntary = by_key[("riket", "0", "2022-06")]
    assert voluntary["deadline"] == ""
    assert [int(voluntary[c]) for c in COLUMNS] == [9, 0, 0, 0, 0, 1, 8]


def test_a_county_governor_downloads_only_their_county(client, world, today, reported):
    client.force_login(world.agnes)
    for url in (reverse("followup-csv"), reverse("followup-county-csv", args=["42"])):
        rows = list(csv.DictReader(io.StringIO(client.get(url).content.decode())))
        assert {(r["level"], r["code"]) for r in rows} == {("fylke", "42")}
        assert len(rows) == 28


def test_pages_read_without_queries_per_area(client, world, today, reported, django_assert_max_num_queries):
    client.force_login(world.dina)
    store.current_bundle()  # the stored aggregates are computed once for the installation, not by a page
    with django_assert_max_num_queries(12):
        client.get(reverse("followup"))
    with django_assert_max_num_queries(12):
        client.get(reverse("followup-county", args=["33"]) + "?maned=2024-03")


def test_the_overview_draws_the_months_as_a_chart_with_a_text_alternative(client, world):
    client.force_login(world.dina)
    html = client.get("/oppfolging/").content.decode()
    assert '<svg' in html and 'role="img"' in html
    assert "Stolpediagram" in html or "stolpediagram" in html
