"""Reading the region file and the region change file: every bad line is named."""

from __future__ import annotations

from datetime import date

import pytest

from malekort.domain.files import FileRejected
from malekort.domain.files.csvfile import decode
from malekort.domain.files.region_changes import parse_region_changes
from malekort.domain.files.regions import DEFAULT_VALID_FROM, RegionRow, parse_regions
from malekort.domain.regions import Level

HEADER = "code,level,name,parent_code"


def regions_text(*lines: str, header: str = HEADER) -> str:
    return "\n".join([header, *lines]) + "\n"


def refused(text: str) -> list[str]:
    with pytest.raises(FileRejected) as caught:
        parse_regions(text)
    return [str(e) for e in caught.value.errors]


def test_a_region_file_gives_one_row_per_line_valid_from_2024() -> None:
    rows = parse_regions(regions_text(
        "0,nation,Norge-Noreg-Norway,",
        "03,fylke,Oslo-Oslove,0",
        "0301,kommune,Oslo-Oslove,03",
        "030102,bydel,Grünerløkka,0301",
    ))
    assert rows[0] == RegionRow("0", Level.NATION, "Norge-Noreg-Norway", None, DEFAULT_VALID_FROM,
                                None, 2)
    assert [(r.code, r.level, r.parent_code, r.line) for r in rows[1:]] == [
        ("03", Level.FYLKE, "0", 3),
        ("0301", Level.KOMMUNE, "03", 4),
        ("030102", Level.BYDEL, "0301", 5),
    ]
    assert {r.valid_from for r in rows} == {date(2024, 1, 1)}


def test_validity_columns_are_read_when_present() -> None:
    [row] = parse_regions(regions_text(
        "3001,kommune,Halden,30,2020-01-01,2023-12-31",
        header=HEADER + ",valid_from,valid_to",
    ), existing_codes={"30"})
    assert (row.valid_from, row.valid_to) == (date(2020, 1, 1), date(2023, 12, 31))


def test_semicolons_from_norwegian_excel_and_a_byte_order_mark_are_read() -> None:
    text = decode("\ufeffcode;level;name;parent_code\r\n03;fylke;Oslo;0\r\n".encode())
    assert parse_regions(text, existing_codes={"0"})[0].name == "Oslo"


def test_every_bad_line_is_refused_with_its_number_and_reason() -> None:
    errors = refused(regions_text(
        "03,fylke,Oslo,0",
        "",
        "301,kommune,Oslo,03",
        "0301,fylke,Oslo,03",
        "0302,kommunen,Oslo,03",
        "3301,kommune,,33",
        "3301,kommune,Drammen,3",
        "03,fylke,Oslo igjen,0",
        "4204,kommune,Kristiansand",
        "0,nation,Norge,0",
        "3303,kommune,Kongsberg,33,2024-13-01",
        "4204,kommune,Kristiansand,42",
    ))
    assert errors == [
        "Linje 4: «301» er ikke en regionkode (0, eller 2, 4 eller 6 siffer)",
        "Linje 5: koden 0301 er kommune, ikke fylke",
        "Linje 6: ukjent nivå «kommunen»; bruk nation, fylke, kommune, bydel",
        "Linje 7: navnet mangler",
        "Linje 8: overordnet kode «3» skal være 33",
        "Linje 9: koden 03 står også på linje 2",
        "Linje 10: har 3 felt, men overskriften har 4",
        "Linje 11: overordnet kode «0» skal stå tom for riket",
        "Linje 12: har 5 felt, men overskriften har 4",
        "Linje 13: overordnet kode 42 finnes verken i filen eller i regiontabellen",
    ]


def test_a_parent_in_the_region_table_is_enough() -> None:
    [row] = parse_regions(regions_text("4204,kommune,Kristiansand,42"), existing_codes={"0", "42"})
    assert row.parent_code == "42"


@pytest.mark.parametrize(
    ("header", "problem"),
    [
        ("code,level,name", "mangler kolonnen «parent_code»"),
        ("code,level,name,parent_code,kilde", "ukjent kolonne «kilde»"),
        ("code,level,name,name,parent_code", "kolonnen «name» står flere ganger"),
    ],
)
def test_a_wrong_header_refuses_the_file_at_line_1(header: str, problem: str) -> None:
    [error] = refused(regions_text("03,fylke,Oslo,0", header=header))
    assert error.startswith("Linje 1: ")
    assert problem in error


def test_an_empty_file_is_refused() -> None:
    assert refused("") == ["Linje 1: filen er tom; første linje skal være overskriftene"]


def test_text_that_is_not_utf8_names_its_line() -> None:
    with pytest.raises(FileRejected) as caught:
        decode(b"code,level,name,parent_code\n03,fylke,Oslo,0\n42,fylke,Agder \xf8st,0\n")
    assert str(caught.value.errors[0]).startswith("Linje 3: teksten er ikke UTF-8")


CHANGES = "year,original_code,current_code,weight"
TODAY = {"0", "31", "32", "33", "15", "50", "3101", "1508", "1580"}


def changes_text(*lines: str) -> str:
    return "\n".join([CHANGES, *lines]) + "\n"


def test_region_changes_are_read_with_their_weights() -> None:
    rows = parse_region_changes(
        changes_text("2022,30,31,0.24", "2022,30,32,0.553", "2022,30,33,0.207",
                     "2022,3001,3101,1.0"),
        current_codes=TODAY,
    )
    assert [(r.year, r.original_code, r.current_code, r.weight, r.line) for r in rows] == [
        (2022, "30", "31", 0.24, 2),
        (2022, "30", "32", 0.553, 3),
        (2022, "30", "33", 0.207, 4),
        (2022, "3001", "3101", 1.0, 5),
    ]


def test_the_part_of_an_area_that_kept_its_code_is_added() -> None:
    # Møre og Romsdal (15) kept its code in 2018; a small part went to Trøndelag (50).
    rows = parse_region_changes(changes_text("2018,15,50,0.0135"), current_codes=TODAY)
    rest = rows[1]
    assert (rest.year, rest.original_code, rest.current_code, rest.line) == (2018, "15", "15", None)
    assert rest.weight == pytest.approx(0.9865)


def test_bad_region_change_lines_are_refused_with_their_numbers() -> None:
    with pytest.raises(FileRejected) as caught:
        parse_region_changes(
            changes_text(
                "2022,30,31,0.5",
                "2022,30,32,0.4",
                "20x2,3001,3101,1",
                "2022,3001,31,1",
                "2022,3002,3199,1",
                "2022,1507,1508,0.5",
                "2022,1507,1508,0.5",
                "2022,1507,1580,0.5",
                "2022,3003,3101,0",
                "2022,3004,3101,en",
            ),
            current_codes=TODAY,
        )
    assert [str(e) for e in caught.value.errors] == [
        "Linje 2: vektene for 30 i 2022 (linje 2, 3) summerer til 0,9, men skal summere til 1",
        "Linje 4: året «20x2» er ikke et årstall",
        "Linje 5: 3001 (kommune) kan ikke gå over i 31 (fylke)",
        "Linje 6: den gjeldende koden 3199 finnes ikke i regiontabellen",
        "Linje 8: samme endring står også på linje 7",
        "Linje 10: vekten 0 må være større enn 0 og høyst 1",
        "Linje 11: vekten «en» er ikke et tall",
    ]


def test_weights_within_a_thousandth_of_1_are_accepted() -> None:
    rows = parse_region_changes(
        changes_text("2022,1507,1508,0.5", "2022,1507,1580,0.4995"), current_codes=TODAY
    )
    assert len(rows) == 2
