"""Reading SSB's population by age (CSV or gzip): types, the year filter, every bad line named."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from malekort.domain.files import FileRejected
from malekort.domain.files.population import read_population

HEADER = "year,region_code,age,population"


def population_csv(*lines: str) -> bytes:
    return ("\n".join([HEADER, *lines]) + "\n").encode()


def test_a_gzip_file_is_read_with_codes_kept_as_text(tmp_path: Path) -> None:
    path = tmp_path / "folkemengde.csv.gz"
    path.write_bytes(gzip.compress(population_csv(
        "2023,0301,18,9000", "2024,0301,18,9100", "2024,030102,18,800", "2024,0,18,60000"
    )))
    table = read_population(path)
    assert table.frame.rows() == [
        (2023, "0301", 18, 9000), (2024, "0301", 18, 9100),
        (2024, "030102", 18, 800), (2024, "0", 18, 60000),
    ]
    assert table.years == [2023, 2024]
    assert table.region_codes == ["0", "0301", "030102"]


def test_from_year_keeps_only_that_year_and_later() -> None:
    table = read_population(
        population_csv("2021,0301,18,1", "2022,0301,18,2", "2023,0301,18,3"), from_year=2022
    )
    assert table.frame["population"].to_list() == [2, 3]


def test_every_bad_line_is_refused_even_before_from_year() -> None:
    with pytest.raises(FileRejected) as caught:
        read_population(
            population_csv(
                "2024,0301,18,9100",
                "",
                "2024,0301,18,9000",
                "2005,301,19,5",
                "x,0301,20,1",
                "2024,0301,21",
                "2024,0301,22,-1",
                "2024,0301,23,1.5",
                "2024,0301,24,1,2",
                "2024,0301,200,1",
            ),
            from_year=2022,
        )
    assert [str(e) for e in caught.value.errors] == [
        "Linje 4: samme år, region og alder står også på linje 2",
        "Linje 5: «301» er ikke en regionkode",
        "Linje 6: året «x» er ikke et årstall",
        "Linje 7: har 3 felt, men skal ha 4",
        "Linje 8: folkemengden «-1» er ikke et helt tall ≥ 0",
        "Linje 9: folkemengden «1.5» er ikke et helt tall ≥ 0",
        "Linje 10: har 5 felt, men skal ha 4",
        "Linje 11: alderen «200» er ikke et helt antall år (0–130)",
    ]


def test_a_wrong_header_is_refused_at_line_1() -> None:
    with pytest.raises(FileRejected) as caught:
        read_population(b"aar,region,alder,personer\n2024,0301,18,1\n")
    assert str(caught.value.errors[0]).startswith("Linje 1: overskriftene skal være " + HEADER)
