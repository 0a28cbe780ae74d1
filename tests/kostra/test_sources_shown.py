"""The source of a value is named wherever it is shown: KOSTRA files by form and year, Arena loads."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from kostra_files import oslo_file

from malekort.domain.cells import Cell
from malekort.domain.periods import Period
from malekort.figures.actions import Entry, register_values
from malekort.figures.models import Source, ValueVersion

pytestmark = pytest.mark.django_db
MARCH = Period(2025, 3)


@pytest.fixture(autouse=True)
def today():  # type: ignore[no-untyped-def]
    with mock.patch("malekort.scorecard.views.timezone.localdate", return_value=date(2025, 4, 20)):
        yield


def arena_file(tmp_path: Path, value: int) -> str:
    path = tmp_path / "arena.csv"
    path.write_text(f"period,area,code,value,comment\n2025-03,030102,KVP_DELTAKERE,{value},\n", encoding="utf-8")
    return str(path)


def test_an_arena_load_is_recorded_as_arena_and_the_history_shows_both_sources(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    register_values(entries=[Entry("030102", MARCH, "KVP_DELTAKERE", Cell.of(5))], user=world.alice,
                    source=Source.TYPED)
    call_command("import-values", arena_file(tmp_path, 6), "--source", "arena", stdout=io.StringIO())
    versions = ValueVersion.objects.filter(area_id="030102", figure_id="KVP_DELTAKERE").order_by("recorded_at")
    assert [(v.get_source_display(), v.number) for v in versions] == [("Registrert i skjema", 5), ("Arena", 6)]
    client = Client()
    client.force_login(world.alice)
    history = client.get("/kontor/030102/2025-03/historikk/030102/KVP_DELTAKERE/").content.decode()
    assert "Registrert i skjema" in history and "Arena" in history
    detail = client.get("/malekort/kontor/030102/B.151/?periode=2025-03").content.decode()
    assert "kilde: Arena" in detail


def test_only_the_directorate_loads_from_arena(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CommandError, match="Bare direktoratet"):
        call_command("import-values", arena_file(tmp_path, 6), "--source", "arena", "--as-user", "alice",
                     stdout=io.StringIO())
    call_command("import-values", arena_file(tmp_path, 6), "--source", "arena", "--as-user", "dina",
                 stdout=io.StringIO())
    assert ValueVersion.objects.get().get_source_display() == "Arena"


def test_the_scorecard_names_the_kostra_file_a_number_came_from(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "11F.dat"
    path.write_bytes(oslo_file("02"))
    call_command("import-kostra", str(path), "--through", "2025-03", stdout=io.StringIO())
    client = Client()
    client.force_login(world.alice)
    detail = client.get("/malekort/kontor/030102/B.104/?periode=2025-03").content.decode()
    assert "kilde: KOSTRA 11F 2025" in detail
    history = client.get("/kontor/030102/2025-03/historikk/030102/SH_MOTTAKERE/").content.decode()
    assert "KOSTRA 11F 2025 (11F.dat)" in history


def test_the_directorate_loads_from_arena_on_the_upload_page(world) -> None:  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    csv = b"period,area,code,value,comment\n2025-03,030102,KVP_DELTAKERE,6,\n"
    for user, expected in ((world.alice, "Fil"), (world.dina, "Arena")):
        ValueVersion.objects.all().delete()
        client = Client()
        client.force_login(user)
        page = client.get("/import/").content.decode()
        assert ("Tallene er hentet fra Arena" in page) == (user == world.dina)
        checked = client.post("/import/", {
            "action": "check", "from_arena": "on", "file": SimpleUploadedFile("arena.csv", csv),
        })
        assert checked.status_code == 200
        client.post("/import/", {"action": "import", "token": checked.context["token"], "from_arena": "on"})
        assert ValueVersion.objects.get().get_source_display() == expected
