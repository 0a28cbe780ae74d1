"""Mark what changed in the writer's transaction; order the marks by one committed counter.

Every write path calls `mark_values_changed` or `mark_reference_changed`
inside the transaction of its write. A reader calls `data_version()`: when
committed marks are waiting it orders them (`sequence`), giving all of them the
next version under a lock on the one `AggregateState` row. Marks are ordered by
when a reader first sees them committed, not by when their transaction began,
so a transaction that took a lower id and commits last still gets a new
version. Writers only insert: they never wait for each other on the counter.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, connection, transaction
from django.db.models import F

from malekort.domain.periods import Period
from malekort.statistics import lag
from malekort.statistics.models import AggregateChange, AggregateState, ChangeScope

# Marks older than this many versions are deleted; a process further behind recomputes everything.
KEPT_VERSIONS = 1000


@dataclass(frozen=True)
class DataVersion:
    """The committed version of what the aggregates depend on."""

    number: int
    stamp: str


@dataclass(frozen=True)
class Changed:
    """What changed between two versions.

    `everything`: reference data changed, so every aggregate must be computed
    again; `months`: the months whose registered values changed;
    `values_unknown`: the marks are gone (pruned), so any month's values may
    have changed.
    """

    everything: bool
    months: frozenset[Period]
    values_unknown: bool = False


def _in_writers_transaction() -> None:
    if not connection.in_atomic_block:
        raise RuntimeError("A change must be marked inside the transaction of its write.")


def mark_values_changed(periods: Iterable[Period | date]) -> None:
    """Mark registered values of the months as changed, in the caller's transaction."""
    _in_writers_transaction()
    days = sorted({p.first_day if isinstance(p, Period) else p.replace(day=1) for p in periods})
    AggregateChange.objects.bulk_create(AggregateChange(scope=ChangeScope.VALUES, period=day) for day in days)
    lag.note_marked()


def mark_reference_changed() -> None:
    """Mark reference data (regions, borders, population, service areas, definitions) as changed."""
    _in_writers_transaction()
    AggregateChange.objects.create(scope=ChangeScope.REFERENCE)
    lag.note_marked()


def data_version() -> DataVersion:
    """Return the data version after ordering the committed marks that wait for one."""
    if AggregateChange.objects.filter(version__isnull=True).exists():
        return sequence()
    return committed_version()


def committed_version() -> DataVersion:
    """Return the data version as last ordered, without ordering waiting marks."""
    state = AggregateState.objects.filter(pk=1).values_list("version", "stamp").first()
    return DataVersion(*state) if state else DataVersion(0, "")


def sequence() -> DataVersion:
    """Give every committed mark without a version the next version, under the counter's lock; return it."""
    with transaction.atomic():
        # An UPDATE first: it takes the row lock on PostgreSQL and the write lock on SQLite before anything is read.
        if not AggregateState.objects.filter(pk=1).update(version=F("version")):
            try:
                with transaction.atomic():
                    AggregateState.objects.create(pk=1, version=0, stamp=secrets.token_hex(8))
            except IntegrityError:
                AggregateState.objects.filter(pk=1).update(version=F("version"))  # another process made it
        state = AggregateState.objects.get(pk=1)
        if AggregateChange.objects.filter(version__isnull=True).exists():
            state.version += 1
            state.stamp = secrets.token_hex(8)
            AggregateChange.objects.filter(version__isnull=True).update(version=state.version)
            if state.version - KEPT_VERSIONS > state.pruned_to:
                state.pruned_to = state.version - KEPT_VERSIONS
                AggregateChange.objects.filter(version__lte=state.pruned_to).delete()
            state.save()
        return DataVersion(state.version, state.stamp)


def changed_between(old: int, new: int) -> Changed:
    """Return what the marks of the versions after `old` up to `new` changed."""
    pruned_to = AggregateState.objects.filter(pk=1).values_list("pruned_to", flat=True).first() or 0
    if old < pruned_to:
        return Changed(True, frozenset(), values_unknown=True)
    rows = AggregateChange.objects.filter(version__gt=old, version__lte=new).values_list("scope", "period").distinct()
    months: set[Period] = set()
    everything = False
    for scope, day in rows:
        if scope != ChangeScope.VALUES or day is None:
            everything = True
        else:
            months.add(Period.of(day))
    return Changed(everything, frozenset(months))
