"""Importing a file of values: every line checked, nothing written if one is refused."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from figure_people import People
from openpyxl import Workbook

from malekort.domain.cells import DOTTED, EMPTY, Cell
from malekort.domain.files.errors import FileRejected
from malekort.domain.periods import Period
from malekort.figures.actions import Entry, register_values
from malekort.figures.models import ImportBatch, Source, ValueVersion
from malekort.figures.transfer import ImportReport, import_values

pytestmark = pytest.mark.django_db




NOW = datetime(2024, 6, 15, 12, 0, tzinfo=ZoneInfo("Europe/Oslo"))
MARCH = Period(2024, 3)
GRUNERLOKKA = "030102"
FLA = "3320"
HEADER = "period,area,code,value,comment"

GOOD_LINES = [
    "2024-03,030102,SH_MOTTAKERE,40,",
    "2024-03,030102,SH_UNDER30,12,",
    "2024-03,030102,SH_KRONER,250000,Inkluderer lån",
    "2024-04,030102,SH_MOTTAKERE,.,",
    "2024-04,030102,SH_KRONER,.,",
    "2024-04,030102,KVP_DELTAKERE,7,",
]
# Line 3 gives a count of 2; line 4 has more on social assistance as main
# income (45) than recipients (40).
BAD_FILE = [
    GOOD_LINES[0],
    "2024-03,030102,SH_BARN,2,",
    "2024-03,030102,SH_HOVEDKILDE,45,",
    *GOOD_LINES[1:],
]


def csv_bytes(*lines: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *lines]) + "\n").encode("utf-8")


def run(
    data: bytes,
    *,
    filename: str = "tall.csv",
    user: object = None,
    valid_only: bool = False,
    dry_run: bool = False,
) -> ImportReport:
    return import_values(
        path_or_file=io.BytesIO(data),
        filename=filename,
        user=user,  # type: ignore[arg-type]
        valid_only=valid_only,
        dry_run=dry_run,
        now=NOW,
    )


def stored(area: str = GRUNERLOKKA) -> dict[tuple[str, str], tuple[Cell, str, str]]:
    rows = ValueVersion.objects.filter(area_id=area, superseded_at__isnull=True)
    return {(f"{v.period:%Y-%m}", v.figure_id): (v.cell, v.comment, v.source) for v in rows}


def refused(report: ImportReport) -> dict[int, str]:
    return {line.line_no: line.reason for line in report.refused}


def test_a_file_with_a_refused_line_writes_nothing(people: People) -> None:
    report = run(csv_bytes(*BAD_FILE))

    assert refused(report) == {
        3: "verdien «2» for SH_BARN: Færre enn 4 tilfeller skal ikke oppgis som tall. "
        "Skriv en prikk (.) i stedet for 2.",
        4: "verdien «45» for SH_HOVEDKILDE: Kan ikke være større enn antall mottakere (40).",
    }
    assert not report.written
    assert ValueVersion.objects.count() == 0
    assert ImportBatch.objects.count() == 0
    # What the other lines would have done.
    assert report.created == [2, 5, 6, 7, 8, 9]
    assert report.line_count == 8


def test_the_same_file_without_those_lines_imports(people: People) -> None:
    report = run(csv_bytes(*GOOD_LINES))

    assert report.written and not report.refused
    assert report.created == [2, 3, 4, 5, 6, 7]
    assert report.updated == [] and report.unchanged == []
    assert stored() == {
        ("2024-03", "SH_MOTTAKERE"): (Cell.of(40), "", "file"),
        ("2024-03", "SH_UNDER30"): (Cell.of(12), "", "file"),
        ("2024-03", "SH_KRONER"): (Cell.of(250_000), "Inkluderer lån", "file"),
        ("2024-04", "SH_MOTTAKERE"): (DOTTED, "", "file"),
        ("2024-04", "SH_KRONER"): (DOTTED, "", "file"),
        ("2024-04", "KVP_DELTAKERE"): (Cell.of(7), "", "file"),
    }
    batch = ImportBatch.objects.get()
    assert (batch.filename, batch.created, batch.updated, batch.unchanged) == ("tall.csv", 6, 0, 0)
    assert report.batch_id == batch.pk
    assert set(ValueVersion.objects.values_list("batch_id", flat=True)) == {batch.pk}


def test_a_second_import_of_the_same_file_changes_nothing(people: People) -> None:
    run(csv_bytes(*GOOD_LINES))
    report = run(csv_bytes(*GOOD_LINES))

    assert report.unchanged == [2, 3, 4, 5, 6, 7]
    assert report.created == [] and report.updated == []
    assert ValueVersion.objects.count() == 6
    assert ImportBatch.objects.order_by("pk").last().unchanged == 6  # type: ignore[union-attr]


def test_a_changed_value_is_updated_and_keeps_its_history(people: People) -> None:
    run(csv_bytes(*GOOD_LINES))
    report = run(csv_bytes("2024-03,030102,SH_MOTTAKERE,41,", "2024-03,030102,SH_UNDER30,12,"))

    assert (report.created, report.updated, report.unchanged) == ([], [2], [3])
    assert stored()[("2024-03", "SH_MOTTAKERE")] == (Cell.of(41), "", "file")
    assert ValueVersion.objects.filter(figure_id="SH_MOTTAKERE", period="2024-03-01").count() == 2


def test_valid_only_writes_the_good_lines(people: People) -> None:
    report = run(csv_bytes(*BAD_FILE), valid_only=True)

    assert set(refused(report)) == {3, 4}
    assert report.written
    assert report.created == [2, 5, 6, 7, 8, 9]
    assert ("2024-03", "SH_BARN") not in stored()
    assert ("2024-03", "SH_HOVEDKILDE") not in stored()
    assert len(stored()) == 6


def test_valid_only_checks_again_without_the_refused_lines(people: People) -> None:
    register_values(
        entries=[
            Entry(GRUNERLOKKA, MARCH, "SH_MOTTAKERE", Cell.of(8)),
            Entry(GRUNERLOKKA, MARCH, "SH_UNDER30", Cell.of(5)),
        ],
        user=None,
        source=Source.TYPED,
        now=NOW,
    )
    # Under 25 (7) is fine beside the file's under 30 (25), but that line is
    # refused (25 > 20 recipients), and then 7 is more than the stored 5.
    report = run(
        csv_bytes(
            "2024-03,030102,SH_MOTTAKERE,20,",
            "2024-03,030102,SH_UNDER30,25,",
            "2024-03,030102,SH_UNDER25,7,",
        ),
        valid_only=True,
    )

    assert refused(report) == {
        3: "verdien «25» for SH_UNDER30: Kan ikke være større enn antall mottakere (20).",
        4: "verdien «7» for SH_UNDER25: Kan ikke være større enn mottakere under 30 år (5).",
    }
    assert report.updated == [2]
    assert stored()[("2024-03", "SH_MOTTAKERE")][0] == Cell.of(20)
    assert stored()[("2024-03", "SH_UNDER30")][0] == Cell.of(5)


def test_a_total_below_a_stored_sub_count_is_refused(people: People) -> None:
    register_values(
        entries=[
            Entry(GRUNERLOKKA, MARCH, "SH_MOTTAKERE", Cell.of(30)),
            Entry(GRUNERLOKKA, MARCH, "SH_BARN", Cell.of(20)),
        ],
        user=None,
        source=Source.TYPED,
        now=NOW,
    )
    report = run(csv_bytes("2024-03,030102,SH_MOTTAKERE,10,"))

    assert refused(report) == {
        2: "verdien «10» for SH_MOTTAKERE: da blir den lagrede verdien «20» for SH_BARN i "
        "2024-03 feil. Kan ikke være større enn antall mottakere (10)."
    }
    assert stored()[("2024-03", "SH_MOTTAKERE")][0] == Cell.of(30)


def test_a_dry_run_writes_nothing_but_says_what_would_happen(people: People) -> None:
    run(csv_bytes(*GOOD_LINES[:2]))
    lines = ["2024-03,030102,SH_MOTTAKERE,41,", GOOD_LINES[1], GOOD_LINES[2]]
    report = run(csv_bytes(*lines), dry_run=True)

    assert (report.created, report.updated, report.unchanged) == ([4], [2], [3])
    assert not report.written and report.batch_id is None
    assert ValueVersion.objects.count() == 2
    assert ImportBatch.objects.count() == 1
    assert report.summary()[-1] == "Prøvekjøring: ingenting ble lagret."


def test_an_empty_value_without_a_comment_where_nothing_is_stored_is_unchanged(
    people: People,
) -> None:
    report = run(csv_bytes("2024-03,030102,SH_LANGTID,,", "2024-03,030102,SH_BARN,,ikke hentet"))

    assert (report.created, report.unchanged) == ([3], [2])
    assert stored() == {("2024-03", "SH_BARN"): (EMPTY, "ikke hentet", "file")}


def test_the_files_comment_replaces_the_stored_one_unless_the_column_is_missing(
    people: People,
) -> None:
    run(csv_bytes("2024-03,030102,SH_MOTTAKERE,40,fra fagsystemet"))

    same = run(csv_bytes("2024-03,030102,SH_MOTTAKERE,40", header="period,area,code,value"))
    assert same.unchanged == [2]
    assert stored()[("2024-03", "SH_MOTTAKERE")][1] == "fra fagsystemet"

    cleared = run(csv_bytes("2024-03,030102,SH_MOTTAKERE,40,"))
    assert cleared.updated == [2]
    assert stored()[("2024-03", "SH_MOTTAKERE")][1] == ""


def test_areas_months_and_codes_are_checked(people: People) -> None:
    report = run(
        csv_bytes(
            "2024-03,9999,SH_MOTTAKERE,40,",
            "2024-06,030102,SH_MOTTAKERE,40,",
            "2021-12,030102,SH_MOTTAKERE,40,",
            "2024-03,030102,SH_ELDRE,40,",
            "2022-01,030102,SH_MOTTAKERE,40,",
        )
    )

    assert refused(report) == {
        2: "området «9999» finnes ikke i regionregisteret.",
        3: "perioden 2024-06 er ikke åpen for registrering: bare fra 2022-01 til og med "
        "siste avsluttede måned (2024-05).",
        4: "perioden 2021-12 er ikke åpen for registrering: bare fra 2022-01 til og med "
        "siste avsluttede måned (2024-05).",
        5: "nøkkeltallet «SH_ELDRE» finnes ikke eller er ikke i bruk.",
    }
    assert report.created == [6]


def test_a_leader_may_only_import_for_the_offices_areas(people: People) -> None:
    report = run(
        csv_bytes("2024-03,030102,SH_MOTTAKERE,40,", "2024-03,3320,SH_MOTTAKERE,12,"),
        user=people.alice,
    )

    assert refused(report) == {
        3: "Du har ikke tilgang til område 3320 Flå og kan ikke registrere tall for det."
    }
    assert ValueVersion.objects.count() == 0


def test_semicolons_and_latin_1_as_norwegian_excel_saves(people: People) -> None:
    text = "period;area;code;value;comment\n2024-03;3320;SH_MOTTAKERE;1 234;Økt etter nyttår\n"
    report = run(text.encode("iso-8859-1"))

    assert report.created == [2]
    assert stored(FLA) == {("2024-03", "SH_MOTTAKERE"): (Cell.of(1234), "Økt etter nyttår", "file")}


def test_an_excel_file_imports(people: People) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["period", "area", "code", "value", "comment"])
    sheet.append(["2024-03", "030102", "SH_MOTTAKERE", 40, None])
    sheet.append(["2024-03", "030102", "SH_BARN", 12.0, "fra Excel"])
    sheet.append(["2024-03", "030102", "SH_UNDER30", ".", None])
    buffer = io.BytesIO()
    workbook.save(buffer)

    report = run(buffer.getvalue(), filename="mars.xlsx")

    assert report.created == [2, 3, 4]
    assert stored() == {
        ("2024-03", "SH_MOTTAKERE"): (Cell.of(40), "", "file"),
        ("2024-03", "SH_BARN"): (Cell.of(12), "fra Excel", "file"),
        ("2024-03", "SH_UNDER30"): (DOTTED, "", "file"),
    }


def test_a_file_with_a_wrong_header_is_rejected_as_a_whole(people: People) -> None:
    with pytest.raises(FileRejected) as caught:
        run(csv_bytes("2024-03,030102,SH_MOTTAKERE,40", header="periode,area,code,value"))
    assert "mangler kolonnen «period»" in caught.value.report()


# The command, as the Directorate or an office leader runs it.


def write(tmp_path: Path, *lines: str, name: str = "tall.csv") -> str:
    path = tmp_path / name
    path.write_bytes(csv_bytes(*lines))
    return str(path)


def command(*args: str) -> str:
    out = io.StringIO()
    try:
        call_command("import-values", *args, stdout=out)
    except CommandError as error:
        raise CommandFailed(out.getvalue(), str(error)) from error
    return out.getvalue()


class CommandFailed(Exception):
    def __init__(self, output: str, error: str) -> None:
        super().__init__(error)
        self.output, self.error = output, error


def test_the_command_prints_the_report_and_fails_on_refused_lines(
    people: People, tmp_path: Path
) -> None:
    with pytest.raises(CommandFailed) as caught:
        command(write(tmp_path, *BAD_FILE))

    output = caught.value.output.splitlines()
    assert output[1:6] == [
        "Nye verdier: 6",
        "Endrede verdier: 0",
        "Uendrede verdier: 0",
        "Avviste linjer: 2",
        "Linje 3: verdien «2» for SH_BARN: Færre enn 4 tilfeller skal ikke oppgis som tall. "
        "Skriv en prikk (.) i stedet for 2.",
    ]
    assert output[6].startswith("Linje 4: verdien «45» for SH_HOVEDKILDE")
    assert caught.value.error == "2 linjer ble avvist."
    assert ValueVersion.objects.count() == 0


def test_the_command_with_valid_only_writes_and_still_fails(people: People, tmp_path: Path) -> None:
    with pytest.raises(CommandFailed) as caught:
        command(write(tmp_path, *BAD_FILE), "--valid-only")

    assert "Nye verdier: 6" in caught.value.output
    assert ValueVersion.objects.count() == 6


def test_the_command_dry_run_writes_nothing(people: People, tmp_path: Path) -> None:
    output = command(write(tmp_path, *GOOD_LINES), "--dry-run")

    assert "Nye verdier: 6" in output
    assert "Prøvekjøring: ingenting ble lagret." in output
    assert ValueVersion.objects.count() == 0


def test_the_command_as_a_leader_refuses_another_offices_areas(
    people: People, tmp_path: Path
) -> None:
    path = write(tmp_path, "2024-03,030102,SH_MOTTAKERE,40,", "2024-03,030101,SH_MOTTAKERE,12,")
    with pytest.raises(CommandFailed) as caught:
        command(path, "--as-user", "alice")

    assert (
        "Linje 3: Du har ikke tilgang til område 030101 Gamle Oslo og kan ikke registrere "
        "tall for det." in caught.value.output
    )
    assert ValueVersion.objects.count() == 0
    # The same file, imported by the Grünerløkka leader's own lines only.
    output = command(write(tmp_path, "2024-03,030102,SH_MOTTAKERE,40,"), "--as-user", "alice")
    assert "Nye verdier: 1" in output
    assert ValueVersion.objects.get().recorded_by.username == "alice"  # type: ignore[union-attr]


def test_the_command_names_a_file_it_cannot_read(people: People, tmp_path: Path) -> None:
    with pytest.raises(CommandFailed) as caught:
        command(str(tmp_path / "finnes-ikke.csv"))
    assert "Kan ikke lese filen" in caught.value.error
