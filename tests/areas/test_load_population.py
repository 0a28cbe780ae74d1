"""`malekort load-population PATH [--from-year Y]`: in bulk, unknown regions skipped and counted."""

from __future__ import annotations

import gzip
from pathlib import Path

import polars as pl
import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum

from malekort.areas.loaders import load_population
from malekort.areas.models import Population, Region
from malekort.domain.files.population import PopulationTable, read_population

SSB_DIR = Path("/work/shared/data/ssb")
HEADER = "year,region_code,age,population"
pytestmark = pytest.mark.django_db


@pytest.fixture
def oslo(db: None) -> None:
    nation = Region.objects.create(code="0", level="nation", name="Norge")
    fylke = Region.objects.create(code="03", level="fylke", name="Oslo", parent=nation)
    Region.objects.create(code="0301", level="kommune", name="Oslo", parent=fylke)


def write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "folkemengde.csv.gz"
    path.write_bytes(gzip.compress(("\n".join([HEADER, *lines]) + "\n").encode()))
    return path


def stored() -> set[tuple[str, int, int, int]]:
    return set(Population.objects.values_list("region_id", "year", "age", "population"))


def test_population_is_loaded_and_unknown_regions_are_counted(
    oslo: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "2021,0301,18,8900", "2022,0301,18,9000", "2022,0301,19,9100",
                 "2022,2111,18,20", "2023,0301,18,9200")
    call_command("load-population", str(path), "--from-year", "2022")
    assert stored() == {("0301", 2022, 18, 9000), ("0301", 2022, 19, 9100),
                        ("0301", 2023, 18, 9200)}
    out = capsys.readouterr().out
    assert "Folkemengde for 2022–2023: 3 rader for 1 regioner." in out
    assert "Hoppet over 1 rader for 1 regioner som ikke er i regiontabellen: 2111." in out


def test_a_new_load_replaces_its_years_and_regions_only(oslo: None, tmp_path: Path) -> None:
    call_command("load-population", str(write(
        tmp_path, "2022,0301,18,9000", "2022,0301,19,9100", "2022,03,18,9000", "2023,0301,18,9200"
    )))
    call_command("load-population", str(write(tmp_path, "2022,0301,18,9001")))
    assert stored() == {("0301", 2022, 18, 9001), ("03", 2022, 18, 9000),
                        ("0301", 2023, 18, 9200)}


def test_a_bad_file_writes_nothing(
    oslo: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(CommandError, match="Ingenting er lagret"):
        call_command("load-population", str(write(tmp_path, "2022,0301,18,9000", "2022,0301,x,1")))
    assert Population.objects.count() == 0
    assert "Linje 3: alderen «x» er ikke et helt antall år (0–130)" in capsys.readouterr().err


@pytest.mark.skipif(not SSB_DIR.exists(), reason="SSB's files are not on this machine")
def test_the_real_file_gives_oslo_502_900_adults_in_2024() -> None:
    call_command("load-regions", str(SSB_DIR / "regions-2024.csv"))
    table = read_population(SSB_DIR / "population-by-age.csv.gz", from_year=2024)
    result = load_population(table=PopulationTable(table.frame.filter(pl.col("year") == 2024)))
    assert (result.years, result.regions, result.skipped_rows) == ((2024,), 411, 0)
    adults = Population.objects.filter(region_id="0301", year=2024, age__gte=18, age__lte=66)
    assert adults.aggregate(n=Sum("population"))["n"] == 502_900
    kommuner = Population.objects.filter(year=2024, region__level="kommune")
    assert kommuner.aggregate(n=Sum("population"))["n"] == 5_550_203
