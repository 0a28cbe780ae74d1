"""Honest county, kommune and national figures from the areas' current values, on today's borders.

The arithmetic (known sums, dots and bounds, coverage, shares over known areas)
lives in `malekort.domain.aggregation`; this module loads what it needs in a
few queries for all regions at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from malekort.areas.models import ServiceArea
from malekort.areas.population import population_by_band
from malekort.domain.aggregation import (
    Aggregate,
    AreaAmount,
    AreaShare,
    IndicatorAggregate,
    aggregate,
    aggregate_count_indicator,
    aggregate_share,
    components,
)
from malekort.domain.amounts import NOT_YET, Amount
from malekort.domain.indicators import definitions as d
from malekort.domain.indicators.evaluation import numerator_is_count
from malekort.domain.keyfigures import KeyFigure
from malekort.domain.periods import Period
from malekort.figures.catalogue import all_figures
from malekort.figures.todays_borders import AreaFigures, load_area_figures

WORKING_AGE = d.WORKING_AGE


def expected_areas() -> list[str]:
    """Return the areas some office reports for: the areas every aggregate expects a value from."""
    return sorted(set(ServiceArea.objects.values_list("area_id", flat=True)))


@dataclass
class Loaded:
    """The areas' figures and populations for a set of regions and months."""

    parts: dict[str, tuple[str, ...]]  # region → its component areas
    figures: AreaFigures
    people: dict[tuple[str, tuple[int, int], int], int]

    def areas(self) -> set[str]:
        """Return every area some region is made of."""
        return {a for codes in self.parts.values() for a in codes}

    def population(self, area: str, year: int, band: tuple[int, int] = WORKING_AGE) -> int | None:
        return self.people.get((area, band, year))


def load(
    region_codes: Iterable[str], figure_codes: Iterable[str], bands: Iterable[tuple[int, int]], months: Sequence[Period]
) -> Loaded:
    """Return what the regions' aggregates over the months need, in a few queries."""
    expected = expected_areas()
    parts = {code: components(code, expected) for code in region_codes}
    areas = {a for codes in parts.values() for a in codes}
    first, last = min(months), max(months)
    figures = load_area_figures(areas, figure_codes, first, last)
    people = population_by_band(areas, range(first.year, last.year + 1), {WORKING_AGE, *bands})
    return Loaded(parts, figures, people)


def figure_aggregates(
    region_codes: Sequence[str], figure: KeyFigure, months: Sequence[Period], loaded: Loaded | None = None
) -> dict[tuple[str, Period], Aggregate]:
    """Return the key figure for each region and month: known sum, dots, bounds, missing areas and coverage."""
    loaded = loaded or load(region_codes, [figure.code], [], months)
    return {
        (region, month): aggregate(figure, [
            AreaAmount(area, loaded.figures.get(area, figure.code, month), loaded.population(area, month.year))
            for area in loaded.parts[region]
        ])
        for region in region_codes
        for month in months
    }


def _term(term: d.Term, area: str, month: Period, loaded: Loaded) -> Amount:
    if term.kind is d.TermKind.CONSTANT:
        return Amount.known(1)
    if term.kind is d.TermKind.POPULATION:
        assert term.band is not None
        people = loaded.population(area, month.year, term.band)
        return NOT_YET if people is None else Amount.known(people)
    assert term.figure is not None
    return loaded.figures.get(area, term.figure, month)


def indicator_aggregates(
    region_codes: Sequence[str], versions: Sequence[d.IndicatorVersion], months: Sequence[Period],
    loaded: Loaded | None = None, catalogue: dict[str, KeyFigure] | None = None,
) -> dict[tuple[str, Period], IndicatorAggregate | None]:
    """Return the indicator for each region and month over the areas whose numerator is known.

    None where no version was in force. The denominator only counts the areas
    whose numerator (and denominator) is known, as the domain brief requires.
    """
    catalogue = catalogue or all_figures()
    if loaded is None:
        codes = {c for v in versions for c in v.figures()}
        bands = {b for v in versions for b in v.bands()}
        loaded = load(region_codes, codes, bands, months)
    result: dict[tuple[str, Period], IndicatorAggregate | None] = {}
    for month in months:
        version = d.version_in_force(versions, month)
        for region in region_codes:
            if version is None:
                result[(region, month)] = None
                continue
            areas = loaded.parts[region]
            counted = numerator_is_count(version, catalogue)
            if version.denominator.kind is d.TermKind.CONSTANT:
                result[(region, month)] = aggregate_count_indicator(
                    [AreaAmount(a, _term(version.numerator, a, month, loaded), loaded.population(a, month.year))
                     for a in areas],
                    factor=version.factor, numerator_is_count=counted,
                )
                continue
            denominator_is_count = (
                version.denominator.kind is d.TermKind.FIGURE
                and version.denominator.figure is not None
                and catalogue[version.denominator.figure].is_count
            )
            result[(region, month)] = aggregate_share(
                [AreaShare(a, _term(version.numerator, a, month, loaded), _term(version.denominator, a, month, loaded),
                           loaded.population(a, month.year)) for a in areas],
                factor=version.factor, numerator_is_count=counted, denominator_is_count=denominator_is_count,
            )
    return result
