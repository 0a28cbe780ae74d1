"""All aggregates for every key figure, indicator, region and month: computed once, stored, read by every process.

Every write marks what it changed in its own transaction (`statistics.changes`).
The first reader that finds the committed data version newer than the stored
aggregates takes the lock on `StoredState`, recomputes the changed months (or
everything after a change of reference data) in one polars pass and stores
them, a row per month (`StoredMonth`); readers that come meanwhile wait for
it and read its result. So the refresh after a save is one piece of work for
the whole installation, not one per process, and a change made by any process
or command shows on every process's next read.

The registered values themselves are kept too, a frame per month
(`RegisteredMonth`), read again from the value rows only for the months the
marks name: a recompute of everything after a change of reference data then
reads some 600 frames instead of 1.7 million rows (ten times the demo's data).
So is the day each code first had figures for the month, from which every
stored month gets the day each served area did on today's borders: what the
follow-up pages count on time, late and missing by (`Bundle.first_days`).

A process keeps only a few recently read months in memory (`_months`), and a
freshly started one reads the months a page needs, not everything.
"""

from __future__ import annotations

import gc
import hashlib
import io
import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any, TypeVar, cast

import polars as pl
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from malekort.areas.models import Region
from malekort.domain.aggregation import Aggregate, AreaAmount, IndicatorAggregate, aggregate, components_of
from malekort.domain.amounts import MISSING, Amount, Status
from malekort.domain.bulk_aggregation import (
    EMPTY_INDICATOR_ROW,
    INDICATOR_ROWS,
    IndicatorMaker,
    figure_from_row,
    month_index,
)
from malekort.domain.deadlines import FIRST_PERIOD, last_complete_period
from malekort.domain.first_registrations import feeders_table, first_days_today
from malekort.domain.indicators import definitions as d
from malekort.domain.keyfigures import KeyFigure
from malekort.domain.periods import Period, periods_between
from malekort.figures.catalogue import all_figures
from malekort.figures.selectors import first_registration_frame
from malekort.figures.todays_borders import (
    FRAME_SCHEMA,
    AreaFigures,
    ReferenceRows,
    population_on_todays_borders,
)
from malekort.figures.value_frames import registered_frame
from malekort.indicators.models import Indicator
from malekort.indicators.selectors import versions_by_code
from malekort.ops.metrics import observe_aggregate_refresh
from malekort.statistics import bulk_insert, lag
from malekort.statistics.changes import (
    Changed,
    DataVersion,
    changed_between,
    committed_version,
    data_version,
    mark_reference_changed,
)
from malekort.statistics.compute import WORKING_AGE, expected_areas, load_parts, table
from malekort.statistics.models import RegisteredMonth, StoredMonth, StoredState

NATION = "0"
# What the stored rows hold; a new format makes the first reader recompute everything, reading every value.
STORED_FORMAT = 4
# Results a bundle remembers for the pages (`Bundle.remembered`), at most.
REMEMBERED = 20_000
T = TypeVar("T")
# Months computed together in a recompute: enough for polars to work in bulk, few enough to bound memory.
MONTHS_AT_A_TIME = 60
# Months a process keeps in memory: two years of charts for a few pages, and some more.
KEPT_MONTHS = 72


@dataclass(frozen=True)
class Stored:
    """Which data version and months the stored aggregates hold."""

    version: int
    stamp: str
    reference: str
    everything_version: int  # reference data (regions, population, definitions) are those of this version


def _reference() -> str:
    """Return the months every aggregate covers: from the first month to the last complete one."""
    return f"{FIRST_PERIOD}/{last_complete_period(timezone.localdate())}/{STORED_FORMAT}"


def _all_months(reference: str) -> list[Period]:
    first, last, _ = reference.split("/")
    return list(periods_between(Period.parse(first), Period.parse(last)))


def _stored() -> Stored | None:
    row = StoredState.objects.filter(pk=1).values_list("version", "stamp", "reference", "everything_version").first()
    return Stored(*row) if row else None


