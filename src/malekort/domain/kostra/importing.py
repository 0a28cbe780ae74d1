"""One import of KOSTRA files: read each, pair 11F with the previous year's, compute, suppress.

The caller gives bytes and the reference facts (valid municipalities per year,
municipalities that register per district, the last month to cover) and gets
back a summary per file and the key figures per area and month, already
through the 1–3 rule. Nothing person-level is in the result.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import polars as pl

from malekort.domain.files.errors import LineError
from malekort.domain.kostra.compute import (
    assistance_figures,
    qualification_figures,
    suppressed,
)
from malekort.domain.kostra.layouts import FIRST_YEAR, LAST_YEAR, Form
from malekort.domain.kostra.reading import (
    OSLO,
    KostraFileRejected,
    LineGroup,
    MunicipalitiesOf,
    ReadFile,
    describe_lines,
    read_kostra_file,
)
from malekort.domain.periods import Period, label


@dataclass(frozen=True)
class KostraInput:
    """A file as given: its name and bytes."""

    filename: str
    data: bytes


@dataclass
class FileSummary:
    """What one file holds and what became of it; no person-level data."""

    filename: str
    sha256: str
    form: Form | None = None
    year: int | None = None
    line_count: int = 0
    person_count: int = 0
    without_birth_date: int = 0
    refused: list[LineError] = field(default_factory=list)
    warnings: list[LineGroup] = field(default_factory=list)
    area_lines: dict[str, tuple[int, ...]] = field(default_factory=dict)
    months: tuple[int, ...] = ()
    notes: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        if self.form is None or self.year is None:
            return "ukjent KOSTRA-fil"
        return f"{self.form.label} {self.year}"

    @property
    def is_refused(self) -> bool:
        return bool(self.refused)

    @property
    def areas(self) -> list[str]:
        return sorted(self.area_lines)

    def refuse(self, reason: str, line: int | None = None) -> None:
        self.refused.append(LineError(line, reason))


@dataclass
class KostraResult:
    """Every file's summary and the suppressed figures: `file` (index), area, year, month, figure, value, dotted."""

    files: list[FileSummary]
    figures: pl.DataFrame

    def figures_of(self, index: int) -> pl.DataFrame:
        return self.figures.filter(pl.col("file") == index)


RESULT_SCHEMA = pl.Schema({
    "file": pl.Int32, "area": pl.String, "year": pl.Int16, "month": pl.Int8,
    "figure": pl.String, "value": pl.Int64, "dotted": pl.Boolean,
})


def compute_import(
    inputs: Sequence[KostraInput],
    *,
    municipalities: MunicipalitiesOf,
    registers_per_district: Mapping[str, str],
    last_month: Period,
    previous_areas: Mapping[str, Sequence[str]] | None = None,
    refuse_areas: Callable[[Sequence[str]], Mapping[str, str]] | None = None,
) -> KostraResult:
    """Return the summary of every file and the key figures of every file not refused.

    `registers_per_district` maps municipalities other than Oslo that register
    per district in Målekort to their names: their files have no districts, so
    they are refused. `last_month` is the last month to cover. `previous_areas`
    maps 2023 codes that changed in 2024 onto today's, for SH_LANGTID.
    `refuse_areas(areas)` returns a reason for each area the file may not
    hold (outside the user's scope, unknown): such a file is refused.
    """
    read: list[ReadFile | None] = []
    summaries: list[FileSummary] = []
    for given, (digest, found_or_error) in zip(inputs, _read_all(inputs, municipalities), strict=True):
        summary = FileSummary(filename=given.filename, sha256=digest)
        found: ReadFile | None = None
        if isinstance(found_or_error, KostraFileRejected):
            summary.refuse(str(found_or_error))
        else:
            found = found_or_error
        if found is not None:
            _describe(summary, found)
            _refuse_district_municipalities(summary, registers_per_district)
            if refuse_areas is not None:
                for area, reason in sorted(refuse_areas(summary.areas).items()):
                    summary.refuse(f"{reason} ({describe_lines(summary.area_lines[area])})")
        read.append(found)
        summaries.append(summary)
    _refuse_repeated_areas(summaries)
    usable = {
        n: found for n, found in enumerate(read)
        if found is not None and found.persons is not None and not summaries[n].is_refused
    }
    parts: list[pl.DataFrame] = []
    for n, found in usable.items():
        summary = summaries[n]
        assert found.persons is not None and found.year is not None
        months = _covered_months(found.year, last_month)
        summary.months = months
        if not months:
            summary.notes.append(f"Ingen måned i {found.year} er avsluttet ennå; ingenting å lagre.")
        if found.form is Form.SOCIAL_ASSISTANCE:
            previous = _persons_of(usable, Form.SOCIAL_ASSISTANCE, found.year - 1)
            if previous is None and months and min(months) < 12:
                summary.notes.append(
                    f"SH_LANGTID for januar–november {found.year} er ikke beregnet fordi 11F-filen for "
                    f"{found.year - 1} ikke er med; desember beregnes av årets fil alene."
                )
            figures = assistance_figures(
                found.persons, year=found.year, months=months, previous=previous, previous_areas=previous_areas
            )
            if summary.without_birth_date:
                summary.notes.append(
                    f"{summary.without_birth_date} {_persons_word(summary.without_birth_date)} uten fødselsdato "
                    "eller gyldig fødselsnummer er talt med i SH_MOTTAKERE, men ikke i SH_UNDER30 og SH_UNDER25."
                )
            summary.notes.append(
                "SH_HOVEDKILDE bygger på kilden til livsopphold ved siste kontakt i året (VKLO)."
            )
        else:
            figures = qualification_figures(found.persons, year=found.year, months=months)
        parts.append(
            suppressed(figures).with_columns(pl.lit(n).alias("file"), pl.lit(found.year).alias("year"))
        )
    for found in read:
        if found is not None:
            found.persons = None  # the person-level frames are no longer needed
    figures_frame = (
        pl.concat([p.select(list(RESULT_SCHEMA)).cast(RESULT_SCHEMA) for p in parts]) if parts
        else pl.DataFrame(schema=RESULT_SCHEMA)
    )
    return KostraResult(files=summaries, figures=figures_frame)


