"""What a scorecard is for: an office, a municipality, or any region, each a set of registering areas.

Every unit's indicator follows one rule, the statistics' rule: computed over
the unit's areas whose numerator and denominator are known, each with its own
population, with the coverage said (`domain.indicators.evaluation.evaluate_areas`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from malekort.access.scope import OfficeAccess
from malekort.areas.models import Region, ServiceArea
from malekort.domain.aggregation import components
from malekort.domain.regions import Level, level_of


@dataclass(frozen=True)
class Unit:
    kind: str  # "office", "municipality", "area" (a bydel, or a kommune with no bydeler) or "region"
    code: str
    name: str
    # The registering areas the unit's indicator is computed over.
    figure_areas: tuple[str, ...]
    # The municipalities whose choices and limits apply.
    municipality_codes: tuple[str, ...]

    @property
    def single_municipality(self) -> str | None:
        return self.municipality_codes[0] if len(self.municipality_codes) == 1 else None

    @property
    def heading(self) -> str:
        """Return what the unit's column is: «Oslo kommune (sum av bydelene)», «Nav Hallingdal (6 kommuner)»."""
        several = len(self.figure_areas) > 1
        if self.kind == "office":
            if not several:
                return self.name
            bydeler = all(level_of(a) is Level.BYDEL for a in self.figure_areas)
            return f"{self.name} ({len(self.figure_areas)} {'bydeler' if bydeler else 'kommuner'})"
        if self.kind == "municipality":
            own = self.figure_areas == (self.code,)
            return f"{self.name} kommune" if own else f"{self.name} kommune (sum av bydelene)"
        if self.kind == "region" and level_of(self.code) is Level.FYLKE:
            return f"{self.name} fylke"
        if self.kind == "region" and level_of(self.code) is Level.NATION:
            return "Hele landet"
        return self.name


def _kommune_of(code: str) -> str:
    return code[:4] if level_of(code) is Level.BYDEL else code


def office_unit(access: OfficeAccess) -> Unit:
    """Return the unit of an office as the user sees it: the areas of it they may see."""
    codes = tuple(access.area_codes)
    municipalities = tuple(sorted({_kommune_of(c) for c in codes}))
    return Unit("office", access.office.code, access.office.name, codes, municipalities)


def municipality_unit(region: Region, served: Collection[str] | None = None) -> Unit:
    """Return a kommune's unit: its own code if an office reports for it, else its reporting bydeler.

    A kommune of bydeler is their sum, each bydel with its own population, as
    in the statistics; the kommune's own population is not used.

    `served` is every area some office reports for; it is read here when not given.
    """
    if served is None:
        served = ServiceArea.objects.filter(area__code__startswith=region.code).values_list("area_id", flat=True)
    within = sorted({code for code in served if code.startswith(region.code)})
    figure_areas = (region.code,) if region.code in within or not within else tuple(within)
    return Unit("municipality", region.code, region.name, figure_areas, (region.code,))


def region_unit(region: Region, served: Collection[str] | None = None) -> Unit:
    """Return the unit for any region code: a kommune as above, a bydel as itself, a fylke or the nation
    as every area in it that some office reports for (as the statistics pages count it)."""
    if served is None:
        served = set(ServiceArea.objects.values_list("area_id", flat=True))
    if region.level == Level.KOMMUNE.value:
        return municipality_unit(region, served)
    code = region.code
    if region.level in (Level.FYLKE.value, Level.NATION.value):
        return Unit("region", code, region.name, components(code, served), ())
    return Unit("area", code, region.name, (code,), (_kommune_of(code),))


def region_units(regions: Iterable[Region]) -> list[Unit]:
    """Return the units of many regions, reading the served areas once."""
    served = set(ServiceArea.objects.values_list("area_id", flat=True))
    return [region_unit(region, served) for region in regions]