def _is_current(stored: Stored | None, version: DataVersion, reference: str) -> bool:
    # A newer stored version is current too: another process ordered and computed more since we looked.
    return stored is not None and stored.reference == reference and (
        stored.version > version.number or (stored.version, stored.stamp) == (version.number, version.stamp)
    )


# ---- Computing and storing, once for the installation


def refresh(version: DataVersion | None = None) -> Stored:
    """Bring the stored aggregates up to the data version and return what they hold.

    One process recomputes under the lock on `StoredState`; others wait for it
    and find the work done.
    """
    version = version or data_version()
    reference = _reference()
    stored = _stored()
    if _is_current(stored, version, reference):
        assert stored is not None
        return stored
    with transaction.atomic():
        _take_lock()
        version = committed_version()
        stored = _stored()
        if _is_current(stored, version, reference):
            assert stored is not None
            return stored
        months = _all_months(reference)
        changed = _changed_since(stored, version)
        if changed is None:  # nothing known of what changed: read every value again
            _recompute(months, version, everything=True, reread=None)
        elif changed.everything or stored is None or stored.reference != reference:
            _recompute(months, version, everything=True, reread=changed.months)
        else:
            _recompute(sorted(changed.months & set(months)), version, everything=False, reread=changed.months,
                       meta=_held_meta(stored))
        stored = _stored()
        assert stored is not None
        return stored


def _changed_since(stored: Stored | None, version: DataVersion) -> Changed | None:
    """Return what changed since the stored aggregates were computed, or None when that cannot be known.

    It cannot after a restore of an earlier database (a lower or a different
    version) or when the marks of the versions between have been pruned.
    """
    if stored is None or stored.version > version.number or (
        stored.version == version.number and stored.stamp != version.stamp
    ) or stored.reference.rsplit("/", 1)[-1] != str(STORED_FORMAT):
        return None
    changed = changed_between(stored.version, version.number)
    return None if changed.values_unknown else changed


def recompute_everything() -> Stored:
    """Recompute and store every aggregate now from every value row, whatever is stored (after a restore).

    Under a new data version, so that every process reads the result instead of what it holds.
    """
    with transaction.atomic():
        mark_reference_changed()
    with transaction.atomic():
        _take_lock()
        version, reference = data_version(), _reference()
        _recompute(_all_months(reference), version, everything=True, reread=None)
        stored = _stored()
        assert stored is not None
        return stored


def _take_lock() -> None:
    """Take the lock on the stored aggregates: an UPDATE, a row lock on PostgreSQL and the write lock on SQLite."""
    if StoredState.objects.filter(pk=1).update(version=F("version")):
        return
    try:
        with transaction.atomic():
            StoredState.objects.create(pk=1)
    except IntegrityError:
        pass  # another process made the row first
    StoredState.objects.filter(pk=1).update(version=F("version"))


def _held_meta(stored: Stored) -> Meta | None:
    """Return this process's regions, names and definitions if no reference data changed since they were read.

    Only for a recompute of changed months, which no change of reference data came before.
    """
    bundle = _current
    if bundle is not None and bundle.stored.everything_version == stored.everything_version:
        return bundle.meta
    return None


