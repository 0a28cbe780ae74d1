"""Chart definitions refuse what cannot be drawn honestly, above all a number next to a dot."""

import math

import pytest

from malekort.domain.amounts import DOTTED, MISSING, NOT_YET, Amount
from malekort.domain.charts import (
    COUNT,
    PERCENT,
    Band,
    BarLayout,
    Chart,
    ChartError,
    ChartKind,
    Series,
    XAxis,
    bands_for,
)
from malekort.domain.indicators.definitions import Direction
from malekort.domain.indicators.limits import Colour, Limits

QUARTER = XAxis(("jan. 2025", "feb. 2025", "mars 2025"))


def test_series_keeps_the_symbol_of_each_missing_value() -> None:
    series = Series("Nav Grünerløkka", (12, None, None), ("", ":", "..."))
    assert series.values == (12.0, None, None)
    assert series.symbols == ("", ":", "...")
    assert series.known() == [(0, 12.0)]


def test_series_without_symbols_marks_gaps_as_not_reported() -> None:
    assert Series("Oslo", (1.5, None, 2.0)).symbols == ("", "..", "")


def test_series_from_amounts_turns_a_dot_into_a_gap_with_its_symbol() -> None:
    series = Series.from_amounts("Gol", [Amount.known(14), DOTTED, MISSING, NOT_YET])
    assert series.values == (14.0, None, None, None)
    assert series.symbols == ("", ":", "..", "...")


def test_series_refuses_a_number_marked_as_suppressed() -> None:
    # A count of 2 marked «:» would put the suppressed number on the page.
    with pytest.raises(ChartError):
        Series("Flå", (2, None), (":", ".."))


@pytest.mark.parametrize("mark", ["", "x", "-", "0"])
def test_series_refuses_a_gap_without_an_ssb_symbol(mark: str) -> None:
    with pytest.raises(ChartError):
        Series("Hol", (None,), (mark,))


@pytest.mark.parametrize("value", [math.nan, math.inf])
def test_series_refuses_values_that_are_not_finite(value: float) -> None:
    with pytest.raises(ChartError):
        Series("Ål", (value,))


def test_series_refuses_symbols_of_another_length() -> None:
    with pytest.raises(ChartError):
        Series("Nesbyen", (1.0, None), ("",))


def test_series_refuses_a_colour_that_is_not_hex() -> None:
    with pytest.raises(ChartError):
        Series("Hemsedal", (1.0,), colour="blue")


def test_chart_refuses_series_that_do_not_match_the_x_axis() -> None:
    with pytest.raises(ChartError):
        Chart(ChartKind.LINE, "B.101", QUARTER, (Series("Gol", (1.0, 2.0)),), PERCENT)


def test_chart_refuses_a_highlight_outside_the_axis() -> None:
    with pytest.raises(ChartError):
        Chart(ChartKind.LINE, "B.101", QUARTER, (Series("Gol", (1.0, 2.0, 3.0)),), PERCENT, highlight=3)


def test_chart_needs_a_title_and_a_series() -> None:
    with pytest.raises(ChartError):
        Chart(ChartKind.LINE, "  ", QUARTER, (Series("Gol", (1.0, 2.0, 3.0)),), PERCENT)
    with pytest.raises(ChartError):
        Chart(ChartKind.LINE, "B.101", QUARTER, (), PERCENT)


def test_stacked_bars_refuse_negative_parts() -> None:
    with pytest.raises(ChartError):
        Chart(ChartKind.BAR, "Endring", QUARTER, (Series("Gol", (1.0, -2.0, 3.0)),), COUNT,
              bar_layout=BarLayout.STACKED)


def test_symbols_used_are_listed_in_ssb_order() -> None:
    chart = Chart(
        ChartKind.LINE, "B.101", QUARTER,
        (Series("Gol", (None, 1.0, None), (":", "", "..")), Series("Hol", (None, 1.0, 1.0), (".", "", ""))),
        PERCENT,
    )
    assert chart.symbols_used() == (".", "..", ":")


def test_bands_when_lower_is_better() -> None:
    assert bands_for(Limits(green=3.0, red=4.0), Direction.LOWER_IS_BETTER) == (
        Band(Colour.GREEN, None, 3.0),
        Band(Colour.YELLOW, 3.0, 4.0),
        Band(Colour.RED, 4.0, None),
    )


def test_bands_when_higher_is_better() -> None:
    assert bands_for(Limits(green=40, red=20), Direction.HIGHER_IS_BETTER) == (
        Band(Colour.RED, None, 20),
        Band(Colour.YELLOW, 20, 40),
        Band(Colour.GREEN, 40, None),
    )


def test_a_neutral_indicator_has_no_bands() -> None:
    assert bands_for(Limits(green=3.0, red=4.0), Direction.NEUTRAL) == ()


def test_band_refuses_low_above_high() -> None:
    with pytest.raises(ChartError):
        Band(Colour.GREEN, 4.0, 3.0)
