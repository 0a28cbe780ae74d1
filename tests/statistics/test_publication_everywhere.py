"""Kroner paid to fewer than 4 recipients are dotted the same way on every way out of the system.

The case (report_fixtures): Møre og Romsdal, October 2023. 1508 Ålesund's figures are its
share (0.6) of what 1507 registered: 3.0 recipients and 24 000 kr. 1505 reported 20
recipients and no kroner. The 23 recipients may be published; the county's kroner come
from 3.0 recipients alone and may not, and neither may 1508's own.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook
from report_fixtures import build_reported

from malekort.areas.models import Region
from malekort.domain.indicators import definitions as d
from malekort.domain.periods import Period
from malekort.figures.models import Source, ValueVersion
from malekort.figures.transfer import export_rows
from malekort.indicators.actions import create_own_indicator
from malekort.scorecard.exports import export_rows as indicator_rows
from malekort.scorecard.units import region_unit
from malekort.statistics.reports.csv_export import write_csv
from malekort.statistics.reports.excel import write_xlsx
from malekort.statistics.reports.jsonstat_export import write_jsonstat
from malekort.statistics.reports.tables import build_report, scope_place

OCTOBER = Period(2023, 10)
DECEMBER = Period(2023, 12)
KRONER_1508 = "24\u00a0000"  # 0.6 × 40 000, as a page would write it


@pytest.fixture
def reported(world):
    return build_reported(world)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_county_statistics_page(reported, client):
    client.force_login(reported.dina)
    page = client.get(reverse("statistics-county", args=["15"]), {"maned": "2023-10", "tall": "SH_KRONER"})
    assert page.status_code == 200
    text = _text(page.content.decode())
    # The key-figure table: recipients 23, kroner «:» with the kroner counted as a dot.
    assert re.search(r"Antall mottakere 23 ", text)
    assert re.search(r"Kroner sosialhjelp : 1 minst 0 kr", text)
    # The kroner chart and the areas side by side (tables of the charts) never show 1508's amount.
    assert KRONER_1508 not in text and "24000" not in text
    assert re.search(r"Ålesund :", text)


def test_every_report_format(reported):
    report = build_report(scope_place("15"), OCTOBER)
    for region in ("15", "1508"):
        cell = report.cell(region, report.measure("SH_KRONER.known_sum"))
        assert (cell.value, cell.symbol) == (None, ":")

    text = io.StringIO()
    write_csv(report, text)
    rows = {(r["region"], r["contents_code"]): r for r in csv.DictReader(io.StringIO(text.getvalue()))}
    for region in ("15", "1508"):
        assert (rows[(region, "SH_KRONER.known_sum")]["value"], rows[(region, "SH_KRONER.known_sum")]["symbol"]) == (
            "", ":"
        )

    text = io.StringIO()
    write_jsonstat(report, text)
    dataset = json.loads(text.getvalue())
    assert 24000 not in [v for v in dataset["value"] if v is not None]

    out = io.BytesIO()
    write_xlsx(report, out)
    workbook = load_workbook(io.BytesIO(out.getvalue()))
    numbers = {c.value for sheet in workbook for row in sheet.iter_rows() for c in row}
    assert 24000 not in numbers


def test_the_statistics_command(reported):
    out = io.StringIO()
    call_command("statistics", "--code", "SH_KRONER", "--level", "fylke", "--period", "2023-10", stdout=out)
    row = next(r for r in csv.DictReader(io.StringIO(out.getvalue())) if r["area"] == "15")
    assert (row["known_sum"], row["dotted"], row["missing"]) == ("", "1", "1")


@pytest.fixture
def kroner_beside_a_dot(reported):
    """1505's December 2023: a dot for recipients and 30 000 kr, as a race between two saves once left it."""
    for figure, kind, number in (("SH_MOTTAKERE", "dot", None), ("SH_KRONER", "number", 30_000)):
        ValueVersion.objects.create(
            area_id="1505", period=DECEMBER.first_day, figure_id=figure, kind=kind, number=number,
            source=Source.API, recorded_at=datetime.fromisoformat("2024-01-05T12:00:00+01:00"),
        )
    return reported


