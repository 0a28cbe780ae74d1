"""An office leader checks a file with a refused line and imports the valid lines from the result, by keyboard."""

from __future__ import annotations

import pytest

from malekort.figures.models import ValueVersion

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FILE = (
    "period,area,code,value,comment\n"
    "2024-03,030102,SH_MOTTAKERE,120,\n"
    "2024-03,030102,SH_BARN,2,\n"
    "2024-03,030102,SH_KRONER,1150000,\n"
)


def test_the_valid_lines_are_imported_without_choosing_the_file_again(page, log_in, live_server, seeded):
    log_in("alice")
    page.get_by_role("heading", name="Nav Grünerløkka").wait_for()

    page.goto(f"{live_server.url}/import/")
    page.get_by_label("Fil (CSV eller Excel)").set_input_files(
        files=[{"name": "tall.csv", "mimeType": "text/csv", "buffer": FILE.encode()}]
    )
    assert not page.get_by_label("Importer bare de gyldige linjene").is_checked()
    page.get_by_role("button", name="Kontroller filen").click()

    page.get_by_role("heading", name="Kontroll av tall.csv").wait_for()
    assert "Skriv en prikk (.) i stedet for 2" in page.get_by_role("table").inner_text()
    assert page.get_by_role("button", name="Importer filen").count() == 0
    # The result takes focus; the next Tab reaches the one way forward.
    assert page.evaluate("document.activeElement.getAttribute('aria-labelledby')") == "resultat"
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Importer de gyldige linjene"
    described = page.evaluate(
        "document.getElementById(document.activeElement.getAttribute('aria-describedby')).textContent"
    )
    assert "importer de 2 gyldige linjene" in described
    page.keyboard.press("Enter")

    page.get_by_text("Verdiene er lagret").wait_for()
    saved = dict(ValueVersion.objects.values_list("figure_id", "number"))
    assert saved == {"SH_MOTTAKERE": 120, "SH_KRONER": 1_150_000}
