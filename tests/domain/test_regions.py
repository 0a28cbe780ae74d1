"""SSB region codes: level and parents from the code; Norwegian names of multilingual regions."""

import csv
from pathlib import Path

import pytest

from malekort.domain.regions import (
    NATION_CODE,
    OTHER_LANGUAGE_NAMES,
    Level,
    fylke_code,
    is_region_code,
    level_of,
    lies_within,
    norwegian_name,
    parent_code,
)


@pytest.mark.parametrize(
    ("code", "level"),
    [
        ("0", Level.NATION),
        ("03", Level.FYLKE),
        ("33", Level.FYLKE),
        ("0301", Level.KOMMUNE),
        ("3324", Level.KOMMUNE),
        ("030102", Level.BYDEL),
        ("460105", Level.BYDEL),
    ],
)
def test_level_of(code: str, level: Level) -> None:
    assert level_of(code) is level


@pytest.mark.parametrize("code", ["", "3", "033", "03010", "0301021", "abcd", "03-01", " 0301"])
def test_level_of_refuses_non_codes(code: str) -> None:
    assert not is_region_code(code)
    with pytest.raises(ValueError):
        level_of(code)


@pytest.mark.parametrize(
    ("code", "parent"),
    [
        ("030102", "0301"),
        ("0301", "03"),
        ("3324", "33"),
        ("03", NATION_CODE),
        ("42", "0"),
        ("0", None),
    ],
)
def test_parent_code(code: str, parent: str | None) -> None:
    assert parent_code(code) == parent


@pytest.mark.parametrize(
    ("code", "fylke"),
    [("030102", "03"), ("0301", "03"), ("03", "03"), ("4204", "42"), ("0", None)],
)
def test_fylke_code(code: str, fylke: str | None) -> None:
    assert fylke_code(code) == fylke


@pytest.mark.parametrize(
    ("code", "region", "within"),
    [
        ("0301", "03", True),
        ("030101", "0301", True),
        ("030101", "03", True),
        ("0301", "0301", True),  # an area lies within itself
        ("3320", "33", True),
        ("3324", "33", True),
        ("3324", "0", True),  # the nation contains everything
        ("030102", "0", True),
        ("42", "0", True),
        ("0", "0", True),
        ("3324", "32", False),
        ("4204", "03", False),
        ("030102", "0302", False),
        ("03", "0301", False),  # a county does not lie within its kommune
        ("0301", "030102", False),
        ("0", "03", False),
    ],
)
def test_lies_within(code: str, region: str, within: bool) -> None:
    assert lies_within(code, region) is within


def test_level_labels() -> None:
    assert Level.NATION.label == "Riket"
    assert Level.BYDEL.label == "Bydel"


# Norwegian names of regions SSB names in several languages


@pytest.mark.parametrize(
    ("ssb", "norwegian"),
    [
        ("Oslo-Oslove", "Oslo"),
        ("Innlandet-Sisdajven", "Innlandet"),
        ("Finnmark-Finnmárkku", "Finnmark"),
        ("Troms-Romsa", "Troms"),
        ("Troms-Romssa", "Troms"),
        ("Norge-Noreg-Norway", "Norge"),
        ("Gáivuotna-Kåfjord-Kaivuono", "Kåfjord"),  # the Norwegian name need not come first
        ("Kárášjohka-Karasjok", "Karasjok"),
        ("Porsanger-Porsáŋgu-Porsanki", "Porsanger"),
        ("Harstad - Hárstták", "Harstad"),  # KLASS spaces its dashes
        ("Tromsø - Romsa - Tromssa", "Tromsø"),
    ],
)
def test_a_multilingual_name_gives_the_norwegian_name(ssb: str, norwegian: str) -> None:
    assert norwegian_name(ssb) == norwegian


@pytest.mark.parametrize(
    "name", ["Nord-Fron", "Aurskog-Høland", "Sør-Varanger", "Midt-Telemark", "Stor-Elvdal", "Gol", "Møre og Romsdal",
             "Gamle Oslo", "Nord-Odal-Fron", ""],
)
def test_a_norwegian_name_with_or_without_a_hyphen_stays(name: str) -> None:
    assert norwegian_name(name) == name


def test_every_name_in_ssbs_region_file() -> None:
    path = Path("/work/shared/data/ssb/regions-2024.csv")
    if not path.exists():
        pytest.skip("SSB's region file is not on this machine")
    with path.open(encoding="utf-8") as file:
        names = {row["name"]: norwegian_name(row["name"]) for row in csv.DictReader(file)}
    changed = {ssb: ours for ssb, ours in names.items() if ssb != ours}
    # Every multilingual name loses its other languages, and only those do.
    assert all(ours in ssb.split("-") and "-" not in ours for ssb, ours in changed.items())
    assert not any(ours in OTHER_LANGUAGE_NAMES for ours in names.values())
    assert changed["Oslo-Oslove"] == "Oslo" and changed["Unjárga-Nesseby"] == "Nesseby"
    assert {name for name in names if "-" in name and name not in changed} >= {
        "Aurskog-Høland", "Nord-Fron", "Sør-Varanger", "Nord-Odal", "Sør-Aurdal",
    }
