"""Colours from limits, for both directions, at and between the limits."""

import pytest

from malekort.domain.amounts import DOTTED, MISSING, Amount
from malekort.domain.indicators.definitions import DefinitionError, Direction
from malekort.domain.indicators.limits import Colour, Limits, check_limits, colour_for

LOWER = Direction.LOWER_IS_BETTER
HIGHER = Direction.HIGHER_IS_BETTER


@pytest.mark.parametrize(
    ("value", "colour"),
    [(2.0, Colour.GREEN), (2.5, Colour.GREEN), (2.51, Colour.YELLOW), (3.99, Colour.YELLOW), (4.0, Colour.RED)],
)
def test_lower_is_better(value, colour):
    assert colour_for(Amount.known(value), LOWER, Limits(green=2.5, red=4.0)) is colour


@pytest.mark.parametrize(
    ("value", "colour"), [(30, Colour.GREEN), (29, Colour.YELLOW), (10, Colour.RED), (5, Colour.RED)]
)
def test_higher_is_better(value, colour):
    assert colour_for(Amount.known(value), HIGHER, Limits(green=30, red=10)) is colour


def test_no_colour_without_a_value_limits_or_direction():
    limits = Limits(green=2.5, red=4.0)
    assert colour_for(DOTTED, LOWER, limits) is None
    assert colour_for(MISSING, LOWER, limits) is None
    assert colour_for(Amount.known(1), LOWER, None) is None
    assert colour_for(Amount.known(1), Direction.NEUTRAL, limits) is None


def test_limits_must_fit_the_direction():
    check_limits(Limits(green=2.5, red=4.0), LOWER)
    with pytest.raises(DefinitionError, match="lavere enn grensen for rød"):
        check_limits(Limits(green=4.0, red=2.5), LOWER)
    with pytest.raises(DefinitionError, match="høyere enn grensen for rød"):
        check_limits(Limits(green=2.5, red=4.0), HIGHER)
    with pytest.raises(DefinitionError, match="ingen retning"):
        check_limits(Limits(green=2.5, red=4.0), Direction.NEUTRAL)
