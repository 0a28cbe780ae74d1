"""While KOSTRA files are sent and checked, the page shows how far it has come; then the dry run's result."""

from __future__ import annotations

import pytest

from malekort.domain.kostra.synthetic import Recipient, file_bytes, recipient_line
from malekort.figures.models import ValueVersion

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Synthetic identity numbers (month + 80), never real ones.
IDENTITIES = [f"{day:02d}{month + 80:02d}90{n:03d}45" for n in range(4) for day in range(1, 29) for month in (1, 7)]


def large_file() -> bytes:
    """Return an 11F file of some 200 recipients in Grünerløkka (about 70 kB)."""
    return file_bytes(
        recipient_line(Recipient("0301", "02", identity=identity, journal=f"J{n}", marked=frozenset({1, 2, 3}),
                                 grants={1: 4000, 2: 4000, 3: 4000}), 2025)
        for n, identity in enumerate(IDENTITIES)
    )


def test_the_upload_shows_its_progress_and_then_the_dry_run(page, log_in, live_server, seeded):  # type: ignore[no-untyped-def]
    log_in("alice")
    page.get_by_role("heading", name="Nav Grünerløkka").wait_for()
    page.get_by_role("link", name="Importer KOSTRA-fil").click()
    page.get_by_role("heading", name="Importer KOSTRA-fil").wait_for()

    progress = page.locator("#kostra-fremdrift")
    assert not progress.is_visible()  # nothing to show before a file is sent

    # A slow line (40 kB/s up), so that sending the file takes about two seconds.
    network = page.context.new_cdp_session(page)
    network.send("Network.enable")
    network.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": 40_000,
    })
    page.get_by_label("KOSTRA-filer (11F og 11CF, én eller flere)").set_input_files(
        files=[{"name": "grunerlokka_11F_2025.dat", "mimeType": "text/plain", "buffer": large_file()}]
    )
    page.get_by_label("Til og med måned (ÅÅÅÅ-MM, valgfri)").fill("2025-03")
    page.get_by_role("button", name="Kontroller filene").click()

    status = page.get_by_role("status")
    status.get_by_text("Laster opp:").wait_for()
    assert progress.is_visible()
    assert status.get_by_text("Laster opp og beregner").is_visible()
    assert 0 <= page.evaluate("document.getElementById('kostra-opplasting').value") < 100
    assert page.get_by_role("button", name="Kontroller filene").is_disabled()  # one upload at a time

    page.get_by_role("heading", name="Kontroll av filene").wait_for(timeout=60_000)
    table = page.get_by_role("table", name="030102 Grünerløkka: nøkkeltall fra filen")
    assert "januar 2025" in table.inner_text()
    progress.wait_for(state="hidden")
    assert page.get_by_role("button", name="Lagre nøkkeltallene").is_visible()
    assert not ValueVersion.objects.exists()  # a dry run stores nothing
