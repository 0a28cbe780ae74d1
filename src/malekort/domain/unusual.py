"""Whether a newly typed value is unusual for its area: a question to the office, never a refusal.

DHIS2 checks a value against min–max ranges someone must maintain; here the
area's own history is the range. A value is unusual when it differs from the
area's value for the previous month, or for the same month last year, by more
than half of that value AND by more than a floor that keeps small areas quiet
(20 persons, or 100 000 kroner): 30 → 48 recipients is not worth a question,
1 638 → 3 900 is. A dot or an empty cell on either side says nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from malekort.domain.cells import Cell
from malekort.domain.charts.format import format_number
from malekort.domain.keyfigures import Unit

RELATIVE_LIMIT = 0.5
ABSOLUTE_FLOOR = {Unit.PERSONS: 20, Unit.NOK: 100_000}


@dataclass(frozen=True, slots=True)
class Earlier:
    """A value the area registered before, with what it is: «Forrige måned» or «Samme måned i fjor»."""

    label: str
    cell: Cell


def is_unusual(new: int, old: int, unit: Unit) -> bool:
    """Return whether new differs from old by more than half of old and by more than the unit's floor."""
    change = abs(new - old)
    return change > ABSOLUTE_FLOOR[unit] and change > RELATIVE_LIMIT * old


def unusual_value_warning(new: Cell, earlier: Sequence[Earlier], unit: Unit) -> str | None:
    """Return «Stemmer dette? Forrige måned: 1 638» when the new value is unusual beside an earlier one."""
    if new.number is None:
        return None
    reasons = [
        f"{value.label}: {format_number(value.cell.number)}"
        for value in earlier
        if value.cell.number is not None and is_unusual(new.number, value.cell.number, unit)
    ]
    if not reasons:
        return None
    return "Stemmer dette? " + "; ".join(reasons[:1] + [r[0].lower() + r[1:] for r in reasons[1:]]) + "."
