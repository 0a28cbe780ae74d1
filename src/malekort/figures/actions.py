"""Every change of a registered value goes through `register_values`.

A change never overwrites: it supersedes the current version and adds a new
one, so who, when, old and new value and source are always kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from malekort.areas.population import population_by_band
from malekort.domain.cells import Cell, cell_error
from malekort.domain.consistency import check_area_month
from malekort.domain.deadlines import is_late, is_open_for_registration
from malekort.domain.keyfigures import KeyFigure
from malekort.domain.periods import Period
from malekort.domain.plausibility import population_error
from malekort.figures.catalogue import active_figures
from malekort.figures.locks import lock_area_months
from malekort.figures.models import ImportBatch, Source, ValueVersion
from malekort.statistics.changes import mark_values_changed

# One value: (area code, period, key-figure code).
Key = tuple[str, Period, str]

# Every age SSB counts: a count of people is never more than the whole population.
ALL_AGES = (0, 200)


@dataclass(frozen=True, slots=True)
class Entry:
    """A value someone wants registered. `comment=None` keeps the comment already there."""

    area: str
    period: Period
    figure: str
    cell: Cell
    comment: str | None = None

    @property
    def key(self) -> Key:
        return (self.area, self.period, self.figure)


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    created_keys: list[Key] = field(default_factory=list)
    updated_keys: list[Key] = field(default_factory=list)


class RegistrationError(Exception):
    """Values that break a rule; `errors` maps each refused key to a Norwegian reason."""

    def __init__(self, errors: Mapping[Key, str]) -> None:
        super().__init__(f"{len(errors)} verdier ble avvist")
        self.errors = dict(errors)


class ConcurrentEditError(Exception):
    """Someone else changed values since the user loaded them; nothing was saved."""

    def __init__(self, changed: Sequence[ValueVersion]) -> None:
        super().__init__("Verdiene er endret av noen andre siden du åpnet siden")
        self.changed = list(changed)


def current_versions(keys: Iterable[Key]) -> dict[Key, ValueVersion]:
    """Return the current version of every figure in the area-months the keys touch.

    Whole months are returned, not just the keys, because the consistency rules
    compare a value with the other figures of its area and month.
    """
    months = {(k[0], k[1]) for k in keys}
    if not months:
        return {}
    rows = ValueVersion.objects.filter(
        superseded_at__isnull=True,
        area_id__in={area for area, _ in months},
        period__in={period.first_day for _, period in months},
    )
    found: dict[Key, ValueVersion] = {}
    for version in rows:
        period = Period.of(version.period)
        if (version.area_id, period) in months:
            found[(version.area_id, period, version.figure_id)] = version
    return found


def check_entries(
    entries: Sequence[Entry],
    *,
    current: Mapping[Key, ValueVersion],
    figures: Mapping[str, KeyFigure],
    today: datetime,
    populations: Mapping[tuple[str, int], int] | None = None,
) -> dict[Key, str]:
    """Return the reasons some entries cannot be registered, by key.

    Each cell is checked on its own (as `parse_cell` checks typed text: no count
    of 1–3, nothing beyond what is believable), a changed count also against
    the area's population in `populations` by (area, year) when known. The
    month's rules are checked on the month as it will stand: the current values
    with the entries laid over them.
    """
    errors: dict[Key, str] = {}
    day = timezone.localdate(today)
    populations = populations or {}
    months: dict[tuple[str, Period], dict[str, Cell]] = {}
    for key, version in current.items():
        months.setdefault((key[0], key[1]), {})[key[2]] = version.cell
    for entry in entries:
        figure = figures.get(entry.figure)
        if figure is None:
            errors[entry.key] = f"Ukjent nøkkeltall «{entry.figure}»."
        elif not is_open_for_registration(entry.period, day):
            errors[entry.key] = (
                f"Perioden {entry.period} kan ikke registreres: bare fra 2022-01 "
                "til og med siste avsluttede måned."
            )
        elif reason := cell_error(entry.cell, figure):
            errors[entry.key] = reason
        elif entry.cell.number is not None and _changes(current.get(entry.key), entry.cell):
            # Only a changed count: a population loaded later must not block saving the month again.
            year = entry.period.year
            reason = population_error(entry.cell.number, figure, populations.get((entry.area, year)), year)
            if reason:
                errors[entry.key] = reason
        months.setdefault((entry.area, entry.period), {})[entry.figure] = entry.cell
    touched = {(e.area, e.period) for e in entries}
    for area, period in touched:
        for code, reason in check_area_month(months[(area, period)], figures).items():
            errors.setdefault((area, period, code), reason)
    return errors


def _changes(old: ValueVersion | None, cell: Cell) -> bool:
    return old is None or old.cell != cell


def area_populations(months: Iterable[tuple[str, Period]]) -> dict[tuple[str, int], int]:
    """Return the population (all ages) the system holds for each area and the months' years."""
    months = list(months)
    if not months:
        return {}
    found = population_by_band({a for a, _ in months}, {p.year for _, p in months}, [ALL_AGES])
    return {(area, year): count for (area, _band, year), count in found.items()}


