"""What the national and county statistics pages show, built from the current aggregates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from malekort.domain import publication
from malekort.domain.aggregation import Aggregate, AreaAmount, IndicatorAggregate
from malekort.domain.amounts import MISSING, NOT_APPLICABLE, Amount
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
from malekort.domain.deadlines import deadline_for, is_provisional
from malekort.domain.indicators import definitions as d
from malekort.domain.keyfigures import RECIPIENTS, KeyFigure
from malekort.domain.periods import Period
from malekort.statistics.store import Bundle

# Months a chart over time shows, up to the month chosen.
CHART_MONTHS = 24


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
    published: publication.PublishedFigure
    month_change: publication.PublishedChange
    year_change: publication.PublishedChange

    @property
    def aggregate(self) -> Aggregate:
        """Return the sum's areas as published: kroner hidden by their recipients count as dots."""
        return self.published.aggregate

    @property
    def shown(self) -> Amount:
        return self.published.known_sum

    @property
    def kroner(self) -> bool:
        return not self.figure.is_count

    @property
    def bounds(self) -> str:
        if not self.aggregate.dotted:
            return ""
        lower = amount_text(self.published.lower, kroner=self.kroner)
        if not self.aggregate.has_upper_bound:
            return f"minst {lower} (ingen øvre grense for kroner)"
        return f"{lower} – {amount_text(self.published.upper)}"


@dataclass(frozen=True)
class IndicatorLine:
    code: str
    version: d.IndicatorVersion
    aggregate: IndicatorAggregate


def published_figure(bundle: Bundle, region: str, code: str, month: Period) -> publication.PublishedFigure | None:
    """Return a key figure over a region (or one area) for a month as it may be published."""
    figure = bundle.figures[code]
    computed = bundle.figure(region, code, month)
    if computed is not None and figure.dotted_with is None:
        return publication.publish_figure(figure, (), computed=computed)
    areas = _area_amounts(bundle, region, code, month)
    if not areas:
        return None
    return publication.publish_figure(
        figure, areas, _leaders(bundle, figure, areas, month), computed=computed,
    )


def published_change(
    bundle: Bundle, region: str, code: str, earlier: Period, later: Period
) -> publication.PublishedChange:
    """Return a key figure's like-for-like change over a region between two months, as it may be published.

    Remembered with the bundle: a national change compares every area's own value, some 800 lookups.
    """
    return bundle.remembered(
        ("change", region, code, earlier, later), lambda: _published_change(bundle, region, code, earlier, later)
    )


def _published_change(
    bundle: Bundle, region: str, code: str, earlier: Period, later: Period
) -> publication.PublishedChange:
    figure = bundle.figures[code]
    before = _area_amounts(bundle, region, code, earlier)
    after = _area_amounts(bundle, region, code, later)
    return publication.publish_change(
        figure, before, after, _leaders(bundle, figure, before, earlier), _leaders(bundle, figure, after, later),
    )


def _area_amounts(bundle: Bundle, region: str, code: str, month: Period) -> list[AreaAmount]:
    """Return the areas of a region with their own values; an area that is no region stands for itself."""
    if bundle.parts(region):
        return bundle.area_amounts(region, code, month)
    if region not in bundle.loaded.areas():
        return []
    return [AreaAmount(region, bundle.loaded.figures.get(region, code, month),
                       bundle.loaded.population(region, month.year))]


def _leaders(bundle: Bundle, figure: KeyFigure, areas: list[AreaAmount], month: Period) -> dict[str, Amount] | None:
    if figure.dotted_with is None:
        return None
    leaders = bundle.loaded.figures.of_figure(figure.dotted_with, month)
    return {a.code: leaders.get(a.code, MISSING) for a in areas}


def figure_lines(bundle: Bundle, region: str, month: Period) -> list[FigureLine]:
    """Return each key figure for the region and month with like-for-like month and year changes."""
    lines = []
    for code, figure in bundle.figures.items():
        published = published_figure(bundle, region, code, month) if bundle.figure(region, code, month) else None
        if published is None:
            continue
        lines.append(FigureLine(
            figure, published,
            published_change(bundle, region, code, month.previous, month),
            published_change(bundle, region, code, month.same_month_last_year, month),
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


def provisional_months(
    bundle: Bundle, region: str, today: date, last: Period, months: int = CHART_MONTHS,
) -> frozenset[Period]:
    """Return the months a chart up to `last` shows whose figures for the region are provisional.

    Provisional: not yet due, or few have reported. Only the charts' months are
    looked at: with ten times the demo's data every month would mean reading
    some 600 stored months for one page.
    """
    shown = [m for m in bundle.months if m <= last][-months:]
    return frozenset(month for month in shown if is_provisional(month, today, _coverage(bundle, region, month)))


def _coverage(bundle: Bundle, region: str, month: Period) -> float | None:
    recipients = bundle.figure(region, RECIPIENTS, month)
    return recipients.population.share if recipients is not None else None


@dataclass(frozen=True)
class ProvisionalNotice:
    deadline: date | None
    coverage: str | None  # «43,2 %»


def provisional_notice(bundle: Bundle, region: str, month: Period) -> ProvisionalNotice:
    """Return what the page says about a provisional month: its deadline and how much of the population is in."""
    share = _coverage(bundle, region, month)
    return ProvisionalNotice(deadline_for(month), percent_text(share) if share is not None else None)


def _provisional_from(period: list[Period], provisional: frozenset[Period]) -> int | None:
    """Return the first position from which every month of the chart is provisional."""
    start = len(period)
    while start > 0 and period[start - 1] in provisional:
        start -= 1
    return start if start < len(period) else None


def figure_chart(
    bundle: Bundle, regions: list[str], code: str, last: Period, months: int = CHART_MONTHS,
    provisional: frozenset[Period] = frozenset(),
) -> Chart:
    """Return the figure's known sum over time for the regions, with symbols where it is not published."""
    figure = bundle.figures[code]
    period = [m for m in bundle.months if m <= last][-months:]

    def published(region: str, month: Period) -> Amount | None:
        found = published_figure(bundle, region, code, month)
        return found.known_sum if found is not None else None

    return Chart(
        kind=ChartKind.LINE,
        title=f"{figure.short_name.capitalize()}, kjent sum",
        x=XAxis.months(period),
        series=_region_series(bundle, regions, period, published),
        value_format=COUNT if figure.is_count else KRONER,
        notes=("Summen av rapporterte tall. Områder som ikke har rapportert, og prikkede tall, er ikke med.",),
        highlight=len(period) - 1,
        provisional_from=_provisional_from(period, provisional),
    )


def indicator_chart(
    bundle: Bundle, regions: list[str], code: str, last: Period, months: int = CHART_MONTHS,
    provisional: frozenset[Period] = frozenset(),
) -> Chart | None:
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
        provisional_from=_provisional_from(period, provisional),
    )


def side_by_side(bundle: Bundle, parts: list[str], code: str, month: Period, title: str) -> Chart:
    """Return bars for the parts (fylker of the country, or a county's areas) for one figure and month."""
    figure = bundle.figures[code]
    amounts = []
    for part in parts:
        found = published_figure(bundle, part, code, month)
        amounts.append(found.known_sum if found is not None else NOT_APPLICABLE)
    return Chart(
        kind=ChartKind.BAR,
        horizontal=True,
        title=title,
        x=XAxis.categories([bundle.names.get(p, p) for p in parts], title="Område", unit_names=("område", "områder")),
        series=(Series.from_amounts(figure.short_name.capitalize(), amounts),),
        value_format=COUNT if figure.is_count else KRONER,
    )
