"""What the national and county statistics pages show, built from the current aggregates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from malekort.domain.aggregation import Aggregate, IndicatorAggregate
from malekort.domain.amounts import NOT_APPLICABLE, Amount
from malekort.domain.charts import (
    COUNT,
    KRONER,
    Chart,
    ChartKind,
    Measure,
    Series,
    ValueFormat,
    XAxis,
    format_number,
)
from malekort.domain.comparison import Change, compare
from malekort.domain.indicators import definitions as d
from malekort.domain.keyfigures import KeyFigure
from malekort.domain.periods import Period
from malekort.statistics.store import Bundle


def amount_text(amount: Amount, *, kroner: bool = False, decimals: int = 0) -> str:
    if amount.value is None:
        return amount.symbol
    text = format_number(amount.value, decimals=decimals)
    return f"{text}\u00a0kr" if kroner else text


def percent_text(share: float | None, decimals: int = 1) -> str:
    return "" if share is None else f"{format_number(share * 100, decimals=decimals)}\u00a0%"


@dataclass(frozen=True)
class FigureLine:
    figure: KeyFigure
    aggregate: Aggregate
    shown: Amount
    month_change: Change
    year_change: Change

    @property
    def kroner(self) -> bool:
        return not self.figure.is_count

    @property
    def bounds(self) -> str:
        if not self.aggregate.dotted:
            return ""
        lower = amount_text(self.shown, kroner=self.kroner)
        if not self.aggregate.has_upper_bound:
            return f"minst {lower} (ingen øvre grense for kroner)"
        return f"{lower} – {amount_text(self.aggregate.display_upper)}"


@dataclass(frozen=True)
class IndicatorLine:
    code: str
    version: d.IndicatorVersion
    aggregate: IndicatorAggregate


def figure_lines(bundle: Bundle, region: str, month: Period) -> list[FigureLine]:
    """Return each key figure for the region and month with like-for-like month and year changes."""
    lines = []
    recipients = bundle.figure(region, "SH_MOTTAKERE", month)
    for code, figure in bundle.figures.items():
        aggregate = bundle.figure(region, code, month)
        if aggregate is None:
            continue
        shown = aggregate.display_following(recipients) if figure.dotted_with and recipients else aggregate.display
        later = bundle.area_amounts(region, code, month)
        lines.append(FigureLine(
            figure, aggregate, shown,
            compare(figure, bundle.area_amounts(region, code, month.previous), later),
            compare(figure, bundle.area_amounts(region, code, month.same_month_last_year), later),
        ))
    return lines


def indicator_lines(bundle: Bundle, region: str, month: Period) -> list[IndicatorLine]:
    """Return each recommended indicator for the region and month, over the areas whose numerator is known."""
    lines = []
    for indicator, versions in bundle.indicators:
        version = d.version_in_force(versions, month)
        aggregate = bundle.indicator(region, indicator.code, month)
        if version is not None and aggregate is not None:
            lines.append(IndicatorLine(indicator.code, version, aggregate))
    return lines


def _region_series(
    bundle: Bundle, regions: list[str], months: list[Period], published: Callable[[str, Period], Amount | None]
) -> tuple[Series, ...]:
    """Return a series per region of what may be published for each month ('.' where there is nothing)."""
    return tuple(
        Series.from_amounts(
            bundle.names.get(region, region),
            [published(region, month) or NOT_APPLICABLE for month in months],
        )
        for region in regions
    )


def figure_chart(bundle: Bundle, regions: list[str], code: str, last: Period, months: int = 24) -> Chart:
    """Return the figure's known sum over time for the regions, with symbols where it is not published."""
    figure = bundle.figures[code]
    period = [m for m in bundle.months if m <= last][-months:]

    def published(region: str, month: Period) -> Amount | None:
        aggregate = bundle.figure(region, code, month)
        return aggregate.display if aggregate is not None else None

    return Chart(
        kind=ChartKind.LINE,
        title=f"{figure.short_name.capitalize()}, kjent sum",
        x=XAxis.months(period),
        series=_region_series(bundle, regions, period, published),
        value_format=COUNT if figure.is_count else KRONER,
        notes=("Summen av rapporterte tall. Områder som ikke har rapportert, og prikkede tall, er ikke med.",),
        highlight=len(period) - 1,
    )


def indicator_chart(bundle: Bundle, regions: list[str], code: str, last: Period, months: int = 24) -> Chart | None:
    """Return the indicator over time for the regions (only the areas whose numerator is known count)."""
    versions = next((vs for i, vs in bundle.indicators if i.code == code), None)
    version = d.version_in_force(versions, last) if versions else None
    if version is None:
        return None
    period = [m for m in bundle.months if m <= last][-months:]

    def published(region: str, month: Period) -> Amount | None:
        aggregate = bundle.indicator(region, code, month)
        return aggregate.display if aggregate is not None else None

    measure = Measure.PERCENT if version.is_share else Measure.COUNT
    return Chart(
        kind=ChartKind.LINE,
        title=f"{code} {version.name}",
        x=XAxis.months(period),
        series=_region_series(bundle, regions, period, published),
        value_format=ValueFormat(measure, decimals=version.decimals),
        notes=("Nevneren omfatter bare områdene der telleren er kjent.",),
        highlight=len(period) - 1,
    )


def side_by_side(bundle: Bundle, parts: list[str], code: str, month: Period, title: str) -> Chart:
    """Return bars for the parts (fylker of the country, or a county's areas) for one figure and month."""
    figure = bundle.figures[code]
    amounts = []
    for part in parts:
        aggregate = bundle.figure(part, code, month)
        if aggregate is None:  # an area, not an aggregate region: its own registered value
            own = bundle.loaded.figures.get(part, code, month).shown(is_count=figure.is_count)
            amounts.append(own)
        else:
            amounts.append(aggregate.display)
    return Chart(
        kind=ChartKind.BAR,
        horizontal=True,
        title=title,
        x=XAxis.categories([bundle.names.get(p, p) for p in parts], title="Område", unit_names=("område", "områder")),
        series=(Series.from_amounts(figure.short_name.capitalize(), amounts),),
        value_format=COUNT if figure.is_count else KRONER,
    )