def test_export_values_and_the_export_page(kroner_beside_a_dot, client):
    rows = {(r.period, r.area, r.code): r for r in export_rows(user=None)}
    assert (rows[("2023-12", "1505", "SH_KRONER")].value, rows[("2023-12", "1505", "SH_KRONER")].status) == (
        None, ":"
    )
    # Kroner beside published recipients stay: 1507 paid 40 000 kr to 5 recipients in October 2023.
    assert rows[("2023-10", "1507", "SH_KRONER")].value == 40_000
    [only] = export_rows(user=None, area_codes=["1505"], figure_codes=["SH_KRONER"], first=DECEMBER, last=DECEMBER)
    assert (only.value, only.status) == (None, ":")

    out = io.StringIO()
    call_command("export-values", "--from", "2023-12", "--to", "2023-12", "--area", "1505", stdout=out)
    assert "30000" not in out.getvalue()

    client.force_login(kroner_beside_a_dot.dina)
    page = client.get(reverse("export"), {"first": "2023-12", "last": "2023-12", "format": "csv"})
    assert page.status_code == 200
    assert "30000" not in page.content.decode()


def test_the_county_page_does_not_give_hidden_kroner_away(kroner_beside_a_dot, client):
    client.force_login(kroner_beside_a_dot.dina)
    page = client.get(reverse("statistics-county", args=["15"]), {"maned": "2023-12", "tall": "SH_KRONER"})
    text = _text(page.content.decode())
    assert "30 000" not in text.replace("\u00a0", " ")
    assert re.search(r"Kroner sosialhjelp : ", text)


@pytest.fixture
def kroner_indicator(reported):
    """Ålesund's own indicator: kroner per person aged 18–66."""
    version = d.IndicatorVersion(
        code="", name="Kroner per innbygger", description="", numerator=d.Term.of_figure("SH_KRONER"),
        denominator=d.Term.population(18, 66), factor=1, direction=d.Direction.NEUTRAL, unit="kr",
        valid_from=Period(2022, 1), decimals=0,
    )
    return create_own_indicator(
        municipality=Region.objects.get(code="1508"), version=version, user=reported.dina,
        now=datetime.fromisoformat("2024-01-05T12:00:00+01:00"),
    )


def test_indicator_values_the_api_and_the_scorecard(kroner_indicator, reported, client, capsys):
    [row] = indicator_rows(kroner_indicator, [region_unit(Region.objects.get(code="1508"))], OCTOBER, OCTOBER)
    assert (row[3], row[5], row[6]) == (None, None, ":")

    call_command("indicator-values", "--indicator", kroner_indicator.code, "--area", "1508", "--from", "2023-10",
                 "--to", "2023-10")
    assert capsys.readouterr().out.splitlines()[1] == f"{kroner_indicator.code},1508,2023-10,,,,:,,0"

    client.force_login(reported.dina)
    answer = client.get(reverse("indicator-values-json"),
                        {"indicator": kroner_indicator.code, "area": "1508", "from": "2023-10", "to": "2023-10"})
    [got] = answer.json()["rows"]
    assert (got["numerator"], got["value"], got["symbol"]) == (None, None, ":")

    page = client.get(reverse("municipality-indicator", args=["1508", kroner_indicator.code]), {"periode": "2023-10"})
    assert page.status_code == 200
    assert KRONER_1508 not in page.content.decode()
    card = client.get(reverse("municipality-scorecard", args=["1508"]), {"periode": "2023-10"})
    assert card.status_code == 200
    row = re.search(rf"{kroner_indicator.code}.*?</tr>", card.content.decode(), re.S)
    assert row and ":" in _text(row.group(0))
