"""Named reads for following up the reporting: counts over time, missing areas, offices to remind.

Each function makes a fixed number of queries, whatever the number of areas,
offices or months. `county_codes=None` means the whole country. The pages read
the day each area first reported each month from the stored aggregates
(`statistics.store.Bundle.first_days`); the reminders compute it from the value
versions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from malekort.access.models import Assignment, Role
from malekort.areas.models import Region, ServiceArea
from malekort.domain import reporting
from malekort.domain.deadlines import FIRST_PERIOD, deadline_for, last_complete_period
from malekort.domain.periods import Period, periods_between
from malekort.domain.regions import Level
from malekort.domain.reporting import Category, Counts, MonthRow, ReminderStage
from malekort.figures.todays_borders import first_registrations_today
from malekort.followup.models import ReminderSent
from malekort.statistics.store import current_bundle

# {area code: day}: the day the area first had a number or a dot for the month; absent when it has none.
Days = dict[str, date]


def _within(county_codes: Collection[str]) -> Q:
    inside = Q(pk__in=[])
    for code in county_codes:
        inside |= Q(area__code__startswith=code)
    return inside


def _inside(area_codes: Iterable[str], county_codes: Collection[str] | None) -> list[str]:
    """Return the codes within the counties (all of them for None), sorted, each once."""
    codes = set(area_codes)
    if county_codes is not None:
        prefixes = tuple(county_codes)
        codes = {code for code in codes if code.startswith(prefixes)}
    return sorted(codes)


def served_area_codes(county_codes: Collection[str] | None = None) -> list[str]:
    """Return the areas offices serve (the areas expected to report), optionally within the counties."""
    rows = ServiceArea.objects.all()
    if county_codes is not None:
        rows = rows.filter(_within(county_codes))
    return sorted(set(rows.values_list("area_id", flat=True)))


def county_region(code: str) -> Region | None:
    """Return the county (fylke) with the code, or None if there is none."""
    return Region.objects.filter(code=code, level=Level.FYLKE.value).first()


def first_days(months: Sequence[Period], served: Collection[str]) -> dict[Period, Days]:
    """Return the day each served area first had figures for each month, on today's borders.

    Stored with the aggregates for every complete month from 2022-01
    (`Bundle.first_days`); a month they do not hold (one not yet over, when a
    caller asks for it) is computed from the value versions.
    """
    result = current_bundle().first_days_of(months)  # the bundle's own dicts: read, never changed
    for month in months:
        if month not in result:
            live = first_registrations_today(served, month, month)
            result[month] = {area: day for (area, _), day in live.items()}
    return result


def _months(today: date) -> list[Period]:
    """Return the months followed up: 2022-01 to the latest complete month (none before 2022-02)."""
    last = last_complete_period(today)
    return list(periods_between(FIRST_PERIOD, last)) if last >= FIRST_PERIOD else []


class _Tally:
    """Counts of months over sets of areas from the stored days, each distinct day of a month categorized once."""

    def __init__(self, days: dict[Period, Days], today: date) -> None:
        self.days = days
        self.today = today
        self._categories: dict[Period, dict[date | None, Category]] = {}

    def _categories_of(self, period: Period) -> dict[date | None, Category]:
        found = self._categories.get(period)
        if found is None:
            days = [None, *set(self.days[period].values())]
            found = self._categories[period] = dict(reporting.categorize_days(period, days, self.today))
        return found

    def counts(self, period: Period, codes: Iterable[str]) -> Counts:
        """Return the counts of the month over the codes (each counted once; `codes` holds no repeats)."""
        categories = self._categories_of(period)
        tally = dict.fromkeys(Category, 0)
        for day, number in Counter(map(self.days[period].get, codes)).items():
            tally[categories[day]] += number
        return Counts.of_tally(tally)

    def month_rows(self, months: Sequence[Period], codes: list[str]) -> list[MonthRow]:
        return [
            MonthRow(period=period, deadline=deadline_for(period), counts=self.counts(period, codes))
            for period in months
        ]


def reporting_months(today: date, county_codes: Collection[str] | None = None) -> list[MonthRow]:
    """Return the counts of every month from 2022-01 to the latest complete month, oldest first.

    Over the whole country, or over the areas within `county_codes`. This is
    the follow-up table; a chart over time can be built from the same rows.
    """
    served = served_area_codes()
    months = _months(today)
    return _Tally(first_days(months, served), today).month_rows(months, _inside(served, county_codes))


@dataclass(frozen=True)
class CountyRow:
    code: str
    name: str
    counts: Counts


def _county_names(codes: Iterable[str]) -> dict[str, str]:
    return dict(Region.objects.filter(code__in=list(codes)).values_list("code", "name"))


def _county_rows(period: Period, tally: _Tally, codes: list[str]) -> list[CountyRow]:
    counts = {county: tally.counts(period, areas) for county, areas in reporting.by_county(codes).items()}
    names = _county_names(counts)
    return [CountyRow(code=code, name=names.get(code, code), counts=c) for code, c in counts.items()]


def county_rows(period: Period, today: date, county_codes: Collection[str] | None = None) -> list[CountyRow]:
    """Return one month's counts per county, counties in code order."""
    served = served_area_codes()
    tally = _Tally(first_days([period], served), today)
    return _county_rows(period, tally, _inside(served, county_codes))


