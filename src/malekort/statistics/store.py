"""All aggregates for every key figure, indicator, region and month, kept current.

The bundle is computed in one pass over the areas' current values and kept in
memory under a data version: a short fingerprint of everything it depends on.
Any registration, population load, border change or new definition changes the
fingerprint, so the next reader recomputes it and a correction shows in the
county and national figures at once.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace

import polars as pl
from django.db.models import Max
from django.utils import timezone

from malekort.areas.models import Population, Region, RegionChange, ServiceArea
from malekort.domain.aggregation import Aggregate, AreaAmount, IndicatorAggregate
from malekort.domain.deadlines import FIRST_PERIOD, last_complete_period
from malekort.domain.indicators import definitions as d
from malekort.domain.keyfigures import KeyFigure
from malekort.domain.periods import Period, periods_between
from malekort.figures.catalogue import all_figures
from malekort.figures.models import ValueVersion
from malekort.figures.todays_borders import AreaFigures
from malekort.indicators.models import Indicator, IndicatorVersion
from malekort.indicators.selectors import versions_by_code
from malekort.statistics.compute import Loaded, load, table

NATION = "0"


def fingerprint() -> tuple[str, int]:
    """Return what the aggregates depend on: reference data, and the newest value version.

    Each part is one indexed MAX query. Values are append-only, so a higher
    newest id means new registrations, whose months are all that must be
    recomputed; any other change means a full recompute.
    """
    parts = [str(last_complete_period(timezone.localdate()))]
    for model in (Population, RegionChange, ServiceArea, IndicatorVersion):
        parts.append(str(model.objects.aggregate(top=Max("pk"))["top"]))
    parts.append(str(IndicatorVersion.objects.aggregate(top=Max("valid_to"))["top"]))
    newest = ValueVersion.objects.aggregate(top=Max("pk"))["top"] or 0
    return "/".join(parts), newest


@dataclass
class Bundle:
    reference: str
    newest_value: int
    months: list[Period]
    regions: list[str]  # nation, fylker and kommuner with bydeler
    names: dict[str, str]
    figures: dict[str, KeyFigure]
    indicators: list[tuple[Indicator, list[d.IndicatorVersion]]]
    figure_values: dict[tuple[str, Period], Aggregate]  # keyed (region + "|" + figure, month)
    indicator_values: dict[tuple[str, Period], IndicatorAggregate | None]  # keyed (region + "|" + code, month)
    loaded: Loaded

    def figure(self, region: str, code: str, month: Period) -> Aggregate | None:
        return self.figure_values.get((f"{region}|{code}", month))

    def indicator(self, region: str, code: str, month: Period) -> IndicatorAggregate | None:
        return self.indicator_values.get((f"{region}|{code}", month))

    def parts(self, region: str) -> tuple[str, ...]:
        return self.loaded.parts.get(region, ())

    def area_amounts(self, region: str, code: str, month: Period) -> list[AreaAmount]:
        """Return the region's areas with their own value and 18–66 population, for like-for-like change."""
        return [
            AreaAmount(a, self.loaded.figures.get(a, code, month), self.loaded.population(a, month.year))
            for a in self.parts(region)
        ]


def _regions() -> list[str]:
    served = set(ServiceArea.objects.values_list("area_id", flat=True))
    fylker = sorted({code[:2] for code in served})
    with_bydeler = sorted({code[:4] for code in served if len(code) == 6})
    known = set(Region.objects.filter(code__in=[NATION, *fylker, *with_bydeler]).values_list("code", flat=True))
    return [c for c in [NATION, *fylker, *with_bydeler] if c in known or c == NATION]


def compute_bundle(reference: str, newest_value: int) -> Bundle:
    """Return every aggregate since 2022 on today's borders (a full recompute)."""
    with _without_garbage_collection():
        return _compute_bundle(reference, newest_value)


