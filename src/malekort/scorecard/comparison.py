"""The county and national value of an indicator for the same months, beside a unit's own."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from malekort.domain.amounts import NOT_APPLICABLE, Amount
from malekort.domain.periods import Period
from malekort.domain.regions import fylke_code
from malekort.indicators.models import Indicator
from malekort.scorecard.units import Unit
from malekort.statistics.store import NATION, current_bundle


@dataclass(frozen=True)
class RegionSeries:
    code: str
    name: str  # as a column heading: «Møre og Romsdal fylke», «Hele landet»
    amounts: list[Amount]
    same_as_unit: bool = False  # the region has exactly the unit's areas (Oslo fylke and Oslo kommune)


def region_series(
    unit: Unit, indicator: Indicator, months: Sequence[Period]
) -> tuple[RegionSeries | None, RegionSeries | None]:
    """Return the indicator for the unit's county (None if it spans several) and the nation, as published.

    Only the Directorate's recommended indicators have county and national
    values. They follow the same rule as the unit's own value (the statistics'),
    so a county made of just the unit's areas has the unit's values.
    """
    if indicator.owner_id is not None:
        return None, None
    bundle = current_bundle()
    counties = {fylke_code(a) for a in unit.figure_areas}
    county = counties.pop() if len(counties) == 1 else ""

    def series(code: str, name: str) -> RegionSeries:
        amounts = []
        for month in months:
            result = bundle.indicator(code, indicator.code, month)
            amounts.append(result.display if result is not None else NOT_APPLICABLE)
        return RegionSeries(code, name, amounts, set(bundle.parts(code)) == set(unit.figure_areas))

    in_county = series(county, f"{bundle.names.get(county, county)} fylke") if county in bundle.regions else None
    return in_county, series(NATION, "Hele landet")
