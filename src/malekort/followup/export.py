"""The follow-up table as CSV: one line per area level (nation or county) and month."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from malekort.domain.files.csv_cells import neutralise
from malekort.followup.selectors import CountyMonthRow

CSV_COLUMNS = (
    "level", "code", "name", "period", "deadline", "expected", "on_time", "late", "missing",
    "not_yet_due", "voluntary_registered", "voluntary_empty", "reported",
)


def write_csv(rows: Iterable[CountyMonthRow], stream: TextIO) -> int:
    """Write a header and the rows; return the number of rows."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    count = 0
    for item in rows:
        counts = item.row.counts
        writer.writerow([
            neutralise(item.level), neutralise(item.code), neutralise(item.name), str(item.row.period),
            item.row.deadline.isoformat() if item.row.deadline else "",
            counts.expected, counts.on_time, counts.late, counts.missing, counts.not_yet_due,
            counts.voluntary_registered, counts.voluntary_empty, counts.reported,
        ])
        count += 1
    return count
