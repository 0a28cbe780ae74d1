"""Registered values as amounts on today's area codes, for indicators and statistics.

An area's figure for a month is what was registered on its own code. Where
nothing was registered on today's code and the month lies before a border
change, the figure comes from the codes then in use (3001 Halden → 3101), a
split area's share weighted by population, and a note says so.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property

import polars as pl

from malekort.areas.models import Region, RegionChange
from malekort.areas.population import population_by_band
from malekort.domain.amounts import MISSING, Amount, Status
from malekort.domain.borders import (
    Band,
    BorderChange,
    Borders,
    ChangeRow,
    Contribution,
    TodayValue,
    first_registered_today,
    reshare_population,
    reweight_splits,
)
from malekort.domain.bulk_aggregation import VALUES_SCHEMA, month_index, period_of_index
from malekort.domain.indicators.definitions import WORKING_AGE
from malekort.domain.periods import Period, periods_between
from malekort.domain.recoding import feeding_table, recoded_values
from malekort.figures.selectors import first_registrations
from malekort.figures.value_frames import registered_frame

# The year today's codes took effect (the 2024 county and municipal reform).
BORDERS_YEAR = 2024

Key = tuple[str, str, Period]  # (today's area code, figure code, month)
# Today's areas' 18–66 population by (code, year), from BORDERS_YEAR on: what split areas are weighted by.
SplitPopulation = Mapping[tuple[str, int], int]


@dataclass(frozen=True)
class ReferenceRows:
    """Every region change, the names of the codes and what splits are weighted by, read once.

    For a recompute over many years in batches, which would otherwise read
    them again for every batch.
    """

    changes: tuple[BorderChange, ...]
    names: Mapping[str, str]
    split_people: SplitPopulation

    @classmethod
    def read(cls, area_codes: Iterable[str]) -> ReferenceRows:
        changes = tuple(BorderChange(*row) for row in RegionChange.objects.values_list(
            "year", "original_code", "current_code", "weight"
        ))
        codes = set(area_codes) | {c.current_code for c in changes}
        return cls(
            changes, dict(Region.objects.values_list("code", "name")),
            split_population(codes, {c.year for c in changes}),
        )


def _change_rows(areas: Collection[str], years: Collection[int], known: ReferenceRows | None) -> Sequence[ChangeRow]:
    """Return the change rows of the years for the codes that became some of the areas.

    Every row of those original codes, so that a split is seen whole even when
    only one part is asked for.
    """
    if known is None:
        feeding = RegionChange.objects.filter(year__in=years, current_code__in=areas).values("original_code")
        return list(RegionChange.objects.filter(year__in=years, original_code__in=feeding))
    fed = {c.original_code for c in known.changes if c.year in years and c.current_code in areas}
    return [c for c in known.changes if c.year in years and c.original_code in fed]


class AreaFigures:
    """Amounts by (area, figure, month) on today's codes, with where each came from.

    Kept as a frame (`bulk_aggregation.VALUES_SCHEMA` plus a `sources` list
    column) because the statistics read some 165 000 values at once; lookups
    by key build dicts on first use.
    """

    def __init__(self, frame: pl.DataFrame, notes: dict[tuple[str, int], str] | None = None) -> None:
        self.frame = frame
        # (area, year) → sentence saying which codes the year's figures were registered on
        self.notes = notes or {}
        self._slices: dict[tuple[str, Period], dict[str, Amount]] = {}

    def get(self, area: str, figure: str, month: Period) -> Amount:
        found = self._slices.get((figure, month))
        if found is None:
            rows = self.frame.filter((pl.col("figure") == figure) & (pl.col("month") == month_index(month)))
            columns = rows.select("area", "status", "value").iter_rows()
            found = {a: _amount(status, value) for a, status, value in columns}
            self._slices[(figure, month)] = found
        return found.get(area, MISSING)

    @cached_property
    def amounts(self) -> dict[Key, Amount]:
        columns = self.frame.select("area", "figure", "month", "status", "value").iter_rows()
        return {(a, f, period_of_index(m)): _amount(status, value) for a, f, m, status, value in columns}

    @cached_property
    def sources(self) -> dict[Key, frozenset[str]]:
        columns = self.frame.select("area", "figure", "month", "sources").iter_rows()
        return {(a, f, period_of_index(m)): frozenset(labels) for a, f, m, labels in columns}

    def subset(self, areas: Iterable[str], figures: Iterable[str], first: Period, last: Period) -> AreaFigures:
        """Return the values and notes of some areas, figures and months only."""
        wanted = set(areas)
        frame = self.frame.filter(
            pl.col("area").is_in(wanted) & pl.col("figure").is_in(set(figures))
            & pl.col("month").is_between(month_index(first), month_index(last))
        )
        notes = {(a, y): n for (a, y), n in self.notes.items() if a in wanted and first.year <= y <= last.year}
        return AreaFigures(frame, notes)

    def without_months(self, months: Iterable[Period]) -> pl.DataFrame:
        """Return the frame without the months' rows, to put fresh ones in their place."""
        return self.frame.filter(~pl.col("month").is_in([month_index(m) for m in months]))


