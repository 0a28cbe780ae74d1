"""Import and export of registered values as files (CSV and Excel).

`import_values` checks every line of a file against the same rules as the
form (cell, area, scope, open month, consistency of the month as it will
stand) and writes only through `register_values`. `export_rows` yields the
current values a user may see; `write_csv` and `write_xlsx` write them.
The file format itself lives in `malekort.domain.files.values_file`.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import groupby
from pathlib import Path
from typing import IO, Literal

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from malekort.access.scope import AnyUser, areas_not_editable, visible_area_filter
from malekort.areas.models import Region
from malekort.domain import publication
from malekort.domain.amounts import Amount
from malekort.domain.cells import DOTTED, EMPTY, Cell, CellKind
from malekort.domain.consistency import check_area_month
from malekort.domain.deadlines import is_open_for_registration, last_complete_period
from malekort.domain.files.errors import FileRejected, LineError
from malekort.domain.files.limits import MAX_FILE_BYTES, check_file_size
from malekort.domain.files.values_file import (
    ExportRow,
    RefusedLine,
    ValueLine,
    export_row,
    read_values_file,
    write_csv,
    write_xlsx,
)
from malekort.domain.keyfigures import KeyFigure
from malekort.domain.periods import Period
from malekort.domain.plausibility import population_error
from malekort.domain.regions import NATION_CODE
from malekort.figures.actions import Entry, Key, Outcome, area_populations, register_values
from malekort.figures.catalogue import active_figures, all_figures
from malekort.figures.models import ImportBatch, Source, ValueVersion
from malekort.ops.metrics import observe_import

__all__ = [
    "CONTENT_TYPES",
    "ExportRow",
    "ImportReport",
    "export_rows",
    "import_values",
    "write_csv",
    "write_xlsx",
]

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

LineOutcome = Literal["created", "updated", "unchanged"]


@dataclass
class ImportReport:
    """What an import did, or would do: line numbers per outcome, and each refused line.

    `written` is False for a dry run, and when lines were refused without
    `valid_only`; the created/updated/unchanged lists then say what the lines
    that passed would have done.
    """

    filename: str
    dry_run: bool
    valid_only: bool
    line_count: int = 0
    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    refused: list[RefusedLine] = field(default_factory=list)
    written: bool = False
    batch_id: int | None = None

    @property
    def has_refusals(self) -> bool:
        return bool(self.refused)

    def summary(self) -> list[str]:
        """Return the report in Norwegian, one text per line: counts, then each refused line."""
        text = [
            f"Fil: {self.filename} ({self.line_count} linjer med verdier)",
            f"Nye verdier: {len(self.created)}",
            f"Endrede verdier: {len(self.updated)}",
            f"Uendrede verdier: {len(self.unchanged)}",
            f"Avviste linjer: {len(self.refused)}",
        ]
        text += [str(line) for line in self.refused]
        if self.dry_run:
            text.append("Prøvekjøring: ingenting ble lagret.")
        elif self.written:
            text.append(f"Verdiene er lagret (filimport nr. {self.batch_id}).")
        elif self.refused and not self.valid_only:
            text.append(
                "Ingenting ble lagret fordi linjer ble avvist. Rett linjene, eller importer "
                "bare de gyldige linjene."
            )
        else:
            text.append("Ingenting ble lagret: filen har ingen gyldige linjer.")
        return text


def import_values(
    *,
    path_or_file: str | os.PathLike[str] | IO[bytes],
    filename: str,
    user: User | None,
    valid_only: bool,
    dry_run: bool,
    now: datetime | None = None,
    source: Source = Source.FILE,
) -> ImportReport:
    """Check every line of a CSV or Excel file of values and register them as one import.

    `source` is what the values' history names as their source: a file by
    default, Arena for the Directorate's loads of KVP participants.

    If any line is refused nothing is written, unless `valid_only`: then the
    other lines are written (checked again without the refused ones, until no
    more are refused). `dry_run` writes nothing. `user` None is the system,
    which may change every area. Raises FileRejected when the file cannot be
    read at all (format, header), and ConcurrentEditError or RegistrationError
    from `register_values` if someone changed the same months while we wrote.
    """
    now = now or timezone.now()
    figures = active_figures()
    parsed = read_values_file(_read_bytes(path_or_file), filename, figures)
    report = ImportReport(
        filename=filename, dry_run=dry_run, valid_only=valid_only, line_count=parsed.line_count
    )
    lines, refused_here = _check_areas_and_periods(parsed.lines, user=user, now=now)
    stored = stored_months(line.key for line in lines)
    lines, too_many = _check_population(lines, stored=stored, figures=figures)
    refused_here += too_many
    lines, inconsistent = _check_consistency(lines, stored=stored, figures=figures)
    report.refused = sorted(
        [*parsed.refused, *refused_here, *inconsistent], key=lambda line: line.line_no
    )
    outcomes = {line.line_no: _predict(line, stored.get(line.key)) for line in lines}
    if dry_run or not lines or (report.refused and not valid_only):
        for line in lines:
            getattr(report, outcomes[line.line_no]).append(line.line_no)
        return _observed(report)

    # Unchanged lines would be no-ops; leaving them out spares register_values
    # reading their months again, which is most of a repeated import.
    changed = [line for line in lines if outcomes[line.line_no] != "unchanged"]
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            filename=filename[:255], imported_at=now, imported_by=user
        )
        outcome = register_values(
            entries=[_entry(line) for line in changed],
            user=user,
            source=source,
            batch=batch,
            now=now,
        ) if changed else Outcome()
        batch.created, batch.updated = outcome.created, outcome.updated
        batch.unchanged = len(lines) - outcome.created - outcome.updated
        batch.save(update_fields=["created", "updated", "unchanged"])
    created, updated = set(outcome.created_keys), set(outcome.updated_keys)
    for line in lines:
        if line.key in created:
            report.created.append(line.line_no)
        elif line.key in updated:
            report.updated.append(line.line_no)
        else:
            report.unchanged.append(line.line_no)
    report.written, report.batch_id = True, batch.pk
    return _observed(report)


def _observed(report: ImportReport) -> ImportReport:
    """Count the import and its refused lines in the metrics (malekort.ops)."""
    observe_import(
        dry_run=report.dry_run, written=report.written, lines=report.line_count, refused=len(report.refused)
    )
    return report


@dataclass(frozen=True, slots=True)
class StoredValue:
    """The current cell and comment of a value, without the rest of its version."""

    cell: Cell
    comment: str


def stored_months(keys: Iterable[Key]) -> dict[Key, StoredValue]:
    """Return every current value of the area-months the keys touch, in one query.

    Whole months, as `current_versions` does, since a file that changes a total
    is checked against the sub-counts already stored. Tuples instead of model
    instances: for a demo file (180,000 values) this is 0.3 s instead of 3 s.
    """
    months = {(area, period) for area, period, _ in keys}
    if not months:
        return {}
    periods = [period for _, period in months]
    rows = ValueVersion.objects.filter(
        superseded_at__isnull=True,
        area_id__in=sorted({area for area, _ in months}),
        period__gte=min(periods).first_day,
        period__lte=max(periods).first_day,
    ).values_list("area_id", "period", "figure_id", "kind", "number", "comment")
    # Compare stored dates, not Periods: a date hashes in C, a Period in Python.
    wanted = {(area, period.first_day): period for area, period in months}
    cells = {CellKind.DOT.value: DOTTED, CellKind.EMPTY.value: EMPTY}
    found: dict[Key, StoredValue] = {}
    for area, day, code, kind, number, comment in rows.iterator(chunk_size=10_000):
        period = wanted.get((area, day))
        if period is not None:
            cell = cells.get(kind) or Cell(CellKind.NUMBER, number)
            found[(area, period, code)] = StoredValue(cell, comment)
    return found


def _read_bytes(path_or_file: str | os.PathLike[str] | IO[bytes]) -> bytes:
    """Return the bytes of a file, refusing one past the size limit before reading it."""
    if isinstance(path_or_file, str | os.PathLike):
        try:
            with Path(path_or_file).open("rb") as stream:
                check_file_size(os.fstat(stream.fileno()).st_size)
                return stream.read(MAX_FILE_BYTES + 1)
        except OSError as error:
            raise FileRejected(
                [LineError(None, f"kan ikke lese filen {path_or_file}: {error.strerror}")]
            ) from error
    if hasattr(path_or_file, "seek"):
        path_or_file.seek(0)
    data = path_or_file.read(MAX_FILE_BYTES + 1)
    if not isinstance(data, bytes):
        raise TypeError("import_values needs a file opened in binary mode")
    check_file_size(len(data))
    return data


def _entry(line: ValueLine) -> Entry:
    return Entry(
        area=line.area, period=line.period, figure=line.figure, cell=line.cell, comment=line.comment
    )


def _check_areas_and_periods(
    lines: Sequence[ValueLine], *, user: User | None, now: datetime
) -> tuple[list[ValueLine], list[RefusedLine]]:
    """Return the lines whose area exists and is the user's and whose month is open."""
    today = timezone.localdate(now)
    codes = {line.area for line in lines}
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name")) if codes else {}
    not_editable = areas_not_editable(user, codes & names.keys())
    open_periods: dict[Period, bool] = {}
    last_open = last_complete_period(today)
    kept: list[ValueLine] = []
    refused: list[RefusedLine] = []
    for line in lines:
        if line.area not in names:
            reason = f"området «{line.area}» finnes ikke i regionregisteret."
        elif line.area in not_editable:
            reason = (
                f"Du har ikke tilgang til område {line.area} {names[line.area]} "
                "og kan ikke registrere tall for det."
            )
        else:
            is_open = open_periods.get(line.period)
            if is_open is None:
                is_open = open_periods[line.period] = is_open_for_registration(line.period, today)
            if is_open:
                kept.append(line)
                continue
            reason = (
                f"perioden {line.period} er ikke åpen for registrering: bare fra 2022-01 "
                f"til og med siste avsluttede måned ({last_open})."
            )
        refused.append(RefusedLine(line.line_no, reason))
    return kept, refused


