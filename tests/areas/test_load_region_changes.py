"""`malekort load-region-changes PATH`: replaces the years in the file; bad files write nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from malekort.areas.models import Region, RegionChange

SSB_DIR = Path("/work/shared/data/ssb")
HEADER = "year,original_code,current_code,weight"
pytestmark = pytest.mark.django_db


@pytest.fixture
def counties(db: None) -> None:
    nation = Region.objects.create(code="0", level="nation", name="Norge")
    for code, name in [("15", "Møre og Romsdal"), ("31", "Østfold"), ("32", "Akershus"),
                       ("33", "Buskerud"), ("50", "Trøndelag")]:
        Region.objects.create(code=code, level="fylke", name=name, parent=nation)


def write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "endringer.csv"
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def stored() -> set[tuple[int, str, str, float]]:
    return {
        (c.year, c.original_code, c.current_code, round(c.weight, 4))
        for c in RegionChange.objects.all()
    }


def test_changes_replace_those_of_the_same_years(counties: None, tmp_path: Path) -> None:
    RegionChange.objects.create(year=2022, original_code="30", current_code="31", weight=1)
    RegionChange.objects.create(year=2019, original_code="30", current_code="31", weight=1)
    call_command("load-region-changes", str(write(
        tmp_path, "2022,30,31,0.24", "2022,30,32,0.553", "2022,30,33,0.207", "2018,15,50,0.0135"
    )))
    assert stored() == {
        (2019, "30", "31", 1.0),
        (2022, "30", "31", 0.24), (2022, "30", "32", 0.553), (2022, "30", "33", 0.207),
        (2018, "15", "50", 0.0135), (2018, "15", "15", 0.9865),
    }


def test_a_bad_file_writes_nothing(
    counties: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(CommandError, match="Ingenting er lagret"):
        call_command("load-region-changes", str(write(
            tmp_path, "2022,30,31,0.24", "2022,30,32,0.5", "2022,3001,3101,1"
        )))
    assert RegionChange.objects.count() == 0
    err = capsys.readouterr().err
    assert "Linje 2: vektene for 30 i 2022 (linje 2, 3) summerer til 0,74" in err
    assert "Linje 4: den gjeldende koden 3101 finnes ikke i regiontabellen" in err


@pytest.mark.skipif(not SSB_DIR.exists(), reason="SSB's files are not on this machine")
def test_the_real_file_loads_with_the_rest_of_areas_that_kept_their_code() -> None:
    call_command("load-regions", str(SSB_DIR / "regions-2024.csv"))
    call_command("load-region-changes", str(SSB_DIR / "region-changes.csv"))
    assert RegionChange.objects.filter(year=2022, original_code="3001").get().current_code == "3101"
    # Møre og Romsdal lost a little to Trøndelag in 2018 and kept the rest.
    weights = dict(
        RegionChange.objects.filter(year=2018, original_code="15")
        .values_list("current_code", "weight")
    )
    assert set(weights) == {"15", "50"}
    assert sum(weights.values()) == pytest.approx(1)
