"""The Directorate creates a new recommended indicator, also from a municipality's request.

The seeded catalogue holds B.101–B.104 and B.151 (sort order 10–50), so the
next code after the highest is B.152 and a new indicator sorts at 60.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from django.urls import reverse
from indicator_page_helpers import version_data

from malekort.areas.models import Region
from malekort.domain.indicators import definitions as d
from malekort.domain.periods import Period
from malekort.indicators import actions
from malekort.indicators.actions import IndicatorError, create_recommended_indicator, request_indicator
from malekort.indicators.models import Indicator, IndicatorChoice, IndicatorRequest, IndicatorVersion, RequestStatus
from malekort.indicators.selectors import shown_indicators

URL = "/indikatorer/ny/"
NOW = datetime(2025, 5, 20, 9, tzinfo=UTC)
WISH = "Andel unge under 30 år med sosialhjelp, delt på personer 18–29 år."
CODE_FIELD = 'name="indicator_code" id="id_indicator_code" value="{}"'

VERSION = d.IndicatorVersion(
    code="",
    name="Andel unge voksne med sosialhjelp",
    description="Mottakere under 30 år delt på personer 18–29 år.",
    numerator=d.Term.of_figure("SH_UNDER30"),
    denominator=d.Term.population(18, 29),
    factor=100,
    direction=d.Direction.LOWER_IS_BETTER,
    unit="prosent",
    valid_from=Period(2025, 6),
    decimals=2,
)


def create(code: str) -> Indicator:
    return create_recommended_indicator(code=code, version=VERSION, user=None, now=NOW)


def a_request() -> IndicatorRequest:
    return request_indicator(municipality=Region.objects.get(code="0301"), text=WISH, user=None, now=NOW)


# --- The action -----------------------------------------------------------------------------------------------


def test_url_name():
    assert reverse("recommended-indicator-new") == URL


def test_creates_a_recommended_indicator_with_its_first_version(world):
    indicator = create_recommended_indicator(code="B.105", version=VERSION, user=world.dina, now=NOW)
    indicator.refresh_from_db()
    assert (indicator.code, indicator.owner_id, indicator.is_recommended) == ("B.105", None, True)
    assert indicator.sort_order == 60  # after B.151 at 50
    row = IndicatorVersion.objects.get(indicator=indicator)
    assert row.to_domain("B.105") == replace(VERSION, code="B.105")
    assert (row.valid_from, row.valid_to, row.created_by, row.created_at) == (date(2025, 6, 1), None, world.dina, NOW)
    assert IndicatorChoice.objects.count() == 0  # recommended ones are shown without a choice


def test_sorts_after_own_indicators_too(world, own_indicators):
    assert create("B.105").sort_order == 80  # 0301-01 at 60, 4204-01 at 70


@pytest.mark.parametrize(
    "code", ["B105", "B.10", "B.1050", "b.105", "A.105", "B.10a", " B.105", "B.105 ", "", "B.１０５"]
)
def test_refuses_a_code_not_of_the_form_b_and_three_digits(world, code):
    with pytest.raises(IndicatorError) as error:
        create(code)
    assert str(error.value) == f"«{code}» er ikke en gyldig kode. Skriv «B.» og tre sifre, for eksempel B.105."
    assert Indicator.objects.count() == 5
    assert IndicatorVersion.objects.count() == 5


@pytest.mark.parametrize("code", ["B.101", "B.151"])
def test_refuses_a_code_in_use(world, code):
    with pytest.raises(IndicatorError) as error:
        create(code)
    assert str(error.value) == f"Koden {code} er allerede i bruk. Velg en annen kode."
    assert Indicator.objects.count() == 5
    assert IndicatorVersion.objects.filter(indicator__code=code).count() == 1


def test_a_code_taken_after_the_check_is_refused_too(world, monkeypatch):
    monkeypatch.setattr(actions, "check_recommended_code", lambda code: None)
    with pytest.raises(IndicatorError, match=r"^Koden B\.102 er allerede i bruk\. Velg en annen kode\.$"):
        create("B.102")
    assert Indicator.objects.count() == 5  # and the transaction is still usable


# --- The page -------------------------------------------------------------------------------------------------


def test_directorate_gets_the_form_with_the_next_code(client, world):
    client.force_login(world.dina)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1 class=\"aksel-heading aksel-heading--large\">Ny anbefalt indikator</h1>" in html
    assert '<label class="aksel-label" for="id_indicator_code">Kode</label>' in html
    assert CODE_FIELD.format("B.152") in html
    assert '<label class="aksel-label" for="id_name">Navn</label>' in html
    assert "Den anbefales for alle kommuner fra måneden du velger" in html
    assert 'href="/indikatorer/">← Tilbake</a>' in html


@pytest.mark.parametrize(("existing", "expected"), [(["B.152"], "B.153"), (["B.105", "B.205"], "B.152"),
                                                    (["B.199"], "")])
def test_the_code_follows_the_highest_b1nn(client, world, existing, expected):
    for code in existing:
        create(code)
    client.force_login(world.dina)
    assert CODE_FIELD.format(expected) in client.get(URL).content.decode()


def test_directorate_creates_an_indicator(client, world):
    client.force_login(world.dina)
    response = client.post(URL, version_data(indicator_code="B.152"))
    assert response.status_code == 302
    indicator = Indicator.objects.get(code="B.152")
    assert response.url == f"/indikatorer/#indikator-{indicator.pk}"
    assert indicator.owner_id is None and indicator.sort_order == 60
    version = indicator.versions.get()
    assert (version.name, version.numerator_figure_id, version.denominator_age_from, version.denominator_age_to) == (
        "Andel unge som har mottatt økonomisk sosialhjelp", "SH_UNDER25", 18, 24,
    )
    assert (version.valid_from, version.valid_to, version.created_by) == (date(2025, 6, 1), None, world.dina)
    html = client.get(response.url).content.decode()
    assert "Indikatoren B.152 er opprettet og anbefalt for alle kommuner fra juni 2025." in html
    assert "B.152: Andel unge som har mottatt økonomisk sosialhjelp" in html


def test_a_lower_case_code_is_written_in_capitals(client, world):
    client.force_login(world.dina)
    assert client.post(URL, version_data(indicator_code="b.160")).status_code == 302
    assert Indicator.objects.filter(code="B.160", owner__isnull=True).exists()


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("B.101", "Koden B.101 er allerede i bruk. Velg en annen kode."),
        ("B-152", "«B-152» er ikke en gyldig kode. Skriv «B.» og tre sifre, for eksempel B.105."),
        ("", "Skriv en kode, for eksempel B.105."),
    ],
)
def test_a_refused_code_is_shown_in_the_error_summary(client, world, code, message):
    client.force_login(world.dina)
    response = client.post(URL, version_data(indicator_code=code))
    assert response.status_code == 400
    html = response.content.decode()
    assert f'<a class="aksel-link" href="#id_indicator_code">Kode: {message}</a>' in html
    assert f'<p class="aksel-error-message" id="id_indicator_code_feil">{message}</p>' in html
    assert Indicator.objects.count() == 5


def test_other_errors_keep_the_code_and_save_nothing(client, world):
    client.force_login(world.dina)
    response = client.post(URL, version_data(indicator_code="B.152", name="", valid_from="2025-13"))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'href="#id_name">Navn: Skriv et navn.</a>' in html and 'href="#id_valid_from"' in html
    assert CODE_FIELD.format("B.152") in html
    assert not Indicator.objects.filter(code="B.152").exists()


@pytest.mark.parametrize("persona", ["olga", "agnes", "alice", "hallvard"])
def test_only_the_directorate_creates_recommended_indicators(client, world, persona):
    client.force_login(getattr(world, persona))
    assert client.get(URL).status_code == 403
    assert client.post(URL, version_data(indicator_code="B.152")).status_code == 403
    assert client.get(URL, {"onske": a_request().pk}).status_code == 403
    assert Indicator.objects.count() == 5


def test_the_page_needs_a_login(client, world):
    for response in (client.get(URL), client.post(URL, version_data(indicator_code="B.152"))):
        assert response.status_code == 302 and "logg-inn" in response.url
    assert Indicator.objects.count() == 5


def test_a_new_indicator_is_recommended_for_every_municipality(client, world):
    client.force_login(world.dina)
    client.post(URL, version_data(indicator_code="B.152", name="Andel unge med sosialhjelp i juni"))
    indicator = Indicator.objects.get(code="B.152")
    assert indicator in shown_indicators(["0301"]) and indicator in shown_indicators(["4204"])
    client.force_login(world.olga)
    html = client.get(reverse("municipality-indicators", args=["0301"])).content.decode()
    assert f'name="vis_{indicator.pk}" id="id_vis_{indicator.pk}" checked>' in html
    assert "B.152 Andel unge med sosialhjelp i juni<span class=\"figure-code\">Anbefalt av direktoratet</span>" in html


# --- From a municipality's request ----------------------------------------------------------------------------


def test_a_request_fills_in_the_description_and_names_the_municipality(client, world):
    wish = a_request()
    client.force_login(world.dina)
    html = client.get(URL, {"onske": wish.pk}).content.decode()
    assert f'aria-describedby="id_description_hjelp">{WISH}</textarea>' in html
    assert "Ønsket kommer fra Oslo, og beskrivelsen er fylt ut med teksten kommunen skrev." in html
    assert 'href="/indikatorer/onsker/">← Tilbake</a>' in html
    assert CODE_FIELD.format("B.152") in html


def test_creating_from_a_request_leaves_the_answer_to_a_separate_step(client, world):
    wish = a_request()
    client.force_login(world.dina)
    response = client.post(f"{URL}?onske={wish.pk}", version_data(indicator_code="B.152", description=WISH))
    assert response.status_code == 302
    assert Indicator.objects.get(code="B.152").versions.get().description == WISH
    message = client.get(response.url).content.decode()
    assert (
        "Indikatoren B.152 er opprettet og anbefalt for alle kommuner fra juni 2025. Husk å svare Oslo på ønsket."
    ) in message
    wish.refresh_from_db()
    assert (wish.status, wish.answer, wish.answered_at) == (RequestStatus.PENDING, "", None)


@pytest.mark.parametrize("pk", ["999999", "abc", "1.0", "²"])
def test_an_unknown_request_is_not_found(client, world, pk):
    client.force_login(world.dina)
    assert client.get(URL, {"onske": pk}).status_code == 404


def test_the_requests_page_links_each_pending_request_for_the_directorate(client, world):
    pending, answered = a_request(), a_request()
    actions.answer_request(request=answered, accept=False, answer="Nei.", user=world.dina, now=NOW)
    client.force_login(world.dina)
    html = client.get(reverse("indicator-requests")).content.decode()
    assert (
        f'<a class="aksel-link" href="/indikatorer/ny/?onske={pending.pk}" aria-describedby="onske-{pending.pk}">'
        "Lag en anbefalt indikator fra ønsket</a>"
    ) in html
    assert f"?onske={answered.pk}" not in html
    client.force_login(world.olga)
    assert "Lag en anbefalt indikator fra ønsket" not in client.get(reverse("indicator-requests")).content.decode()


@pytest.mark.parametrize(("persona", "linked"), [("dina", True), ("olga", False), ("agnes", False), ("alice", False)])
def test_the_list_links_to_the_page_for_the_directorate_only(client, world, persona, linked):
    client.force_login(getattr(world, persona))
    html = client.get(reverse("indicator-list")).content.decode()
    assert (f'<a class="aksel-link" href="{URL}">Lag en ny anbefalt indikator</a>' in html) == linked
