"""Evaluate an indicator for one scorecard unit (an office, a municipality) over a window of months."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from malekort.domain.aggregation import (
    AreaAmount,
    AreaShare,
    IndicatorAggregate,
    aggregate_count_indicator,
    aggregate_share,
)
from malekort.domain.amounts import MISSING, NOT_YET, Amount, total
from malekort.domain.indicators.arithmetic import IndicatorValue, compute
from malekort.domain.indicators.definitions import IndicatorVersion, Term, TermKind, version_in_force
from malekort.domain.indicators.over_time import Window, combine
from malekort.domain.keyfigures import KeyFigure, OverTime
from malekort.domain.periods import Period

Band = tuple[int, int]


@dataclass(frozen=True)
class UnitData:
    """A unit's monthly key figures (summed over its areas) and its population by age band and year."""

    figures: Mapping[tuple[str, Period], Amount] = field(default_factory=dict)
    population: Mapping[tuple[Band, int], Amount] = field(default_factory=dict)

    def figure(self, code: str, month: Period) -> Amount:
        return self.figures.get((code, month), MISSING)

    def people(self, band: Band, year: int) -> Amount:
        # SSB publishes 1 January figures some weeks into the year.
        return self.population.get((band, year), NOT_YET)


def sum_areas(
    per_area: Mapping[tuple[str, str, Period], Amount], areas: Sequence[str], codes: Iterable[str],
    months: Iterable[Period],
) -> dict[tuple[str, Period], Amount]:
    """Return each figure and month summed over the areas (known only when every area's is)."""
    return {
        (code, month): total(per_area.get((area, code, month), MISSING) for area in areas)
        for code in codes
        for month in months
    }


def term_amount(term: Term, window: Window, data: UnitData, catalogue: Mapping[str, KeyFigure]) -> Amount:
    """Return a numerator or denominator over the window, each key figure combined by its own rule."""
    if term.kind is TermKind.CONSTANT:
        return Amount.known(1)
    if term.kind is TermKind.POPULATION:
        assert term.band is not None
        return data.people(term.band, window.year)
    assert term.figure is not None
    rule = catalogue[term.figure].over_time
    if window.first == window.last:
        # One month (every point of a scorecard's chart): what `combine` gives for it, without listing months.
        amount = data.figure(term.figure, window.first)
        return Amount.known(amount.value) if amount.value is not None and rule is not OverTime.LAST else amount
    return combine([data.figure(term.figure, month) for month in window.months], rule)


def evaluate(
    versions: Sequence[IndicatorVersion], window: Window, data: UnitData, catalogue: Mapping[str, KeyFigure]
) -> tuple[IndicatorVersion, IndicatorValue] | None:
    """Return the version in force at the window's end and the indicator computed with it; None if none was."""
    version = version_in_force(versions, window.last)
    if version is None:
        return None
    numerator = term_amount(version.numerator, window, data, catalogue)
    denominator = term_amount(version.denominator, window, data, catalogue)
    return version, compute(version, numerator, denominator)


def evaluate_areas(
    versions: Sequence[IndicatorVersion],
    window: Window,
    areas: Mapping[str, UnitData],
    catalogue: Mapping[str, KeyFigure],
    working_age: Mapping[str, int | None],
) -> tuple[IndicatorVersion, IndicatorAggregate] | None:
    """Return the version in force and the indicator over the areas whose numerator and denominator are known.

    The one rule for any set of areas (an office, a kommune of bydeler, a
    county, the nation), as the statistics compute it: each area's terms are
    combined over the window by their own rule first, then summed over the
    areas where both are known, so the denominator is the population of the
    areas whose numerator is known. `working_age` is each area's 18–66
    population in the window's year, for the coverage. None if no version was in force.
    """
    version = version_in_force(versions, window.last)
    if version is None:
        return None
    counted = numerator_is_count(version, catalogue)
    if version.denominator.kind is TermKind.CONSTANT:
        counts = [
            AreaAmount(code, term_amount(version.numerator, window, data, catalogue), working_age.get(code))
            for code, data in areas.items()
        ]
        return version, aggregate_count_indicator(counts, factor=version.factor, numerator_is_count=counted)
    denominator = version.denominator
    shares = [
        AreaShare(
            code, term_amount(version.numerator, window, data, catalogue),
            term_amount(denominator, window, data, catalogue), working_age.get(code),
        )
        for code, data in areas.items()
    ]
    return version, aggregate_share(
        shares, factor=version.factor, numerator_is_count=counted,
        denominator_is_count=denominator.kind is TermKind.FIGURE and denominator.figure is not None
        and catalogue[denominator.figure].is_count,
    )


def numerator_is_count(version: IndicatorVersion, catalogue: Mapping[str, KeyFigure]) -> bool:
    """Return whether the numerator counts people (population bands are public, key figures may be small)."""
    term = version.numerator
    return term.kind is TermKind.FIGURE and term.figure is not None and catalogue[term.figure].is_count
