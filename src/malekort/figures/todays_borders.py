"""Registered values as amounts on today's area codes, for indicators and statistics.

An area's figure for a month is what was registered on its own code. Where
nothing was registered on today's code and the month lies before a border
change, the figure comes from the codes then in use (3001 Halden → 3101), a
split area's share weighted by population, and a note says so.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from malekort.areas.models import Region, RegionChange
from malekort.areas.population import population_by_band
from malekort.domain.amounts import DOTTED, MISSING, Amount, Status, total
from malekort.domain.borders import Borders, Contribution, TodayValue, reweight_splits
from malekort.domain.indicators.definitions import WORKING_AGE
from malekort.domain.periods import Period
from malekort.figures.models import Source, ValueVersion

# The year today's codes took effect (the 2024 county and municipal reform).
BORDERS_YEAR = 2024

Key = tuple[str, str, Period]  # (today's area code, figure code, month)


@dataclass
class AreaFigures:
    """Amounts by (area, figure, month) on today's codes, with where each came from."""

    amounts: dict[Key, Amount] = field(default_factory=dict)
    sources: dict[Key, set[str]] = field(default_factory=dict)
    # (area, year) → sentence saying which codes the year's figures were registered on
    notes: dict[tuple[str, int], str] = field(default_factory=dict)

    def get(self, area: str, figure: str, month: Period) -> Amount:
        return self.amounts.get((area, figure, month), MISSING)


_DOT_OR_EMPTY = {"dot": DOTTED, "empty": MISSING}


def _cell(kind: str, number: int | None) -> Amount:
    if number is not None and kind == "number":
        return Amount(Status.KNOWN, float(number))
    return _DOT_OR_EMPTY[kind]


def load_area_figures(
    area_codes: Iterable[str], figure_codes: Iterable[str], first: Period, last: Period
) -> AreaFigures:
    """Return the current values of the areas' figures for the months, on today's borders."""
    areas = sorted(set(area_codes))
    figures = sorted(set(figure_codes))
    years = range(first.year, last.year + 1)
    # Every row of the original codes, so that a split is seen whole even when only one part is asked for.
    feeding = RegionChange.objects.filter(year__in=list(years), current_code__in=areas).values("original_code")
    change_rows = list(RegionChange.objects.filter(year__in=list(years), original_code__in=feeding))
    # A split area's share is its population when its code began (SSB's history before that repeats the halves).
    people = population_by_band(
        {r.current_code for r in change_rows}, [*years, BORDERS_YEAR], [WORKING_AGE]
    ) if change_rows else {}
    borders = Borders.from_rows(
        reweight_splits(change_rows, lambda year, code: people.get((code, WORKING_AGE, max(year, BORDERS_YEAR))))
    )
    feeders = {r.original_code for r in change_rows} - set(areas)
    rows = ValueVersion.objects.filter(
        area_id__in=[*areas, *feeders],
        figure_id__in=figures,
        period__gte=first.first_day,
        period__lte=last.first_day,
        superseded_at__isnull=True,
    ).values_list("area_id", "figure_id", "period", "kind", "number", "source")
    registered: dict[tuple[str, str, Period], Amount] = {}
    sources: dict[tuple[str, str, Period], str] = {}
    for area, figure, day, kind, number, source in rows:
        month = Period.of(day)
        registered[(area, figure, month)] = _cell(kind, number)
        sources[(area, figure, month)] = Source(source).label

    result = AreaFigures()
    for key, amount in registered.items():
        if key[0] in areas and amount.symbol != "..":
            result.amounts[key] = amount
            result.sources[key] = {sources[key]}
    if not feeders:
        return result
    names = dict(Region.objects.filter(code__in=feeders).values_list("code", "name"))
    for area in areas:
        for year in years:
            fed_by = borders.by_current.get((year, area), ())
            if not fed_by or fed_by == ((area, 1.0),):
                continue
            recoded = False
            for figure in figures:
                for month_no in range(1, 13):
                    month = Period(year, month_no)
                    if not first <= month <= last or (area, figure, month) in result.amounts:
                        continue
                    parts = [
                        registered.get((original, figure, month), MISSING).scaled(weight)
                        for original, weight in fed_by
                    ]
                    if all(p.symbol == ".." for p in parts):
                        continue
                    result.amounts[(area, figure, month)] = total(parts)
                    result.sources[(area, figure, month)] = {
                        sources[(o, figure, month)] for o, _ in fed_by if (o, figure, month) in sources
                    }
                    recoded = True
            if recoded:
                # Only the sources matter for the note, not the amount.
                fed = tuple(Contribution(o, area, w, MISSING) for o, w in fed_by)
                note = TodayValue(area, year, MISSING, fed).note(names)
                if note:
                    result.notes[(area, year)] = note
    return result


def sources_text(sources: Iterable[str]) -> str:
    """Return the sources of a figure as one phrase, for example «Registrert i skjema og Fil»."""
    ordered = sorted(set(sources))
    return " og ".join(ordered)


def grouped_notes(figures: AreaFigures, areas: Iterable[str]) -> list[str]:
    """Return the notes for the areas, oldest year first, without repeats."""
    wanted = set(areas)
    by_year: dict[int, list[str]] = defaultdict(list)
    for (area, year), note in sorted(figures.notes.items()):
        if area in wanted and note not in by_year[year]:
            by_year[year].append(note)
    return [note for year in sorted(by_year) for note in by_year[year]]
