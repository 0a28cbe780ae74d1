"""A derived number that may be unknown, and why: the value type of every computed figure.

Registered cells are numbers, dots or empty. Anything computed from them (an
office's sum, a quarter's average, an indicator) is an `Amount`: a known value,
or a status that says why there is none, with the SSB symbol to show for it.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from malekort.domain import symbols
from malekort.domain.cells import Cell, CellKind
from malekort.domain.suppression import must_suppress_value


class Status(enum.Enum):
    """Why an amount has no value, ordered by which reason wins when amounts combine."""

    KNOWN = 0
    NOT_APPLICABLE = 1  # e.g. a share of zero recipients
    NOT_YET = 2  # e.g. SSB has not published the year's population
    MISSING = 3  # not reported
    DOTTED = 4  # fewer than 4: suppressed at the source, so any result is suppressed too

    @property
    def symbol(self) -> str:
        return _SYMBOLS[self]


_SYMBOLS = {
    Status.KNOWN: "",
    Status.NOT_APPLICABLE: symbols.NOT_APPLICABLE,
    Status.NOT_YET: symbols.NOT_YET_AVAILABLE,
    Status.MISSING: symbols.MISSING,
    Status.DOTTED: symbols.SUPPRESSED,
}


@dataclass(frozen=True, slots=True)
class Amount:
    status: Status
    value: float | None = None

    def __post_init__(self) -> None:
        if (self.status is Status.KNOWN) != (self.value is not None):
            raise ValueError("Only a known amount has a value")

    @classmethod
    def known(cls, value: float) -> Amount:
        return cls(Status.KNOWN, float(value))

    @classmethod
    def from_cell(cls, cell: Cell) -> Amount:
        """Return a registered cell as an amount: a dot is suppressed, empty is missing."""
        if cell.kind is CellKind.NUMBER:
            assert cell.number is not None
            return cls.known(cell.number)
        return DOTTED if cell.kind is CellKind.DOT else MISSING

    @property
    def is_known(self) -> bool:
        return self.status is Status.KNOWN

    @property
    def symbol(self) -> str:
        return self.status.symbol

    def shown(self, *, is_count: bool) -> Amount:
        """Return the amount as it may leave the system: a count between 0 and 4 becomes suppressed."""
        if is_count and must_suppress_value(self.value):
            return DOTTED
        return self

    def scaled(self, factor: float) -> Amount:
        """Return this amount times a factor; unknown stays unknown."""
        return Amount.known(self.value * factor) if self.value is not None else self


DOTTED = Amount(Status.DOTTED)
MISSING = Amount(Status.MISSING)
NOT_YET = Amount(Status.NOT_YET)
NOT_APPLICABLE = Amount(Status.NOT_APPLICABLE)


def worst(statuses: Iterable[Status]) -> Status:
    """Return the status that wins when amounts combine (a dot beats a gap beats a delay)."""
    return max(statuses, key=lambda status: status.value, default=Status.KNOWN)


def total(amounts: Iterable[Amount]) -> Amount:
    """Return the sum, known only when every part is known; no parts is missing."""
    parts = list(amounts)
    if not parts:
        return MISSING
    status = worst(a.status for a in parts)
    if status is not Status.KNOWN:
        return Amount(status)
    return Amount.known(sum(a.value for a in parts if a.value is not None))
