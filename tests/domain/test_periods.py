"""Calendar months: parsing, arithmetic across year ends and Norwegian labels."""

from datetime import date

import pytest

from malekort.domain.periods import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    Period,
    PeriodError,
    label,
    parse_day,
    periods_between,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-01", Period(2024, 1)),
        ("2024-12", Period(2024, 12)),
        ("2022-03", Period(2022, 3)),
        # Surrounding whitespace (a padded spreadsheet cell) is tolerated.
        (" 2024-01 ", Period(2024, 1)),
        ("2024-01\n", Period(2024, 1)),
    ],
)
def test_parse_accepts_year_dash_month(text: str, expected: Period) -> None:
    assert Period.parse(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2024-13",
        "2024-00",
        "24-01",
        "2024-1",
        "2024/01",
        "202401",
        "2024-01-01",
        "01-2024",
        "mars 2024",
        "",
        "   ",
        "2024 - 01",
        "abcd-ef",
    ],
)
def test_parse_refuses_other_forms(text: str) -> None:
    with pytest.raises(PeriodError):
        Period.parse(text)


@pytest.mark.parametrize("text", ["0000-01", "1999-12", "2101-01", "9999-12"])
def test_parse_refuses_years_outside_the_accepted_range(text: str) -> None:
    # Year 0 and the month after 9999-12 are no dates Python can hold: pages crashed on them.
    with pytest.raises(PeriodError, match=f"år utenfor {EARLIEST_YEAR}–{LATEST_YEAR}"):
        Period.parse(text)


def test_parse_accepts_the_first_and_last_accepted_years() -> None:
    assert Period.parse("2000-01") == Period(2000, 1)
    assert Period.parse("2100-12") == Period(2100, 12)
    # Every accepted month has days and neighbours the calendar holds.
    assert Period(2100, 12).next.last_day == date(2101, 1, 31)
    assert Period(2000, 1).previous.first_day == date(1999, 12, 1)


@pytest.mark.parametrize("text", ["２０２４-０１", "٢٠٢٤-٠١", "2024-01\n2024-02", "2024-01\x00"])
def test_parse_takes_only_ascii_digits_and_one_month(text: str) -> None:
    with pytest.raises(PeriodError):
        Period.parse(text)


def test_parse_quotes_a_long_text_shortened() -> None:
    with pytest.raises(PeriodError) as raised:
        Period.parse("x" * 10_000)
    assert len(str(raised.value)) < 80
    assert "«xxxxxxxxxxxxxxxxxxxx…»" in str(raised.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-02-28", date(2025, 2, 28)),
        ("2024-02-29", date(2024, 2, 29)),
        (" 2024-05-01 ", date(2024, 5, 1)),
    ],
)
def test_parse_day_accepts_calendar_days(text: str, expected: date) -> None:
    assert parse_day(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2025-02-30", "ikke en dag som finnes"),
        ("2025-02-29", "ikke en dag som finnes"),
        ("2025-04-31", "ikke en dag som finnes"),
        ("2025-13-01", "utenfor 01–12"),
        ("2025-00-10", "utenfor 01–12"),
        ("2025-01-00", "ikke en dag som finnes"),
        ("0000-01-01", "år utenfor"),
        ("9999-12-31", "år utenfor"),
        ("2025-1-1", "ÅÅÅÅ-MM-DD"),
        ("1.5.2025", "ÅÅÅÅ-MM-DD"),
        ("2025-05", "ÅÅÅÅ-MM-DD"),
        ("", "ÅÅÅÅ-MM-DD"),
    ],
)
def test_parse_day_refuses_what_is_no_day(text: str, message: str) -> None:
    with pytest.raises(PeriodError, match=message):
        parse_day(text)


def test_period_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="ÅÅÅÅ-MM"):
        Period.parse("24-01")


def test_month_out_of_range_message_names_the_range() -> None:
    with pytest.raises(PeriodError, match="01–12"):
        Period.parse("2024-13")


@pytest.mark.parametrize("month", [0, 13, -1])
def test_constructor_refuses_impossible_months(month: int) -> None:
    with pytest.raises(PeriodError):
        Period(2024, month)


def test_str_is_zero_padded() -> None:
    assert str(Period(2024, 3)) == "2024-03"
    assert str(Period(2023, 11)) == "2023-11"


def test_of_a_day() -> None:
    assert Period.of(date(2024, 2, 29)) == Period(2024, 2)
    assert Period.of(date(2023, 12, 31)) == Period(2023, 12)


def test_first_and_last_day() -> None:
    assert Period(2024, 2).first_day == date(2024, 2, 1)
    assert Period(2024, 2).last_day == date(2024, 2, 29)  # leap year
    assert Period(2023, 2).last_day == date(2023, 2, 28)
    assert Period(2023, 12).last_day == date(2023, 12, 31)
    assert Period(2023, 4).last_day == date(2023, 4, 30)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (Period(2023, 12), 1, Period(2024, 1)),
        (Period(2024, 1), -1, Period(2023, 12)),
        (Period(2024, 1), -13, Period(2022, 12)),
        (Period(2022, 5), 24, Period(2024, 5)),
        (Period(2023, 11), 3, Period(2024, 2)),
        (Period(2023, 6), 0, Period(2023, 6)),
        (Period(2022, 1), -1, Period(2021, 12)),
    ],
)
def test_shift(start: Period, months: int, expected: Period) -> None:
    assert start.shift(months) == expected


def test_next_and_previous_cross_the_year_end() -> None:
    assert Period(2023, 12).next == Period(2024, 1)
    assert Period(2024, 1).previous == Period(2023, 12)


def test_same_month_last_year() -> None:
    assert Period(2024, 2).same_month_last_year == Period(2023, 2)
    assert Period(2023, 1).same_month_last_year == Period(2022, 1)
    assert Period(2023, 12).same_month_last_year == Period(2022, 12)


def test_ordering_is_chronological() -> None:
    assert Period(2023, 12) < Period(2024, 1)
    assert Period(2024, 2) > Period(2024, 1)
    assert sorted([Period(2024, 1), Period(2022, 12), Period(2023, 6)]) == [
        Period(2022, 12),
        Period(2023, 6),
        Period(2024, 1),
    ]


def test_periods_between_crosses_the_year_end_both_ends_included() -> None:
    assert list(periods_between(Period(2023, 11), Period(2024, 2))) == [
        Period(2023, 11),
        Period(2023, 12),
        Period(2024, 1),
        Period(2024, 2),
    ]


def test_periods_between_one_month() -> None:
    assert list(periods_between(Period(2024, 3), Period(2024, 3))) == [Period(2024, 3)]


def test_periods_between_reversed_is_empty() -> None:
    assert list(periods_between(Period(2024, 3), Period(2024, 2))) == []


def test_periods_between_two_full_years_counts_24() -> None:
    months = list(periods_between(Period(2022, 1), Period(2023, 12)))
    assert len(months) == 24
    assert months[12] == Period(2023, 1)


@pytest.mark.parametrize(
    ("period", "text"),
    [
        (Period(2024, 3), "mars 2024"),
        (Period(2022, 1), "januar 2022"),
        (Period(2023, 5), "mai 2023"),
        (Period(2023, 12), "desember 2023"),
        (Period(2024, 2), "februar 2024"),
    ],
)
def test_label_in_norwegian(period: Period, text: str) -> None:
    assert label(period) == text
