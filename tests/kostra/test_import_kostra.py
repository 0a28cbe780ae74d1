"""`malekort import-kostra`: figures stored through register_values with the file as source, all or nothing per file."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from kostra_files import municipality_file, oslo_file, qualification_file

from malekort.areas.models import Office, Region, ServiceArea
from malekort.domain.cells import Cell
from malekort.domain.periods import Period
from malekort.figures.actions import Entry, register_values
from malekort.figures.models import Source, ValueVersion
from malekort.kostra.imports import stored_source_of
from malekort.kostra.models import KostraImport

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("import-kostra", *args, stdout=out)
    return out.getvalue()


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def current(area: str, period: Period, figure: str) -> ValueVersion:
    return ValueVersion.objects.get(area_id=area, period=period.first_day, figure_id=figure, superseded_at=None)


def test_a_file_is_stored_with_its_source_and_an_import_record(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "0301_11F_2025.dat", oslo_file("01", "02"))
    output = run(path, "--through", "2025-04")
    assert "030102 Grünerløkka" in output and "Lagret:" in output
    january = Period(2025, 1)
    assert current("030102", january, "SH_MOTTAKERE").cell == Cell.of(7)
    assert current("030102", january, "SH_HOVEDKILDE").cell == Cell.of(4)
    # Three with children: a dot, and so is nothing else.
    assert current("030102", january, "SH_BARN").cell.is_dot
    assert current("030102", january, "SH_KRONER").cell == Cell.of(15000)
    assert current("030102", Period(2025, 4), "SH_MOTTAKERE").cell == Cell.of(0)
    assert stored_source_of("030102", january, "SH_MOTTAKERE") == "KOSTRA 11F 2025"
    # Without the 2024 file SH_LANGTID is not computed for January–November: nothing stored.
    assert not ValueVersion.objects.filter(figure_id="SH_LANGTID").exists()
    record = KostraImport.objects.get()
    assert (record.form, record.year, record.line_count, record.person_count, record.area_count) == (
        "11F", 2025, 14, 14, 2
    )
    assert len(record.sha256) == 64 and record.imported_by is None
    assert record.batch.filename == "0301_11F_2025.dat"
    assert current("030102", january, "SH_MOTTAKERE").batch == record.batch


def test_dry_run_stores_nothing_and_lists_what_would_change(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    january = Period(2025, 1)
    register_values(
        entries=[Entry("030102", january, "SH_MOTTAKERE", Cell.of(10))], user=world.alice, source=Source.TYPED
    )
    output = run(write(tmp_path, "a.dat", oslo_file("02")), "--dry-run", "--through", "2025-03")
    assert "030102 2025-01 SH_MOTTAKERE: 10 (Registrert i skjema) → 7" in output
    assert "Prøvekjøring" in output
    assert ValueVersion.objects.count() == 1 and not KostraImport.objects.exists()
    run(write(tmp_path, "a.dat", oslo_file("02")), "--through", "2025-03")
    history = ValueVersion.objects.filter(area_id="030102", period=january.first_day, figure_id="SH_MOTTAKERE")
    assert sorted(v.get_source_display() for v in history) == ["KOSTRA 11F 2025", "Registrert i skjema"]


def test_a_leader_may_import_only_their_own_areas(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    both = write(tmp_path, "both.dat", oslo_file("01", "02"))
    with pytest.raises(CommandError, match=r"Avvist: both\.dat"):
        run(both, "--as-user", "alice", "--through", "2025-03")
    assert not ValueVersion.objects.exists()
    own = write(tmp_path, "own.dat", oslo_file("02"))
    run(own, "--as-user", "alice", "--through", "2025-03")
    assert {v.area_id for v in ValueVersion.objects.all()} == {"030102"}
    assert KostraImport.objects.get().imported_by == world.alice


def test_refused_lines_store_nothing_and_name_line_and_field(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    lines = oslo_file("01").decode("iso-8859-1").splitlines()
    lines[2] = lines[2][:4] + "24" + lines[2][6:]
    path = write(tmp_path, "bad.dat", "\n".join(lines).encode("iso-8859-1"))
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import-kostra", path, "--through", "2025-03", stdout=out)
    assert "AVVIST: Linje 3: VERSION «24» skal være «25» (rapporteringsår 2025)." in out.getvalue()
    assert not ValueVersion.objects.exists()


def test_files_of_two_years_in_any_order_give_long_term_recipients(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    this_year = write(tmp_path, "2025.dat", oslo_file("02", months=frozenset({1, 2, 3})))
    last_year = write(tmp_path, "2024.dat", oslo_file("02", year=2024, months=frozenset({10, 11, 12})))
    kvp = write(tmp_path, "kvp.dat", qualification_file("02"))
    run(this_year, kvp, last_year, "--through", "2025-03")
    # Four with VKLO 5 and six months out of twelve by March.
    assert current("030102", Period(2025, 3), "SH_LANGTID").cell == Cell.of(4)
    assert current("030102", Period(2025, 2), "SH_LANGTID").cell == Cell.of(0)
    assert current("030102", Period(2024, 12), "SH_MOTTAKERE").cell == Cell.of(7)
    assert current("030102", Period(2025, 3), "KVP_DELTAKERE").cell == Cell.of(4)
    assert stored_source_of("030102", Period(2025, 3), "KVP_DELTAKERE") == "KOSTRA 11CF 2025"
    assert KostraImport.objects.count() == 3


def test_a_municipality_registering_per_district_is_refused(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bergen = Region.objects.create(code="4601", level="kommune", name="Bergen", parent_id="0")
    Region.objects.create(code="460101", level="bydel", name="Arna", parent=bergen)
    ServiceArea.objects.create(office=Office.objects.create(code="1201", name="Nav Arna"), area_id="460101")
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import-kostra", write(tmp_path, "b.dat", municipality_file("4601", year=2025)),
                     "--through", "2025-03", stdout=out)
    assert "Bergen (4601) registrerer nøkkeltallene per bydel" in out.getvalue()
    assert not ValueVersion.objects.exists()


def test_a_2023_file_is_stored_on_the_codes_then_in_use(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    Region.objects.create(code="3005", level="kommune", name="Drammen", parent_id="33", valid_to=date(2023, 12, 31))
    run(write(tmp_path, "drammen.dat", municipality_file("3005", year=2023, people=6)))
    assert current("3005", Period(2023, 1), "SH_MOTTAKERE").cell == Cell.of(6)
    assert current("3005", Period(2023, 12), "SH_MOTTAKERE").cell == Cell.of(0)
    assert stored_source_of("3005", Period(2023, 1), "SH_MOTTAKERE") == "KOSTRA 11F 2023"
    # The code is not in use in 2025.
    with pytest.raises(CommandError):
        run(write(tmp_path, "d25.dat", municipality_file("3005", year=2025)), "--through", "2025-02")
