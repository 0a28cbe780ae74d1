"""Who may open each indicator page: 403 for others' data, 404 for what does not exist."""

from __future__ import annotations

import pytest
from django.urls import reverse

from malekort.indicators.models import IndicatorChoice, IndicatorLimits, IndicatorRequest, IndicatorVersion

PERSONAS = ["alice", "hallvard", "olga", "agnes", "dina"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_everyone_reads_the_recommended_definitions(client, world, persona):
    client.force_login(getattr(world, persona))
    response = client.get(reverse("indicator-list"))
    assert response.status_code == 200
    html = response.content.decode()
    for code in ("B.101", "B.102", "B.103", "B.104", "B.151"):
        assert f"{code}: " in html
    assert "Andel unge som har mottatt økonomisk sosialhjelp" in html
    assert "Personer 18–24 år i området (SSB, 1. januar)" in html


def test_the_list_needs_a_login(client, world):
    response = client.get(reverse("indicator-list"))
    assert response.status_code == 302 and "logg-inn" in response.url


@pytest.mark.parametrize(
    ("persona", "visible"),
    [
        ("alice", {"0301-01"}),  # her office serves Grünerløkka, a bydel of Oslo: Oslo's own show on her scorecard
        ("hallvard", set()),
        ("olga", {"0301-01"}),
        ("agnes", {"4204-01"}),  # Kristiansand lies in Agder
        ("dina", {"0301-01", "4204-01"}),
    ],
)
def test_own_indicators_are_seen_by_their_kommune_its_offices_county_governor_and_directorate(
    client, world, own_indicators, persona, visible
):
    client.force_login(getattr(world, persona))
    html = client.get(reverse("indicator-list")).content.decode()
    for code in ("0301-01", "4204-01"):
        assert (f"{code}: " in html) == (code in visible), code


@pytest.mark.parametrize(
    ("persona", "kommune", "status"),
    [
        ("olga", "0301", 200),
        ("dina", "0301", 200),
        ("dina", "4204", 200),
        ("agnes", "4204", 200),  # the county governor reads
        ("agnes", "0301", 403),
        ("olga", "4204", 403),
        ("alice", "0301", 403),
        ("hallvard", "3324", 403),
        ("olga", "9999", 404),
        ("dina", "9999", 404),
        ("dina", "030102", 404),  # a bydel is not a kommune
    ],
)
def test_municipality_page_access(client, world, persona, kommune, status):
    client.force_login(getattr(world, persona))
    assert client.get(reverse("municipality-indicators", args=[kommune])).status_code == status


def test_county_governor_reads_but_cannot_change_choices(client, world):
    client.force_login(world.agnes)
    url = reverse("municipality-indicators", args=["4204"])
    html = client.get(url).content.decode()
    assert "Du kan se kommunens valg og grenseverdier, men ikke endre dem." in html
    assert 'type="checkbox"' not in html and "<form method=\"post\" novalidate>" not in html
    assert client.post(url, {}).status_code == 403
    assert IndicatorChoice.objects.count() == 0


@pytest.mark.parametrize(
    ("persona", "kommune", "status"),
    [
        ("olga", "0301", 200),
        ("dina", "0301", 200),
        ("agnes", "4204", 403),
        ("alice", "0301", 403),
        ("hallvard", "3320", 403),
        ("olga", "4204", 403),
        ("olga", "9999", 404),
    ],
)
def test_own_indicator_form_access(client, world, persona, kommune, status):
    client.force_login(getattr(world, persona))
    url = reverse("own-indicator-new", args=[kommune])
    assert client.get(url).status_code == status
    if status != 200:
        assert client.post(url, {"name": "Noe"}).status_code == status


@pytest.mark.parametrize(
    ("persona", "code", "status"),
    [
        ("dina", "B.103", 200),
        ("olga", "B.103", 403),
        ("agnes", "B.103", 403),
        ("alice", "B.103", 403),
        ("olga", "0301-01", 200),
        ("dina", "0301-01", 200),
        ("olga", "4204-01", 403),
        ("agnes", "4204-01", 403),  # the county governor only reads
        ("hallvard", "0301-01", 403),
        ("dina", "B.999", 404),
    ],
)
def test_new_version_access(client, world, own_indicators, persona, code, status):
    client.force_login(getattr(world, persona))
    url = reverse("indicator-version-new", args=[code])
    before = IndicatorVersion.objects.count()
    assert client.get(url).status_code == status
    if status != 200:
        assert client.post(url, {"valid_from": "2030-01"}).status_code == status
        assert IndicatorVersion.objects.count() == before


@pytest.mark.parametrize(("persona", "status"), [("olga", 200), ("dina", 200), ("alice", 403), ("hallvard", 403),
                                                ("agnes", 403)])
def test_requests_page_access(client, world, persona, status):
    client.force_login(getattr(world, persona))
    url = reverse("indicator-requests")
    assert client.get(url).status_code == status
    if status != 200:
        assert client.post(url, {"text": "En indikator for unge uføre"}).status_code == 403
        assert IndicatorRequest.objects.count() == 0


@pytest.mark.parametrize(("persona", "status"), [("dina", 200), ("olga", 403), ("alice", 403), ("hallvard", 403),
                                                ("agnes", 403)])
def test_recommended_limits_are_for_the_directorate(client, world, persona, status):
    client.force_login(getattr(world, persona))
    url = reverse("recommended-limits")
    assert client.get(url).status_code == status
    if status != 200:
        assert client.post(url, {}).status_code == 403
        assert IndicatorLimits.objects.count() == 0


@pytest.mark.parametrize(
    ("persona", "links"),
    [("olga", {"0301"}), ("agnes", {"4204"}), ("alice", set()), ("dina", set())],
)
def test_list_links_to_the_kommuner_the_user_reaches(client, world, persona, links):
    client.force_login(getattr(world, persona))
    html = client.get(reverse("indicator-list")).content.decode()
    for kommune in ("0301", "4204", "3324"):
        assert (reverse("municipality-indicators", args=[kommune]) in html) == (kommune in links), kommune
    assert ('<select class="aksel-select__input" name="kommune" id="kommune">' in html) == (persona == "dina")


def test_directorate_picks_a_kommune_from_the_list(client, world):
    client.force_login(world.dina)
    response = client.get(reverse("indicator-list"), {"kommune": "4204"})
    assert response.status_code == 302 and response.url == reverse("municipality-indicators", args=["4204"])