@contextmanager
def _without_garbage_collection() -> Iterator[None]:
    """Pause the cycle collector while building the bundle's many objects.

    They hold no reference cycles, but creating some hundred thousand tuples
    and aggregates runs full collections over all of them again and again
    (a quarter of the time with ten times the demo data).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _compute_bundle(reference: str, newest_value: int) -> Bundle:
    months = list(periods_between(FIRST_PERIOD, last_complete_period(timezone.localdate())))
    regions = _regions()
    figures = all_figures()
    indicators = list(Indicator.objects.filter(owner__isnull=True).order_by("sort_order", "code"))
    versions = versions_by_code(indicators)
    all_versions = [v for vs in versions.values() for v in vs]
    loaded = load(regions, figures.keys(), {b for v in all_versions for b in v.bands()}, months)
    figure_values, indicator_values = _aggregates(
        loaded, months, figures, [(i.code, versions.get(i.code, [])) for i in indicators]
    )
    names = dict(Region.objects.filter(code__in=[*regions, *loaded.areas()]).values_list("code", "name"))
    names[NATION] = "Hele landet"  # SSB names the country «Norge-Noreg-Norway»
    return Bundle(
        reference, newest_value, months, regions, names, figures,
        [(i, versions.get(i.code, [])) for i in indicators], figure_values, indicator_values, loaded,
    )


def refresh_months(bundle: Bundle, months: Sequence[Period], newest_value: int) -> Bundle:
    """Return a new bundle with the given months recomputed from the current values; the rest is reused."""
    changed = sorted(set(months) & set(bundle.months))
    if not changed:
        return replace(bundle, newest_value=newest_value)
    all_versions = [v for _, vs in bundle.indicators for v in vs]
    fresh = load(bundle.regions, bundle.figures.keys(), {b for v in all_versions for b in v.bands()}, changed)
    old = bundle.loaded.figures
    figures = AreaFigures(
        pl.concat([old.without_months(changed), fresh.figures.frame]), {**old.notes, **fresh.figures.notes}
    )
    loaded = Loaded(bundle.loaded.parts, figures, bundle.loaded.people)
    fresh_figures, fresh_indicators = _aggregates(
        loaded, changed, bundle.figures, [(i.code, versions) for i, versions in bundle.indicators]
    )
    return replace(
        bundle, newest_value=newest_value, figure_values={**bundle.figure_values, **fresh_figures},
        indicator_values={**bundle.indicator_values, **fresh_indicators}, loaded=loaded,
    )


def _aggregates(
    loaded: Loaded, months: Sequence[Period], figures: dict[str, KeyFigure],
    indicators: Sequence[tuple[str, Sequence[d.IndicatorVersion]]],
) -> tuple[dict[tuple[str, Period], Aggregate], dict[tuple[str, Period], IndicatorAggregate | None]]:
    """Return every region's figure and indicator aggregates for the months, keyed as the bundle keeps them."""
    areas = table(loaded, months)
    figure_values = {
        (f"{region}|{code}", month): value
        for (region, code, month), value in areas.figure_aggregates(list(figures.values())).items()
    }
    indicator_values: dict[tuple[str, Period], IndicatorAggregate | None] = {}
    for code, versions in indicators:
        for (region, month), result in areas.indicator_aggregates(versions, figures).items():
            indicator_values[(f"{region}|{code}", month)] = result
    return figure_values, indicator_values


_lock = threading.Lock()
_current: Bundle | None = None


def current_bundle() -> Bundle:
    """Return the aggregates for the data as it is now: after a registration only its months are recomputed."""
    global _current
    reference, newest = fingerprint()
    bundle = _current
    if bundle is not None and (bundle.reference, bundle.newest_value) == (reference, newest):
        return bundle
    with _lock:
        bundle = _current
        if bundle is None or bundle.reference != reference or newest < bundle.newest_value:
            bundle = compute_bundle(reference, newest)
        elif newest > bundle.newest_value:
            days = ValueVersion.objects.filter(pk__gt=bundle.newest_value).values_list("period", flat=True).distinct()
            bundle = refresh_months(bundle, [Period.of(day) for day in days], newest)
        _current = bundle
        return bundle


def fylker(bundle: Bundle) -> Sequence[str]:
    return [r for r in bundle.regions if len(r) == 2]

