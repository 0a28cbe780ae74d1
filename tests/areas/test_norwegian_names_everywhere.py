"""SSB's multilingual names («Oslo-Oslove») reach no page, chart, report or export: the Norwegian name does."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from malekort.areas.loaders import load_regions
from malekort.areas.models import Region
from malekort.domain.files.regions import RegionRow
from malekort.domain.periods import Period
from malekort.domain.regions import Level
from malekort.statistics.reports.csv_export import write_csv
from malekort.statistics.reports.tables import build_report, scope_place
from registered import people, register


@pytest.fixture
def ssb_names(world):
    """The world's Oslo reloaded with SSB's names, and a month of figures for both bydeler."""
    load_regions(rows=[
        RegionRow("03", Level.FYLKE, "Oslo-Oslove", "0", None),
        RegionRow("0301", Level.KOMMUNE, "Oslo-Oslove", "03", None),
    ])
    for code in ("030101", "030102"):
        people(code, 2025, youth=1000, older=9000)
        register(code, "2025-03", SH_MOTTAKERE=100)
    return world


def test_the_database_keeps_both_names(ssb_names):
    oslo = Region.objects.get(code="0301")
    assert (oslo.name, oslo.ssb_name) == ("Oslo", "Oslo-Oslove")


def test_pages_and_reports_show_the_norwegian_name(ssb_names, client):
    client.force_login(ssb_names.dina)
    pages = [
        client.get(reverse("statistics-nation"), {"maned": "2025-03"}),
        client.get(reverse("statistics-county", args=["03"]), {"maned": "2025-03"}),
        client.get(reverse("municipality-scorecard", args=["0301"]), {"periode": "2025-03"}),
        client.get(reverse("municipality-indicator", args=["0301", "B.101"]), {"periode": "2025-03"}),
    ]
    for page in pages:
        assert page.status_code == 200
        assert "Oslove" not in page.content.decode()
    assert "Oslo kommune (sum av bydelene)" in pages[3].content.decode()
    text = io.StringIO()
    write_csv(build_report(scope_place("riket"), Period(2025, 3)), text)
    names = {row["region"]: row["region_name"] for row in csv.DictReader(io.StringIO(text.getvalue()))}
    assert names["03"] == "Oslo"