def _recompute(
    months: Sequence[Period], version: DataVersion, *, everything: bool, reread: Collection[Period] | None,
    meta: Meta | None = None,
) -> None:
    """Compute and store the months' aggregates; `reread`: the months whose values changed (None: all may have)."""
    started = time.perf_counter()
    if everything:
        StoredMonth.objects.exclude(month__in=[m.first_day for m in months]).delete()
    if months:
        meta = meta or Meta.read()
        meta.population(m.year for m in months)  # in one go, not batch by batch
        if reread is None:
            RegisteredMonth.objects.all().delete()
            reread = frozenset(months)
        # A few years at a time: the frames of every month at once would hold a worker at a gigabyte
        # with ten times the demo's data.
        ordered = sorted(months)
        for start in range(0, len(ordered), MONTHS_AT_A_TIME):
            chunk = ordered[start:start + MONTHS_AT_A_TIME]
            registered, firsts = _registered_values(chunk, version, reread)
            with _without_garbage_collection():
                _store(_computed(chunk, meta, registered, firsts), version)
    StoredState.objects.filter(pk=1).update(
        version=version.number, stamp=version.stamp, reference=_reference(), computed_at=timezone.now(),
        seconds=time.perf_counter() - started,
        **({"everything_version": version.number} if everything else {}),
    )
    observe_aggregate_refresh(time.perf_counter() - started, kind="full" if everything else "changed")


