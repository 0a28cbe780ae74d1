"""Compute scorecards: each indicator for a unit and a month, quarter or year, with colours and changes.

Views and commands call these functions; the arithmetic itself lives in
`malekort.domain.indicators`. Everything returned here has already been
through suppression, so a template can show it as it is.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from malekort.domain import publication
from malekort.domain.aggregation import IndicatorAggregate
from malekort.domain.amounts import MISSING, Amount
from malekort.domain.indicators import definitions as d
from malekort.domain.indicators.arithmetic import IndicatorValue, change
from malekort.domain.indicators.evaluation import UnitData, evaluate_areas
from malekort.domain.indicators.limits import Colour, colour_for
from malekort.domain.indicators.over_time import Span, Window, previous_window, window_for
from malekort.domain.keyfigures import KeyFigure
from malekort.domain.periods import Period, periods_between
from malekort.figures.todays_borders import (
    AreaFigures,
    grouped_notes,
    load_area_figures,
    population_on_todays_borders,
    sources_text,
)
from malekort.indicators.models import Indicator
from malekort.indicators.selectors import (
    LimitsInForce,
    limits_in_force,
    limits_in_force_for,
    shown_indicators,
    versions_by_code,
)
from malekort.scorecard.units import Unit
from malekort.statistics.store import Bundle, MonthAggregates, current_bundle

SERIES_MONTHS = 24
WORKING_AGE = d.WORKING_AGE


@dataclass(frozen=True)
class Result:
    """An indicator for one window over the unit's areas, as it may be shown."""

    window: Window
    version: d.IndicatorVersion
    value: IndicatorValue  # numerator, denominator and value as they may be published
    over: IndicatorAggregate  # which areas were used, and the coverage

    @property
    def amount(self) -> Amount:
        return self.value.value

    @property
    def coverage(self) -> float | None:
        """Return the share of the 18–66 population living in the areas the value was computed on."""
        return self.over.coverage

    @property
    def complete(self) -> bool:
        """Return whether every area of the unit was used."""
        return self.over.used == self.over.expected


@dataclass(frozen=True)
class IndicatorRow:
    indicator: Indicator
    current: Result | None
    colour: Colour | None
    change_previous: Amount | None
    change_last_year: Amount | None
    series: list[tuple[Period, Result | None]]
    limits: LimitsInForce

    @property
    def version(self) -> d.IndicatorVersion | None:
        return self.current.version if self.current else None


@dataclass(frozen=True)
class Scorecard:
    unit: Unit
    window: Window
    rows: list[IndicatorRow]
    notes: list[str]


@dataclass
class UnitFigures:
    """A unit's data for the indicator arithmetic, area by area, with the notes and figures it came from."""

    data: dict[str, UnitData]  # area → its own figures (as they may be published) and populations
    working_age: dict[tuple[str, int], int | None]  # (area, year) → 18–66 population, for the coverage
    figures: dict[str, KeyFigure]  # the catalogue, retired figures too: old indicator versions may read them
    notes: dict[tuple[str, int], str]  # (area, year) → which codes the year's figures were registered on
    read_areas: Callable[[], AreaFigures]  # the areas' values with their sources, read only when shown

    @cached_property
    def areas(self) -> AreaFigures:
        return self.read_areas()

    def working_age_in(self, year: int) -> dict[str, int | None]:
        return {area: self.working_age.get((area, year)) for area in self.data}

    def notes_for(self, areas: Iterable[str]) -> list[str]:
        """Return the notes for the areas, oldest year first, without repeats."""
        return grouped_notes(self.notes, areas)


def load_units(
    units: Sequence[Unit], versions: Iterable[d.IndicatorVersion], first: Period, last: Period,
    *, bundle: Bundle | None = None,
) -> dict[str, UnitFigures]:
    """Return each unit's areas' figures and populations for the months, in a few queries for all units."""
    versions = list(versions)
    bundle = bundle or current_bundle()
    figures = bundle.figures
    codes = {c for v in versions for c in v.figures()}
    leaders = {f for c in codes if c in figures for f in [figures[c].dotted_with] if f}
    bands = {b for v in versions for b in v.bands()} | {WORKING_AGE}
    months = list(periods_between(first, last))
    all_areas = {a for u in units for a in u.figure_areas}
    amounts, notes, read_areas = _area_amounts(bundle, all_areas, codes | leaders, first, last)
    published = publication.hide_followers(amounts, figures)
    years = range(first.year, last.year + 1)
    people = _population(bundle, all_areas, years, bands)
    by_area = {}
    for area in all_areas:
        own = {(code, month): published.get((area, code, month), MISSING) for code in codes for month in months}
        population = {
            (band, year): Amount.known(people[(area, band, year)])
            for band in bands for year in years if (area, band, year) in people
        }
        by_area[area] = UnitData(own, population)
    working_age = {(area, year): people.get((area, WORKING_AGE, year)) for area in all_areas for year in years}
    return {
        unit.code: UnitFigures(
            {a: by_area[a] for a in unit.figure_areas},
            {k: v for k, v in working_age.items() if k[0] in unit.figure_areas}, figures,
            {k: v for k, v in notes.items() if k[0] in unit.figure_areas}, read_areas,
        )
        for unit in units
    }


