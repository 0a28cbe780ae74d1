"""Honest county, kommune and national figures from the areas' current values, on today's borders.

The arithmetic (known sums, dots and bounds, coverage, shares over known areas)
lives in `malekort.domain.aggregation`, done for all regions at once by
`malekort.domain.bulk_aggregation`; this module loads what it needs in a few
queries.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import polars as pl

from malekort.areas.models import ServiceArea
from malekort.domain.aggregation import Aggregate, IndicatorAggregate, components
from malekort.domain.bulk_aggregation import AreaTable
from malekort.domain.indicators import definitions as d
from malekort.domain.keyfigures import KeyFigure
from malekort.domain.periods import Period
from malekort.figures.catalogue import all_figures
from malekort.figures.todays_borders import (
    AreaFigures,
    ReferenceRows,
    load_area_figures,
    population_on_todays_borders,
)

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
    return load_parts({code: components(code, expected) for code in region_codes}, figure_codes, bands, months)


def load_parts(
    parts: dict[str, tuple[str, ...]], figure_codes: Iterable[str], bands: Iterable[tuple[int, int]],
    months: Sequence[Period], registered: pl.DataFrame | None = None,
    people: dict[tuple[str, tuple[int, int], int], int] | None = None,
    reference: ReferenceRows | None = None,
) -> Loaded:
    """Return what the aggregates of regions with these parts need over the months, in a few queries.

    `registered`: the months' current values as registered, and `people`, the
    population of the areas in the bands and years, when the caller has them
    (else they are read); `reference`, the region changes and names, likewise.
    """
    areas = {a for codes in parts.values() for a in codes}
    first, last = min(months), max(months)
    figures = load_area_figures(areas, figure_codes, first, last, registered, reference)
    if people is None:
        people = population_on_todays_borders(
            areas, range(first.year, last.year + 1), {WORKING_AGE, *bands}, reference
        )
    return Loaded(parts, figures, people)


def table(loaded: Loaded, months: Sequence[Period]) -> AreaTable:
    """Return the loaded values as frames, to aggregate many figures and indicators in one pass each."""
    return AreaTable(loaded.figures.frame, loaded.parts, loaded.people, months)


def figure_aggregates(
    region_codes: Sequence[str], figure: KeyFigure, months: Sequence[Period], loaded: Loaded | None = None
) -> dict[tuple[str, Period], Aggregate]:
    """Return the key figure for each region and month: known sum, dots, bounds, missing areas and coverage."""
    loaded = loaded or load(region_codes, [figure.code], [], months)
    found = table(_only(loaded, region_codes), months).figure_aggregates([figure])
    return {(region, month): value for (region, _, month), value in found.items()}


def indicator_aggregates(
    region_codes: Sequence[str], versions: Sequence[d.IndicatorVersion], months: Sequence[Period],
    loaded: Loaded | None = None, catalogue: Mapping[str, KeyFigure] | None = None,
) -> dict[tuple[str, Period], IndicatorAggregate | None]:
    """Return the indicator for each region and month over the areas whose numerator is known.

    None where no version was in force. The denominator only counts the areas
    whose numerator (and denominator) is known, as the domain brief requires.
    """
    if loaded is None:
        codes = {c for v in versions for c in v.figures()}
        bands = {b for v in versions for b in v.bands()}
        loaded = load(region_codes, codes, bands, months)
    return table(_only(loaded, region_codes), months).indicator_aggregates(versions, catalogue or all_figures())


def _only(loaded: Loaded, region_codes: Sequence[str]) -> Loaded:
    return replace(loaded, parts={code: loaded.parts[code] for code in region_codes})