@dataclass(frozen=True)
class CountyMonthRow:
    """A row of the follow-up file: the nation or a county, and a month."""

    level: str  # "riket" or "fylke"
    code: str
    name: str
    row: MonthRow


def reporting_table(today: date, county_codes: Collection[str] | None = None) -> list[CountyMonthRow]:
    """Return the monthly counts nationally (only for the whole country) and per county, oldest first."""
    served = served_area_codes()
    months = _months(today)
    if not months:
        return []
    tally = _Tally(first_days(months, served), today)
    codes = _inside(served, county_codes)
    result: list[CountyMonthRow] = []
    if county_codes is None:
        result += [CountyMonthRow("riket", "0", "Hele landet", row) for row in tally.month_rows(months, codes)]
    by_county = {county: tally.month_rows(months, areas) for county, areas in reporting.by_county(codes).items()}
    names = _county_names(by_county)
    for code, rows in by_county.items():
        result += [CountyMonthRow("fylke", code, names.get(code, code), row) for row in rows]
    return result


@dataclass(frozen=True)
class Contact:
    name: str
    email: str


def office_leaders(office_codes: Iterable[str]) -> dict[str, list[Contact]]:
    """Return the active leaders of each office, by name."""
    leaders: dict[str, list[Contact]] = {}
    assignments = (
        Assignment.objects.filter(
            role=Role.OFFICE_LEADER, office_id__in=list(office_codes), user__is_active=True
        )
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "user__username")
    )
    for assignment in assignments:
        user = assignment.user
        contact = Contact(name=user.get_full_name() or user.get_username(), email=user.email)
        office_list = leaders.setdefault(str(assignment.office_id), [])
        if contact not in office_list:
            office_list.append(contact)
    return leaders


@dataclass(frozen=True)
class UnreportedArea:
    """An area without figures for a month, with the office that serves it and whom to contact."""

    area_code: str
    area_name: str
    category: Category
    office_code: str
    office_name: str
    office_email: str
    leaders: tuple[Contact, ...]


def unreported_areas(period: Period, today: date, county_codes: Collection[str] | None = None) -> list[UnreportedArea]:
    """Return the areas with nothing registered for the month, with office and contacts, by area code.

    An area served by two offices is listed once for each.
    """
    return _unreported(period, today, county_codes, served_area_codes())


