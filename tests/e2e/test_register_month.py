"""An office leader logs in, registers a month, has a field refused, corrects it and saves."""

from __future__ import annotations

import pytest

from malekort.figures.models import ValueVersion

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_leader_registers_a_month_with_one_refused_field(page, log_in, live_server, seeded):
    log_in("alice")

    # Alice leads one office, so she lands on its months.
    page.get_by_role("heading", name="Nav Grünerløkka").wait_for()
    page.get_by_role("link", name="2024-03", exact=True).click()
    page.get_by_role("heading", name="Nav Grünerløkka: mars 2024").wait_for()

    page.get_by_label("Antall mottakere, Grünerløkka", exact=True).fill("120")
    page.get_by_label("Mottakere med barn under 18, Grünerløkka", exact=True).fill("2")
    page.get_by_label("Kroner sosialhjelp, Grünerløkka", exact=True).fill("1 150 000")
    page.get_by_role("button", name="Lagre").click()

    summary = page.locator("#feiloppsummering")
    summary.wait_for()
    assert "Skriv en prikk (.) i stedet for 2" in summary.inner_text()
    # The error summary takes focus so that it is announced.
    assert page.evaluate("document.activeElement.id") == "feiloppsummering"
    assert ValueVersion.objects.count() == 0

    # Follow the summary's link to the field, with the keyboard, and type a dot.
    summary.get_by_role("link").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_v_030102_SH_BARN"
    page.keyboard.press("Control+A")
    page.keyboard.type(".")
    page.keyboard.press("Enter")

    page.get_by_text("Lagret.").wait_for()
    values = {
        v.figure_id: v
        for v in ValueVersion.objects.filter(area_id="030102", superseded_at__isnull=True)
    }
    assert values["SH_MOTTAKERE"].number == 120
    assert values["SH_BARN"].kind == "dot"
    assert values["SH_KRONER"].number == 1_150_000
    assert values["SH_MOTTAKERE"].recorded_by.username == "alice"
