"""Indicator values for machines: the rows behind `malekort indicator-values` and the JSON endpoint."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import TextIO

from malekort.domain.files.csv_cells import neutralise
from malekort.domain.periods import Period
from malekort.indicators.models import Indicator
from malekort.scorecard.build import unit_series
from malekort.scorecard.units import Unit

EXPORT_COLUMNS = ("indicator", "area", "period", "numerator", "denominator", "value", "symbol", "colour")

Row = tuple[str, str, str, float | None, float | None, float | None, str, str]


def export_rows(indicator: Indicator, units: Sequence[Unit], first: Period, last: Period) -> list[Row]:
    """Return a row per area and month; suppressed or missing parts are empty, with the SSB symbol."""
    series = unit_series(units, indicator, first, last)
    rows: list[Row] = []
    for unit in units:
        for month, result, colour in series[unit.code]:
            if result is None:
                rows.append((indicator.code, unit.code, str(month), None, None, None, ".", ""))
                continue
            value = result.value
            rows.append((
                indicator.code, unit.code, str(month),
                value.numerator.value, value.denominator.value, value.value.value,
                value.value.symbol, colour.value if colour else "",
            ))
    return rows


def _cell(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if value == int(value) else repr(value)


def write_csv(rows: Sequence[Row], out: TextIO) -> None:
    """Write the rows as CSV with a header; numbers in full precision with a decimal point.

    Texts (an own indicator's code, symbols, colours) are neutralised against
    spreadsheet formulas; numbers are written as they are.
    """
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    for row in rows:
        writer.writerow([
            *(neutralise(text) for text in row[:3]),
            *(_cell(v) for v in row[3:6]),
            *(neutralise(text) for text in row[6:]),
        ])
