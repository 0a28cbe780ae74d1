"""Registered figures and population for the report tests, on the shared personas' map (tests/conftest.py).

`build_reported(world)` adds two Agder municipalities and Møre og Romsdal,
and registers these hand-worked months:

March 2025, SH_MOTTAKERE (population 18–66 in brackets):
- Buskerud (33): 3320 = 10 (600), 3322 = 20 (1 900), 3324 = 40 (2 800), 3326 = dot (1 500),
  3328 = 30 (2 900), 3330 not reported (2 600). Known sum 100, 1 dotted, 1 missing,
  bounds 100–103, coverage 8 200 / 12 300 = 0.6667.
- Agder (42): 4201 = 0 (4 500), 4202 = dot (11 500), 4204 = dot (70 000): known sum 0, bounds 0–6.
- Oslo (03): 030101 = 500 (16 000), 030102 = 412 (12 345).
- Møre og Romsdal (15): nothing reported.
March 2024 for Buskerud: 3320 = 8, 3322 = 20, 3324 = 36, 3326 = 10, 3328 missing, 3330 = 12.

November 2023 (and 2022), Møre og Romsdal: 1507 Ålesund was split on 1 January 2024 into
1508 Ålesund (6 000 aged 18–66) and 1580 Haram (4 000); only 1508 and 1505 Kristiansund
are expected to report today. 1507 registered 5 recipients (8 in 2022), so 1508 gets
5 × 0.6 = 3.0: a raw county sum of 3 that must never be published. 1505 is dotted.
In October 2023 1505 reported 20 recipients and no kroner, so the county's kroner were paid to
1508's 3.0 recipients alone.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from malekort.areas.models import Office, Population, Region, RegionChange, ServiceArea
from malekort.domain.cells import DOTTED, EMPTY, Cell
from malekort.domain.periods import Period, periods_between
from malekort.figures.actions import Entry, register_values
from malekort.figures.models import Source

REGISTERED_AT = datetime(2026, 1, 5, 12, tzinfo=UTC)
MARCH = Period(2025, 3)
NOVEMBER = Period(2023, 11)

# 18–66 population as (ages 18–24, ages 25–66).
PEOPLE = {
    "030101": (4000, 12000), "030102": (3000, 9345),
    "3320": (100, 500), "3322": (300, 1600), "3324": (400, 2400),
    "3326": (200, 1300), "3328": (400, 2500), "3330": (300, 2300),
    "4201": (500, 4000), "4202": (1500, 10000), "4204": (10000, 60000),
    "1508": (1000, 5000), "1580": (500, 3500), "1505": (1000, 11000),
}


def register(area: str, period: str, **figures: int | str | None) -> None:
    """Register figures for one area-month; a value "." is a dot, None is empty."""
    entries = []
    for code, value in figures.items():
        cell = DOTTED if value == "." else EMPTY if value is None else Cell.of(int(value))
        entries.append(Entry(area, Period.parse(period), code, cell))
    register_values(entries=entries, user=None, source=Source.TYPED, now=REGISTERED_AT)


def people(region: str, year: int, youth: int, older: int) -> None:
    """Store a population: `youth` aged 20 (in 18–24) and `older` aged 40."""
    for age, count in ((20, youth), (40, older)):
        Population.objects.create(region_id=region, year=year, age=age, population=count)


def _office(code: str, name: str, *areas: str) -> None:
    office = Office.objects.create(code=code, name=name, email=f"{code}@nav.invalid")
    for area in areas:
        ServiceArea.objects.create(office=office, area_id=area)


def build_reported(world: object) -> object:
    """Add the regions, offices, population and figures described above to the world; return it."""
    agder = Region.objects.get(code="42")
    Region.objects.create(code="4201", level="kommune", name="Risør", parent=agder)
    Region.objects.create(code="4202", level="kommune", name="Grimstad", parent=agder)
    _office("4201", "Nav Risør", "4201")
    _office("4202", "Nav Grimstad", "4202")
    møre = Region.objects.create(code="15", level="fylke", name="Møre og Romsdal", parent=Region.objects.get(code="0"))
    Region.objects.create(code="1505", level="kommune", name="Kristiansund", parent=møre)
    Region.objects.create(code="1507", level="kommune", name="Ålesund", parent=møre, valid_to=date(2023, 12, 31))
    Region.objects.create(code="1508", level="kommune", name="Ålesund", parent=møre)
    Region.objects.create(code="1580", level="kommune", name="Haram", parent=møre)
    for year in (2022, 2023):
        for current in ("1508", "1580"):
            RegionChange.objects.create(year=year, original_code="1507", current_code=current, weight=0.5)
    _office("1508", "Nav Ålesund", "1508")
    _office("1505", "Nav Kristiansund", "1505")
    for year in (2022, 2023, 2024, 2025):
        for code, (youth, older) in PEOPLE.items():
            people(code, year, youth, older)

    march = "2025-03"
    for area, recipients, kroner, children in (
        ("3320", 10, 50_000, 0), ("3322", 20, 90_000, 5), ("3324", 40, 200_000, 10),
        ("3326", ".", ".", "."), ("3328", 30, 150_000, 5),
    ):
        register(area, march, SH_MOTTAKERE=recipients, SH_KRONER=kroner, SH_BARN=children)
    register("4201", march, SH_MOTTAKERE=0, SH_KRONER=0)
    register("4202", march, SH_MOTTAKERE=".", SH_KRONER=".")
    register("4204", march, SH_MOTTAKERE=".", SH_KRONER=".")
    register("030101", march, SH_MOTTAKERE=500)
    register("030102", march, SH_MOTTAKERE=412)
    for area, recipients in (("3320", 8), ("3322", 20), ("3324", 36), ("3326", 10), ("3330", 12)):
        register(area, "2024-03", SH_MOTTAKERE=recipients)

    register("1507", "2023-11", SH_MOTTAKERE=5, SH_KRONER=40_000, KVP_DELTAKERE=5, SH_BARN=0)
    register("1505", "2023-11", SH_MOTTAKERE=".", SH_KRONER=".", KVP_DELTAKERE=".")
    # October 2023: 1505's 20 recipients make the county's 23 publishable, but the kroner are 1508's alone.
    register("1507", "2023-10", SH_MOTTAKERE=5, SH_KRONER=40_000)
    register("1505", "2023-10", SH_MOTTAKERE=20)
    register("1507", "2022-11", SH_MOTTAKERE=8)
    register("1505", "2022-11", SH_MOTTAKERE=20)
    return world


def register_history() -> None:
    """Register 3324 Gol's recipients for April 2023 – February 2025, so that the 24-month charts draw lines."""
    for index, month in enumerate(periods_between(Period(2023, 4), Period(2025, 2))):
        if month != Period(2024, 3):  # already registered
            register("3324", str(month), SH_MOTTAKERE=30 + index)


