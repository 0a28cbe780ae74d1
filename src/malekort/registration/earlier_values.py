"""The area's own earlier values beside each field of the month form, and a question when a value is unusual."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from malekort.domain.cells import EMPTY
from malekort.domain.keyfigures import KeyFigure
from malekort.domain.periods import Period
from malekort.domain.unusual import Earlier, unusual_value_warning
from malekort.figures.models import ValueVersion
from malekort.figures.selectors import months_values

PREVIOUS_MONTH = "Forrige måned"
SAME_MONTH_LAST_YEAR = "Samme måned i fjor"


@dataclass(frozen=True)
class EarlierValues:
    """One field's earlier values, as stored versions (None: nothing registered)."""

    previous: ValueVersion | None
    last_year: ValueVersion | None
    warning: str | None  # for the value that stands now


def earlier_values(
    *, area_codes: Iterable[str], month: Period, figures: Mapping[str, KeyFigure],
    current: Mapping[tuple[str, str], ValueVersion],
    read: Mapping[Period, Mapping[tuple[str, str], ValueVersion]] | None = None,
) -> dict[tuple[str, str], EarlierValues]:
    """Return, by (area, figure), the values of the previous month and the same month last year.

    `read` holds those two months' values when the caller read them already (`months_values`).
    """
    codes = list(area_codes)
    if read is None:
        read = months_values(codes, [month.previous, month.same_month_last_year])
    previous, last_year = read[month.previous], read[month.same_month_last_year]
    found: dict[tuple[str, str], EarlierValues] = {}
    for area in codes:
        for code, figure in figures.items():
            key = (area, code)
            before, year_ago, now = previous.get(key), last_year.get(key), current.get(key)
            earlier = [
                Earlier(name, version.cell) for name, version in ((PREVIOUS_MONTH, before),
                                                                  (SAME_MONTH_LAST_YEAR, year_ago))
                if version is not None
            ]
            cell = now.cell if now is not None else EMPTY
            found[key] = EarlierValues(before, year_ago, unusual_value_warning(cell, earlier, figure.unit))
    return found
