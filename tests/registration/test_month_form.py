"""Registering a month through the web form, as an office leader would."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from malekort.figures.models import ValueVersion

PERIOD = "2024-03"
ALL_FIGURES = [
    "SH_MOTTAKERE", "SH_BARN", "SH_HOVEDKILDE", "SH_UNDER30",
    "SH_KRONER", "KVP_DELTAKERE", "SH_UNDER25", "SH_LANGTID",
]


def month_url(office: str, period: str = PERIOD) -> str:
    return reverse("office-month", args=[office, period])


def form_data(area: str, **values: str) -> dict[str, str]:
    data = {f"v_{area}_{code}": "" for code in ALL_FIGURES}
    data.update({f"v_{area}_{code}": value for code, value in values.items()})
    return data


def login(client: Client, user) -> Client:  # type: ignore[no-untyped-def]
    client.force_login(user)
    return client


def current(area: str, code: str, period: str = PERIOD) -> ValueVersion | None:
    return ValueVersion.objects.filter(
        area_id=area, figure_id=code, period=f"{period}-01", superseded_at__isnull=True
    ).first()


def test_leader_sees_one_column_per_area_of_her_office(client, world):
    response = login(client, world.hallvard).get(month_url("H3320"))
    assert response.status_code == 200
    html = response.content.decode()
    for area in ("3320", "3322", "3324", "3326", "3328", "3330"):
        assert f'name="v_{area}_SH_MOTTAKERE"' in html
    # Every input has a label naming the figure and the area.
    assert '<label class="aksel-sr-only" for="id_v_3324_SH_MOTTAKERE">Antall mottakere, Gol</label>' in html


def test_valid_month_is_saved_with_dot_zero_and_empty(client, world):
    data = form_data("030102", SH_MOTTAKERE="120", SH_BARN="45", SH_HOVEDKILDE="0",
                     SH_UNDER30=".", SH_KRONER="1 234 567", KVP_DELTAKERE="9")
    data["c_030102_SH_KRONER"] = "Inkluderer etterbetaling"
    response = login(client, world.alice).post(month_url("030102"), data)
    assert response.status_code == 302
    assert current("030102", "SH_MOTTAKERE").number == 120
    assert current("030102", "SH_HOVEDKILDE").number == 0
    assert current("030102", "SH_UNDER30").kind == "dot"
    assert current("030102", "SH_UNDER30").number is None
    assert current("030102", "SH_KRONER").number == 1234567
    assert current("030102", "SH_KRONER").comment == "Inkluderer etterbetaling"
    assert current("030102", "SH_LANGTID") is None  # left empty: not reported
    saved = current("030102", "SH_MOTTAKERE")
    assert saved.recorded_by == world.alice and saved.source == "typed"
    # March 2024 was due 10 April 2024; saving it now is late.
    assert saved.late is True


def test_a_typed_two_is_refused_and_asks_for_a_dot(client, world):
    data = form_data("030102", SH_MOTTAKERE="120", SH_BARN="2")
    response = login(client, world.alice).post(month_url("030102"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Skriv en prikk (.) i stedet for 2" in html
    assert 'id="feiloppsummering"' in html
    assert 'href="#id_v_030102_SH_BARN"' in html
    assert 'aria-invalid="true"' in html
    assert ValueVersion.objects.count() == 0


@pytest.mark.parametrize(
    ("values", "blamed", "phrase"),
    [
        ({"SH_MOTTAKERE": "10", "SH_BARN": "11"}, "SH_BARN", "Kan ikke være større enn antall mottakere (10)"),
        ({"SH_MOTTAKERE": "40", "SH_UNDER30": "10", "SH_UNDER25": "12"}, "SH_UNDER25", "mottakere under 30 år (10)"),
        ({"SH_MOTTAKERE": ".", "SH_KRONER": "25000"}, "SH_KRONER", "Skal prikkes"),
        ({"SH_MOTTAKERE": "-4"}, "SH_MOTTAKERE", "kan ikke være negativt"),
        ({"SH_MOTTAKERE": "4,5"}, "SH_MOTTAKERE", "uten desimaler"),
        ({"SH_MOTTAKERE": "mange"}, "SH_MOTTAKERE", "Skriv et helt tall"),
    ],
)
def test_inconsistent_or_malformed_values_are_refused(client, world, values, blamed, phrase):
    response = login(client, world.alice).post(month_url("030102"), form_data("030102", **values))
    assert response.status_code == 400
    html = response.content.decode()
    error = re.search(rf'id="id_v_030102_{blamed}_feil">([^<]*)<', html)
    assert error is not None and phrase in error.group(1)
    assert ValueVersion.objects.count() == 0


def test_a_future_month_cannot_be_registered(client, world):
    response = login(client, world.alice).post(month_url("030102", "2099-01"), form_data("030102", SH_MOTTAKERE="50"))
    assert response.status_code == 400
    assert ValueVersion.objects.count() == 0
    page = client.get(month_url("030102", "2099-01"))
    assert "Måneden er ikke over ennå" in page.content.decode()
    assert 'name="v_030102_SH_MOTTAKERE"' not in page.content.decode()


def test_correction_keeps_history_with_who_when_and_source(client, world):
    login(client, world.alice).post(month_url("030102"), form_data("030102", SH_MOTTAKERE="120"))
    first = current("030102", "SH_MOTTAKERE")
    data = form_data("030102", SH_MOTTAKERE="125")
    data["k_030102_SH_MOTTAKERE"] = str(first.pk)
    assert client.post(month_url("030102"), data).status_code == 302
    history = client.get(reverse("value-history", args=["030102", PERIOD, "030102", "SH_MOTTAKERE"]))
    html = history.content.decode()
    assert history.status_code == 200
    assert html.index(">120<") < html.index(">125<")
    assert html.count("Registrert i skjema") == 2
    assert "Alice" in html
    assert "Første registrering" in html and "Endring" in html


def test_second_save_of_a_changed_month_is_stopped_and_shown(client, world):
    alice = login(Client(), world.alice)
    dina = login(Client(), world.dina)
    alice.post(month_url("030102"), form_data("030102", SH_MOTTAKERE="120"))
    version = current("030102", "SH_MOTTAKERE").pk
    # Alice and Dina both open the month showing 120.
    alice_form = form_data("030102", SH_MOTTAKERE="130")
    alice_form["k_030102_SH_MOTTAKERE"] = str(version)
    dina_form = form_data("030102", SH_MOTTAKERE="140")
    dina_form["k_030102_SH_MOTTAKERE"] = str(version)
    assert dina.post(month_url("030102"), dina_form).status_code == 302
    response = alice.post(month_url("030102"), alice_form)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Noen andre har endret tallene" in html
    assert "<strong>140</strong>" in html and "Dina" in html
    assert current("030102", "SH_MOTTAKERE").number == 140
    # Her input is kept, now against Dina's version: saving again applies it.
    fresh = current("030102", "SH_MOTTAKERE").pk
    assert f'name="k_030102_SH_MOTTAKERE" value="{fresh}"' in html
    assert 'value="130"' in html
    alice_form["k_030102_SH_MOTTAKERE"] = str(fresh)
    assert alice.post(month_url("030102"), alice_form).status_code == 302
    assert current("030102", "SH_MOTTAKERE").number == 130


def test_month_as_it_stood_on_an_earlier_date(client, world):
    from datetime import timedelta

    from django.utils import timezone

    login(client, world.alice).post(month_url("030102"), form_data("030102", SH_MOTTAKERE="120"))
    first = current("030102", "SH_MOTTAKERE")
    yesterday = timezone.localdate() - timedelta(days=1)
    ValueVersion.objects.filter(pk=first.pk).update(recorded_at=timezone.now() - timedelta(days=1))
    data = form_data("030102", SH_MOTTAKERE="125")
    data["k_030102_SH_MOTTAKERE"] = str(first.pk)
    client.post(month_url("030102"), data)
    then = client.get(month_url("030102") + f"?per={yesterday:%Y-%m-%d}").content.decode()
    now = client.get(month_url("030102")).content.decode()
    assert ">120<" in then and 'name="v_030102_SH_MOTTAKERE"' not in then
    assert 'value="125"' in now


def test_month_list_shows_state_and_counts(client, world):
    login(client, world.hallvard).post(month_url("H3320"), form_data("3324", SH_MOTTAKERE="12"))
    html = client.get(reverse("office-months", args=["H3320"])).content.decode()
    row = re.search(r'href="/kontor/H3320/2024-03/">2024-03</a>(.*?)</tr>', html, re.S)
    assert row is not None
    assert "Mangler" in row.group(1)  # five of six areas never reported
    assert "1 av 6" in row.group(1)
    voluntary = re.search(r'href="/kontor/H3320/2022-05/">2022-05</a>(.*?)</tr>', html, re.S)
    assert voluntary is not None and "Frivillig, ikke registrert" in voluntary.group(1)


def test_county_governor_reads_but_cannot_save(client, world):
    login(client, world.agnes)
    page = client.get(month_url("4204"))
    assert page.status_code == 200
    assert 'name="v_4204_SH_MOTTAKERE"' not in page.content.decode()
    assert client.post(month_url("4204"), form_data("4204", SH_MOTTAKERE="50")).status_code == 403
    assert ValueVersion.objects.count() == 0


def test_municipality_sees_only_its_own_column_of_a_shared_office(client, world):
    from malekort.access.models import Assignment, Role

    Assignment.objects.filter(user=world.olga).update(region_id="3324")
    Assignment.objects.filter(user=world.olga).update(role=Role.MUNICIPALITY)
    html = login(client, world.olga).get(month_url("H3320")).content.decode()
    assert 'name="v_3324_SH_MOTTAKERE"' in html
    assert "v_3320_SH_MOTTAKERE" not in html


def test_anonymous_user_is_sent_to_login(client, world):
    response = client.get(month_url("030102"))
    assert response.status_code == 302 and response.url.startswith("/logg-inn/")
