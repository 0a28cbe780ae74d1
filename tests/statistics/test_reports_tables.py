"""The published tables of a report, against numbers worked out by hand (see report_fixtures)."""

from __future__ import annotations

import pytest
from report_fixtures import MARCH, NOVEMBER, build_reported, small_counts

from malekort.domain.periods import Period
from malekort.statistics.reports.tables import Place, build_report, counties, scope_place


@pytest.fixture
def reported(world):
    return build_reported(world)


def cells(report, region):
    """Return {measure code: value, or the symbol when there is none} for one region."""
    return {
        m.code: (c.value if c.value is not None else c.symbol)
        for m in report.measures
        for c in [report.cell(region, m)]
    }


def table(report, key):
    return next(t for t in report.tables if t.key == key)


def test_scopes(reported):
    assert scope_place("riket") == Place("0", "Hele landet")
    assert scope_place("33") == Place("33", "Buskerud")
    # A county code without reporting areas, a kommune and nonsense are no scopes.
    assert scope_place("30") is None
    assert scope_place("0301") is None
    assert scope_place("x") is None
    assert [c.code for c in counties()] == ["03", "15", "33", "42"]


def test_a_county_with_a_dot_and_a_gap(reported):
    report = build_report(scope_place("33"), MARCH)
    got = cells(report, "33")
    # 10 + 20 + 40 + 30; 3326 dotted, 3330 missing; 8 200 of 12 300 aged 18–66 covered.
    assert got["SH_MOTTAKERE.known_sum"] == 100
    assert (got["SH_MOTTAKERE.dotted"], got["SH_MOTTAKERE.missing"]) == (1, 1)
    assert (got["SH_MOTTAKERE.lower"], got["SH_MOTTAKERE.upper"]) == (100, 103)
    assert got["SH_MOTTAKERE.coverage"] == 0.6667
    # Kroner: no upper bound when an area is dotted.
    assert got["SH_KRONER.known_sum"] == 490_000
    assert got["SH_KRONER.upper"] == "."
    # Not reported anywhere.
    assert got["SH_LANGTID.known_sum"] == ".."
    assert got["SH_LANGTID.missing"] == 6


def test_same_month_last_year_compares_the_same_areas(reported):
    got = cells(build_report(scope_place("33"), MARCH), "33")
    # Known in both March 2024 and March 2025: 3320, 3322, 3324 (3326 is dotted in 2025, 3328 and 3330 are
    # missing in one of the years). 8 + 20 + 36 = 64 → 10 + 20 + 40 = 70: +6, or +9.375 %.
    assert got["SH_MOTTAKERE.compared"] == 3
    assert (got["SH_MOTTAKERE.earlier_sum"], got["SH_MOTTAKERE.later_sum"]) == (64, 70)
    assert got["SH_MOTTAKERE.difference"] == 6
    assert got["SH_MOTTAKERE.relative"] == 9.4


def test_indicators_over_the_known_areas(reported):
    got = cells(build_report(scope_place("33"), MARCH), "33")
    # B.101: 100 recipients over the 8 200 aged 18–66 in the four areas with a known number = 1.2195 %.
    assert (got["B.101.value"], got["B.101.numerator"], got["B.101.denominator"]) == (1.22, 100, 8200)
    assert (got["B.101.used"], got["B.101.coverage"]) == (4, 0.6667)
    # B.104: 0 + 5 + 10 + 5 = 20 with children of 100 recipients.
    assert (got["B.104.value"], got["B.104.numerator"], got["B.104.denominator"]) == (20.0, 20, 100)
    # B.151 was not reported; its denominator is the constant 1, which is not published.
    assert got["B.151.value"] == ".."
    assert got["B.151.denominator"] == "."


def test_the_county_tables(reported):
    report = build_report(scope_place("33"), MARCH)
    assert [t.key for t in report.tables] == [
        "Nøkkeltall", "Samme måned i fjor", "Indikatorer", "Områder", "Indikatorer etter område",
    ]
    areas = table(report, "Områder")
    assert [row.code for row in areas.rows] == ["3320", "3322", "3324", "3326", "3328", "3330", "33"]
    assert areas.rows[0].label == "3320 Flå"
    assert areas.rows[-1].label == "Buskerud i alt"
    recipients = areas.headings.index("Antall mottakere")
    # Each area's own registered value, with SSB's symbols.
    assert [row.cells[recipients].text() for row in areas.rows] == ["10", "20", "40", ":", "30", "..", "100"]
    key_figures = table(report, "Nøkkeltall")
    assert key_figures.headings == (
        "Kjent sum", "Prikkede områder", "Områder uten tall", "Nedre grense", "Øvre grense", "Dekning",
    )
    first = key_figures.rows[0]
    assert first.code == "SH_MOTTAKERE"
    assert [cell.text() for cell in first.cells] == ["100", "1", "1", "100", "103", "66,7\u00a0%"]


