"""Rules between the key figures of one area and month."""

from __future__ import annotations

from collections.abc import Mapping

from malekort.domain.cells import Cell
from malekort.domain.keyfigures import KeyFigure
from malekort.domain.suppression import SUPPRESSION_THRESHOLD


def check_area_month(
    cells: Mapping[str, Cell], figures: Mapping[str, KeyFigure]
) -> dict[str, str]:
    """Return the errors of one area's month, by the code of the figure that is wrong.

    The figure blamed is the bounded one (a sub-count, or kroner), since that is
    the field the user must change. Empty cells are not reported and break no rule.
    """
    errors: dict[str, str] = {}
    for code, cell in cells.items():
        figure = figures.get(code)
        if figure is None or cell.is_empty:
            continue
        for bound_code in figure.at_most:
            message = _exceeds(cell, cells.get(bound_code), figures.get(bound_code))
            if message:
                errors[code] = message
                break
        if code not in errors and figure.dotted_with:
            message = _follows_dot(cell, cells.get(figure.dotted_with), figures.get(figure.dotted_with))
            if message:
                errors[code] = message
    return errors


def _exceeds(cell: Cell, bound: Cell | None, bound_figure: KeyFigure | None) -> str | None:
    if bound is None or bound_figure is None or bound.is_empty:
        return None
    name = bound_figure.short_name
    if cell.is_number and bound.is_number:
        assert cell.number is not None and bound.number is not None
        if cell.number > bound.number:
            return f"Kan ikke være større enn {name} ({bound.number})."
    elif cell.is_number and bound.is_dot:
        assert cell.number is not None
        if cell.number >= SUPPRESSION_THRESHOLD:
            return f"Kan ikke være {cell.number} når {name} er prikket (færre enn 4)."
    return None


def _follows_dot(cell: Cell, leader: Cell | None, leader_figure: KeyFigure | None) -> str | None:
    if leader is None or leader_figure is None or leader.is_empty:
        return None
    name = leader_figure.short_name
    if leader.is_dot and cell.is_number:
        return f"Skal prikkes (.) når {name} er prikket, for å ikke vise hva enkeltpersoner fikk."
    if cell.is_dot and not leader.is_dot:
        return f"Kan bare prikkes når {name} er prikket."
    if leader.is_number and leader.number == 0 and cell.is_number and cell.number:
        return f"Kan ikke være mer enn 0 når {name} er 0."
    return None