def _area_amounts(
    bundle: Bundle, areas: set[str], codes: set[str], first: Period, last: Period
) -> tuple[dict[tuple[str, str, Period], Amount], dict[tuple[str, int], str], Callable[[], AreaFigures]]:
    """Return the areas' current values on today's borders, their notes, and a reader of the values with sources.

    From the statistics' bundle when it holds them all: it keeps every expected
    area's values since 2022 current, a month's lookups built once for every
    page, which spares a query of some 7 000 rows for a kommune with many
    bydeler and a frame per month filtered on every request.
    """
    if _holds(bundle, areas, first, last):
        held = bundle.months_between(first, last)
        amounts = {(area, code, m.month): m.amount(area, code) for m in held for area in areas for code in codes}
        notes = _held_notes(held, areas)
        return amounts, notes, lambda: bundle.loaded.figures.subset(areas, codes, first, last)
    read = load_area_figures(areas, codes, first, last)
    return read.amounts, read.notes, lambda: read


def _held_notes(held: Iterable[MonthAggregates], areas: set[str]) -> dict[tuple[str, int], str]:
    """Return the notes of the areas in the months as read, by (area, year)."""
    return {key: note for m in held for key, note in m.values.notes.items() if key[0] in areas}


def _holds(bundle: Bundle, areas: set[str], first: Period, last: Period) -> bool:
    """Return whether the bundle holds the areas' values for the months."""
    return bool(bundle.months) and bundle.months[0] <= first and last <= bundle.months[-1] and (
        areas <= bundle.loaded.areas()
    )


def _population(
    bundle: Bundle, areas: set[str], years: Iterable[int], bands: set[tuple[int, int]]
) -> dict[tuple[str, tuple[int, int], int], int]:
    """Return the areas' population by band and year on today's borders.

    Population is reference data: the bundle's is read once until reference
    data change, for every area in the bands the recommended indicators read;
    a municipality's own indicator may read other bands.
    """
    held = {WORKING_AGE, *(b for _, versions in bundle.indicators for v in versions for b in v.bands())}
    if areas <= bundle.loaded.areas() and bands <= held:
        return bundle.meta.population(years)
    return population_on_todays_borders(areas, years, bands)


def evaluate_shown(
    versions: Sequence[d.IndicatorVersion], window: Window, data: UnitFigures, figures: dict[str, KeyFigure]
) -> Result | None:
    """Return the indicator over the unit's areas for the window, as published; None when no version was in force."""
    evaluated = evaluate_areas(versions, window, data.data, figures, data.working_age_in(window.year))
    if evaluated is None:
        return None
    version, over = evaluated
    shown = IndicatorValue(over.display_numerator, over.display_denominator, over.display)
    return Result(window, version, shown, over)


def _change(current: Result | None, earlier: Result | None) -> Amount | None:
    if current is None or earlier is None:
        return None
    if current.version.unit != earlier.version.unit or current.version.factor != earlier.version.factor:
        return None  # a change of definition in between makes the two incomparable
    return change(current.amount, earlier.amount)


def build_scorecard(unit: Unit, span: Span, period: Period, last_complete: Period) -> Scorecard | None:
    """Return the unit's scorecard for the month, quarter or year containing `period`; None if none has ended."""
    window = window_for(span, period, last_complete)
    if window is None:
        return None
    indicators = shown_indicators(unit.municipality_codes)
    versions = versions_by_code(indicators)
    limits = limits_in_force(unit.single_municipality, indicators)
    previous = previous_window(window)
    last_year = window.shift_years(-1)
    series_first = window.last.shift(-(SERIES_MONTHS - 1))
    first = min(series_first, previous.first, last_year.first)
    results = _UnitResults(current_bundle(), unit, [v for vs in versions.values() for v in vs], first, window.last)
    rows = []
    for indicator in indicators:
        vs = versions.get(indicator.code, [])
        current = results.evaluate(vs, window)
        series = []
        for month in periods_between(series_first, window.last):
            series.append((month, results.evaluate(vs, Window(Span.MONTH, month.year, month, month, True))))
        in_force = limits[indicator.pk]
        rows.append(IndicatorRow(
            indicator=indicator,
            current=current,
            colour=colour_for(current.amount, current.version.direction, in_force.limits) if current else None,
            change_previous=_change(current, results.evaluate(vs, previous)),
            change_last_year=_change(current, results.evaluate(vs, last_year)),
            series=series,
            limits=in_force,
        ))
    return Scorecard(unit, window, rows, results.notes())


