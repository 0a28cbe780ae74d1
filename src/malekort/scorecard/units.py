"""What a scorecard is for: an office (the sum of its areas) or a municipality (its own figure)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from malekort.access.scope import OfficeAccess
from malekort.areas.models import Region, ServiceArea
from malekort.domain.regions import Level, level_of


@dataclass(frozen=True)
class Unit:
    kind: str  # "office" or "municipality"
    code: str
    name: str
    # The registered areas whose figures add up to the unit's figure.
    figure_areas: tuple[str, ...]
    # The areas whose population is the denominator: a kommune with bydeler uses its own figure.
    population_areas: tuple[str, ...]
    # The municipalities whose choices and limits apply.
    municipality_codes: tuple[str, ...]

    @property
    def single_municipality(self) -> str | None:
        return self.municipality_codes[0] if len(self.municipality_codes) == 1 else None


def _kommune_of(code: str) -> str:
    return code[:4] if level_of(code) is Level.BYDEL else code


def office_unit(access: OfficeAccess) -> Unit:
    """Return the unit of an office as the user sees it: the areas of it they may see."""
    codes = tuple(access.area_codes)
    municipalities = tuple(sorted({_kommune_of(c) for c in codes}))
    return Unit("office", access.office.code, access.office.name, codes, codes, municipalities)


def municipality_unit(region: Region, served: Collection[str] | None = None) -> Unit:
    """Return a kommune's unit: its own code if an office reports for it, else its reporting bydeler.

    `served` is every area some office reports for; it is read here when not given.
    """
    if served is None:
        served = ServiceArea.objects.filter(area__code__startswith=region.code).values_list("area_id", flat=True)
    within = sorted({code for code in served if code.startswith(region.code)})
    figure_areas = (region.code,) if region.code in within or not within else tuple(within)
    return Unit("municipality", region.code, region.name, figure_areas, (region.code,), (region.code,))


def region_unit(region: Region, served: Collection[str] | None = None) -> Unit:
    """Return the unit for any region code given to a command: a kommune as above, a bydel as itself."""
    if region.level == Level.KOMMUNE.value:
        return municipality_unit(region, served)
    code = region.code
    return Unit("area", code, region.name, (code,), (code,), (_kommune_of(code),))


def region_units(regions: Iterable[Region]) -> list[Unit]:
    """Return the units of many regions, reading the served areas once."""
    served = set(ServiceArea.objects.values_list("area_id", flat=True))
    return [region_unit(region, served) for region in regions]
