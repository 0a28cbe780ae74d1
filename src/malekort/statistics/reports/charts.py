"""The charts of a report: recipients and an indicator over the last 24 months, and the parts side by side.

Each chart is a `domain.charts.Chart` built from what `domain.publication`
lets out, so a suppressed month shows SSB's «:» and never a number.
"""

from __future__ import annotations

from malekort.domain import publication
from malekort.domain.aggregation import IndicatorAggregate
from malekort.domain.amounts import NOT_APPLICABLE, Amount
from malekort.domain.charts import COUNT, Chart, ChartKind, Measure, Series, ValueFormat, XAxis
from malekort.domain.deadlines import FIRST_PERIOD
from malekort.domain.indicators import definitions as d
from malekort.domain.keyfigures import RECIPIENTS
from malekort.domain.periods import Period, label, periods_between
from malekort.domain.regions import NATION_CODE
from malekort.indicators.models import Indicator
from malekort.indicators.selectors import versions_by_code
from malekort.statistics.compute import figure_aggregates, indicator_aggregates
from malekort.statistics.reports.tables import NATION_NAME, Report

MONTHS = 24
MAX_BARS = 40
SCOPE_COLOUR = "#0067C5"
NATION_COLOUR = "#C77300"
BOUND_COLOUR = "#707070"


def report_charts(report: Report) -> list[Chart]:
    """Return the report's charts in the order the PDF shows them."""
    months = list(periods_between(max(FIRST_PERIOD, report.month.shift(1 - MONTHS)), report.month))
    charts = []
    recipients = next((f for f in report.figures if f.code == RECIPIENTS), None)
    if recipients is not None:
        aggregates = figure_aggregates([report.scope.code], recipients, months)
        published = [publication.publish_figure(recipients, (), computed=aggregates[(report.scope.code, m)])
                     for m in months]
        charts.append(_recipients_chart(report, months, published))
    version = next((v for v in report.indicators if v.is_share), None)
    if version is not None:
        charts.append(_indicator_chart(report, months, version))
        if 0 < len(report.parts) <= MAX_BARS:
            charts.append(_parts_chart(report, version))
    return charts


def _recipients_chart(report: Report, months: list[Period], sums: list[publication.PublishedFigure]) -> Chart:
    series = [Series.from_amounts("Kjent sum", [s.known_sum for s in sums], colour=SCOPE_COLOUR)]
    if any(s.aggregate.dotted for s in sums):
        series.append(Series.from_amounts(
            "Øvre grense (prikker regnet som 3)", [_upper(s) for s in sums], colour=BOUND_COLOUR,
        ))
    return Chart(
        kind=ChartKind.LINE,
        title=f"Antall mottakere av økonomisk sosialhjelp, {report.scope.name}",
        x=XAxis.months(months),
        series=tuple(series),
        value_format=COUNT,
        highlight=len(months) - 1,
        notes=("Kjent sum av områdene som har rapportert tall; hvor mange områder som rapporterer, "
               "varierer fra måned til måned.",),
    )


def _upper(published: publication.PublishedFigure) -> Amount:
    # The line follows the known sum's dots, so a suppressed month stays suppressed.
    return published.known_sum if not published.known_sum.is_known else published.upper


def _indicator_chart(report: Report, months: list[Period], version: d.IndicatorVersion) -> Chart:
    indicator = Indicator.objects.get(code=version.code, owner__isnull=True)
    versions = versions_by_code([indicator]).get(version.code, [])
    regions = [report.scope.code] if report.is_nation else [report.scope.code, NATION_CODE]
    values = indicator_aggregates(regions, versions, months)
    lines = [(report.scope.name, report.scope.code, SCOPE_COLOUR)]
    if not report.is_nation:
        lines.append((NATION_NAME, NATION_CODE, NATION_COLOUR))
    series = tuple(
        Series.from_amounts(name, [_indicator_amount(values[(code, m)]) for m in months], colour=colour)
        for name, code, colour in lines
    )
    changed = {d.version_in_force(versions, m) for m in months} - {None}
    notes = ["Beregnet på områdene der teller og nevner er kjent."]
    if len(changed) > 1:
        notes.append("Definisjonen er endret i perioden; hver måned er beregnet med versjonen som gjaldt da.")
    return Chart(
        kind=ChartKind.LINE,
        title=f"{version.code} {version.name}",
        x=XAxis.months(months),
        series=series,
        value_format=ValueFormat(Measure.PERCENT, decimals=version.decimals),
        highlight=len(months) - 1,
        notes=tuple(notes),
    )


def _indicator_amount(value: IndicatorAggregate | None) -> Amount:
    # None: no version of the indicator was in force that month.
    return NOT_APPLICABLE if value is None else value.display


def _parts_chart(report: Report, version: d.IndicatorVersion) -> Chart:
    singular, plural = report.parts_name
    measure = report.measure(f"{version.code}.value")
    amounts = [report.cell(part.code, measure).amount for part in report.parts]
    return Chart(
        kind=ChartKind.BAR,
        horizontal=True,
        title=f"{version.code} etter {singular}, {label(report.month)}",
        x=XAxis.categories([p.name for p in report.parts], title=singular.capitalize(), unit_names=(singular, plural)),
        series=(Series.from_amounts(version.name, amounts, colour=SCOPE_COLOUR),),
        value_format=ValueFormat(Measure.PERCENT, decimals=version.decimals),
    )
