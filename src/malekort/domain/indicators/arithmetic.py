"""Indicator arithmetic: numerator ÷ denominator × factor, and what to show when a part is unknown.

A dotted numerator or denominator makes the indicator suppressed (`:`) and it
is not computed; an unreported one makes it missing (`..`); a denominator of 0
makes a share not applicable (`.`).
"""

from __future__ import annotations

from dataclasses import dataclass

from malekort.domain.amounts import NOT_APPLICABLE, Amount, Status, worst
from malekort.domain.indicators.definitions import IndicatorVersion, TermKind


@dataclass(frozen=True, slots=True)
class IndicatorValue:
    numerator: Amount
    denominator: Amount
    value: Amount


def compute(version: IndicatorVersion, numerator: Amount, denominator: Amount) -> IndicatorValue:
    """Return the indicator for one area and period from its numerator and denominator."""
    if version.denominator.kind is TermKind.CONSTANT:
        denominator = Amount.known(1)
    status = worst([numerator.status, denominator.status])
    if status is not Status.KNOWN:
        return IndicatorValue(numerator, denominator, Amount(status))
    assert numerator.value is not None and denominator.value is not None
    if denominator.value == 0:
        return IndicatorValue(numerator, denominator, NOT_APPLICABLE)
    value = Amount.known(numerator.value / denominator.value * version.factor)
    return IndicatorValue(numerator, denominator, value)


def shown(version: IndicatorVersion, result: IndicatorValue, *, numerator_is_count: bool) -> IndicatorValue:
    """Return the result as it may leave the system: counts between 0 and 4 suppressed.

    A suppressed numerator makes the indicator suppressed too, since a share
    and its denominator would give the count back.
    """
    numerator = result.numerator.shown(is_count=numerator_is_count)
    denominator = result.denominator.shown(
        is_count=version.denominator.kind is TermKind.FIGURE and numerator_is_count
    )
    value = result.value.shown(is_count=version.is_count)
    if (numerator.status is Status.DOTTED or denominator.status is Status.DOTTED) and value.is_known:
        value = Amount(Status.DOTTED)
    return IndicatorValue(numerator, denominator, value)


def change(current: Amount, earlier: Amount) -> Amount:
    """Return current − earlier (percentage points for shares); unknown unless both are known."""
    if current.value is None or earlier.value is None:
        return Amount(worst([current.status, earlier.status]))
    return Amount.known(current.value - earlier.value)