def _registered_values(
    months: Sequence[Period], version: DataVersion, reread: Collection[Period]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Return the months' registered values and each code's first registration day, read where they changed.

    Read from the value rows for the months in `reread`, else as kept; the
    months read are kept (`RegisteredMonth`) for the next recompute.
    """
    wanted = {m.first_day: m for m in months}
    unchanged = [day for day, month in wanted.items() if month not in reread]
    kept = {
        day: (values, firsts)
        for day, values, firsts in RegisteredMonth.objects.filter(month__in=unchanged).values_list(
            "month", "values", "firsts"
        )
    }
    fresh = sorted(month for day, month in wanted.items() if day not in kept)
    read, read_firsts = registered_frame(fresh), first_registration_frame(fresh)
    if fresh:
        parts, first_parts = _month_slices(read.sort("month")), _month_slices(read_firsts.sort("month"))
        empty, no_firsts = read.clear(), read_firsts.clear()
        RegisteredMonth.objects.filter(month__in=[m.first_day for m in fresh]).delete()
        bulk_insert.insert(
            RegisteredMonth,
            (RegisteredMonth(month=m.first_day, version=version.number,
                             values=_bytes(parts.get(month_index(m), empty)),
                             firsts=_bytes(first_parts.get(month_index(m), no_firsts))) for m in fresh),
            batch_size=100,
        )
    return (
        pl.concat([read, *(_frame(values) for values, _ in kept.values())]),
        pl.concat([read_firsts, *(_frame(firsts) for _, firsts in kept.values())]),
    )


@dataclass
class _Computed:
    """The months' frames (key figures, indicators, the areas' values and first days), sorted by month; the notes."""

    months: list[Period]
    frames: dict[str, pl.DataFrame]
    notes: dict[int, list[list[str]]]  # year → [area, note]

    def digests(self) -> dict[date, str]:
        """Return a digest of each month's content, to leave a month whose aggregates did not change as stored.

        Row hashes summed per month do not depend on the order of the rows.
        """
        sums = {
            name: dict(frame.select("month").with_columns(frame.hash_rows(seed=0).alias("hash"))
                       .group_by("month").agg(pl.col("hash").sum()).iter_rows())
            for name, frame in self.frames.items()
        }
        result = {}
        for month in self.months:
            index = month_index(month)
            content = [str(sums[name].get(index, 0)) for name in sorted(sums)]
            content.append(json.dumps(self.notes.get(month.year, []), ensure_ascii=False))
            result[month.first_day] = hashlib.sha256("|".join(content).encode()).hexdigest()[:32]
        return result

    @cached_property
    def _parts(self) -> dict[str, dict[int, pl.DataFrame]]:
        return {name: _month_slices(frame) for name, frame in self.frames.items()}

    def row(self, month: Period, version: DataVersion, digest: str) -> StoredMonth:
        index = month_index(month)
        frames = {name: self._parts[name].get(index, self.frames[name].clear()) for name in self.frames}
        return StoredMonth(
            month=month.first_day, version=version.number, stamp=version.stamp, digest=digest,
            figures=_bytes(frames["figures"]), indicators=_bytes(frames["indicators"]),
            areas=_bytes(frames["values"]), first_days=_bytes(frames["first_days"]),
            notes=self.notes.get(month.year, []),
        )


def _computed(months: list[Period], meta: Meta, registered: pl.DataFrame, firsts: pl.DataFrame) -> _Computed:
    """Return the months' aggregates, computed in one polars pass over the areas' values.

    `firsts`: the day each code first had figures for a month, as registered;
    the served areas' days on today's borders are stored with the month.
    """
    people = meta.population(range(min(months).year, max(months).year + 1))
    loaded = load_parts(meta.parts, meta.figures.keys(), (), months, registered, people, meta.reference)
    areas = table(loaded, months)
    figures = areas.figure_frame(list(meta.figures.values()))
    indicator_frames = [
        areas.indicator_frames(versions).with_columns(pl.lit(indicator.code).alias("code"))
        for indicator, versions in meta.indicators
    ]
    indicators = pl.concat(indicator_frames) if indicator_frames else pl.DataFrame(
        schema={**INDICATOR_ROWS, "code": pl.String}
    )
    notes: dict[int, list[list[str]]] = {}
    for (area, year), note in sorted(loaded.figures.notes.items()):
        notes.setdefault(year, []).append([area, note])
    first_days = first_days_today(meta.feeders, firsts, meta.expected)
    frames = {"figures": figures, "indicators": indicators, "values": loaded.figures.frame, "first_days": first_days}
    return _Computed(months, {name: frame.sort("month", maintain_order=True) for name, frame in frames.items()}, notes)


def _store(computed: _Computed, version: DataVersion) -> None:
    """Store the computed months: anew where the content changed, else only the new version on the stored row."""
    digests = computed.digests()
    stored = dict(StoredMonth.objects.filter(month__in=list(digests)).values_list("month", "digest"))
    same = [day for day, digest in digests.items() if stored.get(day) == digest]
    StoredMonth.objects.filter(month__in=same).update(version=version.number, stamp=version.stamp)
    changed = [month for month in computed.months if month.first_day not in same]
    StoredMonth.objects.filter(month__in=[m.first_day for m in changed]).delete()
    bulk_insert.insert(
        StoredMonth, (computed.row(month, version, digests[month.first_day]) for month in changed), batch_size=50
    )


def _month_slices(frame: pl.DataFrame) -> dict[int, pl.DataFrame]:
    """Return a frame sorted by month as a slice per month, without copying it."""
    found, offset = {}, 0
    for length, month in frame["month"].rle().struct.unnest().iter_rows():
        found[month] = frame.slice(offset, length)
        offset += length
    return found


def _bytes(frame: pl.DataFrame) -> bytes:
    # The Arrow IPC stream form: for frames of a few thousand rows, three times faster than the file form;
    # lz4 writes in half the time of zstd, for frames some 70 % larger.
    buffer = io.BytesIO()
    frame.write_ipc_stream(buffer, compression="lz4")
    return buffer.getvalue()


def _frame(data: bytes | memoryview) -> pl.DataFrame:
    return pl.read_ipc_stream(io.BytesIO(bytes(data)))


@contextmanager
def _without_garbage_collection() -> Iterator[None]:
    """Pause the cycle collector while building many short-lived objects: they hold no reference cycles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# ---- Reading, in every process