# Which published measures are counts of persons, worked out here rather than read from the report's own flags.
COUNT_KEYS = ("known_sum", "lower", "earlier_sum", "later_sum")
KRONER_FIGURES = {"SH_KRONER"}
# Measures that may hold a number between 0 and 4 without revealing a person count: numbers of areas,
# shares, changes between two published sums and the upper bound (known sum + 3 per dot).
NOT_COUNTS = {"dotted", "missing", "compared", "used", "coverage", "upper", "difference", "relative"}


def person_count_codes(figure_codes, indicator_codes) -> set[str]:
    """Return the measure codes that count persons: figures' sums, numerators, B.104's denominator, B.151."""
    codes = {f"{f}.{k}" for f in figure_codes if f not in KRONER_FIGURES for k in COUNT_KEYS}
    codes |= {f"{i}.numerator" for i in indicator_codes}
    codes |= {"B.104.denominator", "B.151.value"}
    return codes


def small_counts(cells, figure_codes, indicator_codes) -> list[tuple[str, str, float]]:
    """Return the (region, measure, value) cells that would publish a person count between 0 and 4.

    `cells` are (region, measure code, value or None). A share indicator's value
    may lie between 0 and 4 (it is a percentage), as may the measures in NOT_COUNTS.
    """
    counts = person_count_codes(figure_codes, indicator_codes)
    shares = {f"{i}.value" for i in indicator_codes if i != "B.151"}
    found = []
    for region, code, value in cells:
        if value is None or not 0 < value < 4:
            continue
        key = code.rsplit(".", 1)[1]
        if code in counts or (key not in NOT_COUNTS and code not in shares):
            found.append((region, code, value))
    return found
