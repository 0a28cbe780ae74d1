"""One registered cell: a whole number, a dot (fewer than 4 cases) or empty.

A dot is primary suppression at the source: the system never learns the true
value behind it, so a dot is a value of its own and not a hidden number.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from malekort.domain.keyfigures import KeyFigure
from malekort.domain.plausibility import MAX_DIGITS, TOO_LONG, number_error
from malekort.domain.suppression import DOT, ask_for_dot

# People type thousands with spaces, including the no-break kind Excel produces.
_SPACES = re.compile(r"[\s\u00a0\u202f]")
_WHOLE = re.compile(r"^-?[0-9]+$")
_DECIMAL = re.compile(r"^-?[0-9]+[.,][0-9]+$")


class CellError(ValueError):
    """Input that cannot be a registered value; the message is for the user."""


class CellKind(enum.Enum):
    NUMBER = "number"
    DOT = "dot"
    EMPTY = "empty"


@dataclass(frozen=True, slots=True)
class Cell:
    kind: CellKind
    number: int | None = None

    @classmethod
    def of(cls, number: int) -> Cell:
        return cls(CellKind.NUMBER, number)

    @property
    def is_number(self) -> bool:
        return self.kind is CellKind.NUMBER

    @property
    def is_dot(self) -> bool:
        return self.kind is CellKind.DOT

    @property
    def is_empty(self) -> bool:
        return self.kind is CellKind.EMPTY

    @property
    def is_known(self) -> bool:
        """Return whether something was reported (a number or a dot)."""
        return self.kind is not CellKind.EMPTY

    def as_text(self) -> str:
        """Return the cell as a user types it: digits, a dot or nothing."""
        if self.kind is CellKind.NUMBER:
            return str(self.number)
        return DOT if self.kind is CellKind.DOT else ""


EMPTY = Cell(CellKind.EMPTY)
DOTTED = Cell(CellKind.DOT)


def parse_cell(text: str | None, figure: KeyFigure) -> Cell:
    """Return the cell a user typed for a figure, or raise CellError saying why not."""
    raw = "" if text is None else _SPACES.sub("", str(text))
    if raw == "":
        return EMPTY
    if raw == DOT:
        cell = DOTTED
    elif _DECIMAL.match(raw):
        raise CellError("Skriv et helt tall uten desimaler.")
    elif not _WHOLE.match(raw):
        raise CellError("Skriv et helt tall, en prikk (.) for færre enn 4, eller la feltet stå tomt.")
    elif len(raw.lstrip("-").lstrip("0")) > MAX_DIGITS:
        # Checked before int(): Python refuses to convert very long digit strings.
        raise CellError(TOO_LONG)
    else:
        cell = Cell.of(int(raw))
    reason = cell_error(cell, figure)
    if reason:
        raise CellError(reason)
    return cell


def cell_error(cell: Cell, figure: KeyFigure) -> str | None:
    """Return why a cell cannot be a figure's value, whatever the rest of the month holds, or None."""
    if cell.is_dot and not figure.is_count and figure.dotted_with is None:
        return "Dette feltet kan ikke prikkes. Skriv et helt tall eller la feltet stå tomt."
    if not cell.is_number:
        return None
    number = cell.number
    if number is None:
        return "Tallet mangler."
    if number < 0:
        return "Tallet kan ikke være negativt."
    if figure.is_count and ask_for_dot(number):
        return f"Færre enn 4 tilfeller skal ikke oppgis som tall. Skriv en prikk (.) i stedet for {number}."
    return number_error(number, figure)
