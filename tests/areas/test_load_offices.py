"""`malekort load-offices`: offices from a file or the demo's default set, one office per area."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from malekort.areas.models import Office, Region, ServiceArea

SSB_DIR = Path("/work/shared/data/ssb")
HEADER = "office_code,office_name,area_code"
HALLINGDAL = ["3320", "3322", "3324", "3326", "3328", "3330"]
pytestmark = pytest.mark.django_db


@pytest.fixture
def regions(db: None) -> None:
    nation = Region.objects.create(code="0", level="nation", name="Norge")
    oslo_f = Region.objects.create(code="03", level="fylke", name="Oslo", parent=nation)
    oslo = Region.objects.create(code="0301", level="kommune", name="Oslo", parent=oslo_f)
    for code, name in [("030101", "Gamle Oslo"), ("030102", "Grünerløkka"), ("030116", "Sentrum")]:
        Region.objects.create(code=code, level="bydel", name=name, parent=oslo)
    buskerud = Region.objects.create(code="33", level="fylke", name="Buskerud", parent=nation)
    for code, name in [("3301", "Drammen"), ("3320", "Flå"), ("3322", "Nesbyen"), ("3324", "Gol"),
                       ("3326", "Hemsedal"), ("3328", "Ål"), ("3330", "Hol")]:
        Region.objects.create(code=code, level="kommune", name=name, parent=buskerud)


def write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "kontorer.csv"
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def served() -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for office, area in ServiceArea.objects.order_by("area_id").values_list("office_id", "area_id"):
        result.setdefault(office, []).append(area)
    return result


def test_offices_from_a_file(regions: None, tmp_path: Path) -> None:
    call_command("load-offices", str(write(
        tmp_path, "H3320,Nav Hallingdal,3320", "H3320,Nav Hallingdal,3324", "3301,Nav Drammen,3301"
    )))
    assert served() == {"H3320": ["3320", "3324"], "3301": ["3301"]}
    assert Office.objects.get(code="H3320").name == "Nav Hallingdal"


def test_loading_again_renames_and_sets_exactly_the_areas_in_the_file(
    regions: None, tmp_path: Path
) -> None:
    call_command("load-offices", str(write(
        tmp_path, "H3320,Nav Hallingdal,3320", "H3320,Nav Hallingdal,3324"
    )))
    call_command("load-offices", str(write(
        tmp_path, "H3320,NAV Hallingdal,3324", "H3320,NAV Hallingdal,3330"
    )))
    assert served() == {"H3320": ["3324", "3330"]}
    assert Office.objects.get().name == "NAV Hallingdal"


def test_unknown_areas_are_refused_and_nothing_written(
    regions: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(CommandError, match="Ingenting er lagret"):
        call_command("load-offices", str(write(
            tmp_path, "3301,Nav Drammen,3301", "4204,Nav Kristiansand,4204"
        )))
    assert Office.objects.count() == 0
    assert "Linje 3: området 4204 finnes ikke i regiontabellen" in capsys.readouterr().err


def test_an_area_served_by_an_office_not_in_the_file_is_refused(
    regions: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("load-offices", str(write(tmp_path, "3324,Nav Gol,3324")))
    with pytest.raises(CommandError, match="Ingenting er lagret"):
        call_command("load-offices", str(write(
            tmp_path, "H3320,Nav Hallingdal,3320", "H3320,Nav Hallingdal,3324"
        )))
    assert served() == {"3324": ["3324"]}
    assert (
        "Linje 3: området 3324 betjenes allerede av Nav Gol (3324), som ikke står i filen"
        in capsys.readouterr().err
    )


def test_the_default_offices(regions: None) -> None:
    call_command("load-offices", "--default")
    assert served() == {
        "030101": ["030101"], "030102": ["030102"], "3301": ["3301"], "H3320": HALLINGDAL,
    }
    assert dict(Office.objects.values_list("code", "name")) == {
        "030101": "Nav Gamle Oslo", "030102": "Nav Grünerløkka", "3301": "Nav Drammen",
        "H3320": "Nav Hallingdal",
    }
    call_command("load-offices", "--default")  # loading twice changes nothing
    assert Office.objects.count() == 4


@pytest.mark.skipif(not SSB_DIR.exists(), reason="SSB's files are not on this machine")
def test_the_default_offices_on_the_real_regions() -> None:
    call_command("load-regions", str(SSB_DIR / "regions-2024.csv"))
    call_command("load-offices", "--default")
    offices = served()
    assert offices["H3320"] == HALLINGDAL
    assert sum(HALLINGDAL[0] in areas or "3330" in areas for areas in offices.values()) == 1
    oslo = {code for code in offices if code.startswith("0301")}
    assert len(oslo) == 15
    assert not {"0301", "030116", "030117", "4601", "5001"} & set(offices)
    assert len([code for code in offices if code.startswith("4601")]) == 8
    assert len([code for code in offices if code.startswith("5001")]) == 4
    assert offices["1103"] == ["1103"]
    assert Office.objects.get(code="030102").name == "Nav Grünerløkka"
    assert Office.objects.get(code="5610").name == "Nav Karasjok"
    assert Office.objects.count() == 376  # 357 kommuner - 3 cities - 6 in Hallingdal + 27 + 1


def test_a_path_or_default_is_required() -> None:
    with pytest.raises(CommandError, match="enten en fil eller --default"):
        call_command("load-offices")
