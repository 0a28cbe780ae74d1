"""Importing KOSTRA files: the reference facts, scope, what would change, and storing through `register_values`.

`plan_import` reads and computes (a dry run: nothing is written); `apply_import`
stores every file of a plan that was not refused, one file at a time and all
or nothing per file. The files' bytes live only as long as the call; the plan
holds area-month figures and counts, never a person.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache, cached_property

import polars as pl
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from malekort.access.scope import areas_not_editable
from malekort.areas.models import Region, RegionChange, ServiceArea
from malekort.domain.cells import DOTTED, Cell, CellKind
from malekort.domain.deadlines import last_complete_period
from malekort.domain.kostra.compute import ASSISTANCE_FIGURES, PARTICIPANTS
from malekort.domain.kostra.importing import FileSummary, KostraInput, compute_import
from malekort.domain.kostra.layouts import Form
from malekort.domain.kostra.reading import OSLO
from malekort.domain.periods import Period
from malekort.figures.actions import (
    ConcurrentEditError,
    Entry,
    RegistrationError,
    check_entries,
    current_versions,
    register_values,
)
from malekort.figures.catalogue import active_figures
from malekort.figures.models import ImportBatch, Source, ValueVersion
from malekort.kostra.models import KostraImport

# The year today's area codes took effect; files before it may use the codes then in use.
BORDERS_YEAR = 2024
FIGURE_ORDER = (*ASSISTANCE_FIGURES, PARTICIPANTS)


def source_for(form: Form, year: int) -> Source:
    """Return the source a file's values are stored with, for example «KOSTRA 11F 2025»."""
    return Source(f"k{form.value[:3].lower()}{year}")


@dataclass(frozen=True)
class Change:
    """A stored value the import would replace with a different one."""

    area: str
    period: Period
    figure: str
    old: str
    old_source: str
    new: str


@dataclass
class AreaFigures:
    """One area's new figures in a file, by month and figure, as they will be stored (dots for 1–3)."""

    code: str
    name: str
    months: dict[Period, dict[str, str]] = field(default_factory=dict)


FIGURES_SCHEMA = pl.Schema({
    "area": pl.String, "year": pl.Int16, "month": pl.Int8, "figure": pl.String, "value": pl.Int64,
    "dotted": pl.Boolean,
})


@dataclass
class FilePlan:
    """One file of an import: its summary, the values it gives, what they replace, and what happened.

    `figures` holds the file's suppressed area-month figures (value null and not
    dotted: not computed, so not stored); entries are made from it when needed.
    """

    summary: FileSummary
    figures: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=FIGURES_SCHEMA))
    names: dict[str, str] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)
    stored: bool = False
    created: int = 0
    updated: int = 0
    record_id: int | None = None
    given_entries: list[Entry] | None = None

    @property
    def refused(self) -> bool:
        return self.summary.is_refused

    def storable_figures(self) -> pl.DataFrame:
        return self.figures.filter(pl.col("dotted") | pl.col("value").is_not_null())

    @cached_property
    def entries(self) -> list[Entry]:
        if self.given_entries is not None:
            return self.given_entries
        if self.refused:
            return []
        rows = self.storable_figures().select("area", "year", "month", "figure", "value").iter_rows()
        return [
            Entry(area=area, period=Period(year, month), figure=figure,
                  cell=DOTTED if value is None else Cell.of(value))
            for area, year, month, figure, value in rows
        ]

    @property
    def value_count(self) -> int:
        return len(self.given_entries) if self.given_entries is not None else self.storable_figures().height

    @cached_property
    def areas(self) -> list[AreaFigures]:
        """Return each area's months and figures as text, for the page and the command."""
        by_area: dict[str, AreaFigures] = {}
        for area, year, month, figure, value, dotted in self.figures.iter_rows():
            shown = by_area.setdefault(area, AreaFigures(area, self.names.get(area, area)))
            text = "." if dotted else "" if value is None else str(value)
            shown.months.setdefault(Period(year, month), {})[figure] = text
        return [by_area[code] for code in sorted(by_area)]


