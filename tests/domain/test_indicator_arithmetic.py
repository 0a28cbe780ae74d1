"""Indicator arithmetic against values worked out by hand."""

import pytest

from malekort.domain.amounts import DOTTED, MISSING, NOT_YET, Amount, Status
from malekort.domain.indicators.arithmetic import change, compute, shown
from malekort.domain.indicators.definitions import RECOMMENDED

B101, B102, B103, B104, B151 = RECOMMENDED


def test_b101_is_recipients_per_hundred_people_aged_18_to_66():
    # 412 recipients / 12 345 people aged 18–66 × 100 = 3.33738…
    result = compute(B101, Amount.known(412), Amount.known(12_345))
    assert result.value.value == pytest.approx(3.3374, abs=0.00005)


def test_b104_is_recipients_with_children_per_hundred_recipients():
    # 30 / 120 × 100 = 25
    assert compute(B104, Amount.known(30), Amount.known(120)).value == Amount.known(25.0)


def test_b151_is_the_count_itself():
    result = compute(B151, Amount.known(17), Amount.known(999))
    assert result.value == Amount.known(17)
    assert result.denominator == Amount.known(1)


@pytest.mark.parametrize(
    ("numerator", "denominator", "symbol"),
    [
        (DOTTED, Amount.known(1000), ":"),
        (Amount.known(40), DOTTED, ":"),
        (MISSING, Amount.known(1000), ".."),
        (DOTTED, MISSING, ":"),
        (Amount.known(40), NOT_YET, "..."),
        (Amount.known(0), Amount.known(0), "."),
    ],
)
def test_an_unknown_part_gives_a_symbol_and_no_value(numerator, denominator, symbol):
    result = compute(B104, numerator, denominator)
    assert result.value.value is None
    assert result.value.symbol == symbol


def test_zero_recipients_is_a_known_zero_share():
    assert compute(B101, Amount.known(0), Amount.known(5000)).value == Amount.known(0.0)


def test_a_derived_count_between_0_and_4_is_suppressed_on_the_way_out():
    # A quarter average of 4, 0 and 0 recipients is 1.33 persons: it would reveal a count of 1–3.
    result = shown(B151, compute(B151, Amount.known(4 / 3), Amount.known(1)), numerator_is_count=True)
    assert result.value.status is Status.DOTTED
    assert result.numerator.status is Status.DOTTED


def test_a_share_whose_numerator_must_be_suppressed_is_suppressed_too():
    # 2.5 persons (half of 5, after a split) over 1000 people: the share would give 2.5 back.
    result = shown(B101, compute(B101, Amount.known(2.5), Amount.known(1000)), numerator_is_count=True)
    assert result.value.symbol == ":"


def test_a_b104_denominator_below_4_is_suppressed_as_well():
    result = shown(B104, compute(B104, Amount.known(0), Amount.known(2.0)), numerator_is_count=True)
    assert result.denominator.symbol == ":"
    assert result.value.symbol == ":"


def test_population_denominators_are_public_and_shown():
    result = shown(B101, compute(B101, Amount.known(0), Amount.known(3)), numerator_is_count=True)
    assert result.denominator == Amount.known(3)
    assert result.value == Amount.known(0.0)


def test_change_needs_both_values():
    assert change(Amount.known(3.5), Amount.known(3.25)) == Amount.known(0.25)
    assert change(Amount.known(3.5), DOTTED).symbol == ":"
    assert change(MISSING, Amount.known(1)).symbol == ".."
