"""A user reaches only their own offices' pages: every registration URL answers 403 otherwise."""

from __future__ import annotations

import pytest
from django.urls import reverse

from malekort.figures.models import ValueVersion

PERIOD = "2024-03"


def registration_urls(office: str, area: str) -> list[tuple[str, str]]:
    return [
        ("get", reverse("office-months", args=[office])),
        ("get", reverse("office-month", args=[office, PERIOD])),
        ("post", reverse("office-month", args=[office, PERIOD])),
        ("get", reverse("office-month", args=[office, PERIOD]) + "?per=2024-05-01"),
        ("get", reverse("month-changes", args=[office, PERIOD])),
        ("get", reverse("value-history", args=[office, PERIOD, area, "SH_MOTTAKERE"])),
    ]


@pytest.mark.parametrize(
    ("persona", "office", "area"),
    [
        ("alice", "030101", "030101"),  # Grünerløkka's leader at Gamle Oslo
        ("alice", "H3320", "3324"),
        ("hallvard", "030102", "030102"),  # Hallingdal's leader in Oslo
        ("agnes", "030102", "030102"),  # Agder's county governor in Oslo
        ("olga", "H3320", "3324"),  # Oslo kommune in Hallingdal
        ("olga", "4204", "4204"),
    ],
)
def test_other_offices_pages_are_forbidden(client, world, persona, office, area):
    client.force_login(getattr(world, persona))
    for method, url in registration_urls(office, area):
        data = {f"v_{area}_SH_MOTTAKERE": "50"} if method == "post" else None
        response = getattr(client, method)(url, data)
        assert response.status_code == 403, (method, url)
    assert ValueVersion.objects.count() == 0


@pytest.mark.parametrize(
    ("persona", "office", "area"),
    [
        ("alice", "030102", "030102"),
        ("hallvard", "H3320", "3330"),
        ("olga", "030101", "030101"),  # Oslo kommune reaches its bydeler
        ("dina", "4204", "4204"),  # the Directorate reaches every office
        ("agnes", "4204", "4204"),
    ],
)
def test_own_offices_pages_open(client, world, persona, office, area):
    client.force_login(getattr(world, persona))
    for method, url in registration_urls(office, area):
        if method == "post":
            continue
        assert client.get(url).status_code == 200, url


def test_history_of_an_area_outside_the_office_is_forbidden(client, world):
    client.force_login(world.alice)
    url = reverse("value-history", args=["030102", PERIOD, "030101", "SH_MOTTAKERE"])
    assert client.get(url).status_code == 403


def test_unknown_office_is_not_found(client, world):
    client.force_login(world.dina)
    assert client.get(reverse("office-months", args=["9999"])).status_code == 404


def test_office_list_shows_only_own_offices(client, world):
    client.force_login(world.agnes)
    response = client.get(reverse("home"))
    # One visible office: the list sends the user straight to it.
    assert response.status_code == 302 and response.url == reverse("office-months", args=["4204"])
    client.force_login(world.dina)
    html = client.get(reverse("home")).content.decode()
    for name in ("Nav Grünerløkka", "Nav Gamle Oslo", "Nav Hallingdal", "Nav Kristiansand"):
        assert name in html
