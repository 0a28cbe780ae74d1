"""Where the demo's regions and population come from: SSB's files when present, else the sample."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from django.db.models import Sum
from pytest_django.fixtures import Settings

from malekort.areas.loaders import load_default_offices
from malekort.areas.models import Population, Region, RegionChange, ServiceArea
from malekort.demo.sources import load_reference_data

pytestmark = pytest.mark.django_db


def adults(code: str, year: int = 2024) -> int:
    rows = Population.objects.filter(region_id=code, year=year, age__gte=18, age__lte=66)
    total: int = rows.aggregate(n=Sum("population"))["n"]
    return total


def write_ssb_files(folder: Path) -> None:
    folder.mkdir(parents=True)
    (folder / "regions-2024.csv").write_text(
        "code,level,name,parent_code\n0,nation,Norge,\n31,fylke,Østfold,0\n"
        "3101,kommune,Halden,31\n", encoding="utf-8",
    )
    (folder / "region-changes.csv").write_text(
        "year,original_code,current_code,weight\n2022,30,31,1.0\n2022,3001,3101,1.0\n",
        encoding="utf-8",
    )
    (folder / "population-by-age.csv.gz").write_bytes(gzip.compress(
        b"year,region_code,age,population\n2021,3101,30,390\n2022,3101,30,400\n"
        b"2022,2111,30,20\n"
    ))


def test_ssb_files_in_malekort_ssb_dir_are_used_from_2022(
    settings: Settings, tmp_path: Path
) -> None:
    write_ssb_files(tmp_path / "ssb")
    settings.MALEKORT_SSB_DIR = str(tmp_path / "ssb")
    source = load_reference_data(stdout=io.StringIO())
    assert source == f"SSB-filer i {tmp_path / 'ssb'}"
    assert Region.objects.count() == 3
    assert RegionChange.objects.count() == 2
    assert set(Population.objects.values_list("region_id", "year", "population")) == {
        ("3101", 2022, 400)
    }


def test_ssb_files_beside_the_project_are_found(settings: Settings, tmp_path: Path) -> None:
    write_ssb_files(tmp_path / "shared" / "data" / "ssb")
    settings.MALEKORT_SSB_DIR = ""
    settings.PROJECT_DIR = tmp_path / "main"
    assert load_reference_data(stdout=io.StringIO()).startswith("SSB-filer i ")


def test_without_ssb_files_the_fictional_sample_is_loaded(
    settings: Settings, tmp_path: Path
) -> None:
    settings.MALEKORT_SSB_DIR = str(tmp_path / "finnes-ikke")
    out = io.StringIO()
    assert load_reference_data(stdout=out) == "innebygd fiktivt utvalg"
    assert "Fant ikke regions-2024.csv" in out.getvalue()
    assert Region.objects.get(code="030102").parent_id == "0301"
    # Hand-worked from the sample's bands: 7 × 9,000 + 5 × 13,000 + 15 × 12,000 + 22 × 8,000.
    assert adults("0301") == 484_000
    assert adults("03") == adults("0301")
    assert adults("0") == sum(adults(k) for k in Region.objects.filter(level="kommune")
                              .values_list("code", flat=True))
    assert set(Population.objects.values_list("year", flat=True)) == {2022, 2023, 2024, 2025, 2026}

    load_default_offices()
    hallingdal = ServiceArea.objects.filter(office_id="H3320").values_list("area_id", flat=True)
    assert sorted(hallingdal) == ["3320", "3322", "3324", "3326", "3328", "3330"]
    assert ServiceArea.objects.filter(office__name="Nav Grünerløkka", area_id="030102").exists()
