"""The county and national value of an indicator for the same months, beside a unit's own."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from malekort.areas.models import Region
from malekort.domain.amounts import NOT_APPLICABLE, Amount
from malekort.domain.periods import Period
from malekort.domain.regions import fylke_code
from malekort.indicators.models import Indicator
from malekort.indicators.selectors import versions_by_code
from malekort.scorecard.units import Unit
from malekort.statistics.compute import indicator_aggregates

NATION = "0"


@dataclass(frozen=True)
class RegionSeries:
    code: str
    name: str
    amounts: list[Amount]


def region_series(
    unit: Unit, indicator: Indicator, months: Sequence[Period]
) -> tuple[RegionSeries | None, RegionSeries]:
    """Return the indicator for the unit's county (None if it spans several) and for the nation, as published."""
    counties = {fylke_code(a) for a in unit.figure_areas}
    county = counties.pop() if len(counties) == 1 else None
    codes = [c for c in (county, NATION) if c is not None]
    versions = versions_by_code([indicator]).get(indicator.code, [])
    found = indicator_aggregates(codes, versions, months)
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))

    def series(code: str, fallback: str) -> RegionSeries:
        amounts = []
        for month in months:
            result = found.get((code, month))
            amounts.append(result.display if result is not None else NOT_APPLICABLE)
        return RegionSeries(code, names.get(code, fallback), amounts)

    return (series(county, county) if county else None), series(NATION, "Hele landet")
