"""A report's dataset as JSON-stat 2.0, the format of SSB's statistics bank.

Three dimensions as SSB names them: `Region` (role geo: the scope and its
parts), `Tid` (role time: the month, written «2025M03») and `ContentsCode`
(role metric: one category per measure, with its unit and decimals). A cell
without a number has the value null and SSB's symbol as its status.
"""

from __future__ import annotations

import json
from typing import IO, Any

from malekort.domain.files.jsonstat import Category, Dimension, Entry, Unit, build_dataset
from malekort.statistics.reports.tables import Report, ssb_month

SOURCE = "Arbeids- og velferdsdirektoratet (Målekort for sosiale tjenester) og SSB (befolkning)"
REGION, TIME, CONTENTS = "Region", "Tid", "ContentsCode"


def build_jsonstat(report: Report) -> dict[str, Any]:
    """Return the report's dataset as a JSON-stat 2.0 document (plain dicts and lists)."""
    month = ssb_month(report.month)
    dimensions = (
        Dimension(REGION, "region", tuple(Category(p.code, p.name) for p in report.regions), "geo"),
        Dimension(TIME, "måned", (Category(month, month),), "time"),
        Dimension(
            CONTENTS, "statistikkvariabel",
            tuple(Category(m.code, m.label, Unit(label=m.unit, decimals=m.decimals)) for m in report.measures),
            "metric",
        ),
    )
    measures = {m.code: m for m in report.measures}
    cells: dict[tuple[str, ...], Entry] = {}
    for region in report.regions:
        for code, measure in measures.items():
            published = report.cell(region.code, measure)
            value = published.machine_value()
            cells[(region.code, month, code)] = published.symbol if value is None else value
    legend = [f"«{symbol}»: {text}" for symbol, text in report.symbol_legend]
    return build_dataset(
        dimensions=dimensions,
        cell=cells,
        label=report.title,
        source=SOURCE,
        updated=report.generated.isoformat(timespec="seconds"),
        note=[*report.notes, "Tegnforklaring: " + "; ".join(legend) + "."],
    )


def write_jsonstat(report: Report, out: IO[str]) -> None:
    """Write the report's dataset as JSON-stat 2.0."""
    json.dump(build_jsonstat(report), out, ensure_ascii=False, indent=1)
