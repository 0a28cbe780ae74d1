"""Every write of regions, region changes, offices and population: typed, atomic, in bulk.

The rows come from the readers in `malekort.domain.files` (or from KLASS).
What those cannot check alone, because it needs the database, is checked here
before anything is written; a problem raises FileRejected and writes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from malekort.areas.models import Office, Population, Region, RegionChange, ServiceArea
from malekort.domain.files import FileRejected, LineError
from malekort.domain.files.offices import OfficeRow, unknown_area
from malekort.domain.files.population import PopulationTable
from malekort.domain.files.region_changes import RegionChangeRow
from malekort.domain.files.regions import RegionRow, missing_parent
from malekort.domain.offices import Area, default_offices
from malekort.domain.regions import Level, norwegian_name
from malekort.statistics.changes import mark_reference_changed

BATCH_SIZE = 5000
_REGION_FIELDS = ("level", "name", "ssb_name", "parent_id", "valid_from", "valid_to")


@dataclass(frozen=True, slots=True)
class RegionLoad:
    created: int
    updated: int
    unchanged: int


@dataclass(frozen=True, slots=True)
class RegionChangeLoad:
    rows: int
    added_remainders: int
    years: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class OfficeLoad:
    created: int
    updated: int
    areas_served: int


@dataclass(frozen=True, slots=True)
class PopulationLoad:
    rows: int
    years: tuple[int, ...]
    regions: int
    skipped_rows: int
    skipped_regions: tuple[str, ...]


def current_region_codes() -> set[str]:
    """Return the codes in the Region table."""
    return set(Region.objects.values_list("code", flat=True))


def load_regions(*, rows: Sequence[RegionRow]) -> RegionLoad:
    """Create or update the regions in `rows`; regions not in `rows` are left as they are.

    A region's name is stored as its Norwegian name, so that every page,
    chart, report and export shows «Oslo» where SSB writes «Oslo-Oslove».
    """
    with transaction.atomic():
        existing = Region.objects.in_bulk()
        known = set(existing) | {row.code for row in rows}
        errors = [
            LineError(row.line, missing_parent(row.parent_code))
            for row in rows
            if row.parent_code is not None and row.parent_code not in known
        ]
        if errors:
            raise FileRejected(errors)

        new: list[Region] = []
        changed: list[Region] = []
        for row in sorted(rows, key=lambda r: len(r.code)):  # parents first
            values = {
                "level": row.level.value, "name": norwegian_name(row.name), "ssb_name": row.name,
                "parent_id": row.parent_code,
                "valid_from": row.valid_from, "valid_to": row.valid_to,
            }
            region = existing.get(row.code)
            if region is None:
                new.append(Region(code=row.code, **values))
            elif any(getattr(region, field) != value for field, value in values.items()):
                for field, value in values.items():
                    setattr(region, field, value)
                changed.append(region)
        Region.objects.bulk_create(new, batch_size=BATCH_SIZE)
        Region.objects.bulk_update(changed, fields=_REGION_FIELDS, batch_size=BATCH_SIZE)
        mark_reference_changed()
    return RegionLoad(created=len(new), updated=len(changed),
                      unchanged=len(rows) - len(new) - len(changed))


def load_region_changes(*, rows: Sequence[RegionChangeRow]) -> RegionChangeLoad:
    """Replace the region changes of every year in `rows` with `rows`."""
    with transaction.atomic():
        known = current_region_codes()
        errors = [
            LineError(row.line, f"den gjeldende koden {row.current_code} finnes ikke i "
                                "regiontabellen")
            for row in rows
            if row.current_code not in known
        ]
        if errors:
            raise FileRejected(errors)
        years = sorted({row.year for row in rows})
        RegionChange.objects.filter(year__in=years).delete()
        RegionChange.objects.bulk_create(
            (
                RegionChange(year=row.year, original_code=row.original_code,
                             current_code=row.current_code, weight=row.weight)
                for row in rows
            ),
            batch_size=BATCH_SIZE,
        )
        mark_reference_changed()
    return RegionChangeLoad(rows=len(rows), added_remainders=sum(r.line is None for r in rows),
                            years=tuple(years))


def load_offices(*, rows: Sequence[OfficeRow]) -> OfficeLoad:
    """Create or rename the offices in `rows` and make each serve exactly its areas there.

    Offices not in `rows` are left as they are; an area one of them serves is
    refused, so that no area gets two offices.
    """
    office_codes = {row.office_code for row in rows}
    area_codes = {row.area_code for row in rows}
    with transaction.atomic():
        known = set(Region.objects.filter(code__in=area_codes).values_list("code", flat=True))
        served_elsewhere = {
            sa.area_id: sa.office
            for sa in ServiceArea.objects.filter(area_id__in=area_codes)
            .exclude(office_id__in=office_codes)
            .select_related("office")
        }
        errors: list[LineError] = []
        for row in rows:
            if row.area_code not in known:
                errors.append(LineError(row.line, unknown_area(row.area_code)))
            elif (other := served_elsewhere.get(row.area_code)) is not None:
                errors.append(LineError(
                    row.line,
                    f"området {row.area_code} betjenes allerede av {other.name} ({other.code}), "
                    "som ikke står i filen",
                ))
        if errors:
            raise FileRejected(errors)

        names = {row.office_code: row.office_name for row in rows}
        existing = Office.objects.in_bulk(list(office_codes))
        new = [Office(code=code, name=name) for code, name in names.items() if code not in existing]
        renamed = [o for o in existing.values() if o.name != names[o.code]]
        for office in renamed:
            office.name = names[office.code]
        Office.objects.bulk_create(new, batch_size=BATCH_SIZE)
        Office.objects.bulk_update(renamed, fields=["name"], batch_size=BATCH_SIZE)

        wanted = {(row.office_code, row.area_code) for row in rows}
        current = {
            (office, area): id_
            for id_, office, area in ServiceArea.objects.filter(
                office_id__in=office_codes
            ).values_list("id", "office_id", "area_id")
        }
        ServiceArea.objects.filter(
            id__in=[id_ for pair, id_ in current.items() if pair not in wanted]
        ).delete()
        ServiceArea.objects.bulk_create(
            (ServiceArea(office_id=office, area_id=area) for office, area in wanted - set(current)),
            batch_size=BATCH_SIZE,
        )
        mark_reference_changed()
    return OfficeLoad(created=len(new), updated=len(renamed), areas_served=len(wanted))


def load_default_offices() -> OfficeLoad:
    """Create the demo's offices from the kommuner and bydeler in force today."""
    today = timezone.localdate()
    areas = [
        Area(code, Level(level), name)
        for code, level, name in Region.objects.filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=today),
            level__in=[Level.KOMMUNE.value, Level.BYDEL.value],
        ).values_list("code", "level", "name")
    ]
    return load_offices(rows=default_offices(areas))