# Scorecard results remembered across requests and bundles, by what each is computed from: the indicator's
# versions, the unit's areas, the window, and the stored version of each month of the window. A month's
# stored version changes with every change of its values, and every month's with a change of reference
# data (regions, population, key figures, recommended indicators), so a save of November leaves the
# results of earlier months as they are, and a scorecard read after it computes November only.
_RESULTS_KEPT = 20_000
_results: OrderedDict[Hashable, Result | None] = OrderedDict()
_results_lock = threading.Lock()


def forget() -> None:
    """Forget the remembered results (tests roll the database back under them)."""
    with _results_lock:
        _results.clear()


class _UnitResults:
    """A unit's results for the months first to last, remembered when the bundle holds every month and area."""

    def __init__(
        self, bundle: Bundle, unit: Unit, versions: Sequence[d.IndicatorVersion], first: Period, last: Period
    ) -> None:
        self._bundle, self._unit, self._versions, self._first, self._last = bundle, unit, versions, first, last
        areas = set(unit.figure_areas)
        self._held = _holds(bundle, areas, first, last)

    @cached_property
    def loaded(self) -> UnitFigures:
        return load_units([self._unit], self._versions, self._first, self._last, bundle=self._bundle)[self._unit.code]

    def evaluate(self, versions: Sequence[d.IndicatorVersion], window: Window) -> Result | None:
        months = [self._bundle.month(m) for m in window.months] if self._held else []
        if not months or any(m is None for m in months):
            return evaluate_shown(versions, window, self.loaded, self.loaded.figures)
        key = (tuple(versions), self._unit.figure_areas, window, tuple(m.key for m in months if m is not None))
        with _results_lock:
            if key in _results:
                _results.move_to_end(key)
                return _results[key]
        result = evaluate_shown(versions, window, self.loaded, self.loaded.figures)
        with _results_lock:
            _results[key] = result
            while len(_results) > _RESULTS_KEPT:
                _results.popitem(last=False)
        return result

    def notes(self) -> list[str]:
        """Return the notes for the unit's areas, oldest year first, without repeats."""
        if not self._held:
            return self.loaded.notes_for(self._unit.figure_areas)
        areas = set(self._unit.figure_areas)
        held = self._bundle.months_between(self._first, self._last)
        return grouped_notes(_held_notes(held, areas), areas)


@dataclass(frozen=True)
class DetailMonth:
    month: Period
    result: Result | None
    numerator_sources: str
    colour: Colour | None


def build_detail(
    unit: Unit, indicator: Indicator, last: Period, *, months: int = SERIES_MONTHS
) -> tuple[list[DetailMonth], list[d.IndicatorVersion], LimitsInForce, list[str]]:
    """Return the indicator's monthly series for the unit up to `last`, its versions, limits and notes."""
    versions = versions_by_code([indicator]).get(indicator.code, [])
    first = last.shift(-(months - 1))
    loaded = load_units([unit], versions, first, last)[unit.code]
    figures = loaded.figures
    in_force = limits_in_force(unit.single_municipality, [indicator])[indicator.pk]
    rows = []
    for month in periods_between(first, last):
        result = evaluate_shown(versions, Window(Span.MONTH, month.year, month, month, True), loaded, figures)
        source = ""
        if result is not None and result.version.numerator.figure:
            code = result.version.numerator.figure
            found: set[str] = set()
            for area in unit.figure_areas:
                found |= loaded.areas.sources.get((area, code, month), set())
            source = sources_text(found)
        colour = colour_for(result.amount, result.version.direction, in_force.limits) if result else None
        rows.append(DetailMonth(month, result, source, colour))
    return rows, versions, in_force, loaded.notes_for(unit.figure_areas)


def unit_series(
    units: Sequence[Unit], indicator: Indicator, first: Period, last: Period
) -> dict[str, list[tuple[Period, Result | None, Colour | None]]]:
    """Return the indicator for every unit and month, for exports; values are already suppressed."""
    versions = versions_by_code([indicator]).get(indicator.code, [])
    loaded = load_units(units, versions, first, last)
    limits = limits_in_force_for({u.single_municipality for u in units}, [indicator])
    result = {}
    for unit in units:
        in_force = limits[unit.single_municipality][indicator.pk]
        months = []
        for month in periods_between(first, last):
            data = loaded[unit.code]
            r = evaluate_shown(versions, Window(Span.MONTH, month.year, month, month, True), data, data.figures)
            months.append((month, r, colour_for(r.amount, r.version.direction, in_force.limits) if r else None))
        result[unit.code] = months
    return result
