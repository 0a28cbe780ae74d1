"""All aggregates for every key figure, indicator, region and month, kept current.

The bundle is computed in one pass over the areas' current values and kept in
memory under the data version of `statistics.changes`: every registration,
population load, border change, service area or definition marks what it
changed in its own transaction, and the next reader anywhere sees a new
committed version, recomputes the changed months (or everything after a
change of reference data) and shows the correction at once.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace

import polars as pl
from django.utils import timezone

from malekort.areas.models import Region, ServiceArea
from malekort.domain.aggregation import Aggregate, AreaAmount, IndicatorAggregate
from malekort.domain.deadlines import FIRST_PERIOD, last_complete_period
from malekort.domain.indicators import definitions as d
from malekort.domain.keyfigures import KeyFigure
from malekort.domain.periods import Period, periods_between
from malekort.figures.catalogue import all_figures
from malekort.figures.todays_borders import AreaFigures
from malekort.indicators.models import Indicator
from malekort.indicators.selectors import versions_by_code
from malekort.statistics.changes import DataVersion, changed_between, data_version
from malekort.statistics.compute import Loaded, load, table

NATION = "0"


def _months_span() -> str:
    """Return the last complete month: a new month adds to what every aggregate covers."""
    return str(last_complete_period(timezone.localdate()))


@dataclass
class Bundle:
    reference: str  # the last complete month when it was computed
    version: DataVersion
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


def compute_bundle(reference: str, version: DataVersion) -> Bundle:
    """Return every aggregate since 2022 on today's borders (a full recompute)."""
    with _without_garbage_collection():
        return _compute_bundle(reference, version)


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


def _compute_bundle(reference: str, version: DataVersion) -> Bundle:
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
        reference, version, months, regions, names, figures,
        [(i, versions.get(i.code, [])) for i in indicators], figure_values, indicator_values, loaded,
    )


def refresh_months(bundle: Bundle, months: Iterable[Period], version: DataVersion) -> Bundle:
    """Return a new bundle with the given months recomputed from the current values; the rest is reused."""
    changed = sorted(set(months) & set(bundle.months))
    if not changed:
        return replace(bundle, version=version)
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
        bundle, version=version, figure_values={**bundle.figure_values, **fresh_figures},
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
    """Return the aggregates for the data as it is now: after a registration only its months are recomputed.

    Two small queries find whether anything changed since this process's
    bundle (`changes.data_version`); a change committed by any process or
    command shows on the next read.
    """
    global _current
    reference, version = _months_span(), data_version()
    bundle = _current
    if bundle is not None and (bundle.reference, bundle.version) == (reference, version):
        return bundle
    with _lock:
        bundle = _current
        if bundle is not None and (bundle.reference, bundle.version) == (reference, version):
            return bundle
        if bundle is None or bundle.reference != reference or version.number <= bundle.version.number:
            bundle = compute_bundle(reference, version)
        else:
            changed = changed_between(bundle.version.number, version.number)
            if changed.everything:
                bundle = compute_bundle(reference, version)
            else:
                bundle = refresh_months(bundle, changed.months, version)
        _current = bundle
        return bundle


def fylker(bundle: Bundle) -> Sequence[str]:
    return [r for r in bundle.regions if len(r) == 2]

