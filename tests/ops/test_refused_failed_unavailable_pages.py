"""Refused, failed and unavailable pages are Norwegian, in the Aksel look, with a way back; never a traceback."""

from __future__ import annotations

import pytest
from django.test import Client
from ops_error_urls import DB_PASSWORD


def _assert_norwegian_page(html: str) -> None:
    assert '<html lang="nb"' in html
    assert "Gå til forsiden" in html
    assert "aksel/global/tokens" in html  # Aksel's look
    assert "Traceback" not in html
    assert DB_PASSWORD not in html


def test_a_refusal_is_a_norwegian_page_with_the_users_menu(client: Client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.alice)
    response = client.get(f"/kontor/{world.kristiansand.code}/")
    assert response.status_code == 403
    html = response.content.decode()
    _assert_norwegian_page(html)
    assert "Du har ikke tilgang til denne siden" in html
    assert "Du har ikke tilgang til dette kontoret." in html
    assert 'aria-label="Hovedmeny"' in html
    assert "Forbidden" not in html
    assert "Feilreferanse" not in html  # only a failure has a reference to report


@pytest.mark.urls("ops_error_urls")
def test_a_lost_database_gives_the_unavailable_page_without_password_or_traceback(world) -> None:  # type: ignore[no-untyped-def]
    client = Client(raise_request_exception=False)
    response = client.get("/test/database-down/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    _assert_norwegian_page(html)
    assert "Målekort er midlertidig utilgjengelig" in html
    assert "OperationalError" not in html


@pytest.mark.urls("ops_error_urls")
def test_a_failure_gives_the_norwegian_500_page_with_a_reference(world) -> None:  # type: ignore[no-untyped-def]
    client = Client(raise_request_exception=False)
    client.force_login(world.dina)
    response = client.get("/test/broken/", headers={"X-Request-ID": "feil-123"})
    assert response.status_code == 500
    html = response.content.decode()
    _assert_norwegian_page(html)
    assert "Beklager, noe gikk galt hos oss" in html
    assert "feil-123" in html
    assert "ZeroDivisionError" not in html
    assert 'aria-label="Hovedmeny"' in html


def test_an_expired_form_is_explained_in_norwegian(world) -> None:  # type: ignore[no-untyped-def]
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.alice)
    response = client.post(f"/kontor/{world.grunerlokka.code}/2025-01/", {})
    assert response.status_code == 403
    html = response.content.decode()
    _assert_norwegian_page(html)
    assert "Skjemaet kunne ikke sendes" in html
    assert "CSRF" not in html


def test_the_county_governor_reads_without_import_or_typing_hints(client: Client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.agnes)
    home = client.get("/", follow=True).content.decode()
    assert "Hovedmeny" in home
    assert "Importer fil" not in home
    month = client.get(f"/kontor/{world.kristiansand.code}/2025-01/").content.decode()
    assert "Skriv et helt tall" not in month

    client.force_login(world.alice)
    home = client.get("/", follow=True).content.decode()
    assert "Hovedmeny" in home
    assert "Importer fil" in home
    month = client.get(f"/kontor/{world.grunerlokka.code}/2025-01/").content.decode()
    assert "Skriv et helt tall" in month
