"""Own indicators and new versions of definitions: earlier months keep the version that held then."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils import timezone
from indicator_page_helpers import version_data

from malekort.domain.periods import Period
from malekort.indicators.models import Indicator, IndicatorChoice, IndicatorVersion
from malekort.indicators.selectors import shown_indicators


def new_own(kommune: str = "0301") -> str:
    return reverse("own-indicator-new", args=[kommune])


def new_version(code: str) -> str:
    return reverse("indicator-version-new", args=[code])


def test_own_indicator_form_has_labels_and_starts_this_month(client, world):
    client.force_login(world.olga)
    html = client.get(new_own()).content.decode()
    assert '<label class="aksel-label" for="id_name">Navn</label>' in html
    assert '<legend class="aksel-fieldset__legend aksel-label">Nevner</legend>' in html
    assert '<label class="aksel-label" for="id_denominator_age_from">Nevner: fra alder</label>' in html
    assert f'value="{Period.of(timezone.localdate())}"' in html
    assert "Antall mottakere av økonomisk sosialhjelp under 25 år i løpet av måneden (SH_UNDER25)" in html


def test_own_indicator_with_a_population_band(client, world):
    client.force_login(world.olga)
    data = version_data(
        name="Andel unge voksne med sosialhjelp", numerator_figure="SH_UNDER30",
        denominator_age_from="18", denominator_age_to="29", decimals="1", valid_from="2025-03",
    )
    response = client.post(new_own(), data)
    assert response.status_code == 302
    assert response.url == reverse("municipality-indicators", args=["0301"])
    indicator = Indicator.objects.get(owner_id="0301")
    assert indicator.code == "0301-01"
    version = indicator.versions.get()
    assert (version.numerator_kind, version.numerator_figure_id) == ("figure", "SH_UNDER30")
    assert (version.denominator_kind, version.denominator_age_from, version.denominator_age_to) == (
        "population", 18, 29,
    )
    assert version.valid_from == date(2025, 3, 1) and version.valid_to is None
    assert version.created_by == world.olga and version.direction == "lower"
    # It is shown on Oslo's scorecards, and the choice is in the history.
    assert indicator in shown_indicators(["0301"])
    assert IndicatorChoice.objects.get(indicator=indicator).recorded_by == world.olga
    html = client.get(reverse("indicator-list")).content.decode()
    assert "0301-01: Andel unge voksne med sosialhjelp" in html
    assert "Personer 18–29 år i området (SSB, 1. januar)" in html


def test_population_numerator_over_the_constant_one(client, world):
    client.force_login(world.dina)  # on behalf of the municipality
    data = version_data(
        name="Innbyggere 67 år og eldre", numerator_kind="population", numerator_figure="",
        numerator_age_from="67", numerator_age_to="105", denominator_kind="constant",
        denominator_age_from="", denominator_age_to="", factor="1", direction="neutral", unit="personer",
        decimals="0",
    )
    assert client.post(new_own("4204"), data).status_code == 302
    version = Indicator.objects.get(owner_id="4204").versions.get()
    assert (version.numerator_age_from, version.numerator_age_to, version.denominator_kind) == (67, 105, "constant")


def test_domain_errors_are_shown_at_the_right_field(client, world):
    client.force_login(world.olga)
    data = version_data(numerator_figure="", denominator_age_from="30", denominator_age_to="20", valid_from="2025-13")
    response = client.post(new_own(), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert '<p class="aksel-error-message" id="id_numerator_figure_feil">Velg et nøkkeltall.</p>' in html
    assert 'id="id_denominator_age_from_feil">Aldersgruppen må ligge mellom 0 og 105 år' in html
    assert "«2025-13» har en måned utenfor 01–12" in html
    assert 'href="#id_numerator_figure"' in html and 'href="#id_valid_from"' in html
    assert Indicator.objects.filter(owner__isnull=False).count() == 0


def test_missing_direction_links_to_the_first_radio(client, world):
    client.force_login(world.olga)
    response = client.post(new_own(), version_data(direction=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'href="#id_direction_0"' in html and 'id="id_direction_0"' in html
    assert "Velg om høyere eller lavere verdi er bedre." in html


def test_new_b103_version_closes_the_old_one_and_an_earlier_start_is_refused(client, world):
    client.force_login(world.dina)
    page = client.get(new_version("B.103")).content.decode()
    # Prefilled with the version in force.
    assert 'value="Andel unge som har mottatt økonomisk sosialhjelp"' in page
    assert '<option value="SH_UNDER25" selected>' in page

    response = client.post(new_version("B.103"), version_data(denominator_age_from="16"))
    assert response.status_code == 302
    versions = list(IndicatorVersion.objects.filter(indicator__code="B.103").order_by("valid_from"))
    assert [(v.valid_from, v.valid_to) for v in versions] == [
        (date(2022, 1, 1), date(2025, 5, 1)),
        (date(2025, 6, 1), None),
    ]
    assert versions[0].denominator_age_from == 18 and versions[1].denominator_age_from == 16
    assert versions[1].created_by == world.dina

    refused = client.post(new_version("B.103"), version_data(valid_from="2025-03"))
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "En ny versjon må gjelde fra en måned etter 2025-06" in html
    assert 'id="id_valid_from_feil"' in html and 'href="#id_valid_from"' in html
    assert IndicatorVersion.objects.filter(indicator__code="B.103").count() == 2

    listing = client.get(reverse("indicator-list")).content.decode()
    assert "mai 2025" in listing and "juni 2025" in listing
    assert "Personer 16–24 år i området (SSB, 1. januar)" in listing


def test_municipality_adds_a_version_of_its_own_indicator(client, world, own_indicators):
    client.force_login(world.olga)
    response = client.post(new_version("0301-01"), version_data(name="Ny ordlyd", valid_from="2026-01"))
    assert response.status_code == 302
    assert list(
        IndicatorVersion.objects.filter(indicator__code="0301-01").order_by("valid_from").values_list("name", flat=True)
    ) == ["Unge under 30 i 0301", "Ny ordlyd"]
