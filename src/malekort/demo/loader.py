"""Load the demo: reference data, offices, one user per role and synthetic figures."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from io import TextIOBase

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max, Q, Sum
from django.utils import timezone

from malekort.access.models import Assignment, Role
from malekort.areas.models import Office, Population, Region, ServiceArea
from malekort.demo.models import DemoInfo
from malekort.demo.synthetic import OSLO, AreaMonth, AreaProfile, generate
from malekort.domain.cells import Cell
from malekort.domain.deadlines import last_complete_period
from malekort.figures.actions import Entry, register_values
from malekort.figures.models import Source, ValueVersion

DEMO_PASSWORD = "demo"
# Used where an area's population is unknown (the fictional sample may lack some).
FALLBACK_ADULTS = 6000


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: Role
    description: str
    office: str | None = None
    region: str | None = None


def demo_users() -> list[DemoUser]:
    """Return one demo user per role, attached to offices that exist in this database."""
    users = []
    grunerlokka = ServiceArea.objects.filter(area_id="030102").values_list("office_id", flat=True).first()
    first_office = Office.objects.order_by("code").values_list("code", flat=True).first()
    leader_office = grunerlokka or first_office
    if leader_office:
        users.append(DemoUser("leder", Role.OFFICE_LEADER, "NAV-leder", office=leader_office))
    hallingdal = ServiceArea.objects.filter(area_id="3324").values_list("office_id", flat=True).first()
    if hallingdal and hallingdal != leader_office:
        users.append(DemoUser("leder-hallingdal", Role.OFFICE_LEADER, "NAV-leder", office=hallingdal))
    if Region.objects.filter(code="0301").exists():
        users.append(DemoUser("kommune", Role.MUNICIPALITY, "Oslo kommune", region="0301"))
    if Region.objects.filter(code="33").exists():
        users.append(DemoUser("statsforvalter", Role.COUNTY_GOVERNOR, "Statsforvalteren (Buskerud)", region="33"))
    users.append(DemoUser("direktorat", Role.DIRECTORATE, "Arbeids- og velferdsdirektoratet"))
    return users


@transaction.atomic
def create_demo_users() -> list[tuple[DemoUser, str]]:
    """Create (or reset) the demo users and return each with what it may reach."""
    created = []
    for spec in demo_users():
        user, _ = User.objects.get_or_create(username=spec.username)
        user.set_password(DEMO_PASSWORD)
        user.first_name = spec.description
        user.is_staff = spec.role is Role.DIRECTORATE
        user.is_superuser = spec.role is Role.DIRECTORATE
        user.save()
        Assignment.objects.filter(user=user).delete()
        Assignment.objects.create(user=user, role=spec.role, office_id=spec.office, region_id=spec.region)
        target = (
            Office.objects.get(code=spec.office).name if spec.office
            else spec.description if spec.region
            else "hele landet"
        )
        created.append((spec, target))
    return created


def area_profiles(area_codes: Iterable[str], year: int) -> list[AreaProfile]:
    """Return each area's population 18–66 and 18–24 in the latest year up to `year`."""
    codes = list(area_codes)
    latest = Population.objects.filter(year__lte=year).aggregate(y=Max("year"))["y"]
    adults: dict[str, int] = {}
    young: dict[str, int] = {}
    if latest is not None:
        rows = (
            Population.objects.filter(year=latest, region_id__in=codes, age__gte=18, age__lte=66)
            .values("region_id")
            .annotate(adults=Sum("population"), young=Sum("population", filter=Q(age__lte=24)))
        )
        for row in rows:
            adults[row["region_id"]] = row["adults"] or 0
            young[row["region_id"]] = row["young"] or 0
    return [
        AreaProfile(
            code,
            adults.get(code, FALLBACK_ADULTS),
            young.get(code, FALLBACK_ADULTS // 6),
        )
        for code in codes
    ]


def load_demo_values(*, now: datetime, stdout: TextIOBase | None = None) -> int:
    """Register synthetic figures for every served area from 2022-01 to the last complete month."""
    areas = sorted(set(ServiceArea.objects.values_list("area_id", flat=True)))
    today = timezone.localdate(now)
    profiles = area_profiles(areas, today.year)
    # Registrations made on the same day are saved together, as one batch each.
    by_day: dict[date, list[AreaMonth]] = defaultdict(list)
    for month in generate(profiles, last_complete_period(today), now):
        by_day[month.recorded_at.date()].append(month)
    total = 0
    for day in sorted(by_day):
        months = by_day[day]
        moment = datetime.combine(day, time(12, 0), tzinfo=OSLO)
        entries = [
            Entry(area=m.area, period=m.period, figure=code, cell=cell, comment="")
            for m in months
            for code, cell in m.cells.items()
        ]
        register_values(entries=entries, user=None, source=Source.DEMO, now=min(moment, now))
        total += len(entries)
    total += _add_corrections(by_day, now)
    if stdout:
        stdout.write(f"Registrerte {total} eksempelverdier for {len(areas)} områder.\n")
    return total


def _add_corrections(by_day: dict[date, list[AreaMonth]], now: datetime) -> int:
    """Correct a few recipient counts upward some days later, so histories have more than one version."""
    rng = random.Random(17)
    corrections: dict[date, list[Entry]] = defaultdict(list)
    for day, months in by_day.items():
        for month in months:
            recipients = month.cells["SH_MOTTAKERE"]
            if recipients.is_number and (recipients.number or 0) >= 20 and rng.random() < 0.01:
                later = day + timedelta(days=rng.randint(3, 30))
                corrected = Cell.of((recipients.number or 0) + rng.randint(1, 5))
                corrections[later].append(
                    Entry(area=month.area, period=month.period, figure="SH_MOTTAKERE", cell=corrected,
                          comment="Rettet etter kontroll i fagsystemet")
                )
    count = 0
    for day in sorted(corrections):
        moment = datetime.combine(day, time(9, 30), tzinfo=OSLO)
        if moment > now:
            continue
        register_values(entries=corrections[day], user=None, source=Source.DEMO, now=moment)
        count += len(corrections[day])
    return count


def mark_demo(source: str, now: datetime) -> None:
    DemoInfo.objects.all().delete()
    DemoInfo.objects.create(loaded_at=now, regions_source=source)


def has_values() -> bool:
    return ValueVersion.objects.exists()


# Illustrative limits, so that the demo's scorecards have colours: the Directorate's recommendation for
# B.101–B.103, and Oslo's own, stricter limit for B.101.
DEMO_RECOMMENDED_LIMITS = {"B.101": (3.0, 5.0), "B.102": (1.0, 2.0), "B.103": (3.0, 6.0)}
DEMO_OSLO_LIMITS = {"B.101": (2.5, 4.0)}


def set_demo_limits(*, now: datetime) -> None:
    """Record demo limits through the same action the limit pages use (a no-op when they are already set)."""
    from malekort.areas.models import Region
    from malekort.domain.indicators.definitions import version_in_force
    from malekort.domain.indicators.limits import Limits
    from malekort.domain.periods import Period
    from malekort.indicators.actions import set_limits
    from malekort.indicators.models import Indicator
    from malekort.indicators.selectors import versions_by_code

    indicators = {i.code: i for i in Indicator.objects.filter(code__in=DEMO_RECOMMENDED_LIMITS)}
    versions = versions_by_code(indicators.values())
    oslo = Region.objects.filter(code="0301").first()
    for code, (green, red) in DEMO_RECOMMENDED_LIMITS.items():
        version = version_in_force(versions.get(code, []), Period.of(now.date()))
        if code not in indicators or version is None:
            continue
        set_limits(indicator=indicators[code], municipality=None, limits=Limits(green, red),
                   direction=version.direction, user=None, now=now)
        if oslo is not None and code in DEMO_OSLO_LIMITS:
            g, r = DEMO_OSLO_LIMITS[code]
            set_limits(indicator=indicators[code], municipality=oslo, limits=Limits(g, r),
                       direction=version.direction, user=None, now=now)
