"""A report's dataset as CSV: one line per region and measure, the same cells as the JSON-stat file.

Columns: region,region_name,period,contents_code,contents_name,unit,value,symbol.
`period` is the month as SSB writes it («2025M03»), `value` has a decimal point
and no grouping, and a cell without a number has an empty value and SSB's
symbol (`:` suppressed, `..` not reported, `...` not yet available, `.` not
applicable).
"""

from __future__ import annotations

import csv
from typing import IO

from malekort.domain.files.csv_cells import neutralise
from malekort.statistics.reports.tables import Report, ssb_month

COLUMNS = ("region", "region_name", "period", "contents_code", "contents_name", "unit", "value", "symbol")


def write_csv(report: Report, out: IO[str]) -> int:
    """Write every cell of the report's dataset as CSV; return the number of lines after the header.

    Texts are neutralised against spreadsheet formulas (an own indicator's
    name is free text); the value is a number and is written as it is.
    """
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    month = ssb_month(report.month)
    names = {place.code: place.name for place in report.regions}
    count = 0
    for cell in report.published():
        measure = cell.measure
        writer.writerow([
            *(neutralise(text) for text in (
                cell.region, names[cell.region], month, measure.code, measure.label, measure.unit
            )),
            cell.machine_text(),
            neutralise(cell.symbol),
        ])
        count += 1
    return count
