"""Like-for-like change: compare two months only on the areas that reported a number in both.

Reporting is voluntary, so a county's sum can rise just because one more
municipality reported. Change from last month and from the same month last
year is therefore computed on the common areas only (domain brief § 7), and
says which areas were left out and how much of the population the compared
areas cover (the later month's 18–66 population against that of every
expected area).

Statuses follow `aggregation`: only KNOWN is a number; a dot in either month
leaves the area out, and so does MISSING, NOT_YET or NOT_APPLICABLE.
Only the `display…` properties may leave the system.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from malekort.domain.aggregation import (
    AreaAmount,
    AreaShare,
    Coverage,
    IndicatorAggregate,
    aggregate_share,
    coverage_of,
)
from malekort.domain.amounts import DOTTED, MISSING, NOT_APPLICABLE, Amount, Status, worst
from malekort.domain.keyfigures import KeyFigure
from malekort.domain.periods import Period
from malekort.domain.suppression import must_suppress_value

_A = TypeVar("_A", AreaAmount, AreaShare)


class Span(enum.Enum):
    """Which earlier month a month is compared with."""

    MONTH = "month"
    YEAR = "year"

    @property
    def label(self) -> str:
        return {Span.MONTH: "endring fra forrige måned", Span.YEAR: "endring fra samme måned i fjor"}[self]

    def earlier(self, period: Period) -> Period:
        """Return the month that `period` is compared with."""
        return period.previous if self is Span.MONTH else period.same_month_last_year


@dataclass(frozen=True, slots=True)
class Change:
    """The change of a key figure's sum between two months, over the areas known in both."""

    is_count: bool
    earlier_sum: float
    later_sum: float
    compared_codes: tuple[str, ...]
    # Expected in either month but not compared: reported in one month only, dotted, or missing in both.
    left_out_codes: tuple[str, ...]
    dotted_codes: tuple[str, ...]  # those of left_out_codes that were dotted in either month
    population: Coverage

    @property
    def compared(self) -> int:
        """Return the number of areas compared."""
        return len(self.compared_codes)

    @property
    def difference(self) -> float:
        """Return later sum − earlier sum over the compared areas."""
        return self.later_sum - self.earlier_sum

    @property
    def relative(self) -> float | None:
        """Return the change as a fraction of the earlier sum (0.1 is 10 %), or None when that is 0."""
        if not self.compared_codes or self.earlier_sum == 0:
            return None
        return self.difference / self.earlier_sum

    @property
    def coverage(self) -> float | None:
        """Return the share of the 18–66 population (later month) living in the compared areas."""
        return self.population.share

    @property
    def display_earlier(self) -> Amount:
        """Return the earlier sum over the compared areas as it may be published."""
        return self._shown(self.earlier_sum)

    @property
    def display_later(self) -> Amount:
        """Return the later sum over the compared areas as it may be published."""
        return self._shown(self.later_sum)

    @property
    def display_difference(self) -> Amount:
        """Return the difference as it may be published: dotted when either sum is."""
        return self._derived(self.difference)

    @property
    def display_relative(self) -> Amount:
        """Return the relative change (a fraction) as it may be published; not applicable from 0."""
        relative = self.relative
        if self.compared_codes and relative is None:
            return NOT_APPLICABLE
        return self._derived(relative if relative is not None else 0.0)

    def _derived(self, value: float) -> Amount:
        if not self.compared_codes:
            return self._nothing
        if Status.DOTTED in (self.display_earlier.status, self.display_later.status):
            # A difference and one sum give the other, suppressed, sum back.
            return DOTTED
        return Amount.known(value)

    def _shown(self, value: float) -> Amount:
        if not self.compared_codes:
            return self._nothing
        if self.is_count and must_suppress_value(value):
            return DOTTED
        return Amount.known(value)

    @property
    def _nothing(self) -> Amount:
        return DOTTED if self.dotted_codes else MISSING