@dataclass(frozen=True)
class Meta:
    """What every bundle needs besides the aggregates: regions, names, figures and indicator versions."""

    regions: list[str]  # nation, fylker and kommuner with bydeler
    names: dict[str, str]
    figures: dict[str, KeyFigure]
    indicators: list[tuple[Indicator, list[d.IndicatorVersion]]]
    parts: dict[str, tuple[str, ...]]
    expected: frozenset[str]  # the areas offices serve (`compute.expected_areas`)
    # Population is reference data too: read once per year for the months this meta's recomputes cover.
    _people: dict[int, dict[tuple[str, tuple[int, int], int], int]] = field(default_factory=dict)

    def population(self, years: Iterable[int]) -> dict[tuple[str, tuple[int, int], int], int]:
        """Return the population of every area of the regions, in every band the indicators use, for the years."""
        wanted = sorted(set(years))
        missing = [year for year in wanted if year not in self._people]
        if missing:
            bands = {WORKING_AGE, *(b for _, versions in self.indicators for v in versions for b in v.bands())}
            areas = {a for codes in self.parts.values() for a in codes}
            found = population_on_todays_borders(areas, missing, bands, self.reference)
            for year in missing:
                self._people[year] = {key: count for key, count in found.items() if key[2] == year}
        return {key: count for year in wanted for key, count in self._people[year].items()}

    @cached_property
    def reference(self) -> ReferenceRows:
        """Return the region changes, names and split weights' population, read once for this meta."""
        return ReferenceRows.read(a for codes in self.parts.values() for a in codes)

    @cached_property
    def feeders(self) -> pl.DataFrame:
        """Return the codes that fed each served area in the years of border changes (`feeders_table`)."""
        return feeders_table(self.reference.changes, self.expected)

    @classmethod
    def read(cls) -> Meta:
        expected = expected_areas()
        regions = _regions(expected)
        indicators = list(Indicator.objects.filter(owner__isnull=True).order_by("sort_order", "code"))
        versions = versions_by_code(indicators)
        parts = components_of(regions, expected)
        names = dict(Region.objects.filter(code__in=[*regions, *expected]).values_list("code", "name"))
        names[NATION] = "Hele landet"  # SSB names the country «Norge-Noreg-Norway»
        indicator_versions = [(i, versions.get(i.code, [])) for i in indicators]
        return cls(regions, names, all_figures(), indicator_versions, parts, frozenset(expected))


def _regions(expected: Iterable[str]) -> list[str]:
    served = set(expected)
    fylker = sorted({code[:2] for code in served})
    with_bydeler = sorted({code[:4] for code in served if len(code) == 6})
    known = set(Region.objects.filter(code__in=[NATION, *fylker, *with_bydeler]).values_list("code", flat=True))
    return [c for c in [NATION, *fylker, *with_bydeler] if c in known or c == NATION]


class MonthAggregates:
    """One stored month as read: its frames, and the aggregates and amounts made of them as they are asked for.

    An aggregate's row is turned into Python objects only when it is read:
    a page reads a few dozen of a month's some 260 aggregates.
    """

    def __init__(self, key: tuple[int, str], month: Period, figures: pl.DataFrame, indicators: pl.DataFrame,
                 values: AreaFigures) -> None:
        self.key = key  # the stored version and stamp it was read at
        self.month = month
        self.values = values
        self._figure_frame = figures
        self._indicator_frame = indicators
        self._figure_rows = {k: i for i, k in enumerate(zip(figures["region"], figures["figure"], strict=True))}
        self._indicator_rows = {k: i for i, k in enumerate(zip(indicators["region"], indicators["code"], strict=True))}
        self.figures: dict[tuple[str, str], Aggregate] = {}
        self.indicators: dict[tuple[str, str], IndicatorAggregate | None] = {}
        self._amounts: dict[str, dict[str, Amount]] | None = None  # figure → area → its own value
        self.area_amounts: dict[tuple[str, str], list[AreaAmount]] = {}  # (region, figure) → `Bundle.area_amounts`

    @classmethod
    def of(cls, row: StoredMonth) -> MonthAggregates:
        month = Period.of(row.month)
        return cls(
            (row.version, row.stamp), month, _frame(row.figures), _frame(row.indicators),
            AreaFigures(_frame(row.areas), {(area, month.year): note for area, note in row.notes}),
        )

    def figure_row(self, region: str, code: str) -> dict[str, Any] | None:
        index = self._figure_rows.get((region, code))
        return None if index is None else self._figure_frame.row(index, named=True)

    def indicator_row(self, region: str, code: str) -> dict[str, Any] | None:
        index = self._indicator_rows.get((region, code))
        return None if index is None else self._indicator_frame.row(index, named=True)

    def amount(self, area: str, figure: str) -> Amount:
        """Return an area's own value of a figure this month, on today's borders."""
        return self.amounts(figure).get(area, MISSING)

    def amounts(self, figure: str) -> Mapping[str, Amount]:
        """Return every area's own value of a figure this month (absent: none registered)."""
        if self._amounts is None:
            found: dict[str, dict[str, Amount]] = {}
            for a, f, status, value in self.values.frame.select("area", "figure", "status", "value").iter_rows():
                found.setdefault(f, {})[a] = Amount(Status(status), value)
            self._amounts = found
        return self._amounts.get(figure, {})


