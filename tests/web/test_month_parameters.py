"""Months and days in URLs: one parser, a Norwegian 404 or 400 page (JSON on the API), never a 500.

Before the fix each of the cases of issue 9, finding 8 answered 500.
"""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse

from malekort.domain.periods import Period
from malekort.web.params import BadParameter, MonthNotFound, day_param, month_in_path, month_param


def get(path: str):  # type: ignore[no-untyped-def]
    return RequestFactory().get(path)


# --- the helper ---------------------------------------------------------------


def test_month_in_path_is_the_month_or_not_found() -> None:
    assert month_in_path("2024-03") == Period(2024, 3)
    for text in ("0000-01", "9999-12", "2024-13", "mars", ""):
        with pytest.raises(MonthNotFound):
            month_in_path(text)
    with pytest.raises(MonthNotFound, match="fra januar 2022 til mars 2024"):
        month_in_path("2024-04", first=Period(2022, 1), last=Period(2024, 3))


def test_month_param_takes_the_default_when_absent_and_refuses_malformed() -> None:
    last = Period(2025, 3)
    assert month_param(get("/"), "maned", default=last) == last
    assert month_param(get("/?maned="), "maned", default=last) == last
    assert month_param(get("/?maned=2024-02"), "maned", default=last) == Period(2024, 2)
    assert month_param(get("/"), "maned") is None
    with pytest.raises(BadParameter, match="«maned»: «0000-01» har et år utenfor 2000–2100"):
        month_param(get("/?maned=0000-01"), "maned")
    with pytest.raises(MonthNotFound):
        month_param(get("/?maned=2025-04"), "maned", last=last)
    with pytest.raises(MonthNotFound):
        month_param(get("/?maned=2021-12"), "maned", first=Period(2022, 1))


def test_day_param_refuses_a_day_the_calendar_lacks() -> None:
    assert day_param(get("/"), "per") is None
    assert str(day_param(get("/?per=2025-02-28"), "per")) == "2025-02-28"
    with pytest.raises(BadParameter, match="«2025-02-30» er ikke en dag som finnes"):
        day_param(get("/?per=2025-02-30"), "per")


# --- the cases of the issue, as pages -----------------------------------------


def test_a_day_that_does_not_exist_is_a_norwegian_bad_request(client, world):
    client.force_login(world.alice)
    response = client.get(reverse("office-month", args=["030102", "2024-03"]) + "?per=2025-02-30")
    assert response.status_code == 400
    html = response.content.decode()
    assert '<html lang="nb"' in html
    assert "«2025-02-30» er ikke en dag som finnes i kalenderen" in html
    assert f'href="{reverse("home")}"' in html


@pytest.mark.parametrize("month", ["0000-01", "9999-12", "2024-13", "mars"])
def test_a_month_in_the_path_that_is_no_month_is_not_found(client, world, month):
    client.force_login(world.alice)
    for url in (
        f"/kontor/030102/{month}/",
        f"/kontor/030102/{month}/endringer/",
        f"/kontor/030102/{month}/historikk/030102/SH_MOTTAKERE/",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        html = response.content.decode()
        assert "Fant ikke siden" in html and "Ukjent måned" in html


def test_the_api_answers_json_for_a_bad_month(client, world):
    client.force_login(world.alice)
    response = client.get(
        "/api/indikatorverdier/", {"indicator": "B.101", "area": "030102", "from": "0000-01", "to": "0000-03"}
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "«from»: «0000-01» har et år utenfor 2000–2100" in response.json()["error"]


@pytest.mark.parametrize(
    "query",
    [
        {"indicator": "B.101", "area": "030102", "from": "2025-01"},
        {"indicator": "B.101", "from": "2025-01", "to": "2025-02"},
        {"indicator": "B.999", "area": "030102", "from": "2025-01", "to": "2025-02"},
        {"indicator": "B.101", "area": "030102", "from": "2025-03", "to": "2025-01"},
    ],
)
def test_the_api_answers_json_for_missing_or_wrong_parameters(client, world, query):
    client.force_login(world.alice)
    response = client.get("/api/indikatorverdier/", query)
    assert response.status_code == 400
    assert response.json()["error"]


def test_the_export_refuses_year_zero_in_the_form(client, world):
    client.force_login(world.alice)
    response = client.get(reverse("export"), {"format": "csv", "first": "0000-01"})
    assert response.status_code == 400
    assert "år utenfor 2000–2100" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "status"),
    [({"periode": "abc"}, 400), ({"periode": "0000-01"}, 400), ({"periode": "2021-12"}, 404),
     ({"periode": "2100-12"}, 404), ({"visning": "uke"}, 400)],
)
def test_the_scorecard_no_longer_clamps_a_bad_month_silently(client, world, query, status):
    client.force_login(world.alice)
    assert client.get(reverse("office-scorecard", args=["030102"]), query).status_code == status
    assert client.get(reverse("office-indicator", args=["030102", "B.101"]), query).status_code == status


def test_reports_refuse_a_bad_month(client, world):
    client.force_login(world.dina)
    assert client.get(reverse("statistics-reports"), {"periode": "2024-13"}).status_code == 400
    assert client.get(reverse("statistics-reports"), {"periode": "2021-12"}).status_code == 404
    assert client.get(reverse("statistics-report", args=["riket", "0000-01", "csv"])).status_code == 404


def test_a_month_field_in_a_form_reads_months_as_the_one_parser_does():
    from django import forms

    from malekort.domain.periods import Period
    from malekort.web.forms import MonthField

    class Chosen(forms.Form):
        month = MonthField(required=False)

    assert Chosen({"month": " 2025-03 "}).is_valid()
    good = Chosen({"month": "2025-03"})
    assert good.is_valid() and good.cleaned_data["month"] == Period(2025, 3)
    empty = Chosen({"month": ""})
    assert empty.is_valid() and empty.cleaned_data["month"] is None
    bad = Chosen({"month": "0000-01"})
    assert not bad.is_valid() and "2000" in bad.errors["month"][0]
