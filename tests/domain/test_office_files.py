"""Reading the office file, and the demo's default office set derived from the regions."""

from __future__ import annotations

import pytest

from malekort.domain.files import FileRejected
from malekort.domain.files.offices import OfficeRow, parse_offices
from malekort.domain.offices import Area, default_offices, office_code_for, office_name_for
from malekort.domain.regions import Level

HEADER = "office_code,office_name,area_code"


KNOWN = {"0301", "030102", "3320", "3322", "3324", "4204"}


def offices_text(*lines: str) -> str:
    return "\n".join([HEADER, *lines]) + "\n"


def test_an_office_file_gives_one_row_per_area_served() -> None:
    rows = parse_offices(offices_text(
        "H3320,Nav Hallingdal,3320", "H3320,Nav Hallingdal,3324", "030102,Nav Grünerløkka,030102"
    ), known_areas=KNOWN)
    assert rows == [
        OfficeRow("H3320", "Nav Hallingdal", "3320", 2),
        OfficeRow("H3320", "Nav Hallingdal", "3324", 3),
        OfficeRow("030102", "Nav Grünerløkka", "030102", 4),
    ]


def test_bad_office_lines_are_refused_with_their_numbers() -> None:
    with pytest.raises(FileRejected) as caught:
        parse_offices(offices_text(
            "H3320,Nav Hallingdal,3320",
            "H3320,NAV Hallingdal,3322",
            "4204,Nav Kristiansand,3320",
            "0301,,0301",
            "Nav 1,Nav Oslo,0301",
            "33,Nav Buskerud,33",
            "4204,Nav Kristiansand,42O4",
            "5001,Nav Trondheim,5001",
        ), known_areas=KNOWN)
    assert [str(e) for e in caught.value.errors] == [
        "Linje 3: kontor H3320 heter «Nav Hallingdal» på linje 2, ikke «NAV Hallingdal»",
        "Linje 4: området 3320 står også på linje 2; et område har ett kontor",
        "Linje 5: kontornavnet mangler",
        "Linje 6: kontornummeret «Nav 1» skal være 1–10 bokstaver eller siffer",
        "Linje 7: 33 er ikke en kommune eller bydel (4 eller 6 siffer)",
        "Linje 8: «42O4» er ikke en regionkode (4 siffer for kommune, 6 for bydel)",
        "Linje 9: området 5001 finnes ikke i regiontabellen",
    ]


def test_office_codes_are_the_area_code_or_h_and_the_lowest_area() -> None:
    assert office_code_for(["030102"]) == "030102"
    assert office_code_for(["3330", "3320", "3324"]) == "H3320"


@pytest.mark.parametrize(
    ("area", "name"),
    [
        (Area("3324", Level.KOMMUNE, "Gol"), "Nav Gol"),
        (Area("3226", Level.KOMMUNE, "Aurskog-Høland"), "Nav Aurskog-Høland"),
        (Area("5610", Level.KOMMUNE, "Kárášjohka-Karasjok"), "Nav Karasjok"),
        (Area("1841", Level.KOMMUNE, "Fauske-Fuosko"), "Nav Fauske"),
        (Area("5503", Level.KOMMUNE, "Harstad - Hárstták"), "Nav Harstad"),
        (Area("030102", Level.BYDEL, "Grünerløkka"), "Nav Grünerløkka"),
    ],
)
def test_offices_take_the_norwegian_name_of_their_area(area: Area, name: str) -> None:
    assert office_name_for(area) == name


AREAS = [
    Area("0301", Level.KOMMUNE, "Oslo-Oslove"),
    Area("030101", Level.BYDEL, "Gamle Oslo"),
    Area("030102", Level.BYDEL, "Grünerløkka"),
    Area("030116", Level.BYDEL, "Sentrum"),
    Area("030117", Level.BYDEL, "Marka"),
    Area("1103", Level.KOMMUNE, "Stavanger"),
    Area("110301", Level.BYDEL, "Hundvåg"),
    Area("4601", Level.KOMMUNE, "Bergen"),
    *(Area(code, Level.KOMMUNE, name) for code, name in [
        ("3320", "Flå"), ("3322", "Nesbyen"), ("3324", "Gol"),
        ("3326", "Hemsedal"), ("3328", "Ål"), ("3330", "Hol"), ("3332", "Sigdal"),
    ]),
]


def test_the_default_offices() -> None:
    served: dict[tuple[str, str], list[str]] = {}
    for row in default_offices(AREAS):
        served.setdefault((row.office_code, row.office_name), []).append(row.area_code)
    assert served == {
        ("H3320", "Nav Hallingdal"): ["3320", "3322", "3324", "3326", "3328", "3330"],
        ("030101", "Nav Gamle Oslo"): ["030101"],
        ("030102", "Nav Grünerløkka"): ["030102"],
        ("1103", "Nav Stavanger"): ["1103"],
        ("3332", "Nav Sigdal"): ["3332"],
        # Bergen's bydeler are not among the areas, so Bergen keeps one office.
        ("4601", "Nav Bergen"): ["4601"],
    }