@dataclass
class KostraPlan:
    files: list[FilePlan]
    last_month: Period

    @property
    def has_refusals(self) -> bool:
        return any(f.refused for f in self.files)

    @property
    def storable(self) -> list[FilePlan]:
        return [f for f in self.files if not f.refused and f.value_count]


def _cell_text(cell: Cell) -> str:
    return cell.as_text() or "tom"


@cache
def _municipalities_in(year: int) -> frozenset[str]:
    """Return the municipality codes in use in a year (codes without dates are taken as in use)."""
    rows = Region.objects.filter(level="kommune").filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=date(year, 12, 31)),
        Q(valid_to__isnull=True) | Q(valid_to__gte=date(year, 1, 1)),
    )
    return frozenset(rows.values_list("code", flat=True))


def _registers_per_district() -> dict[str, str]:
    """Return the municipalities other than Oslo whose districts are served areas, with their names."""
    rows = ServiceArea.objects.filter(area__level="bydel").exclude(area__parent_id=OSLO)
    return {code: name for code, name in rows.values_list("area__parent_id", "area__parent__name") if code}


def _previous_areas() -> dict[str, list[str]]:
    """Return the 2023 codes that changed in 2024, each with today's codes, for SH_LANGTID across the change."""
    found: dict[str, list[str]] = defaultdict(list)
    rows = RegionChange.objects.filter(year=BORDERS_YEAR - 1).values_list("original_code", "current_code")
    for old, new in rows:
        if old != new:
            found[old].append(new)
    return dict(found)


def plan_import(
    inputs: Sequence[KostraInput],
    *,
    user: User | None,
    through: Period | None = None,
    now: datetime | None = None,
) -> KostraPlan:
    """Read and compute the files and say what storing them would change; write nothing.

    `user` None is the system (every area); otherwise a file holding lines for
    an area the user may not change is refused. The months covered run to the
    last ended month, or `through` if earlier.
    """
    now = now or timezone.now()
    last_month = last_complete_period(timezone.localdate(now))
    if through is not None and through < last_month:
        last_month = through
    _municipalities_in.cache_clear()
    names: dict[str, str] = {}

    def refuse_areas(areas: Sequence[str]) -> dict[str, str]:
        names.update(Region.objects.filter(code__in=areas).values_list("code", "name"))
        reasons = {a: f"Området {a} finnes ikke i regionregisteret" for a in areas if a not in names}
        for area in sorted(areas_not_editable(user, [a for a in areas if a in names])):
            reasons[area] = (
                f"Du har ikke tilgang til å registrere tall for {area} {names[area]}, og filen har linjer for "
                "området. Be kommunen eller direktoratet importere filen, eller få en fil med bare dine områder"
            )
        return reasons

    result = compute_import(
        inputs,
        municipalities=_municipalities_in,
        registers_per_district=_registers_per_district(),
        last_month=last_month,
        previous_areas=_previous_areas(),
        refuse_areas=refuse_areas,
    )
    plans = [
        FilePlan(summary, figures=result.figures_of(n).select(list(FIGURES_SCHEMA)), names=names)
        for n, summary in enumerate(result.files)
    ]
    _compare_with_stored([plan for plan in plans if not plan.refused], now=now)
    return KostraPlan(files=plans, last_month=last_month)