# `origins`: for a recoded dot, the codes whose dotted cells it was made from (null for a value on its own code).
FRAME_SCHEMA = pl.Schema({**VALUES_SCHEMA, "sources": pl.List(pl.String), "origins": pl.List(pl.String)})


def _amount(status: int, value: float | None) -> Amount:
    return Amount(Status(status), value)


def load_area_figures(
    area_codes: Iterable[str], figure_codes: Iterable[str], first: Period, last: Period,
    registered: pl.DataFrame | None = None, reference: ReferenceRows | None = None,
) -> AreaFigures:
    """Return the current values of the areas' figures for the months, on today's borders.

    `registered` (`value_frames.REGISTERED_SCHEMA`), when given, holds every
    current value of the months as registered; else they are read. So are the
    region changes and names (`reference`).
    """
    areas = sorted(set(area_codes))
    figures = sorted(set(figure_codes))
    change_rows = _change_rows(set(areas), list(range(first.year, last.year + 1)), reference)
    feeders = {r.original_code for r in change_rows} - set(areas)
    months = list(periods_between(first, last))
    if registered is None:
        registered = registered_frame(months, [*areas, *feeders], figures)
    else:
        registered = registered.filter(
            pl.col("area").is_in([*areas, *feeders]) & pl.col("figure").is_in(figures)
            & pl.col("month").is_between(month_index(first), month_index(last))
        )
    own = registered.filter(pl.col("area").is_in(areas) & (pl.col("status") != Status.MISSING.value)).select(
        *VALUES_SCHEMA, pl.concat_list("label").alias("sources"), pl.lit(None, pl.List(pl.String)).alias("origins")
    )
    if not feeders:
        return AreaFigures(own)
    recoded, notes = _recoded(areas, figures, first, last, change_rows, registered, own, reference)
    return AreaFigures(pl.concat([own, recoded]), notes)


