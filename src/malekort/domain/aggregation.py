"""Honest sums over areas: what a county or national figure knows, and what it does not.

A sum over areas where some cells are dotted or missing is not a plain sum
(domain brief § 7). We state the sum of the reported values, how many cells
were dotted (each lies between 0 and 3), how many areas did not report, and
the share of the population aged 18–66 that the reporting areas cover.

Statuses: KNOWN is a reported value and DOTTED a dot; MISSING, NOT_YET and
NOT_APPLICABLE all count as missing here, because for a sum over areas each of
them means the same thing: this area adds nothing we know.

Population: an area whose 18–66 population is unknown (None) counts as 0 in
the coverage, which therefore understates the true coverage; the result lists
such areas so that a caller can say the coverage is incomplete.

Only the `display…` properties may leave the system: they apply the rule that
a count of 1, 2 or 3 is never published (`suppression.must_suppress_value`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from malekort.domain.amounts import DOTTED, MISSING, NOT_APPLICABLE, Amount, Status, worst
from malekort.domain.keyfigures import KeyFigure
from malekort.domain.regions import Level, level_of, lies_within
from malekort.domain.suppression import SUPPRESSION_THRESHOLD

# The largest value a dot can hide: a dot means 1, 2 or 3 (or an unreported 0).
DOT_MAX = SUPPRESSION_THRESHOLD - 1


@dataclass(frozen=True, slots=True)
class AreaAmount:
    """One expected area's value of a key figure for a month, with its 18–66 population."""

    code: str
    amount: Amount
    population: int | None


@dataclass(frozen=True, slots=True)
class AreaShare:
    """One expected area's numerator and denominator of an indicator, with its 18–66 population.

    The denominator is a key figure's amount (B.104), a population as an
    amount (NOT_YET when SSB has not published it), or anything for a count
    indicator, where it is ignored.
    """

    code: str
    numerator: Amount
    denominator: Amount
    population: int | None


@dataclass(frozen=True, slots=True)
class Coverage:
    """The 18–66 population behind a figure, against that of all expected areas."""

    population_used: int
    population_total: int
    # Areas whose population is unknown; they count as 0, so the share understates.
    without_population: tuple[str, ...] = ()

    @property
    def share(self) -> float | None:
        """Return the share (0–1) of the population covered, or None when the total is 0."""
        if self.population_total <= 0:
            return None
        return self.population_used / self.population_total

    @property
    def is_complete(self) -> bool:
        """Return whether every expected area's population was known."""
        return not self.without_population


@dataclass(frozen=True, slots=True)
class Aggregate:
    """What is known about the sum of one key figure over a set of areas for one month."""

    is_count: bool
    known_sum: float
    known_codes: tuple[str, ...]
    dotted_codes: tuple[str, ...]
    missing_codes: tuple[str, ...]
    population: Coverage
    # The registered dotted cells behind `dotted_codes` when they are fewer: a dot on a code that was
    # split onto two of today's areas is one cell of at most 3, not two (`figures.todays_borders`).
    dotted_cells: int | None = None

    @property
    def expected(self) -> int:
        """Return the number of areas expected to report."""
        return len(self.known_codes) + len(self.dotted_codes) + len(self.missing_codes)

    @property
    def known(self) -> int:
        """Return the number of areas that reported a number."""
        return len(self.known_codes)

    @property
    def dotted(self) -> int:
        """Return the number of areas that reported a dot."""
        return len(self.dotted_codes)

    @property
    def missing(self) -> int:
        """Return the number of expected areas without a value."""
        return len(self.missing_codes)

    @property
    def is_complete(self) -> bool:
        """Return whether every expected area reported a number, so the sum is the true sum."""
        return self.known == self.expected and self.expected > 0

    @property
    def lower(self) -> float:
        """Return the lowest the true sum of the reporting areas can be (each dot may be 0)."""
        return self.known_sum

    @property
    def upper(self) -> float | None:
        """Return the highest the true sum of the reporting areas can be, or None for kroner.

        A dotted count is at most 3; a dotted kroner amount has no known ceiling.
        """
        if not self.is_count:
            return None if self.dotted else self.known_sum
        cells = self.dotted if self.dotted_cells is None else self.dotted_cells
        return self.known_sum + DOT_MAX * cells

    @property
    def has_upper_bound(self) -> bool:
        """Return whether the dots imply an upper bound (counts, or kroner without dots)."""
        return self.upper is not None

    @property
    def coverage(self) -> float | None:
        """Return the share of the 18–66 population living in areas with a known value."""
        return self.population.share

    @property
    def display(self) -> Amount:
        """Return the known sum as it may be published: a count between 0 and 4 is dotted."""
        if not self.known_codes:
            return DOTTED if self.dotted_codes else MISSING
        return Amount.known(self.known_sum).shown(is_count=self.is_count)

    @property
    def display_upper(self) -> Amount:
        """Return the upper bound as it may be published; not applicable for kroner with dots."""
        upper = self.upper
        if upper is None:
            return NOT_APPLICABLE
        if self.display.status is Status.DOTTED and self.known_codes:
            # known_sum + 3 × dots would give the suppressed known sum back.
            return DOTTED
        return Amount.known(upper)

    def display_following(self, leader: Aggregate) -> Amount:
        """Return the display, dotted when the leader's (recipients') sum over the same areas is suppressed.

        Kroner paid to fewer than 4 recipients would reveal what individuals got.
        """
        own = self.display
        if own.is_known and leader.known_codes and leader.display.status is Status.DOTTED:
            return DOTTED
        return own