def test_the_national_report_lists_the_counties(reported):
    report = build_report(scope_place("riket"), MARCH)
    assert [p.code for p in report.parts] == ["03", "15", "33", "42"]
    assert [t.key for t in report.tables][3] == "Fylker"
    got = cells(report, "0")
    # 500 + 412 + 100 + 0, three dots (3326, 4202, 4204) and three gaps (3330, 1508, 1505).
    assert (got["SH_MOTTAKERE.known_sum"], got["SH_MOTTAKERE.upper"]) == (1012, 1021)
    assert cells(report, "42")["SH_MOTTAKERE.known_sum"] == 0
    assert cells(report, "42")["SH_MOTTAKERE.upper"] == 6


def test_a_county_whose_raw_sum_is_between_one_and_three_is_suppressed_everywhere(reported):
    report = build_report(scope_place("15"), NOVEMBER)
    got = cells(report, "15")
    # 1508's share of 1507's 5 recipients is below 4, and 1505 is dotted: the county knows 1–3 persons.
    assert got["SH_MOTTAKERE.known_sum"] == ":"
    assert got["SH_MOTTAKERE.lower"] == ":"
    assert got["SH_MOTTAKERE.upper"] == ":"  # known sum + 3 would give the known sum back
    assert got["SH_KRONER.known_sum"] == ":"  # paid to fewer than 4 recipients
    assert got["SH_MOTTAKERE.later_sum"] == ":"
    assert got["SH_MOTTAKERE.difference"] == ":"
    assert got["B.101.value"] == ":"  # a share times its denominator gives the numerator back
    assert got["B.101.numerator"] == ":"
    assert got["B.151.value"] == ":"
    assert got["B.151.numerator"] == ":"
    assert cells(report, "1508")["SH_MOTTAKERE.known_sum"] == ":"
    assert cells(report, "1505")["SH_MOTTAKERE.known_sum"] == ":"
    everything = [(c.region, c.measure.code, c.value) for c in report.published()]
    assert small_counts(everything, [f.code for f in report.figures], [v.code for v in report.indicators]) == []


def test_no_report_publishes_a_count_between_one_and_three(reported):
    for slug, month in (("riket", MARCH), ("riket", NOVEMBER), ("15", NOVEMBER), ("42", MARCH), ("33", MARCH)):
        report = build_report(scope_place(slug), month)
        everything = [(c.region, c.measure.code, c.value) for c in report.published()]
        figures, indicators = [f.code for f in report.figures], [v.code for v in report.indicators]
        assert small_counts(everything, figures, indicators) == [], (slug, month)


def test_every_person_count_measure_is_flagged(reported):
    report = build_report(scope_place("33"), MARCH)
    flagged = {m.code for m in report.measures if m.person_count}
    from report_fixtures import person_count_codes

    assert flagged == person_count_codes([f.code for f in report.figures], [v.code for v in report.indicators])


def test_notes_and_definitions(reported):
    report = build_report(scope_place("33"), MARCH)
    assert report.notes[0].startswith("Dekning: 4 av 6 områder har rapportert antall mottakere for mars 2025, "
                                      "1 har rapportert prikk og 1 har ikke rapportert.")
    assert any(n.startswith("Prikker:") for n in report.notes)
    assert any(n.startswith("Frafall:") for n in report.notes)
    codes = [d.code for d in report.definitions]
    assert "SH_MOTTAKERE" in codes and "B.101" in codes
    b101 = next(d for d in report.definitions if d.code == "B.101")
    assert "Nevner: Personer 18–66 år" in b101.text
    assert "gjelder fra januar 2022" in b101.text


def test_kroner_paid_to_fewer_than_four_known_recipients_are_dotted(reported):
    got = cells(build_report(scope_place("15"), Period(2023, 10)), "15")
    # 1508's 3.0 + 1505's 20 recipients may be published, but the kroner come from 1508 alone.
    assert got["SH_MOTTAKERE.known_sum"] == 23
    assert got["SH_KRONER.known_sum"] == ":"
    # 1508's kroner count as a dot (domain.publication): at least 0, no upper bound.
    assert (got["SH_KRONER.dotted"], got["SH_KRONER.missing"]) == (1, 1)
    assert got["SH_KRONER.lower"] == 0
    assert got["SH_KRONER.upper"] == "."
