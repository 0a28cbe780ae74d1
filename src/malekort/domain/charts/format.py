"""Norwegian numbers and month labels, shared by the chart, its table view and its text alternative."""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from malekort.domain.periods import Period

# A no-break space keeps «1 234» and «3,4 %» on one line; the narrow no-break
# space is nicer but is missing from the standard PDF fonts that svglib falls back to.
NBSP = "\u00a0"
# The typographic minus sign: a hyphen is shorter than a plus and reads as a dash.
MINUS = "\u2212"

SHORT_MONTH_NAMES = (
    "jan.", "feb.", "mars", "apr.", "mai", "juni",
    "juli", "aug.", "sep.", "okt.", "nov.", "des.",
)


def short_month_label(period: Period) -> str:
    """Return the short Norwegian label of a month, for example «jan. 2025» or «mars 2024»."""
    return f"{SHORT_MONTH_NAMES[period.month - 1]} {period.year}"


def format_number(value: float, *, decimals: int = 0) -> str:
    """Return the number rounded half up, with a decimal comma and a space between thousands."""
    if not math.isfinite(value):
        raise ValueError(f"Cannot format {value!r}")
    # Via the shortest repr, so that 2.25 rounds up to 2.3 as a reader expects, not down as binary floats do.
    rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # never print «-0,0»
    # The standard PDF fonts have no glyph for it: PDF output swaps it back (`for_standard_fonts`).
    sign = MINUS if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + NBSP.join(groups) + ("," + fraction if fraction else "")


def for_standard_fonts(text: str) -> str:
    """Return the text with the minus sign as a hyphen, for the standard PDF fonts, which lack U+2212."""
    return text.replace(MINUS, "-")


def decimals_of(step: float) -> int:
    """Return how many decimals it takes to write every multiple of the step exactly."""
    exponent = Decimal(repr(float(step))).normalize().as_tuple().exponent
    assert isinstance(exponent, int)  # finite steps only
    return max(0, -exponent)


class Measure(enum.Enum):
    PERCENT = "percent"
    COUNT = "count"
    KRONER = "kroner"

    @property
    def axis_title(self) -> str:
        return {Measure.PERCENT: "Prosent", Measure.COUNT: "Antall", Measure.KRONER: "Kroner"}[self]


@dataclass(frozen=True, slots=True)
class ValueFormat:
    """How the values of a chart are written: percent points, a count of persons or kroner."""

    measure: Measure
    decimals: int = 0

    def __post_init__(self) -> None:
        if not 0 <= self.decimals <= 6:
            raise ValueError(f"Unreasonable number of decimals: {self.decimals}")

    def format(self, value: float) -> str:
        """Return the value with its unit, for example «3,4 %», «1 234» or «12 500 kr»."""
        number = format_number(value, decimals=self.decimals)
        if self.measure is Measure.PERCENT:
            return f"{number}{NBSP}%"
        if self.measure is Measure.KRONER:
            return f"{number}{NBSP}kr"
        return number

    @property
    def whole_steps(self) -> bool:
        """Return whether axis steps must be whole numbers (there is no half person or half krone)."""
        return self.measure is not Measure.PERCENT


# Shares are given in percent points (3.4 means 3,4 %), as the indicators compute them.
PERCENT = ValueFormat(Measure.PERCENT, decimals=1)
COUNT = ValueFormat(Measure.COUNT)
KRONER = ValueFormat(Measure.KRONER)
