"""A typed value far from the area's own history gets a question, not a refusal."""

from __future__ import annotations

import pytest

from malekort.domain.cells import Cell, CellKind
from malekort.domain.keyfigures import Unit
from malekort.domain.unusual import Earlier, is_unusual, unusual_value_warning

NBSP = "\u00a0"
DOT = Cell(CellKind.DOT)
EMPTY = Cell(CellKind.EMPTY)


@pytest.mark.parametrize(
    ("new", "old", "unit", "expected"),
    [
        (3_900, 1_638, Unit.PERSONS, True),  # +2 262: more than 819 (half) and more than 20
        (2_457, 1_638, Unit.PERSONS, False),  # +819 is exactly half: not more than half
        (2_458, 1_638, Unit.PERSONS, True),
        (48, 30, Unit.PERSONS, False),  # +18 is more than half of 30, but not more than 20 persons
        (51, 30, Unit.PERSONS, True),  # +21
        (0, 1_638, Unit.PERSONS, True),  # a fall counts too
        (25, 0, Unit.PERSONS, True),  # from none: only the floor applies
        (20, 0, Unit.PERSONS, False),
        (190_000, 100_000, Unit.NOK, False),  # +90 000 kr is under the kroner floor
        (250_000, 100_000, Unit.NOK, True),
        (18_000_000, 12_000_000, Unit.NOK, False),  # +6 000 000 is exactly half
    ],
)
def test_unusual_means_more_than_half_and_more_than_the_floor(new: int, old: int, unit: Unit, expected: bool) -> None:
    assert is_unusual(new, old, unit) is expected


def test_warning_names_the_earlier_value_it_differs_from() -> None:
    earlier = [Earlier("Forrige måned", Cell.of(1_638)), Earlier("Samme måned i fjor", Cell.of(3_800))]
    assert unusual_value_warning(Cell.of(3_900), earlier, Unit.PERSONS) == f"Stemmer dette? Forrige måned: 1{NBSP}638."


def test_warning_names_both_when_both_differ() -> None:
    earlier = [Earlier("Forrige måned", Cell.of(1_638)), Earlier("Samme måned i fjor", Cell.of(1_500))]
    assert unusual_value_warning(Cell.of(400), earlier, Unit.PERSONS) == (
        f"Stemmer dette? Forrige måned: 1{NBSP}638; samme måned i fjor: 1{NBSP}500."
    )


@pytest.mark.parametrize("new", [DOT, EMPTY])
def test_a_dot_or_an_empty_field_is_never_questioned(new: Cell) -> None:
    assert unusual_value_warning(new, [Earlier("Forrige måned", Cell.of(1_638))], Unit.PERSONS) is None


def test_earlier_dots_and_gaps_say_nothing() -> None:
    earlier = [Earlier("Forrige måned", DOT), Earlier("Samme måned i fjor", EMPTY)]
    assert unusual_value_warning(Cell.of(900), earlier, Unit.PERSONS) is None