# Files are read two at a time: numpy and polars leave Python's lock while they work, so two cores help.
READING_THREADS = 2


def _read_all(
    inputs: Sequence[KostraInput], municipalities: MunicipalitiesOf
) -> list[tuple[str, ReadFile | KostraFileRejected]]:
    """Return each file's SHA-256 and the file read (or why it is no KOSTRA file), reading files side by side.

    The municipalities of every year are looked up first, here: the threads
    only compute.
    """
    known = {year: frozenset(municipalities(year)) for year in range(FIRST_YEAR, LAST_YEAR + 1)}

    def read_one(given: KostraInput) -> tuple[str, ReadFile | KostraFileRejected]:
        digest = hashlib.sha256(given.data).hexdigest()
        try:
            return digest, read_kostra_file(given.data, filename=given.filename, municipalities=known.__getitem__)
        except KostraFileRejected as error:
            return digest, error

    if len(inputs) < 2:
        return [read_one(given) for given in inputs]
    with ThreadPoolExecutor(max_workers=READING_THREADS) as pool:
        return list(pool.map(read_one, inputs))


def _persons_word(count: int) -> str:
    return "person" if count == 1 else "personer"


def _describe(summary: FileSummary, found: ReadFile) -> None:
    summary.form, summary.year, summary.line_count = found.form, found.year, found.line_count
    summary.refused += found.refused
    summary.warnings = found.warnings
    summary.area_lines = found.area_lines
    if found.persons is None or found.is_empty:
        summary.notes.append("Filen har ingen mottakere (en kommune uten mottakere leverer en fil med ett mellomrom).")
        return
    persons = found.persons
    summary.person_count = persons.select(pl.struct("area", "person").n_unique()).item()
    summary.without_birth_date = persons.get_column("birth").null_count()


def _refuse_district_municipalities(summary: FileSummary, registers_per_district: Mapping[str, str]) -> None:
    municipalities = sorted({area[:4] for area in summary.area_lines if area[:4] != OSLO})
    for code in municipalities:
        if code in registers_per_district:
            summary.refuse(
                f"{registers_per_district[code]} ({code}) registrerer nøkkeltallene per bydel i Målekort, men "
                "KOSTRA-filene har bydelsnummer bare for Oslo. Tallene kan ikke fordeles på bydelene, så filen "
                "er avvist og ingenting er lagret. Registrer tallene per bydel i skjemaet eller med en verdifil."
            )


def _refuse_repeated_areas(summaries: Sequence[FileSummary]) -> None:
    """Refuse a file whose areas an earlier file of the same form and year already covers."""
    seen: dict[tuple[Form | None, int | None, str], str] = {}
    for summary in summaries:
        if summary.is_refused:
            continue
        clashes = sorted(
            (area, seen[(summary.form, summary.year, area)])
            for area in summary.area_lines
            if (summary.form, summary.year, area) in seen
        )
        for area, other in clashes:
            summary.refuse(
                f"Område {area} finnes også i {other} ({summary.label}); én fil per område og år."
            )
        if not clashes:
            for area in summary.area_lines:
                seen[(summary.form, summary.year, area)] = summary.filename


def _persons_of(usable: Mapping[int, ReadFile], form: Form, year: int) -> pl.DataFrame | None:
    frames = [f.persons for f in usable.values() if f.form is form and f.year == year and f.persons is not None]
    if not frames:
        return None
    return pl.concat(frames, how="vertical_relaxed")


def _covered_months(year: int, last_month: Period) -> tuple[int, ...]:
    if year < last_month.year:
        return tuple(range(1, 13))
    if year == last_month.year:
        return tuple(range(1, last_month.month + 1))
    return ()


def covered_text(summary: FileSummary) -> str:
    """Return the months a file covers, for example «januar 2025 – oktober 2025»."""
    if not summary.months or summary.year is None:
        return "ingen måneder"
    first, last = Period(summary.year, summary.months[0]), Period(summary.year, summary.months[-1])
    return label(first) if first == last else f"{label(first)} – {label(last)}"

