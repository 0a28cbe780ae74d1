"""An office leader checks a KOSTRA file, sees the figures, and stores them, by keyboard."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from malekort.figures.models import ValueVersion

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "kostra"))
from kostra_files import oslo_file

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_leader_checks_and_stores_a_kostra_file(page, log_in, live_server, seeded):  # type: ignore[no-untyped-def]
    log_in("alice")
    page.get_by_role("heading", name="Nav Grünerløkka").wait_for()

    page.get_by_role("link", name="Importer KOSTRA-fil").click()
    page.get_by_role("heading", name="Importer KOSTRA-fil").wait_for()
    page.get_by_label("KOSTRA-filer (11F og 11CF, én eller flere)").set_input_files(
        files=[{"name": "grunerlokka_11F_2025.dat", "mimeType": "text/plain", "buffer": oslo_file("02")}]
    )
    page.get_by_label("Til og med måned (ÅÅÅÅ-MM, valgfri)").fill("2025-03")
    page.get_by_role("button", name="Kontroller filene").press("Enter")

    page.get_by_role("heading", name="Kontroll av filene").wait_for()
    table = page.get_by_role("table", name="030102 Grünerløkka: nøkkeltall fra filen")
    assert "januar 2025" in table.inner_text()
    assert not ValueVersion.objects.exists()
    # The result takes focus; the next Tab reaches the button that stores the figures.
    assert page.evaluate("document.activeElement.getAttribute('aria-labelledby')") == "kostra-resultat-tittel"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Lagre nøkkeltallene"
    page.keyboard.press("Enter")

    page.get_by_text("Lagret:").wait_for()
    assert ValueVersion.objects.filter(area_id="030102", figure_id="SH_MOTTAKERE", number=7).count() == 3
