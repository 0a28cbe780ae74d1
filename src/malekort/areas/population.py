"""Population denominators: SSB's 1 January population summed over an age band."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, Sum

from malekort.areas.models import Population

Band = tuple[int, int]


def population_by_band(
    region_codes: Iterable[str], years: Iterable[int], bands: Iterable[Band]
) -> dict[tuple[str, Band, int], int]:
    """Return the population of each region, age band and year, in one query; absent when SSB has no figure."""
    bands = sorted(set(bands))
    if not bands:
        return {}
    sums = {f"band_{i}": Sum("population", filter=Q(age__gte=lo, age__lte=hi)) for i, (lo, hi) in enumerate(bands)}
    rows = (
        Population.objects.filter(region_id__in=list(region_codes), year__in=list(years))
        .values("region_id", "year")
        .annotate(**sums)
        .values_list("region_id", "year", *sums)
    )
    result: dict[tuple[str, Band, int], int] = {}
    for region, year, *values in rows:
        for band, value in zip(bands, values, strict=True):
            if value is not None:
                result[(region, band, year)] = value
    return result
