"""`malekort statistics`: hand-worked rows for the nation and each county (see report_fixtures)."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from report_fixtures import build_reported

HEADER = ["area", "period", "known_sum", "dotted", "missing", "lower", "upper", "coverage"]


@pytest.fixture
def reported(world):
    return build_reported(world)


def run(*args: str) -> list[dict[str, str]]:
    out = io.StringIO()
    call_command("statistics", *args, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].split(",") == HEADER
    return list(csv.DictReader(lines))


def by_area(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {row["area"]: row for row in rows}


def test_a_county_with_one_dotted_and_one_missing_area(reported):
    rows = by_area(run("--code", "SH_MOTTAKERE", "--level", "fylke", "--period", "2025-03"))
    # Buskerud: 10 + 20 + 40 + 30 = 100 known; 3326 dotted (0–3), 3330 missing.
    # Coverage: (600 + 1 900 + 2 800 + 2 900) / 12 300 = 8 200 / 12 300 = 0.66667.
    assert rows["33"] == {
        "area": "33", "period": "2025-03", "known_sum": "100", "dotted": "1", "missing": "1",
        "lower": "100", "upper": "103", "coverage": "0.6667",
    }


def test_one_row_per_county_with_reporting_areas(reported):
    rows = run("--code", "SH_MOTTAKERE", "--level", "fylke", "--period", "2025-03")
    assert [row["area"] for row in rows] == ["03", "15", "33", "42"]
    got = by_area(rows)
    # Oslo: 500 + 412, both bydeler reported.
    assert got["03"]["known_sum"] == "912"
    assert got["03"]["coverage"] == "1.0000"
    # Agder: 4201 reported 0, 4202 and 4204 are dots: 0 is publishable, the upper bound is 0 + 2 × 3.
    assert (got["42"]["known_sum"], got["42"]["lower"], got["42"]["upper"]) == ("0", "0", "6")
    assert (got["42"]["dotted"], got["42"]["missing"]) == ("2", "0")
    # 4 500 / (4 500 + 11 500 + 70 000) = 0.05233
    assert got["42"]["coverage"] == "0.0523"
    # Møre og Romsdal reported nothing: no sum, no bounds, nothing covered.
    assert got["15"] == {
        "area": "15", "period": "2025-03", "known_sum": "", "dotted": "0", "missing": "2",
        "lower": "", "upper": "", "coverage": "0.0000",
    }


def test_the_nation(reported):
    rows = run("--code", "SH_MOTTAKERE", "--level", "riket", "--period", "2025-03")
    # 500 + 412 + 100 + 0 = 1 012 known; dots 3326, 4202, 4204; missing 3330, 1508, 1505.
    # Covered: 16 000 + 12 345 + 8 200 + 4 500 = 41 045 of
    # 16 000 + 12 345 + 12 300 + 86 000 + 6 000 + 12 000 = 144 645 → 0.28377.
    assert rows == [{
        "area": "0", "period": "2025-03", "known_sum": "1012", "dotted": "3", "missing": "3",
        "lower": "1012", "upper": "1021", "coverage": "0.2838",
    }]


def test_kroner_have_no_upper_bound_when_an_area_is_dotted(reported):
    rows = by_area(run("--code", "SH_KRONER", "--level", "fylke", "--period", "2025-03"))
    # 50 000 + 90 000 + 200 000 + 150 000; 3326 is dotted with its recipients.
    assert rows["33"]["known_sum"] == "490000"
    assert rows["33"]["lower"] == "490000"
    assert rows["33"]["upper"] == ""
    assert rows["33"]["dotted"] == "1"


def test_a_county_sum_of_three_is_never_written(reported):
    # 1508 gets its share of 1507's 5 recipients: a county sum between 1 and 3, with 1505 dotted.
    rows = by_area(run("--code", "SH_MOTTAKERE", "--level", "fylke", "--period", "2023-11"))
    møre = rows["15"]
    assert (møre["known_sum"], møre["lower"], møre["upper"]) == ("", "", "")
    assert (møre["dotted"], møre["missing"]) == ("1", "0")
    # The kroner paid to those recipients follow their dot: every area's kroner count as a dot.
    kroner = by_area(run("--code", "SH_KRONER", "--level", "fylke", "--period", "2023-11"))["15"]
    assert (kroner["known_sum"], kroner["lower"], kroner["upper"], kroner["dotted"]) == ("", "0", "", "2")
    # October: 1505's 20 recipients make 23, but the kroner were paid to 1508's 3 alone.
    october = by_area(run("--code", "SH_KRONER", "--level", "fylke", "--period", "2023-10"))["15"]
    assert (october["known_sum"], october["lower"], october["upper"], october["dotted"]) == ("", "0", "", "1")
    nation = run("--code", "SH_MOTTAKERE", "--level", "riket", "--period", "2023-11")[0]
    assert nation["known_sum"] == ""
    for row in [*rows.values(), nation]:
        for column in ("known_sum", "lower"):
            assert row[column] == "" or not 0 < float(row[column]) < 4


def test_output_to_a_file(reported, tmp_path):
    target = tmp_path / "mottakere.csv"
    call_command("statistics", "--code", "SH_MOTTAKERE", "--level", "riket", "--period", "2025-03",
                 "--output", str(target), stderr=io.StringIO())
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines == [",".join(HEADER), "0,2025-03,1012,3,3,1012,1021,0.2838"]


ERRORS = [
    (["--code", "SH_UKJENT", "--level", "riket", "--period", "2025-03"], "Ukjent nøkkeltall «SH_UKJENT»"),
    (["--code", "SH_MOTTAKERE", "--level", "kommune", "--period", "2025-03"], "Ukjent nivå «kommune»"),
    (["--code", "SH_MOTTAKERE", "--level", "riket", "--period", "2025-3"], "ÅÅÅÅ-MM"),
    (["--code", "SH_MOTTAKERE", "--level", "riket", "--period", "2025-13"], "utenfor 01–12"),
    (["--code", "SH_MOTTAKERE", "--level", "riket", "--period", "2021-12"], "begynner i januar 2022"),
    (["--code", "SH_MOTTAKERE", "--level", "riket", "--period", "2099-01"], "er ikke over ennå"),
    (["--code", "SH_MOTTAKERE", "--level", "riket", "--period", "2999-01"], "år utenfor 2000–2100"),
]


def test_clear_errors(reported):
    for args, message in ERRORS:
        with pytest.raises(CommandError, match=message):
            call_command("statistics", *args, stdout=io.StringIO())