def _recoded(
    areas: list[str], figures: list[str], first: Period, last: Period, change_rows: Sequence[ChangeRow],
    registered: pl.DataFrame, own: pl.DataFrame, reference: ReferenceRows | None,
) -> tuple[pl.DataFrame, dict[tuple[str, int], str]]:
    """Return the values of months before a border change moved onto today's codes, and notes saying so.

    Only where nothing was registered on today's code for the month
    (`domain.recoding`); a note per area and year with recoded values says
    which codes they were registered on.
    """
    borders = Borders.from_rows(_reweighted(change_rows, reference.split_people if reference else None))
    recoded = recoded_values(
        feeding_table(borders, areas), registered, own, figures, month_index(first), month_index(last)
    )
    names = reference.names if reference else dict(
        Region.objects.filter(code__in={r.original_code for r in change_rows}).values_list("code", "name")
    )
    notes: dict[tuple[str, int], str] = {}
    for area, year in recoded.select("area", (pl.col("month") // 12).alias("year")).unique().iter_rows():
        # Only the sources matter for the note, not the amount.
        contributions = tuple(Contribution(o, area, w, MISSING) for o, w in borders.by_current[(year, area)])
        note = TodayValue(area, year, MISSING, contributions).note(names)
        if note:
            notes[(area, year)] = note
    return recoded.cast(dict(FRAME_SCHEMA)), notes  # type: ignore[arg-type]


def _reweighted(change_rows: Sequence[ChangeRow], people: SplitPopulation | None = None) -> list[BorderChange]:
    """Return the change rows with split areas' weights from today's 18–66 population (`reweight_splits`).

    A split area's share is its population when its code began: SSB's history
    before that repeats the halves. `people`: that population when the caller
    has it (`split_population`), else it is read.
    """
    weights = people if people is not None else split_population(
        {r.current_code for r in change_rows}, {r.year for r in change_rows}
    )
    return reweight_splits(change_rows, lambda year, code: weights.get((code, max(year, BORDERS_YEAR))))


def split_population(area_codes: Iterable[str], years: Iterable[int]) -> dict[tuple[str, int], int]:
    """Return what split areas' shares in the years are weighted by: today's 18–66 population from BORDERS_YEAR."""
    wanted = {max(year, BORDERS_YEAR) for year in years}
    found = population_by_band(area_codes, wanted, [WORKING_AGE])
    return {(code, year): count for (code, _, year), count in found.items()}


def population_on_todays_borders(
    area_codes: Iterable[str], years: Iterable[int], bands: Iterable[Band], reference: ReferenceRows | None = None,
) -> dict[tuple[str, Band, int], int]:
    """Return SSB's population by area, band and year, a split area's parts shared as its figures are.

    Figures registered on a split code are moved onto today's parts by today's
    population shares (`_recoded`); the parts' population in those years gets
    the same shares (`borders.reshare_population`), so that a part's share of
    the recipients and of the population agree.
    """
    areas, years, bands = set(area_codes), sorted(set(years)), set(bands)
    change_rows = _change_rows(areas, years, reference)
    people = population_by_band(areas | {r.current_code for r in change_rows}, years, bands)
    if not change_rows:
        return people
    reshared = reshare_population(_reweighted(change_rows, reference.split_people if reference else None), people)
    return {key: count for key, count in reshared.items() if key[0] in areas}


def sources_text(sources: Iterable[str]) -> str:
    """Return the sources of a figure as one phrase, for example «Registrert i skjema og Fil»."""
    ordered = sorted(set(sources))
    return " og ".join(ordered)


def grouped_notes(notes: Mapping[tuple[str, int], str], areas: Iterable[str]) -> list[str]:
    """Return the notes (by area and year, as `AreaFigures.notes`) for the areas, oldest year first, without repeats."""
    wanted = set(areas)
    by_year: dict[int, list[str]] = defaultdict(list)
    for (area, year), note in sorted(notes.items()):
        if area in wanted and note not in by_year[year]:
            by_year[year].append(note)
    return [note for year in sorted(by_year) for note in by_year[year]]


def first_registrations_today(area_codes: Iterable[str], first: Period, last: Period) -> dict[tuple[str, Period], date]:
    """Return the day each of today's areas first had figures for each month, on today's codes.

    Months before a border change count by the codes in use then
    (`borders.first_registered_today`), so that Drammen's 2023 figures
    registered on 3005 do not make today's 3301 look unreported.
    """
    areas = sorted(set(area_codes))
    changes = list(RegionChange.objects.filter(year__in=range(first.year, last.year + 1), current_code__in=areas))
    firsts = first_registrations([*areas, *{c.original_code for c in changes}], first, last)
    if not changes:
        return firsts
    return first_registered_today(Borders.from_rows(changes), firsts, areas, periods_between(first, last))
