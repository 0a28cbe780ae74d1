"""Named reads of registered values, each one query with its joins made."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

import polars as pl
from django.db import connection
from django.db.models import Min, Q
from django.utils import timezone

from malekort.domain.first_registrations import FIRST_DAYS_SCHEMA
from malekort.domain.periods import Period
from malekort.figures.models import ValueVersion
from malekort.figures.value_frames import first_days_on_postgresql


def month_values(
    area_codes: Iterable[str], period: Period, *, as_of: datetime | None = None
) -> dict[tuple[str, str], ValueVersion]:
    """Return the values of the areas' month by (area, figure), now or as they stood at `as_of`."""
    rows = ValueVersion.objects.filter(area_id__in=list(area_codes), period=period.first_day)
    if as_of is None:
        rows = rows.filter(superseded_at__isnull=True)
    else:
        rows = rows.filter(recorded_at__lte=as_of).filter(
            Q(superseded_at__isnull=True) | Q(superseded_at__gt=as_of)
        )
    return {(v.area_id, v.figure_id): v for v in rows.select_related("recorded_by", "figure")}


def months_values(
    area_codes: Iterable[str], periods: Iterable[Period]
) -> dict[Period, dict[tuple[str, str], ValueVersion]]:
    """Return the current values of the areas in each of the months, by month and (area, figure), in one query."""
    by_day = {period.first_day: period for period in periods}
    found: dict[Period, dict[tuple[str, str], ValueVersion]] = {period: {} for period in by_day.values()}
    rows = ValueVersion.objects.filter(
        area_id__in=list(area_codes), period__in=list(by_day), superseded_at__isnull=True
    ).select_related("recorded_by", "figure")
    for version in rows:
        found[by_day[version.period]][(version.area_id, version.figure_id)] = version
    return found


def value_history(area_code: str, period: Period, figure_code: str) -> list[ValueVersion]:
    """Return every version of one value, oldest first."""
    return list(
        ValueVersion.objects.filter(
            area_id=area_code, period=period.first_day, figure_id=figure_code
        )
        .select_related("recorded_by", "batch", "figure")
        .order_by("recorded_at", "pk")
    )


def month_history(area_codes: Iterable[str], period: Period) -> list[ValueVersion]:
    """Return every version of the areas' month, newest first."""
    return list(
        ValueVersion.objects.filter(area_id__in=list(area_codes), period=period.first_day)
        .select_related("recorded_by", "figure", "area")
        .order_by("-recorded_at", "-pk")
    )


def first_registrations(
    area_codes: Iterable[str], first: Period, last: Period
) -> dict[tuple[str, Period], date]:
    """Return the day (Norwegian time) each area-month first got a number or a dot."""
    rows = (
        ValueVersion.objects.filter(
            area_id__in=list(area_codes),
            period__gte=first.first_day,
            period__lte=last.first_day,
        )
        .exclude(kind="empty")
        .values("area_id", "period")
        .annotate(first=Min("recorded_at"))
        .values_list("area_id", "period", "first")
    )
    # `timezone.localdate` per row, with the zone looked up once: tens of thousands of rows for the whole country.
    zone = timezone.get_current_timezone()
    months: dict[date, Period] = {}
    result: dict[tuple[str, Period], date] = {}
    for area, day, first_at in rows:
        if timezone.is_naive(first_at):
            raise ValueError("localtime() cannot be applied to a naive datetime")
        month = months.get(day)
        if month is None:
            month = months[day] = Period.of(day)
        result[(area, month)] = first_at.astimezone(zone).date()
    return result


def first_registration_frame(periods: Sequence[Period]) -> pl.DataFrame:
    """Return the day (Norwegian time) every area first got a number or a dot in each of the months, as a frame.

    `first_registrations` for all areas at once, in the form the stored
    aggregates keep (`first_registrations.FIRST_DAYS_SCHEMA`): over every
    version of a value, not only the current ones, so a correction does not
    move the day.
    """
    if not periods:
        return pl.DataFrame(schema=FIRST_DAYS_SCHEMA)
    zone = timezone.get_current_timezone_name()
    if connection.vendor == "postgresql":
        return first_days_on_postgresql(periods, zone)
    rows = (
        ValueVersion.objects.filter(period__in=sorted({p.first_day for p in periods}))
        .exclude(kind="empty")
        .values("area_id", "period")
        .annotate(first=Min("recorded_at"))
        .values_list("area_id", "period", "first")
    )
    raw = pl.DataFrame(
        list(rows), orient="row",
        schema={"area": pl.String, "period": pl.Date, "first": pl.Datetime("us", "UTC")},
    )
    return raw.select(
        "area",
        (pl.col("period").dt.year() * 12 + pl.col("period").dt.month() - 1).cast(pl.Int32).alias("month"),
        pl.col("first").dt.convert_time_zone(zone).dt.date().alias("day"),
    )