_months_lock = threading.Lock()
_months: OrderedDict[date, MonthAggregates] = OrderedDict()


def _read_months(index: dict[date, tuple[int, str]], wanted: Iterable[date]) -> dict[date, MonthAggregates]:
    """Return the wanted stored months, from memory where the stored version is the one held, else read."""
    found: dict[date, MonthAggregates] = {}
    with _months_lock:
        for day in wanted:
            entry = _months.get(day)
            if entry is not None and entry.key == index.get(day):
                _months.move_to_end(day)
                found[day] = entry
    missing = [day for day in wanted if day not in found and day in index]
    if missing:
        for row in StoredMonth.objects.filter(month__in=missing):
            found[row.month] = MonthAggregates.of(row)
        with _months_lock:
            for day in missing:
                if day in found:
                    _months[day] = found[day]
                    _months.move_to_end(day)
            while len(_months) > KEPT_MONTHS:
                _months.popitem(last=False)
    return found


class StoredAreas:
    """The areas' values on today's borders and their populations, read from the stored months.

    Stands where the bundle once held every value in memory (`Bundle.loaded`).
    """

    def __init__(self, bundle: Bundle, people: dict[tuple[str, tuple[int, int], int], int] | None = None) -> None:
        self._bundle = bundle
        self.parts = bundle.meta.parts
        self.figures = StoredAreaFigures(bundle)
        self._people = people
        self._working_age: dict[int, dict[str, int]] = {}

    def areas(self) -> set[str]:
        """Return every area some region is made of."""
        return {a for codes in self.parts.values() for a in codes}

    def population(self, area: str, year: int, band: tuple[int, int] = WORKING_AGE) -> int | None:
        return self._read_people().get((area, band, year))

    def working_age(self, year: int) -> Mapping[str, int]:
        """Return every area's 18–66 population in the year (absent: not published)."""
        by_year = self._working_age.get(year)
        if by_year is None:
            by_year = {a: n for (a, band, y), n in self._read_people().items() if y == year and band == WORKING_AGE}
            self._working_age[year] = by_year
        return by_year

    def _read_people(self) -> dict[tuple[str, tuple[int, int], int], int]:
        if self._people is None:
            years = sorted({m.year for m in self._bundle.months})
            self._people = population_on_todays_borders(self.areas(), years, {WORKING_AGE})
        return self._people


class StoredAreaFigures:
    """`AreaFigures` for lookups by area, figure and month, and subsets, read month by month."""

    def __init__(self, bundle: Bundle) -> None:
        self._bundle = bundle

    def get(self, area: str, figure: str, month: Period) -> Amount:
        found = self._bundle.month(month)
        return found.amount(area, figure) if found is not None else MISSING

    def of_figure(self, figure: str, month: Period) -> Mapping[str, Amount]:
        """Return every area's own value of the figure for the month (absent: none registered)."""
        found = self._bundle.month(month)
        return found.amounts(figure) if found is not None else {}

    def subset(self, areas: Iterable[str], figures: Iterable[str], first: Period, last: Period) -> AreaFigures:
        """Return the values and notes of some areas, figures and months only."""
        months = self._bundle.months_between(first, last)
        wanted, codes = set(areas), set(figures)
        frames = [
            m.values.frame.filter(pl.col("area").is_in(wanted) & pl.col("figure").is_in(codes)) for m in months
        ]
        notes = {key: note for m in months for key, note in m.values.notes.items() if key[0] in wanted}
        return AreaFigures(pl.concat(frames) if frames else pl.DataFrame(schema=FRAME_SCHEMA), notes)


