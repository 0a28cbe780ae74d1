"""Charts: one definition for the page, the table view, the text alternative and PDF reports.

Build a `Chart` from `definition`, then draw it with `render_svg`, describe it
with `describe` and tabulate it with `to_table`.
"""

from malekort.domain.charts.definition import (
    Band,
    BarLayout,
    Chart,
    ChartError,
    ChartKind,
    LimitLine,
    Series,
    XAxis,
    bands_for,
)
from malekort.domain.charts.format import (
    COUNT,
    KRONER,
    PERCENT,
    Measure,
    ValueFormat,
    format_number,
    short_month_label,
)
from malekort.domain.charts.scale import nice_ticks
from malekort.domain.charts.svg import render_svg
from malekort.domain.charts.text import ChartTable, describe, to_table

__all__ = [
    "COUNT",
    "KRONER",
    "PERCENT",
    "Band",
    "BarLayout",
    "Chart",
    "ChartError",
    "ChartKind",
    "ChartTable",
    "LimitLine",
    "Measure",
    "Series",
    "ValueFormat",
    "XAxis",
    "bands_for",
    "describe",
    "format_number",
    "nice_ticks",
    "render_svg",
    "short_month_label",
    "to_table",
]
