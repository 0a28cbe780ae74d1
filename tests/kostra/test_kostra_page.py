"""«Importer KOSTRA-fil»: upload, check, confirm; within the user's scope."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from kostra_files import oslo_file

from malekort.domain.cells import Cell
from malekort.domain.periods import Period
from malekort.figures.models import ValueVersion
from malekort.kostra.models import KostraImport

pytestmark = pytest.mark.django_db
URL = "/kostra/import/"


def logged_in(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def upload(client: Client, *files: tuple[str, bytes], through: str = "2025-03", **headers: str):  # type: ignore[no-untyped-def]
    return client.post(URL, {
        "action": "check", "through": through,
        "files": [SimpleUploadedFile(name, data, content_type="application/octet-stream") for name, data in files],
    }, headers=headers)


def test_the_page_has_a_labelled_upload_form(world) -> None:  # type: ignore[no-untyped-def]
    assert reverse("kostra-import") == URL
    html = logged_in(world.alice).get(URL).content.decode()
    assert "<h1 class=\"aksel-heading aksel-heading--large\">Importer KOSTRA-fil</h1>" in html
    assert '<label class="aksel-label" for="kostra-filer">' in html and 'id="kostra-filer" multiple' in html
    assert 'href="/kostra/import/">Importer KOSTRA-fil</a>' in html


def test_a_county_governor_may_not_import(world) -> None:  # type: ignore[no-untyped-def]
    assert logged_in(world.agnes).get(URL).status_code == 403
    assert "Importer KOSTRA-fil" not in logged_in(world.agnes).get("/").content.decode()


def test_check_shows_the_figures_then_confirm_stores_them(world) -> None:  # type: ignore[no-untyped-def]
    client = logged_in(world.alice)
    response = upload(client, ("grunerlokka_11F_2025.dat", oslo_file("02")))
    html = response.content.decode()
    assert response.status_code == 200
    assert "KOSTRA 11F 2025: grunerlokka_11F_2025.dat" in html
    assert "030102 Grünerløkka: nøkkeltall fra filen" in html
    assert "januar 2025 – mars 2025" in html
    assert not ValueVersion.objects.exists()
    token = response.context["token"]
    stored = client.post(URL, {"action": "confirm", "token": token})
    assert stored.status_code == 200 and "Lagret:" in stored.content.decode()
    current = ValueVersion.objects.get(
        area_id="030102", period=Period(2025, 1).first_day, figure_id="SH_MOTTAKERE", superseded_at=None
    )
    assert current.cell == Cell.of(7) and current.recorded_by == world.alice
    assert KostraImport.objects.get().imported_by == world.alice
    # A token is used once.
    assert client.post(URL, {"action": "confirm", "token": token}).status_code == 400


def test_a_file_with_another_areas_lines_is_refused_for_a_leader(world) -> None:  # type: ignore[no-untyped-def]
    response = upload(logged_in(world.alice), ("oslo.dat", oslo_file("01", "02")))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Du har ikke tilgang til å registrere tall for 030101 Gamle Oslo" in html
    assert "Filen er avvist, og ingenting fra den lagres." in html
    assert "token" not in response.context or not response.context["token"]
    # The municipality may import the same file.
    assert upload(logged_in(world.olga), ("oslo.dat", oslo_file("01", "02"))).status_code == 200


def test_htmx_gets_the_result_alone(world) -> None:  # type: ignore[no-untyped-def]
    response = upload(logged_in(world.alice), ("oslo.dat", oslo_file("01")), **{"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html and "Filen er avvist" in html


def test_no_file_and_a_bad_month_are_explained(world) -> None:  # type: ignore[no-untyped-def]
    client = logged_in(world.alice)
    response = client.post(URL, {"action": "check", "through": ""})
    assert response.status_code == 400 and "Velg én eller flere KOSTRA-filer." in response.content.decode()
    response = upload(client, ("a.dat", oslo_file("02")), through="2025-13")
    assert response.status_code == 400 and "måned utenfor 01–12" in response.content.decode()
    response = upload(client, ("values.csv", b"period,area,code,value\n"))
    assert response.status_code == 400 and "passer ikke med noen postlengde" in response.content.decode()
