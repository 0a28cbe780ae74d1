"""The 400 and 404 pages: Norwegian, in the site's layout, with a way back, telling only what is ours to tell."""

from __future__ import annotations

from django.urls import reverse


def test_an_unknown_address_is_a_norwegian_404_without_internals(client, world):
    client.force_login(world.alice)
    response = client.get("/finnes-ikke/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="nb"' in html and "Fant ikke siden" in html
    assert f'href="{reverse("home")}"' in html
    assert "Resolver404" not in html and "urlpatterns" not in html and "tried" not in html


def test_a_views_own_reason_is_shown_djangos_english_one_is_not(client, world):
    client.force_login(world.alice)
    assert "Ukjent kontor" in client.get(reverse("office-months", args=["9999"])).content.decode()
    # get_object_or_404's English sentence stays out of the page.
    html = client.get(reverse("municipality-scorecard", args=["9999"])).content.decode()
    assert "matches the given query" not in html and "Fant ikke siden" in html


def test_the_error_pages_work_for_anonymous_users(client, world):
    response = client.get("/finnes-ikke/")
    assert response.status_code == 404 and "Fant ikke siden" in response.content.decode()


def test_a_bad_request_from_elsewhere_does_not_echo_its_message(client, world, settings):
    # DisallowedHost is a SuspiciousOperation, answered by the 400 handler; its English text names the host.
    response = client.get("/", HTTP_HOST="angriper.invalid")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Siden kan ikke vises slik den ble bedt om" in html
    assert "angriper.invalid" not in html


def test_a_nul_character_in_the_address_is_a_bad_request(client, world):
    # PostgreSQL refuses NUL in any text: a lookup with it was a 500 there.
    client.force_login(world.olga)
    for url in ("/malekort/kommune/a%00b/", "/kontor/030102/2025-03/?per=a%00b", "/?q=%00"):
        response = client.get(url)
        assert response.status_code == 400, url
        assert "Adressen inneholder et tegn som ikke kan brukes" in response.content.decode()
