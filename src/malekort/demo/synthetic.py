"""Plausible synthetic monthly figures for the demo ("Eksempeldata").

Plain Python, deterministic for a given seed. Levels follow the population
aged 18–66 (about 2 % receive social assistance in a month, more in winter,
rising since prices went up in 2022). Counts below 4 become dots, as the
2023 letter asks, and kroner follow a dotted recipient count.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from malekort.domain.cells import DOTTED, Cell
from malekort.domain.deadlines import FIRST_PERIOD, deadline_for
from malekort.domain.periods import Period, periods_between
from malekort.domain.suppression import ask_for_dot

OSLO = ZoneInfo("Europe/Oslo")


@dataclass(frozen=True)
class AreaProfile:
    code: str
    adults: int  # persons 18–66
    young: int  # persons 18–24


@dataclass(frozen=True)
class AreaMonth:
    area: str
    period: Period
    recorded_at: datetime
    cells: dict[str, Cell]


def _cell(count: float) -> Cell:
    number = max(0, round(count))
    return DOTTED if ask_for_dot(number) else Cell.of(number)


def month_figures(profile: AreaProfile, period: Period, rng: random.Random, level: float) -> dict[str, Cell]:
    """Return one month's eight key figures for an area, consistent with each other."""
    months_since_start = (period.year - 2022) * 12 + period.month - 1
    season = 1 + 0.06 * math.cos((period.month - 1) / 12 * 2 * math.pi)
    trend = 1 + 0.004 * months_since_start
    recipients = profile.adults * 0.02 * level * season * trend * rng.uniform(0.96, 1.04)
    total = max(0, round(recipients))
    under30 = total * rng.uniform(0.28, 0.36)
    young_share = min(1.0, profile.young / max(profile.adults, 1) * 3.2)
    under25 = min(under30, under30 * young_share * rng.uniform(0.45, 0.6))
    cells = {
        "SH_MOTTAKERE": _cell(total),
        "SH_BARN": _cell(total * rng.uniform(0.25, 0.35)),
        "SH_HOVEDKILDE": _cell(total * rng.uniform(0.38, 0.5)),
        "SH_UNDER30": _cell(under30),
        "SH_UNDER25": _cell(under25),
        "SH_LANGTID": _cell(total * rng.uniform(0.18, 0.28)),
        "KVP_DELTAKERE": _cell(profile.adults * 0.0016 * level * rng.uniform(0.85, 1.15)),
    }
    recipients_cell = cells["SH_MOTTAKERE"]
    if recipients_cell.is_dot:
        cells["SH_KRONER"] = DOTTED
    else:
        cells["SH_KRONER"] = Cell.of(round(total * rng.uniform(8500, 11500) * trend))
    if recipients_cell.is_dot:
        # A sub-count cannot exceed a total below 4: keep it a dot or zero.
        for code in ("SH_BARN", "SH_HOVEDKILDE", "SH_UNDER30", "SH_UNDER25", "SH_LANGTID"):
            if cells[code].is_number and (cells[code].number or 0) >= 4:
                cells[code] = DOTTED
    return cells


def registration_time(period: Period, rng: random.Random, *, late: bool) -> datetime:
    """Return when the area registered the month: before the deadline, or a little after it."""
    deadline = deadline_for(period)
    if deadline is None:
        # 2022 was backfilled in the weeks after the letter of 15 May 2023.
        day = date(2023, 5, 16) + timedelta(days=rng.randint(0, 40))
    elif late:
        day = deadline + timedelta(days=rng.randint(1, 20))
    else:
        earliest = period.last_day + timedelta(days=1)
        day = earliest + timedelta(days=rng.randint(0, max(0, (deadline - earliest).days)))
    return datetime.combine(day, time(rng.randint(8, 15), rng.randint(0, 59)), tzinfo=OSLO)


def generate(
    profiles: list[AreaProfile], last: Period, now: datetime, *, seed: int = 2023
) -> Iterator[AreaMonth]:
    """Yield every area's registered months from 2022-01 to `last`, with gaps and late months."""
    for profile in profiles:
        rng = random.Random(f"{seed}-{profile.code}")
        level = rng.uniform(0.55, 1.6)
        backfilled_2022 = rng.random() < 0.85
        for period in periods_between(FIRST_PERIOD, last):
            if period.year == 2022 and not backfilled_2022:
                continue
            if rng.random() < 0.03:
                continue  # a missing month
            recorded = registration_time(period, rng, late=rng.random() < 0.08)
            if recorded > now:
                continue  # not registered yet
            yield AreaMonth(profile.code, period, recorded, month_figures(profile, period, rng, level))
