"""Norwegian numbers, short month labels and round axis ticks for charts."""

import itertools
import math

import pytest

from malekort.domain.charts import COUNT, KRONER, PERCENT, XAxis, format_number, nice_ticks, short_month_label
from malekort.domain.charts.format import Measure, ValueFormat
from malekort.domain.periods import Period, periods_between

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (0, 0, "0"),
        (873, 0, "873"),
        (1234, 0, f"1{NBSP}234"),
        (1234567, 0, f"1{NBSP}234{NBSP}567"),
        (3.4, 1, "3,4"),
        (3, 1, "3,0"),
        (0.125, 2, "0,13"),
        # 2.25 is exact in binary, so Python's own rounding would give 2,2; print rounds half up.
        (2.25, 1, "2,3"),
        (0.5, 0, "1"),
        # Rounding may carry into a new thousands group.
        (999.95, 1, f"1{NBSP}000,0"),
        (-1234.5, 0, f"\u22121{NBSP}235"),  # the minus sign, not a hyphen
        # A small negative change rounds to zero without a sign.
        (-0.04, 1, "0,0"),
    ],
)
def test_format_number_writes_norwegian_numbers(value: float, decimals: int, expected: str) -> None:
    assert format_number(value, decimals=decimals) == expected


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_format_number_refuses_what_is_not_a_number(value: float) -> None:
    with pytest.raises(ValueError):
        format_number(value)


def test_value_formats_add_the_unit() -> None:
    assert PERCENT.format(3.4) == f"3,4{NBSP}%"
    assert PERCENT.format(3.449) == f"3,4{NBSP}%"
    assert ValueFormat(Measure.PERCENT, decimals=2).format(3.4) == f"3,40{NBSP}%"
    assert COUNT.format(1873) == f"1{NBSP}873"
    assert KRONER.format(12500) == f"12{NBSP}500{NBSP}kr"


def test_value_format_refuses_unreasonable_decimals() -> None:
    with pytest.raises(ValueError):
        ValueFormat(Measure.PERCENT, decimals=-1)


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        (Period(2025, 1), "jan. 2025"),
        (Period(2024, 2), "feb. 2024"),
        # Short months are written in full, as in «mars 2024».
        (Period(2024, 3), "mars 2024"),
        (Period(2025, 5), "mai 2025"),
        (Period(2025, 6), "juni 2025"),
        (Period(2025, 7), "juli 2025"),
        (Period(2025, 9), "sep. 2025"),
        (Period(2025, 12), "des. 2025"),
    ],
)
def test_short_month_label(period: Period, expected: str) -> None:
    assert short_month_label(period) == expected


def test_month_axis_labels_every_period_in_order() -> None:
    axis = XAxis.months(periods_between(Period(2024, 11), Period(2025, 2)))
    assert axis.labels == ("nov. 2024", "des. 2024", "jan. 2025", "feb. 2025")
    assert axis.is_time
    assert axis.title == "Måned"


@pytest.mark.parametrize(
    ("low", "high", "whole", "expected"),
    [
        # A share of 3.1–3.9 %: steps of 1 give five ticks from 0.
        (0, 3.9, False, (0, 1, 2, 3, 4)),
        # Steps of 100 would need ten ticks; 200 is the first round step that fits six.
        (0, 873, True, (0, 200, 400, 600, 800, 1000)),
        (0, 0.9, False, (0, 0.2, 0.4, 0.6, 0.8, 1.0)),
        # Exact decimals: not 0.30000000000000004.
        (0, 0.3, False, (0, 0.1, 0.2, 0.3)),
        (2.1, 3.9, False, (2.0, 2.5, 3.0, 3.5, 4.0)),
        # Counts never get half-person steps, even where 0.5 would fit.
        (0, 2.5, True, (0, 1, 2, 3)),
        (0, 12_345_678, True, (0, 2_500_000, 5_000_000, 7_500_000, 10_000_000, 12_500_000)),
        (-2.3, 4.1, False, (-4, -2, 0, 2, 4, 6)),
        # An empty or flat chart still gets an axis with height.
        (0, 0, False, (0, 0.2, 0.4, 0.6, 0.8, 1.0)),
        (0, 0, True, (0, 1)),
    ],
)
def test_nice_ticks(low: float, high: float, whole: bool, expected: tuple[float, ...]) -> None:
    assert nice_ticks(low, high, whole=whole) == expected


@pytest.mark.parametrize(
    ("low", "high"),
    [(0, 1), (0, 7), (0, 99.9), (0, 101), (-5, 5), (0, 0.017), (12, 13), (0, 4_321_000), (0, 1e9)],
)
def test_nice_ticks_cover_the_range_with_few_even_steps(low: float, high: float) -> None:
    ticks = nice_ticks(low, high)
    steps = {round(b - a, 9) for a, b in itertools.pairwise(ticks)}
    assert ticks[0] <= low and ticks[-1] >= high
    assert 3 <= len(ticks) <= 6
    assert len(steps) == 1


def test_nice_ticks_refuse_impossible_ranges() -> None:
    with pytest.raises(ValueError):
        nice_ticks(5, 1)
    with pytest.raises(ValueError):
        nice_ticks(0, math.inf)
    with pytest.raises(ValueError):
        nice_ticks(0, 1, max_ticks=2)


def test_the_standard_pdf_fonts_get_a_hyphen_for_the_minus_sign() -> None:
    from malekort.domain.charts.format import for_standard_fonts

    assert for_standard_fonts(format_number(-1234.5)) == f"-1{NBSP}235"
