"""A municipality asks the Directorate for a new indicator; the answer and its note are visible to it."""

from __future__ import annotations

from datetime import UTC, datetime

from django.urls import reverse

from malekort.areas.models import Region
from malekort.indicators.actions import request_indicator
from malekort.indicators.models import IndicatorRequest, RequestStatus

URL = "/indikatorer/onsker/"
WISH = "Andel unge under 30 år med sosialhjelp, delt på personer 18–29 år."


def answer(client, request: IndicatorRequest, decision: str, note: str):  # type: ignore[no-untyped-def]
    prefix = f"svar-{request.pk}"
    return client.post(URL, {"request": str(request.pk), f"{prefix}-decision": decision, f"{prefix}-answer": note})


def test_url_name():
    assert reverse("indicator-requests") == URL


def test_municipality_sends_a_request(client, world):
    client.force_login(world.olga)
    html = client.get(URL).content.decode()
    assert '<label class="aksel-label" for="id_text">Hvilken indikator ønsker dere?</label>' in html
    response = client.post(URL, {"municipality": "0301", "text": WISH})
    assert response.status_code == 302
    request = IndicatorRequest.objects.get()
    assert (request.municipality_id, request.text, request.created_by) == ("0301", WISH, world.olga)
    assert request.status == RequestStatus.PENDING
    assert "Til behandling" in client.get(URL).content.decode()


def test_a_too_short_request_is_refused(client, world):
    client.force_login(world.olga)
    response = client.post(URL, {"municipality": "0301", "text": "Unge"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Beskriv indikatoren du ønsker med minst 10 tegn" in html and 'href="#id_text"' in html
    assert IndicatorRequest.objects.count() == 0


def test_a_municipality_cannot_send_for_another(client, world):
    client.force_login(world.olga)
    assert client.post(URL, {"municipality": "4204", "text": WISH}).status_code == 400
    assert IndicatorRequest.objects.count() == 0


def test_directorate_accepts_with_a_note_the_municipality_sees(client, world):
    request = request_indicator(
        municipality=Region.objects.get(code="0301"), text=WISH, user=world.olga, now=datetime(2025, 3, 1, tzinfo=UTC)
    )
    client.force_login(world.dina)
    page = client.get(URL).content.decode()
    assert "Ubesvarte ønsker" in page and WISH in page
    assert '<legend class="aksel-fieldset__legend aksel-label">Svar</legend>' in page
    response = answer(client, request, "accept", "Vi lager indikatoren fra 2026.")
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.status, request.answer, request.answered_by) == (
        RequestStatus.ACCEPTED, "Vi lager indikatoren fra 2026.", world.dina,
    )
    client.force_login(world.olga)
    html = client.get(URL).content.decode()
    assert "Godtatt" in html and "Vi lager indikatoren fra 2026." in html
    assert "Send svar" not in html  # the municipality cannot answer


def test_directorate_declines_with_a_note_and_cannot_answer_twice(client, world):
    request = request_indicator(
        municipality=Region.objects.get(code="0301"), text=WISH, user=world.olga, now=datetime(2025, 3, 1, tzinfo=UTC)
    )
    client.force_login(world.dina)
    missing = answer(client, request, "decline", "")
    assert missing.status_code == 400
    expected = f'href="#id_svar-{request.pk}-answer">Ønsket fra Oslo, merknad til kommunen: Skriv et svar til kommunen.'
    assert expected in (
        missing.content.decode()
    )
    assert answer(client, request, "decline", "Tallene finnes ikke i fagsystemene.").status_code == 302
    again = answer(client, request, "accept", "Likevel ja.")
    assert again.status_code == 400 and "Ønsket er allerede besvart." in again.content.decode()
    request.refresh_from_db()
    assert request.status == RequestStatus.DECLINED
    client.force_login(world.olga)
    html = client.get(URL).content.decode()
    assert "Avslått" in html and "Tallene finnes ikke i fagsystemene." in html


def test_municipality_sees_only_its_own_requests_and_cannot_answer(client, world):
    other = request_indicator(
        municipality=Region.objects.get(code="4204"), text="Kristiansands ønske om en indikator",
        user=None, now=datetime(2025, 3, 1, tzinfo=UTC),
    )
    client.force_login(world.olga)
    assert "Kristiansands ønske" not in client.get(URL).content.decode()
    assert answer(client, other, "accept", "Ja").status_code == 403
    other.refresh_from_db()
    assert other.status == RequestStatus.PENDING


def test_an_answer_to_a_malformed_request_id_is_not_found(client, world):
    client.force_login(world.dina)
    # "²" passes str.isdigit() but is no number: the page must say not found, not fail.
    assert client.post(URL, {"request": "²", "svar-1-decision": "accept", "svar-1-answer": "Ja"}).status_code == 404
