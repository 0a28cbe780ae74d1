"""Evaluate an indicator for one scorecard unit (an office, a municipality) over a window of months."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from malekort.domain.amounts import MISSING, NOT_YET, Amount, total
from malekort.domain.indicators.arithmetic import IndicatorValue, compute
from malekort.domain.indicators.definitions import IndicatorVersion, Term, TermKind, version_in_force
from malekort.domain.indicators.over_time import Window, combine
from malekort.domain.keyfigures import KeyFigure
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


def numerator_is_count(version: IndicatorVersion, catalogue: Mapping[str, KeyFigure]) -> bool:
    """Return whether the numerator counts people (population bands are public, key figures may be small)."""
    term = version.numerator
    return term.kind is TermKind.FIGURE and term.figure is not None and catalogue[term.figure].is_count