def _compare_with_stored(plans: Sequence[FilePlan], *, now: datetime) -> None:
    """List the stored values each file would replace, and refuse a file that breaks a month's rules.

    Only area-months that already hold values can change or break a rule, so
    only they are looked at value by value.
    """
    frames = [plan.storable_figures() for plan in plans]
    if not any(frame.height for frame in frames):
        return
    every = pl.concat(frames)
    areas = every.get_column("area").unique().to_list()
    years = every.get_column("year").unique().to_list()
    stored = ValueVersion.objects.filter(
        superseded_at__isnull=True, area_id__in=areas,
        period__gte=date(min(years), 1, 1), period__lte=date(max(years), 12, 1),
    ).exclude(kind=CellKind.EMPTY.value).values_list("area_id", "period", "figure_id", "kind", "number", "source")
    labels = {s.value: s.label for s in Source}
    old = {
        (area, day.year, day.month, figure): (Cell(CellKind(kind), number), source)
        for area, day, figure, kind, number, source in stored
    }
    if not old:
        return
    touched = {(area, year, month) for area, year, month, _ in old}
    figures = active_figures()
    for plan in plans:
        entries = [e for e in plan.entries if (e.area, e.period.year, e.period.month) in touched]
        for entry in entries:
            was = old.get((entry.area, entry.period.year, entry.period.month, entry.figure))
            if was is not None and was[0] != entry.cell:
                plan.changes.append(Change(
                    entry.area, entry.period, entry.figure, _cell_text(was[0]),
                    labels.get(was[1], was[1]), _cell_text(entry.cell),
                ))
        if not entries:
            continue
        current = current_versions([e.key for e in entries])
        errors = check_entries(entries, current=current, figures=figures, today=now)
        for (area, period, figure), reason in sorted(errors.items(), key=lambda item: (item[0][0], item[0][1])):
            plan.summary.refuse(
                f"Område {area}, {period}, {figure}: {reason} (de andre tallene for måneden er lagret fra før)."
            )


def apply_import(plan: KostraPlan, *, user: User | None, now: datetime | None = None) -> KostraPlan:
    """Store every file of the plan that was not refused, each file atomically, and record the imports."""
    now = now or timezone.now()
    for file in plan.storable:
        summary = file.summary
        assert summary.form is not None and summary.year is not None
        try:
            with transaction.atomic():
                batch = ImportBatch.objects.create(
                    filename=summary.filename[:255], imported_at=now, imported_by=user
                )
                outcome = register_values(
                    entries=file.entries, user=user, source=source_for(summary.form, summary.year),
                    batch=batch, now=now,
                )
                batch.created, batch.updated, batch.unchanged = outcome.created, outcome.updated, outcome.unchanged
                batch.save(update_fields=["created", "updated", "unchanged"])
                record = KostraImport.objects.create(
                    batch=batch,
                    filename=summary.filename[:255],
                    sha256=summary.sha256,
                    form=summary.form.value,
                    year=summary.year,
                    line_count=summary.line_count,
                    person_count=summary.person_count,
                    area_count=len(summary.area_lines),
                    first_month=Period(summary.year, summary.months[0]).first_day,
                    last_month=Period(summary.year, summary.months[-1]).first_day,
                    imported_at=now,
                    imported_by=user,
                )
        except (RegistrationError, ConcurrentEditError):
            summary.refuse(
                "Noen endret de samme månedene mens filen ble lagret; ingenting fra denne filen ble lagret. "
                "Prøv igjen."
            )
            continue
        file.stored, file.created, file.updated, file.record_id = True, outcome.created, outcome.updated, record.pk
    return plan


def stored_source_of(area: str, period: Period, figure: str) -> str | None:
    """Return the source label of the current value of one cell (for tests and the command's summary)."""
    version = ValueVersion.objects.filter(
        area_id=area, period=period.first_day, figure_id=figure, superseded_at__isnull=True
    ).first()
    return version.get_source_display() if version else None


def main_series(plan: FilePlan) -> list[tuple[str, str, list[str]]]:
    """Return per area its name and the monthly values of the file's headline figure (recipients or participants)."""
    headline = PARTICIPANTS if plan.summary.form is Form.QUALIFICATION else ASSISTANCE_FIGURES[0]
    rows = (
        plan.figures.filter(pl.col("figure") == headline).sort("area", "year", "month")
        .group_by("area", maintain_order=True)
        .agg(pl.when(pl.col("dotted")).then(pl.lit(".")).otherwise(pl.col("value").cast(pl.String)).alias("texts"))
    )
    return [(area, plan.names.get(area, area), texts) for area, texts in rows.iter_rows()]


def figures_in_order(figures: Mapping[str, str]) -> list[tuple[str, str]]:
    """Return a month's figures in the catalogue's order."""
    return [(code, figures[code]) for code in FIGURE_ORDER if code in figures]
