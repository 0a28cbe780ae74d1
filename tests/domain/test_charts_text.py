"""The text alternative and the table view say what the chart shows, with SSB symbols where numbers are missing."""

from malekort.domain.charts import (
    COUNT,
    PERCENT,
    BarLayout,
    Chart,
    ChartKind,
    LimitLine,
    Series,
    XAxis,
    bands_for,
    describe,
    to_table,
)
from malekort.domain.indicators.definitions import Direction
from malekort.domain.indicators.limits import Colour, Limits
from malekort.domain.periods import Period, periods_between

NBSP = "\u00a0"
B101 = "B.101 Andel som har mottatt økonomisk sosialhjelp"
TWO_YEARS = XAxis.months(periods_between(Period(2024, 1), Period(2025, 12)))
# Lowest in March 2024, highest in August 2025, the last value in December 2025, two months not reported.
GRUNERLOKKA_B101 = (
    3.3, 3.2, 3.1, 3.2, 3.3, 3.4, None, 3.5, 3.5, 3.4, 3.3, 3.2,
    3.3, 3.4, 3.5, 3.6, None, 3.7, 3.8, 3.9, 3.8, 3.6, 3.5, 3.4,
)
QUARTER = XAxis(("jan. 2025", "feb. 2025", "mars 2025"))


def test_describe_a_line_over_two_years() -> None:
    chart = Chart(ChartKind.LINE, B101, TWO_YEARS, (Series("Nav Grünerløkka", GRUNERLOKKA_B101),), PERCENT)
    assert describe(chart) == (
        f"Linjediagram, {B101}, jan. 2024–des. 2025. "
        f"Siste verdi 3,4{NBSP}% (des. 2025). "
        f"Laveste 3,1{NBSP}% (mars 2024), høyeste 3,9{NBSP}% (aug. 2025). "
        "2 måneder uten tall (ikke rapportert)."
    )


def test_describe_says_why_values_are_missing_when_reasons_differ() -> None:
    series = Series("Gol", (14, None, None, 17), ("", ":", "..", ""))
    chart = Chart(ChartKind.LINE, "Antall mottakere", XAxis(("jan. 2025", "feb. 2025", "mars 2025", "apr. 2025")),
                  (series,), COUNT)
    assert describe(chart) == (
        "Linjediagram, Antall mottakere, jan. 2025–apr. 2025. Siste verdi 17 (apr. 2025). "
        "Laveste 14 (jan. 2025), høyeste 17 (apr. 2025). "
        "2 måneder uten tall (1 vises ikke av personvernhensyn, 1 ikke rapportert)."
    )


def test_describe_several_series_with_highlight_limits_and_notes() -> None:
    chart = Chart(
        ChartKind.LINE, B101, QUARTER,
        (Series("Nav Gol", (3.1, None, 4.2), ("", ":", "")), Series("Buskerud", (2.9, 3.0, 3.05))),
        PERCENT,
        notes=("Tall for 2022–2023 er omregnet til dagens grenser",),
        highlight=1,
        bands=bands_for(Limits(green=3.0, red=4.0), Direction.LOWER_IS_BETTER),
        limits=(LimitLine(3.5, label="Landet"),),
    )
    assert describe(chart) == (
        f"Linjediagram, {B101}, jan. 2025–mars 2025, 2 serier. "
        f"Nav Gol: siste verdi 4,2{NBSP}% (mars 2025); laveste 3,1{NBSP}% (jan. 2025), høyeste 4,2{NBSP}% "
        "(mars 2025); 1 måned uten tall (vises ikke av personvernhensyn). "
        f"Buskerud: siste verdi 3,1{NBSP}% (mars 2025); laveste 2,9{NBSP}% (jan. 2025), høyeste 3,1{NBSP}% "
        "(mars 2025). "
        f"Valgt måned: feb. 2025, Nav Gol ingen tall (vises ikke av personvernhensyn), Buskerud 3,0{NBSP}%. "
        f"Grenser: grønn til 3,0{NBSP}%, gul 3,0{NBSP}%–4,0{NBSP}%, rød fra 4,0{NBSP}%. "
        f"Landet ved 3,5{NBSP}%. "
        "Tall for 2022–2023 er omregnet til dagens grenser."
    )