@dataclass(frozen=True, slots=True)
class ShareChange:
    """The change of an indicator between two months, both computed on the areas known in both."""

    earlier: IndicatorAggregate  # restricted to the compared areas
    later: IndicatorAggregate
    compared_codes: tuple[str, ...]
    left_out_codes: tuple[str, ...]
    population: Coverage

    @property
    def compared(self) -> int:
        """Return the number of areas compared."""
        return len(self.compared_codes)

    @property
    def coverage(self) -> float | None:
        """Return the share of the 18–66 population (later month) living in the compared areas."""
        return self.population.share

    @property
    def difference(self) -> Amount:
        """Return later − earlier value (percentage points when the factor is 100); not safe to publish."""
        return _minus(self.later.value, self.earlier.value)

    @property
    def display_difference(self) -> Amount:
        """Return the difference as it may be published: dotted when either value is."""
        return _minus(self.later.display, self.earlier.display)


def compare(figure: KeyFigure, earlier: Iterable[AreaAmount], later: Iterable[AreaAmount]) -> Change:
    """Return the change of a key figure's sum from `earlier` to `later` on the areas known in both months.

    Each argument holds that month's expected areas; an area expected in only
    one month is left out. Coverage uses the later month's population (the
    earlier month's for an area expected only then).
    """
    before = _by_code(earlier)
    after = _by_code(later)
    codes = _ordered(before, after)
    compared: list[str] = []
    left_out: list[str] = []
    dotted: list[str] = []
    earlier_sum = 0.0
    later_sum = 0.0
    for code in codes:
        first = before[code].amount if code in before else MISSING
        second = after[code].amount if code in after else MISSING
        if first.value is not None and second.value is not None:
            compared.append(code)
            earlier_sum += first.value
            later_sum += second.value
            continue
        left_out.append(code)
        if Status.DOTTED in (first.status, second.status):
            dotted.append(code)
    return Change(
        is_count=figure.is_count,
        earlier_sum=earlier_sum,
        later_sum=later_sum,
        compared_codes=tuple(compared),
        left_out_codes=tuple(left_out),
        dotted_codes=tuple(dotted),
        population=coverage_of(_populations(codes, before, after), set(compared)),
    )


def compare_shares(
    earlier: Iterable[AreaShare],
    later: Iterable[AreaShare],
    *,
    factor: float = 100.0,
    numerator_is_count: bool = True,
    denominator_is_count: bool = False,
) -> ShareChange:
    """Return the change of a share between two months, numerator and denominator both on the common areas.

    An area is common when its numerator and denominator are known in both
    months. With the factor 100 the difference is in percentage points.
    """
    before = _by_code(earlier)
    after = _by_code(later)
    codes = _ordered(before, after)
    common = [c for c in codes if c in before and c in after and _usable(before[c]) and _usable(after[c])]
    within = set(common)

    def on_common(areas: Iterable[AreaShare]) -> IndicatorAggregate:
        return aggregate_share(
            areas, factor=factor, numerator_is_count=numerator_is_count,
            denominator_is_count=denominator_is_count, within=within,
        )

    return ShareChange(
        earlier=on_common(before.values()),
        later=on_common(after.values()),
        compared_codes=tuple(common),
        left_out_codes=tuple(c for c in codes if c not in within),
        population=coverage_of(_populations(codes, before, after), within),
    )


def _usable(area: AreaShare) -> bool:
    return area.numerator.is_known and area.denominator.is_known


def _minus(later: Amount, earlier: Amount) -> Amount:
    if later.value is None or earlier.value is None:
        return Amount(worst([later.status, earlier.status]))
    return Amount.known(later.value - earlier.value)


def _by_code(areas: Iterable[_A]) -> dict[str, _A]:
    result: dict[str, _A] = {}
    for area in areas:
        if area.code in result:
            raise ValueError(f"Området {area.code} er med to ganger")
        result[area.code] = area
    return result


def _ordered(before: dict[str, _A], after: dict[str, _A]) -> list[str]:
    return list(after) + [c for c in before if c not in after]


def _populations(
    codes: Iterable[str], before: dict[str, _A], after: dict[str, _A]
) -> list[tuple[str, int | None]]:
    # The later month's population, since the change is read as where we are now.
    return [(c, (after[c] if c in after else before[c]).population) for c in codes]
