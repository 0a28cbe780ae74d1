"""The day each served area first had figures for each month, on today's borders: computed once, stored, read by all.

The follow-up pages count, month by month, which areas reported on time, late
or not at all. Recomputing that from every value version on each request cost
a second for the whole country; here each month's first registration days are
kept in one row (`FirstRegistrationMonth`), computed at the data version of
`statistics.changes`, and recomputed only when a change of that month's values
(or of reference data: borders, service areas) is marked after it.

Every request checks freshness in the database with three small queries (the
data version, the month rows, the marks after the oldest row's version and
those still waiting for one), so a registration committed by any process shows
on the next request of every process; nothing is kept in a process's memory.
Marks committed but not yet given a version (`changes.sequence`) are seen too:
a row keeps the ids of those it already includes, so that they do not make it
stale again; when many wait, the request orders them as the statistics do.

A stale month is recomputed by the request that finds it and written with an
upsert; two processes that find the same month stale at the same moment may
both compute it (the rows they write are equal, or the older one is seen as
stale and recomputed on the next request).
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from malekort.domain.periods import Period
from malekort.figures.todays_borders import first_registrations_today
from malekort.followup.models import FirstRegistrationMonth
from malekort.statistics.changes import sequence
from malekort.statistics.models import AggregateChange, AggregateState, ChangeScope

# Marks waiting for a version are read on every request until some reader orders them; more than this, we order them.
MANY_WAITING = 100

# {area code: "YYYY-MM-DD"}: the day the area first had a number or a dot for the month; absent when it has none.
Days = dict[str, str]


@dataclass(frozen=True)
class _State:
    version: int
    stamp: str
    pruned_to: int


@dataclass(frozen=True)
class _Row:
    version: int
    stamp: str
    pending: frozenset[int]
    areas: str
    days: Days


@dataclass(frozen=True)
class _Mark:
    id: int
    version: int | None  # None: committed, not yet given a version
    month: date | None  # None: reference data, which every month depends on


def fingerprint(area_codes: Iterable[str]) -> str:
    """Return a short fingerprint of a set of area codes."""
    return hashlib.sha256(",".join(sorted(set(area_codes))).encode()).hexdigest()[:32]


def first_days(months: Sequence[Period], served: Collection[str]) -> dict[Period, Days]:
    """Return the first registration days of the served areas for the months, recomputing stale months.

    `served` is every area offices serve (the stored rows are for the whole
    country; a county's page picks its own areas out of them).
    """
    if not months:
        return {}
    state = _state()
    rows = _rows(months)
    areas = fingerprint(served)
    oldest = min((row.version for row in rows.values()), default=state.version)
    marks = _marks_after(min(oldest, state.version))
    if sum(mark.version is None for mark in marks) > MANY_WAITING:
        # Order them, as the statistics do on every read, so that the next reads fetch only a few.
        sequence()
        state = _state()
        marks = _marks_after(min(oldest, state.version))
    by_month = _by_month(marks)
    found: dict[Period, Days] = {}
    stale: list[Period] = []
    behind = Q(pk__in=[])
    for month in months:
        row = rows.get(month.first_day)
        if row is not None and _is_fresh(row, month, state, by_month, areas):
            found[month] = row.days
            if row.version < state.version:
                behind |= Q(month=month.first_day, version=row.version)
        else:
            stale.append(month)
    if stale:
        found.update(_recompute(stale, served, state, by_month, areas))
    if behind:
        # Nothing marked since their version concerns these rows: move them on, so that later reads fetch fewer
        # marks. Only rows as read: a row another process wrote meanwhile keeps its own version.
        FirstRegistrationMonth.objects.filter(behind).update(version=state.version, stamp=state.stamp)
    return {month: found[month] for month in months}


def _state() -> _State:
    row = AggregateState.objects.filter(pk=1).values_list("version", "stamp", "pruned_to").first()
    return _State(*row) if row else _State(0, "", 0)


def _rows(months: Sequence[Period]) -> dict[date, _Row]:
    rows = FirstRegistrationMonth.objects.filter(month__in=[m.first_day for m in months]).values_list(
        "month", "version", "stamp", "pending", "areas", "days"
    )
    return {
        month: _Row(version, stamp, frozenset(pending), areas, days)
        for month, version, stamp, pending, areas, days in rows
    }


def _marks_after(version: int) -> list[_Mark]:
    """Return the marks ordered after the version, and the committed marks still waiting for a version."""
    rows = AggregateChange.objects.filter(Q(version__isnull=True) | Q(version__gt=version)).values_list(
        "id", "version", "scope", "period"
    )
    return [
        _Mark(pk, number, period if scope == ChangeScope.VALUES else None) for pk, number, scope, period in rows
    ]


def _by_month(marks: Iterable[_Mark]) -> dict[date | None, list[_Mark]]:
    grouped: dict[date | None, list[_Mark]] = {}
    for mark in marks:
        grouped.setdefault(mark.month, []).append(mark)
    return grouped


def _concerning(marks: dict[date | None, list[_Mark]], month: Period) -> list[_Mark]:
    """Return the marks of the month's values and of reference data, which every month depends on."""
    return [*marks.get(None, ()), *marks.get(month.first_day, ())]


def _is_fresh(row: _Row, month: Period, state: _State, marks: dict[date | None, list[_Mark]], areas: str) -> bool:
    """Return whether the row holds the month as the committed data stands now."""
    if row.areas != areas:
        return False  # the served areas changed
    if row.version > state.version or (row.version == state.version and row.stamp != state.stamp):
        return False  # the database was restored to other data
    if row.version < state.pruned_to:
        return False  # the marks since its version are gone
    return not any(
        (mark.version is None or mark.version > row.version) and mark.id not in row.pending
        for mark in _concerning(marks, month)
    )


def _recompute(
    months: Sequence[Period], served: Collection[str], state: _State, marks: dict[date | None, list[_Mark]],
    areas: str,
) -> dict[Period, Days]:
    """Compute the months from the value versions, store them and return them.

    The marks were read before the values: a change committed in between is
    in the values but not in the row's marks, and only makes the row stale once
    more, never stale without being seen.
    """
    computed: dict[Period, Days] = {}
    for run in _runs(months):
        firsts = first_registrations_today(served, run[0], run[-1])
        for month in run:
            computed[month] = {}
        for (area, month), day in firsts.items():
            if month in computed:
                computed[month][area] = day.isoformat()
    FirstRegistrationMonth.objects.bulk_create(
        [
            FirstRegistrationMonth(
                month=month.first_day, version=state.version, stamp=state.stamp, areas=areas, days=days,
                pending=sorted(mark.id for mark in _concerning(marks, month) if mark.version is None),
            )
            for month, days in sorted(computed.items())  # in month order, so that writers lock rows in one order
        ],
        update_conflicts=True,
        unique_fields=["month"],
        update_fields=["version", "stamp", "pending", "areas", "days"],
    )
    return computed


def _runs(months: Sequence[Period]) -> list[list[Period]]:
    """Return the months as runs of consecutive months, each read in one go."""
    runs: list[list[Period]] = []
    for month in sorted(months):
        if runs and runs[-1][-1].next == month:
            runs[-1].append(month)
        else:
            runs.append([month])
    return runs


def forget() -> None:
    """Delete every stored month (after a restore, or to time a cold start); the next read recomputes them."""
    FirstRegistrationMonth.objects.all().delete()
