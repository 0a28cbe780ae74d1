"""Green, yellow and red: how a municipality's limits colour an indicator value."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from malekort.domain.amounts import Amount
from malekort.domain.indicators.definitions import DefinitionError, Direction


class Colour(enum.Enum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"

    @property
    def label(self) -> str:
        return {Colour.GREEN: "Grønn", Colour.YELLOW: "Gul", Colour.RED: "Rød"}[self]


@dataclass(frozen=True, slots=True)
class Limits:
    """Two thresholds: at or beyond `green` the value is green, at or beyond `red` it is red, between is yellow."""

    green: float
    red: float


def check_limits(limits: Limits, direction: Direction) -> None:
    """Raise DefinitionError when the limits cannot colour an indicator with this direction."""
    if direction is Direction.NEUTRAL:
        raise DefinitionError(
            "Indikatoren har ingen retning (verken høyere eller lavere er bedre), så grenseverdier kan ikke gi farge."
        )
    if direction is Direction.LOWER_IS_BETTER and not limits.green < limits.red:
        raise DefinitionError("Når lavere verdi er bedre, må grensen for grønn være lavere enn grensen for rød.")
    if direction is Direction.HIGHER_IS_BETTER and not limits.green > limits.red:
        raise DefinitionError("Når høyere verdi er bedre, må grensen for grønn være høyere enn grensen for rød.")


def colour_for(value: Amount, direction: Direction, limits: Limits | None) -> Colour | None:
    """Return the value's colour, or None when the value is unknown, the limits absent or the direction neutral."""
    if value.value is None or limits is None or direction is Direction.NEUTRAL:
        return None
    v = value.value
    if direction is Direction.LOWER_IS_BETTER:
        if v <= limits.green:
            return Colour.GREEN
        return Colour.RED if v >= limits.red else Colour.YELLOW
    if v >= limits.green:
        return Colour.GREEN
    return Colour.RED if v <= limits.red else Colour.YELLOW
