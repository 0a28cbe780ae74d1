"""The follow-up chart: per month, how many areas reported on time, late, or not at all."""

from __future__ import annotations

from collections.abc import Sequence

from malekort.domain.charts import COUNT, BarLayout, Chart, ChartKind, Series, XAxis, render_svg
from malekort.domain.reporting import MonthRow

ON_TIME, LATE, MISSING, NOT_DUE, VOLUNTARY = "#06893A", "#C77300", "#C30000", "#707070", "#0067C5"


def reporting_chart(rows: Sequence[MonthRow], title: str) -> Chart:
    """Return stacked bars per month: on time, late, missing and not yet due (2022: voluntary)."""
    def series(name: str, values: list[int], colour: str) -> Series:
        return Series(name, tuple(float(v) for v in values), colour=colour)

    return Chart(
        kind=ChartKind.BAR,
        title=title,
        x=XAxis.months([r.period for r in rows]),
        series=(
            series("Til fristen", [r.counts.on_time for r in rows], ON_TIME),
            series("For sent", [r.counts.late for r in rows], LATE),
            series("Mangler", [r.counts.missing for r in rows], MISSING),
            series("Ikke forfalt ennå", [r.counts.not_yet_due for r in rows], NOT_DUE),
            series("Frivillig registrert (2022)", [r.counts.voluntary_registered for r in rows], VOLUNTARY),
        ),
        value_format=COUNT,
        bar_layout=BarLayout.STACKED,
        y_title="Antall områder",
    )


def reporting_chart_svg(rows: Sequence[MonthRow], title: str) -> str:
    return render_svg(reporting_chart(rows, title), id_prefix="rapportering", width=900, show_title=False)