def test_describe_areas_side_by_side_without_a_last_value() -> None:
    areas = XAxis.categories(("Gamle Oslo", "Sagene", "Nordre Aker"), title="Bydel", unit_names=("bydel", "bydeler"))
    chart = Chart(ChartKind.BAR, "B.104 Andel med barn", areas,
                  (Series("2025", (23.4, None, 29.0), ("", ":", "")),), PERCENT)
    assert describe(chart) == (
        "Stolpediagram, B.104 Andel med barn, 3 bydeler. "
        f"Laveste 23,4{NBSP}% (Gamle Oslo), høyeste 29,0{NBSP}% (Nordre Aker). "
        "1 bydel uten tall (vises ikke av personvernhensyn)."
    )


def test_describe_a_series_without_any_numbers() -> None:
    chart = Chart(ChartKind.SPARKLINE, "B.102", QUARTER, (Series("Flå", (None, None, None), (":", ":", ":")),),
                  PERCENT)
    assert describe(chart) == "Linjediagram, B.102, jan. 2025–mars 2025. Ingen måneder har tall " \
        "(vises ikke av personvernhensyn)."


def test_describe_stacked_bars() -> None:
    chart = Chart(
        ChartKind.BAR, "Rapportering", QUARTER,
        (Series("I tide", (40, 41, 38)), Series("For sent", (5, 4, None))), COUNT, bar_layout=BarLayout.STACKED,
    )
    assert describe(chart) == (
        "Stablet stolpediagram, Rapportering, jan. 2025–mars 2025, 2 serier. "
        "I tide: siste verdi 38 (mars 2025); laveste 38 (mars 2025), høyeste 41 (feb. 2025). "
        "For sent: siste verdi 4 (feb. 2025); laveste 4 (feb. 2025), høyeste 5 (jan. 2025); "
        "1 måned uten tall (ikke rapportert)."
    )


def test_table_has_a_row_per_month_and_symbols_for_missing_values() -> None:
    chart = Chart(
        ChartKind.LINE, B101, QUARTER,
        (Series("Nav Gol", (3.1, None, 4.2), ("", ":", "")), Series("Buskerud", (2.9, 3.0, None))),
        PERCENT, notes=("Foreløpige tall",), highlight=2,
    )
    table = to_table(chart)
    assert table.caption == B101
    assert table.columns == ("Måned", "Nav Gol", "Buskerud")
    assert table.rows == (
        ("jan. 2025", f"3,1{NBSP}%", f"2,9{NBSP}%"),
        ("feb. 2025", ":", f"3,0{NBSP}%"),
        ("mars 2025", f"4,2{NBSP}%", ".."),
    )
    assert table.highlight == 2
    assert table.notes == ("Foreløpige tall",)
    assert table.symbols == (
        ("..", "Tall mangler (ikke rapportert)"),
        (":", "Vises ikke av hensyn til personvern (færre enn 4)"),
    )


def test_table_of_stacked_bars_has_a_total_unknown_when_a_part_is() -> None:
    chart = Chart(
        ChartKind.BAR, "Rapportering", QUARTER,
        (Series("I tide", (40, 1200, None), ("", "", ":")), Series("For sent", (5, 4, None))),
        COUNT, bar_layout=BarLayout.STACKED,
    )
    table = to_table(chart)
    assert table.columns == ("Måned", "I tide", "For sent", "I alt")
    # A dot beats a gap: the sum of a dotted and an unreported part is suppressed.
    assert table.rows == (
        ("jan. 2025", "40", "5", "45"),
        ("feb. 2025", f"1{NBSP}200", "4", f"1{NBSP}204"),
        ("mars 2025", ":", "..", ":"),
    )


def test_limit_line_labels() -> None:
    assert LimitLine(4.0, Colour.RED).text == "Rød grense"
    assert LimitLine(3.2, label="Landet").text == "Landet"
    assert LimitLine(3.2).text == "Grense"
