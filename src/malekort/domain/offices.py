"""The demo's set of NAV offices, derived from the regions, and how offices are numbered.

An office that serves one area is numbered with that area's code (4 digits for
a kommune, 6 for a bydel). An office that serves several (vertskommunesamarbeid)
is numbered "H" followed by the lowest code it serves, "H3320" for Nav
Hallingdal: the letter keeps it clear of every SSB code. NAV's own office
numbers (NORG2) replace these when the office list comes from there.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from malekort.domain.files.offices import OfficeRow
from malekort.domain.regions import Level, norwegian_name

# Oslo, Bergen and Trondheim have one NAV office per bydel.
CITIES_WITH_DISTRICT_OFFICES = ("0301", "4601", "5001")
# Oslo's Sentrum and Marka are special districts with few residents and no office.
DISTRICTS_WITHOUT_OFFICE = ("030116", "030117")
HALLINGDAL_NAME = "Nav Hallingdal"
# Flå, Nesbyen, Gol, Hemsedal, Ål and Hol share Nav Hallingdal.
HALLINGDAL = ("3320", "3322", "3324", "3326", "3328", "3330")

@dataclass(frozen=True, slots=True)
class Area:
    code: str
    level: Level
    name: str


def office_code_for(area_codes: Collection[str]) -> str:
    """Return the code of an office serving `area_codes`."""
    if not area_codes:
        raise ValueError("Et kontor må betjene minst ett område")
    if len(area_codes) == 1:
        return next(iter(area_codes))
    return "H" + min(area_codes)


def office_name_for(area: Area) -> str:
    """Return the name of the office that serves only `area`: «Nav» and the area's Norwegian name."""
    return f"Nav {norwegian_name(area.name)}"


def default_offices(areas: Iterable[Area]) -> list[OfficeRow]:
    """Return the demo's offices, one row per area served.

    One office per kommune; one per bydel instead in Oslo, Bergen and Trondheim
    when their bydeler are known; Nav Hallingdal for the six Hallingdal kommuner.
    """
    by_level: dict[Level, list[Area]] = {level: [] for level in Level}
    for area in areas:
        by_level[area.level].append(area)
    districts: dict[str, list[Area]] = {}
    for bydel in by_level[Level.BYDEL]:
        city = bydel.code[:4]
        if city in CITIES_WITH_DISTRICT_OFFICES and bydel.code not in DISTRICTS_WITHOUT_OFFICE:
            districts.setdefault(city, []).append(bydel)

    rows: list[OfficeRow] = []
    hallingdal = sorted(a.code for a in by_level[Level.KOMMUNE] if a.code in HALLINGDAL)
    if hallingdal:
        code = office_code_for(hallingdal)
        rows += [OfficeRow(code, HALLINGDAL_NAME, area) for area in hallingdal]
    for kommune in sorted(by_level[Level.KOMMUNE], key=lambda a: a.code):
        if kommune.code in HALLINGDAL:
            continue
        for area in sorted(districts.get(kommune.code, [kommune]), key=lambda a: a.code):
            rows.append(OfficeRow(office_code_for([area.code]), office_name_for(area), area.code))
    return rows
