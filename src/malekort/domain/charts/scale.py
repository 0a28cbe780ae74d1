"""Round axis ticks: a reader compares values against 0, 1, 2, 3, 4 far more easily than against 0, 0.97, 1.94."""

from __future__ import annotations

import math
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

# Steps of 1, 2, 2.5 and 5 times a power of ten, as in most printed statistics.
_MULTIPLIERS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5))


def nice_ticks(low: float, high: float, *, max_ticks: int = 6, whole: bool = False) -> tuple[float, ...]:
    """Return evenly spaced round ticks from at or below `low` to at or above `high`, at most `max_ticks` of them.

    `whole` allows only whole-number steps, for counts of persons and kroner.
    """
    if not (math.isfinite(low) and math.isfinite(high)):
        raise ValueError(f"Ticks need finite bounds, got {low!r} and {high!r}")
    if high < low:
        raise ValueError(f"The upper bound {high!r} is below the lower bound {low!r}")
    if max_ticks < 3:
        raise ValueError("An axis needs room for at least three ticks")
    if high == low:
        # A flat series still needs an axis with some height; widen it upwards from the value.
        high = low + (abs(low) or 1.0)
    # Decimal arithmetic keeps ticks like 0.3 exact (float 3 * 0.1 is 0.30000000000000004).
    lo, hi = Decimal(repr(float(low))), Decimal(repr(float(high)))
    intervals = max_ticks - 1
    exponent = math.floor(math.log10((high - low) / intervals)) - 1
    while True:
        for multiplier in _MULTIPLIERS:
            step = multiplier.scaleb(exponent)
            if whole and step != step.to_integral_value():
                continue
            first = (lo / step).to_integral_value(rounding=ROUND_FLOOR)
            last = (hi / step).to_integral_value(rounding=ROUND_CEILING)
            if last - first <= intervals:
                return tuple(float(k * step) for k in range(int(first), int(last) + 1))
        # Terminates: once the step exceeds the span, the ticks are at most three.
        exponent += 1
