"""Hand-worked KOSTRA files: each figure of each month checked against counts done by hand."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from malekort.domain.kostra.compute import assistance_figures, qualification_figures
from malekort.domain.kostra.importing import KostraInput, compute_import
from malekort.domain.kostra.reading import ReadFile, read_kostra_file
from malekort.domain.kostra.synthetic import Participant, Recipient, file_bytes, participant_line, recipient_line
from malekort.domain.periods import Period

MUNICIPALITIES = frozenset({"0301", "3301", "4204", "4601", "5001"})


def read(lines: list[str]) -> ReadFile:
    found = read_kostra_file(file_bytes(lines), filename="test.dat", municipalities=lambda year: MUNICIPALITIES)
    assert found.refused == []
    return found


def by_month(figures: pl.DataFrame, area: str, figure: str) -> dict[int, int | None]:
    rows = figures.filter((pl.col("area") == area) & (pl.col("figure") == figure)).sort("month")
    return dict(zip(rows.get_column("month").to_list(), rows.get_column("value").to_list(), strict=True))


def months(*numbers: int, amount: int = 5000) -> dict[int, int]:
    return dict.fromkeys(numbers, amount)


# A synthetic identity number (month + 80) for someone born 1 January 1990.
PERSON = "01819012345"


def test_december_and_new_year_is_long_term_in_march_only_with_last_years_file() -> None:
    last_year = read([
        recipient_line(Recipient("4204", identity=PERSON, main_source=True, marked=frozenset({10, 11, 12}),
                                 grants=months(10, 11, 12)), 2024),
    ])
    this_year = read([
        recipient_line(Recipient("4204", identity=PERSON, main_source=True, marked=frozenset({1, 2, 3}),
                                 grants=months(1, 2, 3), birth=date(1990, 1, 1)), 2025),
    ])
    assert this_year.persons is not None and last_year.persons is not None
    with_previous = assistance_figures(
        this_year.persons, year=2025, months=range(1, 13), previous=last_year.persons
    )
    # Twelve months ending February: Oct–Dec and Jan–Feb are 5; ending March: 6.
    assert by_month(with_previous, "4204", "SH_LANGTID") == {
        1: 0, 2: 0, 3: 1, 4: 0, 5: 0, 6: 0, 7: 0, 8: 0, 9: 0, 10: 0, 11: 0, 12: 0,
    }
    without = assistance_figures(this_year.persons, year=2025, months=range(1, 13), previous=None)
    # Without last year's file January–November are not computed; December has its twelve months.
    assert by_month(without, "4204", "SH_LANGTID") == {m: None for m in range(1, 12)} | {12: 0}


def test_long_term_in_december_without_last_years_file() -> None:
    this_year = read([
        recipient_line(Recipient("4204", identity=PERSON, main_source=True, marked=frozenset(range(7, 13))), 2025),
        recipient_line(Recipient("4204", identity="01819012346", main_source=False,
                                 marked=frozenset(range(1, 13))), 2025),
    ])
    assert this_year.persons is not None
    figures = assistance_figures(this_year.persons, year=2025, months=range(1, 13), previous=None)
    assert by_month(figures, "4204", "SH_LANGTID")[12] == 1
    assert by_month(figures, "4204", "SH_HOVEDKILDE")[12] == 1


def test_someone_turning_25_in_the_month_is_under_25_until_the_month_before() -> None:
    found = read([
        recipient_line(Recipient("4204", journal="1", birth=date(2000, 3, 15), marked=frozenset({2, 3})), 2025),
        # Turns 25 on the last day of March: 25 on last(March), so not under 25 in March.
        recipient_line(Recipient("4204", journal="2", birth=date(2000, 3, 31), marked=frozenset({2, 3})), 2025),
        recipient_line(Recipient("4204", journal="3", birth=date(1995, 4, 1), marked=frozenset({2, 3})), 2025),
    ])
    assert found.persons is not None
    figures = assistance_figures(found.persons, year=2025, months=[2, 3], previous=None)
    assert by_month(figures, "4204", "SH_UNDER25") == {2: 2, 3: 0}
    # Born 1 April 1995: 29 on 31 March 2025, under 30 in both months.
    assert by_month(figures, "4204", "SH_UNDER30") == {2: 3, 3: 3}


def test_d_number_synthetic_number_and_duf_only_person_in_a_2024_layout_file() -> None:
    found = read([
        # D-number (day + 40) of someone born 10 May 1999: 24 in January 2024, 25 from May.
        recipient_line(Recipient("4204", identity="50059912345", marked=frozenset({1, 5})), 2024),
        # Synthetic number (month + 80) of someone born 1 July 2002: 21.
        recipient_line(Recipient("4204", identity="01870250012", marked=frozenset({1, 5})), 2024),
        # DUF number only: no birth date, counted as a recipient only.
        recipient_line(Recipient("4204", duf="201012345678", marked=frozenset({1, 5})), 2024),
    ])
    assert found.persons is not None
    figures = assistance_figures(found.persons, year=2024, months=[1, 5], previous=None)
    assert by_month(figures, "4204", "SH_MOTTAKERE") == {1: 3, 5: 3}
    assert by_month(figures, "4204", "SH_UNDER25") == {1: 2, 5: 1}
    assert by_month(figures, "4204", "SH_UNDER30") == {1: 2, 5: 2}
    result = compute_import(
        [KostraInput("11F_2024.dat", file_bytes(recipient_line(
            Recipient("4204", duf="201012345678", marked=frozenset({1})), 2024
        ) for _ in range(1)))],
        municipalities=lambda year: MUNICIPALITIES, registers_per_district={}, last_month=Period(2024, 12),
    )
    assert result.files[0].without_birth_date == 1
    assert any("1 person uten fødselsdato" in note for note in result.files[0].notes)


def test_a_mover_counts_in_each_area_for_the_months_there() -> None:
    found = read([
        recipient_line(Recipient("0301", "01", identity=PERSON, marked=frozenset({1, 2, 3}),
                                 grants=months(1, 2, 3, amount=1000)), 2025),
        recipient_line(Recipient("0301", "02", identity=PERSON, marked=frozenset({3, 4}),
                                 grants=months(3, 4, amount=2000)), 2025),
    ])
    assert found.persons is not None
    figures = assistance_figures(found.persons, year=2025, months=range(1, 5), previous=None)
    assert by_month(figures, "030101", "SH_MOTTAKERE") == {1: 1, 2: 1, 3: 1, 4: 0}
    assert by_month(figures, "030102", "SH_MOTTAKERE") == {1: 0, 2: 0, 3: 1, 4: 1}
    assert by_month(figures, "030102", "SH_KRONER") == {1: 0, 2: 0, 3: 2000, 4: 2000}


def test_a_month_marked_without_amount_and_an_amount_without_mark_both_count() -> None:
    found = read([
        recipient_line(Recipient("4204", journal="1", marked=frozenset({1}), children=True), 2025),
        recipient_line(Recipient("4204", journal="2", loans={1: 700}, grants={2: 300}), 2025),
    ])
    assert found.persons is not None
    figures = assistance_figures(found.persons, year=2025, months=[1, 2, 3], previous=None)
    assert by_month(figures, "4204", "SH_MOTTAKERE") == {1: 2, 2: 1, 3: 0}
    assert by_month(figures, "4204", "SH_BARN") == {1: 1, 2: 0, 3: 0}
    assert by_month(figures, "4204", "SH_KRONER") == {1: 700, 2: 300, 3: 0}


@pytest.mark.parametrize("year", [2024, 2025])
def test_status_6_without_end_date_and_a_programme_ending_on_the_last_day_of_a_month(year: int) -> None:
    found = read([
        # Moved to another Oslo district in April, no end date: counts January–April.
        participant_line(Participant("0301", date(year - 1, 6, 1), district="03", journal="1", status="6",
                                     marked=frozenset({1, 2, 3, 4})), year),
        # Ended 31 March: in the programme at the end of January and February, not of March.
        participant_line(Participant("0301", date(year - 1, 6, 1), district="03", journal="2", status="3",
                                     ended=date(year, 3, 31), marked=frozenset({1, 2, 3})), year),
        # Began 1 May: counts from May.
        participant_line(Participant("0301", date(year, 5, 1), district="03", journal="3",
                                     marked=frozenset({5, 6})), year),
    ])
    assert found.persons is not None
    figures = qualification_figures(found.persons, year=year, months=range(1, 7))
    assert by_month(figures, "030103", "KVP_DELTAKERE") == {1: 2, 2: 2, 3: 1, 4: 1, 5: 1, 6: 1}


def test_figures_of_1_to_3_are_dots_and_kroner_follow_the_recipients() -> None:
    lines = [recipient_line(Recipient("4204", journal=str(n), grants={1: 1000, 2: 1000}), 2025) for n in range(4)]
    lines += [recipient_line(Recipient("3301", journal=str(n), grants={1: 1000}), 2025) for n in range(2)]
    result = compute_import(
        [KostraInput("11F_2025.dat", file_bytes(lines))],
        municipalities=lambda year: MUNICIPALITIES, registers_per_district={}, last_month=Period(2025, 3),
    )
    figures = result.figures
    row = figures.filter((pl.col("area") == "3301") & (pl.col("month") == 1))
    dotted = dict(zip(row.get_column("figure").to_list(), row.get_column("dotted").to_list(), strict=True))
    assert dotted["SH_MOTTAKERE"] and dotted["SH_KRONER"]
    assert row.filter(pl.col("dotted")).get_column("value").null_count() == row.filter(pl.col("dotted")).height
    # No one in 3301 in February or March: 0, not missing.
    assert by_month(figures, "3301", "SH_MOTTAKERE") == {1: None, 2: 0, 3: 0}
    assert by_month(figures, "3301", "SH_KRONER") == {1: None, 2: 0, 3: 0}
    assert by_month(figures, "4204", "SH_MOTTAKERE") == {1: 4, 2: 4, 3: 0}
    assert by_month(figures, "4204", "SH_KRONER") == {1: 4000, 2: 4000, 3: 0}
    assert result.files[0].months == (1, 2, 3)


def test_a_file_covers_its_year_up_to_the_last_month_given() -> None:
    lines = [recipient_line(Recipient("4204", journal=str(n), marked=frozenset({1})), 2025) for n in range(4)]
    result = compute_import(
        [KostraInput("a.dat", file_bytes(lines))],
        municipalities=lambda year: MUNICIPALITIES, registers_per_district={}, last_month=Period(2025, 1),
    )
    assert result.files[0].months == (1,)
    assert set(result.figures.get_column("month").to_list()) == {1}
    later = compute_import(
        [KostraInput("a.dat", file_bytes(lines))],
        municipalities=lambda year: MUNICIPALITIES, registers_per_district={}, last_month=Period(2024, 12),
    )
    assert later.figures.height == 0 and "Ingen måned i 2025" in later.files[0].notes[0]


def test_bergen_is_refused_because_it_registers_per_district() -> None:
    lines = [recipient_line(Recipient("4601", journal=str(n), marked=frozenset({1})), 2025) for n in range(5)]
    result = compute_import(
        [KostraInput("bergen.dat", file_bytes(lines))],
        municipalities=lambda year: MUNICIPALITIES,
        registers_per_district={"4601": "Bergen"},
        last_month=Period(2025, 6),
    )
    summary = result.files[0]
    assert summary.is_refused
    assert "Bergen (4601) registrerer nøkkeltallene per bydel" in summary.refused[0].reason
    assert result.figures.height == 0


def test_oslo_lines_go_to_their_district() -> None:
    lines = [recipient_line(Recipient("0301", "05", journal=str(n), marked=frozenset({1})), 2025) for n in range(4)]
    result = compute_import(
        [KostraInput("oslo.dat", file_bytes(lines))],
        municipalities=lambda year: MUNICIPALITIES, registers_per_district={"4601": "Bergen"},
        last_month=Period(2025, 1),
    )
    assert result.files[0].areas == ["030105"]
    assert by_month(result.figures, "030105", "SH_MOTTAKERE") == {1: 4}


def test_the_same_area_in_two_files_of_one_year_refuses_the_second() -> None:
    lines = [recipient_line(Recipient("4204", journal=str(n), marked=frozenset({1})), 2025) for n in range(4)]
    result = compute_import(
        [KostraInput("a.dat", file_bytes(lines)), KostraInput("b.dat", file_bytes(lines))],
        municipalities=lambda year: MUNICIPALITIES, registers_per_district={}, last_month=Period(2025, 1),
    )
    assert not result.files[0].is_refused
    assert "Område 4204 finnes også i a.dat" in result.files[1].refused[0].reason
    assert set(result.figures.get_column("file").to_list()) == {0}


def test_long_term_follows_a_person_across_the_2024_code_change() -> None:
    last_year = read_kostra_file(
        file_bytes([recipient_line(Recipient("3005", identity=PERSON, main_source=True,
                                             marked=frozenset({10, 11, 12})), 2023)]),
        filename="2023.dat", municipalities=lambda year: frozenset({"3005"}),
    )
    this_year = read([
        recipient_line(Recipient("3301", identity=PERSON, main_source=True, marked=frozenset({1, 2, 3})), 2024),
    ])
    assert last_year.persons is not None and this_year.persons is not None
    mapped = assistance_figures(this_year.persons, year=2024, months=[3], previous=last_year.persons,
                                previous_areas={"3005": ["3301"]})
    assert by_month(mapped, "3301", "SH_LANGTID") == {3: 1}
    unmapped = assistance_figures(this_year.persons, year=2024, months=[3], previous=last_year.persons)
    # Without the mapping the municipality is not in last year's file: not computed.
    assert by_month(unmapped, "3301", "SH_LANGTID") == {3: None}