def _check_population(
    lines: Sequence[ValueLine], *, stored: Mapping[Key, StoredValue], figures: Mapping[str, KeyFigure]
) -> tuple[list[ValueLine], list[RefusedLine]]:
    """Return the lines whose changed counts are no more people than live in their area, refusing the others.

    The rule `register_values` applies when it saves, here already in the dry run.
    """
    numbers = [
        line for line in lines
        if line.cell.number is not None and figures[line.figure].is_count and _changes(line, stored)
    ]
    populations = area_populations({(line.area, line.period) for line in numbers})
    kept: list[ValueLine] = []
    refused: list[RefusedLine] = []
    checked = {line.line_no for line in numbers}
    for line in lines:
        number = line.cell.number
        reason = None if number is None or line.line_no not in checked else population_error(
            number, figures[line.figure], populations.get((line.area, line.period.year)), line.period.year
        )
        if reason is None:
            kept.append(line)
        else:
            refused.append(RefusedLine(line.line_no, reason))
    return kept, refused


def _changes(line: ValueLine, stored: Mapping[Key, StoredValue]) -> bool:
    old = stored.get(line.key)
    return old is None or old.cell != line.cell


def _check_consistency(
    lines: Sequence[ValueLine],
    *,
    stored: Mapping[Key, StoredValue],
    figures: Mapping[str, KeyFigure],
) -> tuple[list[ValueLine], list[RefusedLine]]:
    """Return the lines that keep their months consistent, refusing the others.

    A refused line is not laid over the stored month, so the remaining lines
    are checked again (a dropped total may leave a sub-count too large) until
    no more are refused.
    """
    stored_cells: dict[tuple[str, Period], dict[str, Cell]] = defaultdict(dict)
    for (area, period, code), value in stored.items():
        stored_cells[(area, period)][code] = value.cell
    kept = list(lines)
    refused: list[RefusedLine] = []
    while kept:
        errors = month_errors(kept, stored_cells, figures)
        if not errors:
            break
        blamed = _blame(errors, kept, stored=stored, figures=figures)
        refused += [RefusedLine(no, reason) for no, reason in blamed.items()]
        kept = [line for line in kept if line.line_no not in blamed]
    return kept, refused


