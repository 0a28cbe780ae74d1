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

EXPORT_COLUMNS = ("indicator", "area", "period", "numerator", "denominator", "value", "symbol", "colour", "coverage")
COVERAGE_DECIMALS = 4

# The last column is the share (0–1) of the 18–66 population living in the areas the value was computed on.
Row = tuple[str, str, str, float | None, float | None, float | None, str, str, float | None]


def export_rows(indicator: Indicator, units: Sequence[Unit], first: Period, last: Period) -> list[Row]:
    """Return a row per area and month; suppressed or missing parts are empty, with the SSB symbol.

    A region of several areas (a kommune of bydeler, a county, the nation) is
    computed as the statistics do: over its areas whose numerator is known,
    with the coverage in the last column.
    """
    series = unit_series(units, indicator, first, last)
    rows: list[Row] = []
    for unit in units:
        for month, result, colour in series[unit.code]:
            if result is None:
                rows.append((indicator.code, unit.code, str(month), None, None, None, ".", "", None))
                continue
            value = result.value
            rows.append((
                indicator.code, unit.code, str(month),
                value.numerator.value, value.denominator.value, value.value.value,
                value.value.symbol, colour.value if colour else "", _coverage(result.coverage),
            ))
    return rows


def _coverage(share: float | None) -> float | None:
    return None if share is None else round(share, COVERAGE_DECIMALS)


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
            *(neutralise(text) for text in row[6:8]),
            _cell(row[8]),
        ])