class Bundle:
    """Every aggregate as stored for one data version: what the statistics pages, reports and scorecards read."""

    def __init__(self, stored: Stored, meta: Meta, index: dict[date, tuple[int, str]],
                 earlier: Bundle | None = None) -> None:
        self.stored = stored
        self.meta = meta
        self._index = index
        self.months = sorted(Period.of(day) for day in index)
        self.regions = meta.regions
        self.names = meta.names
        self.figures = meta.figures
        self.indicators = meta.indicators
        # Population is reference data: the same as the earlier bundle's while no recompute of everything came between.
        same = earlier is not None and earlier.stored.everything_version == stored.everything_version
        self.loaded: StoredAreas = StoredAreas(self, earlier.loaded._people if same and earlier is not None else None)
        self._makers: dict[int, IndicatorMaker] = {}
        # The months this bundle has read, held while the bundle is current (`_months` may let them go sooner).
        self._held: dict[Period, MonthAggregates] = {}
        # A month's first days as the earlier bundle read them, while its stored version is the same.
        self._first_days: dict[Period, dict[str, date]] = {} if earlier is None else {
            month: days for month, days in earlier._first_days.items()
            if earlier._index.get(month.first_day) == index.get(month.first_day)
        }
        self._remembered: dict[Hashable, Any] = {}

    def remembered(self, key: Hashable, compute: Callable[[], T]) -> T:
        """Return what `compute` gives for the key, computed once while this bundle is current.

        For results derived from this bundle's aggregates only. Two threads may
        both compute a missing key: the results are equal, and either is kept.
        """
        if key in self._remembered:
            return cast(T, self._remembered[key])
        if len(self._remembered) >= REMEMBERED:
            self._remembered.clear()
        result = compute()
        self._remembered[key] = result
        return result

    def month(self, month: Period) -> MonthAggregates | None:
        held = self._held.get(month)
        if held is None and month.first_day in self._index:
            held = _read_months(self._index, [month.first_day]).get(month.first_day)
            if held is not None:
                self._held[month] = held
        return held

    def first_days(self, month: Period) -> dict[str, date] | None:
        """Return `first_days_of` one month; None if it is not stored."""
        return self.first_days_of([month]).get(month)

    def first_days_of(self, months: Iterable[Period]) -> dict[Period, dict[str, date]]:
        """Return the day each served area first had figures for each stored month, on today's borders.

        An area without figures for a month is absent; a month not stored too. Read in one query.

        Only the small column of days: the follow-up pages read every month, but none of its aggregates.
        """
        wanted = list(months)
        missing = [m.first_day for m in wanted if m not in self._first_days and m.first_day in self._index]
        if missing:
            for day, data in StoredMonth.objects.filter(month__in=missing).values_list("month", "first_days"):
                frame = _frame(data)
                self._first_days[Period.of(day)] = dict(zip(frame["area"].to_list(), frame["day"].to_list(),
                                                            strict=True))
        return {m: self._first_days[m] for m in wanted if m in self._first_days}

    def months_between(self, first: Period, last: Period) -> list[MonthAggregates]:
        wanted = [m for m in periods_between(first, last) if m not in self._held]
        if wanted:
            for day, held in _read_months(self._index, [m.first_day for m in wanted]).items():
                self._held[Period.of(day)] = held
        return [self._held[m] for m in periods_between(first, last) if m in self._held]

    def figure(self, region: str, code: str, month: Period) -> Aggregate | None:
        stored = self.month(month)
        if stored is None or code not in self.figures:
            return None
        key = (region, code)
        found = stored.figures.get(key)
        if found is None:
            row = stored.figure_row(region, code)
            if row is not None:
                found = figure_from_row(self.figures[code], row)
            elif region in self.meta.parts:  # a region without areas
                found = aggregate(self.figures[code], [])
            else:
                return None
            stored.figures[key] = found
        return found

    def indicator(self, region: str, code: str, month: Period) -> IndicatorAggregate | None:
        stored = self.month(month)
        if stored is None:
            return None
        key = (region, code)
        if key not in stored.indicators:
            versions = next((vs for i, vs in self.indicators if i.code == code), None)
            version = d.version_in_force(versions, month) if versions else None
            row = stored.indicator_row(region, code)
            if version is None or (row is None and region not in self.meta.parts):
                stored.indicators[key] = None
            else:
                maker = self._makers.setdefault(id(version), IndicatorMaker(version, self.figures))
                stored.indicators[key] = maker(row if row is not None else EMPTY_INDICATOR_ROW)
        return stored.indicators[key]

    def parts(self, region: str) -> tuple[str, ...]:
        return self.meta.parts.get(region, ())

    def area_amounts(self, region: str, code: str, month: Period) -> list[AreaAmount]:
        """Return the region's areas with their own value and 18–66 population, for like-for-like change."""
        stored = self.month(month)
        if stored is None:
            return [AreaAmount(a, MISSING, self.loaded.population(a, month.year)) for a in self.parts(region)]
        # Kept with the stored month, which a change of its values or of population gives a new version.
        found = stored.area_amounts.get((region, code))
        if found is None:
            amounts, people = stored.amounts(code), self.loaded.working_age(month.year)
            found = [AreaAmount(a, amounts.get(a, MISSING), people.get(a)) for a in self.parts(region)]
            stored.area_amounts[(region, code)] = found
        return found