def month_errors(
    lines: Iterable[ValueLine],
    stored: Mapping[tuple[str, Period], Mapping[str, Cell]],
    figures: Mapping[str, KeyFigure],
) -> dict[Key, str]:
    """Return the consistency errors of each month the lines touch, as it will stand, by key.

    The rule of `check_entries` (the stored month with the new values laid
    over it), on cells, so that no model instance is made per value.
    """
    months: dict[tuple[str, Period], dict[str, Cell]] = {}
    for line in lines:
        month = months.get((line.area, line.period))
        if month is None:
            month = months[(line.area, line.period)] = dict(stored.get((line.area, line.period), {}))
        month[line.figure] = line.cell
    errors: dict[Key, str] = {}
    for (area, period), cells in months.items():
        for code, reason in check_area_month(cells, figures).items():
            errors[(area, period, code)] = reason
    return errors


def _blame(
    errors: Mapping[Key, str],
    lines: Sequence[ValueLine],
    *,
    stored: Mapping[Key, StoredValue],
    figures: Mapping[str, KeyFigure],
) -> dict[int, str]:
    """Return, by line number, the reason for each line that causes an error.

    An error on a value in the file refuses its line. An error on a stored
    value (a sub-count the file does not touch) refuses the file's lines for
    the figures it is bounded by, or else every line of that area and month.
    """
    by_key = {line.key: line for line in lines}
    by_month: dict[tuple[str, Period], list[ValueLine]] = defaultdict(list)
    blamed: dict[int, str] = {}
    for key, reason in errors.items():
        line = by_key.get(key)
        if line is not None:
            blamed.setdefault(
                line.line_no, f"verdien «{_text(line.cell)}» for {line.figure}: {reason}"
            )
            continue
        area, period, code = key
        if not by_month:
            for each in lines:
                by_month[(each.area, each.period)].append(each)
        figure = figures.get(code)
        bounds: set[str] = set()
        if figure is not None:
            bounds.update(figure.at_most)
            if figure.dotted_with:
                bounds.add(figure.dotted_with)
        causes = [by_key[(area, period, b)] for b in sorted(bounds) if (area, period, b) in by_key]
        was = _text(stored[key].cell) if key in stored else ""
        for cause in causes or by_month[(area, period)]:
            blamed.setdefault(
                cause.line_no,
                f"verdien «{_text(cause.cell)}» for {cause.figure}: da blir den lagrede verdien "
                f"«{was}» for {code} i {period} feil. {reason}",
            )
    return blamed