def _unreported(
    period: Period, today: date, county_codes: Collection[str] | None, served: list[str], days: Days | None = None
) -> list[UnreportedArea]:
    served_links = ServiceArea.objects.select_related("office", "area").order_by("area_id", "office__name")
    if county_codes is not None:
        served_links = served_links.filter(_within(county_codes))
    links = list(served_links)
    if days is None:
        days = first_days([period], served)[period]
    firsts = {(code, period): day for code, day in days.items()}
    missing = reporting.unreported({link.area_id for link in links}, period, firsts, today)
    leaders = office_leaders({link.office_id for link in links if link.area_id in missing})
    return [
        UnreportedArea(
            area_code=link.area_id,
            area_name=link.area.name,
            category=missing[link.area_id],
            office_code=link.office_id,
            office_name=link.office.name,
            office_email=link.office.email,
            leaders=tuple(leaders.get(link.office_id, [])),
        )
        for link in links
        if link.area_id in missing
    ]


@dataclass(frozen=True)
class OfficeToRemind:
    """An office with areas that have no figures for a month, and the addresses to write to."""

    office_code: str
    office_name: str
    office_email: str
    areas: tuple[tuple[str, str], ...]  # (code, name) of the areas without figures
    leaders: tuple[Contact, ...] = field(default=())

    @property
    def recipients(self) -> list[str]:
        """The leaders' addresses and the office's, each once, in that order."""
        addresses = [c.email for c in self.leaders if c.email] + ([self.office_email] if self.office_email else [])
        seen: set[str] = set()
        unique: list[str] = []
        for address in addresses:
            if address.lower() not in seen:
                seen.add(address.lower())
                unique.append(address)
        return unique


def offices_to_remind(period: Period, stage: ReminderStage, today: date) -> list[OfficeToRemind]:
    """Return the offices with areas lacking figures for the month that have not had this stage yet, by name."""
    already = set(
        ReminderSent.objects.filter(period=period.first_day, stage=stage.value).values_list("office_id", flat=True)
    )
    links = [
        link
        for link in ServiceArea.objects.select_related("office", "area").order_by("office__name", "area_id")
        if link.office_id not in already
    ]
    firsts = first_registrations_today({link.area_id for link in links}, period, period)
    missing = reporting.unreported({link.area_id for link in links}, period, firsts, today)
    areas: dict[str, list[ServiceArea]] = {}
    for link in links:
        if link.area_id in missing:
            areas.setdefault(link.office_id, []).append(link)
    leaders = office_leaders(areas)
    return [
        OfficeToRemind(
            office_code=office_code,
            office_name=office_links[0].office.name,
            office_email=office_links[0].office.email,
            areas=tuple((link.area_id, link.area.name) for link in office_links),
            leaders=tuple(leaders.get(office_code, [])),
        )
        for office_code, office_links in areas.items()
    ]


@dataclass(frozen=True)
class Overview:
    """The follow-up overview: the months over time and the counties for one chosen month."""

    months: list[MonthRow]  # oldest first
    period: Period
    counties: list[CountyRow]
    total: Counts  # the chosen month over all the counties shown


def overview(today: date, period: Period, county_codes: Collection[str] | None = None) -> Overview:
    """Return the overview for the whole country, or for the counties given."""
    served = served_area_codes()
    months = _months(today)
    tally = _Tally(first_days(sorted({*months, period}), served), today)
    codes = _inside(served, county_codes)
    counties = _county_rows(period, tally, codes)
    return Overview(
        months=tally.month_rows(months, codes),
        period=period,
        counties=counties,
        total=reporting.total(row.counts for row in counties),
    )


@dataclass(frozen=True)
class CountyFollowUp:
    """One county's months over time and its areas without figures for one month."""

    county: Region
    months: list[MonthRow]  # oldest first
    period: Period
    unreported: list[UnreportedArea]


def county_follow_up(region: Region, today: date, period: Period) -> CountyFollowUp:
    """Return the follow-up page of one county."""
    served = served_area_codes()
    months = _months(today)
    days = first_days(sorted({*months, period}), served)
    return CountyFollowUp(
        county=region,
        months=_Tally(days, today).month_rows(months, _inside(served, [region.code])),
        period=period,
        unreported=_unreported(period, today, [region.code], served, days[period]),
    )
