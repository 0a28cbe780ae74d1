"""How scorecard numbers are written and drawn: one chart definition for the page, the table and exports."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from malekort.domain.aggregation import IndicatorAggregate
from malekort.domain.amounts import Amount
from malekort.domain.charts import (
    Chart,
    ChartKind,
    Measure,
    Series,
    ValueFormat,
    XAxis,
    bands_for,
    format_number,
    short_month_label,
)
from malekort.domain.indicators import definitions as d
from malekort.domain.indicators.limits import Limits
from malekort.domain.periods import Period

# NAV blue for the unit, gray for the county, orange for the nation.
UNIT_COLOUR = "#0067C5"
COUNTY_COLOUR = "#707070"
NATION_COLOUR = "#C77300"


def value_format(version: d.IndicatorVersion) -> ValueFormat:
    if version.is_share:
        return ValueFormat(Measure.PERCENT, decimals=version.decimals)
    return ValueFormat(Measure.COUNT, decimals=version.decimals)


def value_text(amount: Amount | None, version: d.IndicatorVersion | None) -> str:
    """Return the value as shown: «3,34 %», «14» or an SSB symbol."""
    if amount is None or version is None:
        return ""
    if amount.value is None:
        return amount.symbol
    return value_format(version).format(amount.value)


def change_text(amount: Amount | None, version: d.IndicatorVersion | None) -> str:
    """Return a change with its sign, in percentage points for shares: «+0,10 pp», «−2»."""
    if amount is None or version is None:
        return ""
    if amount.value is None:
        return amount.symbol
    number = format_number(amount.value, decimals=version.decimals)
    sign = "+" if amount.value > 0 and number.strip("0,") else ""
    return f"{sign}{number}{' pp' if version.is_share else ''}"


def number_text(amount: Amount | None, *, decimals: int = 0) -> str:
    """Return a numerator or denominator as shown (already suppressed)."""
    if amount is None:
        return ""
    return amount.symbol if amount.value is None else format_number(amount.value, decimals=decimals)


def coverage_text(
    over: IndicatorAggregate | None, *, always: bool = False, names: Mapping[str, str] | None = None,
) -> str:
    """Return which areas a value was computed on: «1 av 6 områder, 4,9 % av befolkningen 18–66 år».

    With `names`, the areas left out are named and why: «mangler: Sagene; prikket: Frogner».
    Empty for a single area, and for a complete value unless `always`.
    """
    if over is None or over.expected <= 1 or (over.used == over.expected and not always):
        return ""
    share = over.coverage
    people = "" if share is None else f", {format_number(share * 100, decimals=1)}\u00a0% av befolkningen 18–66 år"
    text = f"{over.used} av {over.expected} områder{people}"
    if names is not None:
        for reason, codes in (("ikke rapportert", over.missing_codes), ("prikket", over.dotted_codes)):
            if codes:
                text += f"; {reason}: " + ", ".join(sorted(names.get(code, code) for code in codes))
    return text


def sparkline(title: str, months: Sequence[Period], amounts: Sequence[Amount], version: d.IndicatorVersion) -> Chart:
    """Return the small 24-month chart of a scorecard row."""
    return Chart(
        kind=ChartKind.SPARKLINE,
        title=title,
        x=XAxis(tuple(short_month_label(m) for m in months)),
        series=(Series.from_amounts(title, amounts, colour=UNIT_COLOUR),),
        value_format=value_format(version),
    )


def series_chart(
    title: str,
    months: Sequence[Period],
    lines: Sequence[tuple[str, Sequence[Amount], str]],
    version: d.IndicatorVersion,
    *,
    limits: Limits | None = None,
    notes: Sequence[str] = (),
    highlight: Period | None = None,
) -> Chart:
    """Return the detail chart: the unit's monthly series, optionally with county and national lines."""
    return Chart(
        kind=ChartKind.LINE,
        title=title,
        x=XAxis(tuple(short_month_label(m) for m in months)),
        series=tuple(Series.from_amounts(name, amounts, colour=colour) for name, amounts, colour in lines),
        value_format=value_format(version),
        notes=tuple(notes),
        highlight=list(months).index(highlight) if highlight is not None and highlight in months else None,
        bands=bands_for(limits, version.direction) if limits and version.direction is not d.Direction.NEUTRAL else (),
    )