_lock = threading.Lock()
_looking = threading.Lock()  # held by the request thread looking for changes after the lag
_current: Bundle | None = None
# When (time.monotonic) a read last began that found `_current` current: requests may be served it for the lag after.
_checked_at = 0.0


def current_bundle() -> Bundle:
    """Return the aggregates for the data as it is now.

    Three small queries find whether anything changed since this process last
    looked; a change committed by any process or command shows on the next read,
    or, in a request, within the lag (`statistics.lag`).
    """
    bundle = _current
    if bundle is None or not lag.may_serve_stale(_checked_at):
        return _look()
    if lag.may_lag(_checked_at):
        return bundle
    # Past the lag: one request thread of the process looks, the others are served what it had meanwhile,
    # rather than all of them waiting for the same refresh.
    if not _looking.acquire(blocking=False):
        return bundle
    try:
        return _look()
    finally:
        _looking.release()


def _look() -> Bundle:
    """Return the aggregates for the data as committed now, refreshed if they are not."""
    global _current, _checked_at
    started = time.monotonic()
    stored = refresh()
    bundle = _current
    if bundle is not None and bundle.stored == stored:
        _checked_at = max(_checked_at, started)
        return bundle
    with _lock:
        bundle = _current
        if bundle is None or bundle.stored != stored:
            rows = StoredMonth.objects.values_list("month", "version", "stamp")
            index = {day: (number, stamp) for day, number, stamp in rows}
            same = bundle is not None and bundle.stored.everything_version == stored.everything_version
            meta = bundle.meta if same and bundle is not None else Meta.read()
            bundle = Bundle(stored, meta, index, bundle)
            _current = bundle
        _checked_at = max(_checked_at, started)
        return bundle


def forget() -> None:
    """Forget what this process holds in memory (tests roll the database back under it)."""
    global _current, _checked_at
    _current = None
    _checked_at = 0.0
    with _months_lock:
        _months.clear()


def fylker(bundle: Bundle) -> Sequence[str]:
    return [r for r in bundle.regions if len(r) == 2]