@dataclass(frozen=True, slots=True)
class IndicatorAggregate:
    """An indicator over a set of areas, computed only on the areas whose parts are known."""

    factor: float
    is_count_indicator: bool
    numerator_is_count: bool
    denominator_is_count: bool
    numerator_sum: float
    denominator_sum: float
    used_codes: tuple[str, ...]
    dotted_codes: tuple[str, ...]  # numerator or denominator dotted
    missing_codes: tuple[str, ...]  # numerator or denominator not reported, not yet or not applicable
    outside_codes: tuple[str, ...]  # known, but left out by the caller (`within`), e.g. not common to two months
    value: Amount  # not safe to publish: use `display`
    population: Coverage

    @property
    def used(self) -> int:
        """Return the number of areas the indicator was computed on."""
        return len(self.used_codes)

    @property
    def expected(self) -> int:
        """Return the number of areas expected to report."""
        return self.used + len(self.dotted_codes) + len(self.missing_codes) + len(self.outside_codes)

    @property
    def coverage(self) -> float | None:
        """Return the share of the 18–66 population living in the areas used."""
        return self.population.share

    @property
    def display_numerator(self) -> Amount:
        """Return the numerator sum as it may be published."""
        return _shown_sum(self.numerator_sum, self.used_codes, self._unknown, is_count=self.numerator_is_count)

    @property
    def display_denominator(self) -> Amount:
        """Return the denominator sum as it may be published (a population is not suppressed)."""
        if self.is_count_indicator:
            return Amount.known(1) if self.used_codes else Amount(self._unknown)
        return _shown_sum(self.denominator_sum, self.used_codes, self._unknown, is_count=self.denominator_is_count)

    @property
    def display(self) -> Amount:
        """Return the value as it may be published: dotted when a part it was computed from is."""
        if not self.value.is_known:
            return self.value
        if self.display_numerator.status is Status.DOTTED or self.display_denominator.status is Status.DOTTED:
            # A share times its denominator gives the numerator back, and the other way round.
            return DOTTED
        return self.value

    @property
    def _unknown(self) -> Status:
        if self.dotted_codes:
            return Status.DOTTED
        return Status.MISSING


_Area = TypeVar("_Area", AreaAmount, AreaShare)


def aggregate(figure: KeyFigure, areas: Iterable[AreaAmount]) -> Aggregate:
    """Return what is known about the sum of a key figure over the expected areas of one month."""
    known: list[str] = []
    dotted: list[str] = []
    missing: list[str] = []
    known_sum = 0.0
    items = _unique(areas)
    for item in items:
        if item.amount.value is not None:
            known.append(item.code)
            known_sum += item.amount.value
        elif item.amount.status is Status.DOTTED:
            dotted.append(item.code)
        else:
            missing.append(item.code)
    used = set(known)
    return Aggregate(
        is_count=figure.is_count,
        known_sum=known_sum,
        known_codes=tuple(known),
        dotted_codes=tuple(dotted),
        missing_codes=tuple(missing),
        population=coverage_of(((i.code, i.population) for i in items), used),
    )


def aggregate_share(
    areas: Iterable[AreaShare],
    *,
    factor: float = 100.0,
    numerator_is_count: bool = True,
    denominator_is_count: bool = False,
    within: Collection[str] | None = None,
) -> IndicatorAggregate:
    """Return a share (numerator ÷ denominator × factor) over the areas where both parts are known.

    The denominator counts only areas whose numerator is known: a county's
    share of recipients uses the population of the areas that reported
    (brief § 7). `denominator_is_count` is True when the denominator is a key
    figure such as SH_MOTTAKERE (B.104), whose small sums must be suppressed.
    `within`, when given, restricts the areas used (for like-for-like change):
    the others are set aside as outside whatever their status, and still count
    in the coverage total.
    """
    return _indicator(
        _unique(areas), factor=factor, count=False, numerator_is_count=numerator_is_count,
        denominator_is_count=denominator_is_count, within=within,
    )