def load_population(*, table: PopulationTable) -> PopulationLoad:
    """Replace the population of the years and regions in `table`.

    Regions missing from the Region table are skipped and counted, not refused:
    SSB's tables hold areas (Svalbard, unknown districts) that we do not keep.
    """
    with transaction.atomic():
        known = current_region_codes()
        frame = table.frame
        inside = frame.filter(pl.col("region_code").is_in(list(known)))
        years = tuple(sorted(inside["year"].unique().to_list()))
        regions = inside["region_code"].unique().to_list()
        Population.objects.filter(year__in=years, region_id__in=regions).delete()
        _insert_population(inside.select("region_code", "year", "age", "population").rows())
        mark_reference_changed()
    return PopulationLoad(
        rows=inside.height, years=years, regions=len(regions),
        skipped_rows=frame.height - inside.height,
        skipped_regions=tuple(sorted(set(table.region_codes) - known)),
    )


def _insert_population(rows: list[tuple[str, int, int, int]]) -> None:
    # bulk_create spends ~8 of 9 seconds building model instances and SQL for the
    # 218,000 rows of five years; one prepared INSERT run by executemany takes ~1.
    meta = Population._meta
    quote = connection.ops.quote_name
    column = {field.name: str(field.column) for field in meta.concrete_fields}
    names = ", ".join(quote(column[name]) for name in ("region", "year", "age", "population"))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(meta.db_table)} ({names}) VALUES (%s, %s, %s, %s)", rows
        )