def _published(figure: KeyFigure | None, code: str, cells: Mapping[str, Cell]) -> Cell:
    """Return an area's stored cell as it may be exported: kroner are a dot where the recipients hide them."""
    cell = cells[code]
    if figure is None or figure.dotted_with is None or not cell.is_number:
        return cell
    leader = cells.get(figure.dotted_with, EMPTY)
    shown = publication.cell(figure, Amount.from_cell(cell), Amount.from_cell(leader))
    return cell if shown.is_known else DOTTED


def _text(cell: Cell) -> str:
    return cell.as_text() or "tom"


def _predict(line: ValueLine, old: StoredValue | None) -> LineOutcome:
    """Return what registering the line would do, by the rule `register_values` follows."""
    comment = line.comment if line.comment is not None else (old.comment if old else "")
    if old is None:
        return "unchanged" if line.cell.is_empty and not comment else "created"
    if old.cell == line.cell and old.comment == comment:
        return "unchanged"
    return "updated"


def export_rows(
    *,
    user: AnyUser | None,
    first: Period | None = None,
    last: Period | None = None,
    area_codes: Sequence[str] | None = None,
    figure_codes: Sequence[str] | None = None,
) -> Iterator[ExportRow]:
    """Yield the current values the user may see, by period, area and figure.

    `area_codes` keeps each area given and the areas within it (0301 gives
    Oslo and its bydeler); `figure_codes` keeps those key figures. One query,
    read in chunks, so an export of every value streams.
    """
    figures = all_figures()
    rows = ValueVersion.objects.filter(superseded_at__isnull=True).filter(visible_area_filter(user))
    if first is not None:
        rows = rows.filter(period__gte=first.first_day)
    if last is not None:
        rows = rows.filter(period__lte=last.first_day)
    if area_codes and NATION_CODE not in area_codes:
        within = Q(pk__in=[])
        for code in area_codes:
            within |= Q(area__code__startswith=code)
        rows = rows.filter(within)
    wanted = set(figure_codes) if figure_codes else None
    if wanted:
        # A figure that follows another's dots is published by that one's value: read it too.
        leaders = {figures[c].dotted_with for c in wanted if c in figures and figures[c].dotted_with}
        rows = rows.filter(figure_id__in=list(wanted | {c for c in leaders if c}))
    values = rows.order_by("period", "area_id", "figure__sort_order", "figure_id").values_list(
        "period", "area_id", "figure_id", "kind", "number", "comment", "source", "recorded_at"
    )
    for (period, area), group in groupby(values.iterator(chunk_size=5000), key=lambda row: (row[0], row[1])):
        month = list(group)
        cells = {code: Cell(CellKind(kind), number) for _, _, code, kind, number, *_ in month}
        for _, _, code, _, _, comment, source, recorded_at in month:
            if wanted is not None and code not in wanted:
                continue
            figure = figures.get(code)
            yield export_row(
                period=Period.of(period),
                area=area,
                figure=figure,
                code=code,
                cell=_published(figure, code, cells),
                comment=comment,
                source=source,
            updated_at=timezone.localtime(recorded_at),
        )