def aggregate_count_indicator(
    areas: Iterable[AreaAmount],
    *,
    factor: float = 1.0,
    numerator_is_count: bool = True,
    within: Collection[str] | None = None,
) -> IndicatorAggregate:
    """Return a count indicator (denominator the constant 1, as B.151) over the areas whose count is known."""
    shares = [AreaShare(a.code, a.amount, Amount.known(1), a.population) for a in _unique(areas)]
    return _indicator(
        shares, factor=factor, count=True, numerator_is_count=numerator_is_count,
        denominator_is_count=False, within=within,
    )


def coverage_of(populations: Iterable[tuple[str, int | None]], used: Collection[str]) -> Coverage:
    """Return the 18–66 population of the used areas against that of all the given (expected) areas."""
    total = 0
    covered = 0
    unknown: list[str] = []
    for code, population in populations:
        if population is None:
            unknown.append(code)
            continue
        total += population
        if code in used:
            covered += population
    return Coverage(covered, total, tuple(unknown))


def components(region: str, expected: Iterable[str]) -> tuple[str, ...]:
    """Return the expected areas whose values add up to a region, each person counted once.

    A kommune is made of its bydeler when any of them is expected, otherwise
    of itself (when expected). A fylke or the nation is made of every expected
    area within it, where a kommune with expected bydeler is replaced by them.
    Fylke and nation codes among `expected` are ignored: only kommuner and
    bydeler register figures.
    """
    return components_of([region], expected)[region]


def components_of(regions: Iterable[str], expected: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Return `components` of every region, with the expected areas sorted out once for all of them."""
    areas = sorted(c for c in expected if level_of(c) in (Level.KOMMUNE, Level.BYDEL))
    with_bydeler = {c[:4] for c in areas if len(c) == 6}
    registering = set(areas)
    # The areas a fylke or the nation is made of: kommuner with bydeler stand in by them.
    wholes = [c for c in areas if c not in with_bydeler]
    result: dict[str, tuple[str, ...]] = {}
    for region in regions:
        level = level_of(region)
        if level is Level.BYDEL:
            result[region] = (region,) if region in registering else ()
        elif level is Level.KOMMUNE and region in with_bydeler:
            result[region] = tuple(c for c in areas if len(c) == 6 and lies_within(c, region))
        elif level is Level.KOMMUNE:
            result[region] = (region,) if region in registering else ()
        else:
            result[region] = tuple(c for c in wholes if lies_within(c, region))
    return result


def _indicator(
    areas: list[AreaShare],
    *,
    factor: float,
    count: bool,
    numerator_is_count: bool,
    denominator_is_count: bool,
    within: Collection[str] | None,
) -> IndicatorAggregate:
    used: list[str] = []
    dotted: list[str] = []
    missing: list[str] = []
    outside: list[str] = []
    statuses: list[Status] = []
    numerator_sum = 0.0
    denominator_sum = 0.0
    for item in areas:
        status = worst([item.numerator.status, item.denominator.status])
        if within is not None and item.code not in within:
            outside.append(item.code)
            continue
        if status is Status.KNOWN:
            assert item.numerator.value is not None and item.denominator.value is not None
            used.append(item.code)
            numerator_sum += item.numerator.value
            denominator_sum += item.denominator.value
            continue
        statuses.append(status)
        (dotted if status is Status.DOTTED else missing).append(item.code)
    if count:
        denominator_sum = 1.0 if used else 0.0
    value = share_value(used, statuses, numerator_sum, denominator_sum, factor)
    return IndicatorAggregate(
        factor=factor,
        is_count_indicator=count,
        numerator_is_count=numerator_is_count,
        denominator_is_count=denominator_is_count,
        numerator_sum=numerator_sum,
        denominator_sum=denominator_sum,
        used_codes=tuple(used),
        dotted_codes=tuple(dotted),
        missing_codes=tuple(missing),
        outside_codes=tuple(outside),
        value=value,
        population=coverage_of(((a.code, a.population) for a in areas), set(used)),
    )


def share_value(
    used: Sequence[str], statuses: Sequence[Status], numerator_sum: float, denominator_sum: float, factor: float
) -> Amount:
    """Return numerator ÷ denominator × factor over the used areas, or why there is no value."""
    if not used:
        # Nothing usable: say why, the strongest reason first (a dot beats a gap).
        return Amount(worst(statuses)) if statuses else MISSING
    if denominator_sum == 0:
        return NOT_APPLICABLE
    return Amount.known(numerator_sum / denominator_sum * factor)


def _shown_sum(value: float, used: tuple[str, ...], unknown: Status, *, is_count: bool) -> Amount:
    if not used:
        return Amount(unknown)
    return Amount.known(value).shown(is_count=is_count)


def _unique(areas: Iterable[_Area]) -> list[_Area]:
    items = list(areas)
    seen: set[str] = set()
    for item in items:
        if item.code in seen:
            # The same area twice would count its people twice.
            raise ValueError(f"Området {item.code} er med to ganger")
        seen.add(item.code)
    return items
