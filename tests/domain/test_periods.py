"""Calendar months: parsing, arithmetic across year ends and Norwegian labels."""

from datetime import date

import pytest

from malekort.domain.periods import Period, PeriodError, label, periods_between


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