def register_values(
    *,
    entries: Sequence[Entry],
    user: User | None,
    source: Source,
    now: datetime | None = None,
    batch: ImportBatch | None = None,
    expected: Mapping[Key, int | None] | None = None,
    figures: Mapping[str, KeyFigure] | None = None,
) -> Outcome:
    """Register the entries atomically and return what changed.

    `expected` holds, per key, the id of the version the user saw (None for no
    value); if any differs from the current one, nothing is saved and
    ConcurrentEditError lists the values that changed. `figures` is the catalogue
    in use when the caller has just read it (`active_figures()`). Scope is checked
    by the caller through malekort.access.
    """
    now = now or timezone.now()
    figures = figures if figures is not None else active_figures()
    keys = [e.key for e in entries] + list(expected or {})
    seen: dict[Key, int | None] = {}
    try:
        with transaction.atomic():
            # Read and check each month only once no other save can change it
            # until we commit: the rules hold for the month as it is written.
            lock_area_months({(area, period) for area, period, _ in keys})
            current = current_versions(keys)
            seen = {key: version.pk for key, version in current.items()}
            if expected is not None:
                stale = [k for k, pk in expected.items() if seen.get(k) != pk]
                if stale:
                    raise ConcurrentEditError([current[k] for k in stale if k in current])
            errors = check_entries(
                entries, current=current, figures=figures, today=now,
                populations=area_populations({(e.area, e.period) for e in entries if e.cell.is_number}),
            )
            if errors:
                raise RegistrationError(errors)
            outcome = _write(entries, current=current, user=user, source=source, now=now, batch=batch)
            mark_values_changed(key[1] for key in [*outcome.created_keys, *outcome.updated_keys])
            return outcome
    except _Collision:
        # A writer that did not take our locks got there first; the savepoint
        # is rolled back, so the values that stand now can be read and shown.
        raise ConcurrentEditError(_changed_since(keys, seen)) from None


class _Collision(Exception):
    """Another transaction made or superseded a version of a value we were writing."""


def _changed_since(keys: Iterable[Key], seen: Mapping[Key, int | None]) -> list[ValueVersion]:
    """Return the current versions of the keys that are not the ones read before writing."""
    now_current = current_versions(keys)
    return [version for key, version in now_current.items() if seen.get(key) != version.pk]


def _write(
    entries: Sequence[Entry],
    *,
    current: Mapping[Key, ValueVersion],
    user: User | None,
    source: Source,
    now: datetime,
    batch: ImportBatch | None,
) -> Outcome:
    outcome = Outcome()
    superseded: list[int] = []
    rows: list[tuple[Any, ...]] = []
    day = timezone.localdate(now)
    late = {period: is_late(period, day) for period in {e.period for e in entries}}
    for entry in entries:
        old = current.get(entry.key)
        comment = entry.comment if entry.comment is not None else (old.comment if old else "")
        if old is None and entry.cell.is_empty and not comment:
            outcome.unchanged += 1
            continue
        if old is not None and old.cell == entry.cell and old.comment == comment:
            outcome.unchanged += 1
            continue
        if old is None:
            outcome.created += 1
            outcome.created_keys.append(entry.key)
        else:
            outcome.updated += 1
            outcome.updated_keys.append(entry.key)
            superseded.append(old.pk)
        rows.append((
            entry.area, entry.period.first_day, entry.figure, entry.cell.kind.value, entry.cell.number,
            comment, source.value, batch.pk if batch else None, now, user.pk if user else None,
            late[entry.period],
        ))
    for start in range(0, len(superseded), 5000):
        chunk = superseded[start : start + 5000]
        done = ValueVersion.objects.filter(pk__in=chunk, superseded_at__isnull=True).update(
            superseded_at=now
        )
        if done != len(chunk):
            # Another save superseded one of them between our read and our write.
            raise _Collision()
    try:
        _insert_versions(rows, recorded_at=now)
    except IntegrityError as error:
        if not _is_second_current_version(error):
            raise
        # The partial unique index caught a second current version made concurrently.
        raise _Collision() from error
    return outcome


def _is_second_current_version(error: IntegrityError) -> bool:
    """Return whether the error is the one-current-version index, not another constraint."""
    cause = error.__cause__
    diag = getattr(cause, "diag", None)
    name = getattr(diag, "constraint_name", None)
    if name is not None:
        return bool(name == "one_current_version")
    return "UNIQUE constraint failed" in str(error)


_INSERT_COLUMNS = (
    "area_id", "period", "figure_id", "kind", "number", "comment", "source", "batch_id",
    "recorded_at", "recorded_by_id", "late",
)


def _insert_versions(rows: Sequence[tuple[Any, ...]], *, recorded_at: datetime) -> None:
    """Insert new versions as plain rows.

    An import adds up to some 200,000 versions at once; building a model object
    per row for bulk_create took most of the time. The database still enforces
    every constraint (one current version, numbers only for numbers).
    """
    if not rows:
        return
    ops = connection.ops
    table = ops.quote_name(ValueVersion._meta.db_table)
    columns = ", ".join(ops.quote_name(c) for c in _INSERT_COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY goes to psycopg's own cursor, past Django's error mapping:
            # map its errors here so a violated constraint is an IntegrityError.
            with connection.wrap_database_errors, cursor.cursor.copy(
                f"COPY {table} ({columns}) FROM STDIN"
            ) as copy:
                for row in rows:
                    copy.write_row(row)
            return
        when = ops.adapt_datetimefield_value(recorded_at)
        adapted = [(*row[:8], when, *row[9:]) for row in rows]
        placeholders = ", ".join(["%s"] * len(_INSERT_COLUMNS))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"
        for start in range(0, len(adapted), 10_000):
            cursor.executemany(sql, adapted[start : start + 10_000])
