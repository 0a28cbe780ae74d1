"""`malekort load-regions PATH`: regions upserted parents first; a bad file writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from malekort.areas.models import Region

SSB_DIR = Path("/work/shared/data/ssb")
HEADER = "code,level,name,parent_code"
pytestmark = pytest.mark.django_db


def write(tmp_path: Path, *lines: str, name: str = "regioner.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def test_regions_are_created_children_before_parents_in_the_file(tmp_path: Path) -> None:
    path = write(
        tmp_path, "030102,bydel,Grünerløkka,0301", "0301,kommune,Oslo,03", "03,fylke,Oslo,0",
        "0,nation,Norge,",
    )
    call_command("load-regions", str(path))
    grunerlokka = Region.objects.get(code="030102")
    assert grunerlokka.parent is not None and grunerlokka.parent.parent_id == "03"
    assert str(grunerlokka.valid_from) == "2024-01-01"


def test_loading_again_updates_names_and_keeps_other_regions(tmp_path: Path) -> None:
    call_command("load-regions", str(write(tmp_path, "0,nation,Norge,", "03,fylke,Oslo,0",
                                           "42,fylke,Agder,0")))
    call_command("load-regions", str(write(tmp_path, "03,fylke,Oslo-Oslove,0", name="ny.csv")))
    # The Norwegian name is shown everywhere; SSB's own is kept beside it.
    assert dict(Region.objects.values_list("code", "name")) == {
        "0": "Norge", "03": "Oslo", "42": "Agder"
    }
    assert Region.objects.get(code="03").ssb_name == "Oslo-Oslove"


def test_a_bad_file_writes_nothing_and_lists_every_refused_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "0,nation,Norge,", "03,fylke,Oslo,0", "0301,fylke,Oslo,03",
                 "4204,kommune,Kristiansand,42")
    with pytest.raises(CommandError, match="Ingenting er lagret"):
        call_command("load-regions", str(path))
    assert Region.objects.count() == 0
    err = capsys.readouterr().err
    assert "Linje 4: koden 0301 er kommune, ikke fylke" in err
    assert "Linje 5: overordnet kode 42 finnes verken i filen eller i regiontabellen" in err


def test_a_parent_already_in_the_table_is_enough(tmp_path: Path) -> None:
    call_command("load-regions", str(write(tmp_path, "0,nation,Norge,", "42,fylke,Agder,0")))
    call_command("load-regions", str(write(tmp_path, "4204,kommune,Kristiansand,42", name="k.csv")))
    assert Region.objects.get(code="4204").parent_id == "42"


def test_a_path_or_from_ssb_is_required() -> None:
    with pytest.raises(CommandError, match="enten en fil eller --from-ssb"):
        call_command("load-regions")


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="avvist"):
        call_command("load-regions", str(tmp_path / "finnes-ikke.csv"))


@pytest.mark.skipif(not SSB_DIR.exists(), reason="SSB's files are not on this machine")
def test_the_real_regions_file_of_2024() -> None:
    call_command("load-regions", str(SSB_DIR / "regions-2024.csv"))
    assert Region.objects.count() == 411
    assert Region.objects.get(code="0301").parent_id == "03"
    assert Region.objects.get(code="030102").parent_id == "0301"
    assert Region.objects.filter(level="kommune").count() == 357
    assert Region.objects.filter(level="bydel").count() == 38
