"""Today's borders: figures registered on codes that have since changed, moved onto today's codes.

Figures from 2022–2023 were registered on the codes in use then (3001 Halden,
1507 Ålesund); time series are shown on today's codes and still say what was
registered where (domain brief § 3). A region change row (year,
original_code, current_code, weight) says that in `year` the share `weight` of
`original_code` lies in today's `current_code`. Only changed codes are listed:
a code without rows maps to itself with weight 1. We expect the weights of
each original code and year to sum to 1, as `files.region_changes` ensures.

A weighted value is an estimate (half of Ålesund's recipients are not
necessarily Haram's), and a weighted count may fall between 0 and 4: publish
it through `aggregation` or `TodayValue.shown`, never as it is.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from malekort.domain.amounts import MISSING, Amount, Status, total
from malekort.domain.periods import Period
from malekort.domain.regions import Level, level_of

Band = tuple[int, int]  # an age band, both ends included

# How far from 1 a weight may be and still be a whole area (float sums of shares).
WEIGHT_TOLERANCE = 0.001


class ChangeRow(Protocol):
    """A region change: a parsed file row, a stored model or a `BorderChange`."""

    @property
    def year(self) -> int: ...

    @property
    def original_code(self) -> str: ...

    @property
    def current_code(self) -> str: ...

    @property
    def weight(self) -> float: ...


@dataclass(frozen=True, slots=True)
class BorderChange:
    year: int
    original_code: str
    current_code: str
    weight: float


@dataclass(frozen=True, slots=True)
class Contribution:
    """The part of a value registered on `original_code` that lies in today's `current_code`."""

    original_code: str
    current_code: str
    weight: float
    amount: Amount  # weight × the registered value; a dot or a gap stays one

    @property
    def is_whole(self) -> bool:
        """Return whether the whole original area lies in the current one."""
        return abs(self.weight - 1) <= WEIGHT_TOLERANCE


@dataclass(frozen=True, slots=True)
class TodayValue:
    """A value on today's code for a year, with the registered values it was made from."""

    code: str
    year: int
    amount: Amount  # known only when every part is known (`amounts.total`)
    sources: tuple[Contribution, ...]

    @property
    def original_codes(self) -> tuple[str, ...]:
        """Return the codes the figures were registered on."""
        return tuple(s.original_code for s in self.sources)

    @property
    def is_recoded(self) -> bool:
        """Return whether the value was registered on another code or on a larger area."""
        return any(s.original_code != self.code or not s.is_whole for s in self.sources)

    def shown(self, *, is_count: bool) -> Amount:
        """Return the amount as it may be published: a count between 0 and 4 is dotted."""
        return self.amount.shown(is_count=is_count)

    def note(self, names: Mapping[str, str]) -> str | None:
        """Return a sentence telling where the figures were registered, or None when nothing was recoded.

        For example «Tall for 2023 er registrert på 3001 Halden og omregnet til dagens grenser.»
        """
        if not self.is_recoded:
            return None
        parts = [_source_label(s, names) for s in self.sources]
        if len(parts) == 1:
            return f"Tall for {self.year} er registrert på {parts[0]} og omregnet til dagens grenser."
        listed = ", ".join(parts[:-1]) + " og " + parts[-1]
        return f"Tall for {self.year} er registrert på {listed}, og omregnet til dagens grenser."


@dataclass(frozen=True, slots=True)
class Borders:
    """The region changes indexed both ways, for moving values onto today's codes."""

    # (year, original_code) → ((current_code, weight), …)
    by_original: Mapping[tuple[int, str], tuple[tuple[str, float], ...]] = field(default_factory=dict)
    # (year, current_code) → ((original_code, weight), …)
    by_current: Mapping[tuple[int, str], tuple[tuple[str, float], ...]] = field(default_factory=dict)

    @classmethod
    def from_rows(cls, rows: Iterable[ChangeRow]) -> Borders:
        """Return the borders built from region change rows."""
        by_original: dict[tuple[int, str], list[tuple[str, float]]] = defaultdict(list)
        by_current: dict[tuple[int, str], list[tuple[str, float]]] = defaultdict(list)
        for row in rows:
            by_original[(row.year, row.original_code)].append((row.current_code, row.weight))
            by_current[(row.year, row.current_code)].append((row.original_code, row.weight))
        return cls(
            {k: tuple(sorted(v)) for k, v in by_original.items()},
            {k: tuple(sorted(v)) for k, v in by_current.items()},
        )

    def is_changed(self, year: int, code: str) -> bool:
        """Return whether a code in use in `year` maps onto other codes today."""
        return (year, code) in self.by_original

    def targets(self, year: int, code: str) -> tuple[tuple[str, float], ...]:
        """Return today's codes and weights for a code in use in `year`; an unchanged code is itself."""
        return self.by_original.get((year, code), ((code, 1.0),))

    def contributions(self, year: int, code: str, amount: Amount) -> tuple[Contribution, ...]:
        """Return a value registered on `code` in `year` spread over today's codes (weight × value)."""
        return tuple(
            Contribution(code, current, weight, amount.scaled(weight)) for current, weight in self.targets(year, code)
        )

    def value_today(self, year: int, code: str, own: Amount, registered: Callable[[str], Amount]) -> Amount:
        """Return today's area's value for a month of `year`, registered on its own code or on the old ones.

        A value on today's own code wins: an office may have registered the
        month again on today's code. Otherwise the value is the weighted sum of
        what was registered on the codes that fed the area (`registered(code)`,
        MISSING where nothing was), known only when every part is; MISSING
        when nothing was registered anywhere.
        """
        if own.status is not Status.MISSING:
            return own
        fed_by = self.by_current.get((year, code), ())
        parts = [registered(original).scaled(weight) for original, weight in fed_by]
        if all(part.status is Status.MISSING for part in parts):
            return MISSING
        return total(parts)

    def to_today(self, year: int, values: Mapping[str, Amount]) -> dict[str, TodayValue]:
        """Return the values registered in `year` (by the code then in use) on today's codes.

        Pass every area expected that year, with MISSING for those that did not
        report. A changed code that feeds a today's area but is absent from
        `values` adds MISSING, so that a partial sum is never taken for a whole one.
        """
        parts: dict[str, list[Contribution]] = defaultdict(list)
        for code, amount in values.items():
            for part in self.contributions(year, code, amount):
                parts[part.current_code].append(part)
        result: dict[str, TodayValue] = {}
        for current, found in parts.items():
            for original, weight in self.by_current.get((year, current), ()):
                if original not in values:
                    found.append(Contribution(original, current, weight, MISSING))
            found.sort(key=lambda c: c.original_code)
            result[current] = TodayValue(current, year, total(c.amount for c in found), tuple(found))
        return result


def first_registered_today(
    borders: Borders, firsts: Mapping[tuple[str, Period], date], areas: Iterable[str], months: Iterable[Period]
) -> dict[tuple[str, Period], date]:
    """Return the day each of today's areas first had figures for each month, on today's codes.

    `firsts` holds the day each code, as registered, first got a number or a
    dot for a month. A month before a border change was registered on the codes
    in use then: today's area counts as registered once every code that fed it
    was (the latest of their days), since only then is its figure whole; an
    area split off an old one gets the old one's day. A registration on today's
    own code wins, as it does for the values (`figures.todays_borders`).
    """
    result: dict[tuple[str, Period], date] = {}
    months = list(months)  # read once per area
    for area in areas:
        for month in months:
            own = firsts.get((area, month))
            if own is not None:
                result[(area, month)] = own
                continue
            fed_by = borders.by_current.get((month.year, area), ())
            days = [firsts.get((original, month)) for original, _ in fed_by]
            known = [day for day in days if day is not None]
            if known and len(known) == len(days):
                result[(area, month)] = max(known)
    return result


def reweight_splits(
    rows: Iterable[ChangeRow], population: Callable[[int, str], int | None]
) -> list[BorderChange]:
    """Return the rows with the weights of split kommuner and bydeler set from today's 18–66 population.

    `population(year, current_code)` is the 18–66 population of today's area on
    1 January of `year` (SSB recomputes history on today's borders). A split is
    an original kommune or bydel with several current codes, each of which
    received nothing else that year: then today's areas together are exactly
    the original one and their populations give the shares. Other rows keep
    their weights, and so does a split where a population is unknown or 0.

    Mind where the population comes from: the csdata files in shared/data/ssb
    halve 1507 between 1508 and 1580 for every year before 2024 too, so for
    those years pass the first year on the new borders (2024: 37 142 and 5 545).
    """
    changes = [BorderChange(r.year, r.original_code, r.current_code, r.weight) for r in rows]
    for (year, _), indexes in _splits(changes).items():
        currents = [changes[i].current_code for i in indexes]
        people = [population(year, current) for current in currents]
        known = [p for p in people if p is not None and p > 0]
        if len(known) != len(people):
            continue
        whole = sum(known)
        for i, count in zip(indexes, known, strict=True):
            old = changes[i]
            changes[i] = BorderChange(old.year, old.original_code, old.current_code, count / whole)
    return changes


def _splits(changes: Sequence[ChangeRow]) -> dict[tuple[int, str], list[int]]:
    """Return (year, original) → the indexes of its rows, for each kommune or bydel split whole into today's areas.

    A split is an original with several current codes, each of which received
    nothing else that year: then today's areas together are exactly the original.
    """
    groups: dict[tuple[int, str], list[int]] = defaultdict(list)
    feeders: dict[tuple[int, str], set[str]] = defaultdict(set)
    for index, change in enumerate(changes):
        groups[(change.year, change.original_code)].append(index)
        feeders[(change.year, change.current_code)].add(change.original_code)
    return {
        (year, original): indexes
        for (year, original), indexes in groups.items()
        if len(indexes) >= 2 and level_of(original) in (Level.KOMMUNE, Level.BYDEL)
        # A current area that also took in other areas has more people than its part of this one.
        and all(feeders[(year, changes[i].current_code)] == {original} for i in indexes)
    }


def reshare_population(
    changes: Sequence[ChangeRow], people: Mapping[tuple[str, Band, int], int]
) -> dict[tuple[str, Band, int], int]:
    """Return the population with each split area's parts given the split's weights, for the years of the split.

    The numerator of a split area is moved onto today's parts by the weights
    of `changes` (`reweight_splits`: today's shares); its denominator must use
    the same shares, or a part's share of the population and of the recipients
    differ (SSB's history halves 1507 Ålesund between 1508 and 1580, where the
    recipients go 87/13). The parts' total for the year is kept, and shared
    out by the weights; a year where a part has no population is left as it is.
    """
    result = dict(people)
    bands = {band for _, band, _ in people}
    for (year, _), indexes in _splits(changes).items():
        parts = [(changes[i].current_code, changes[i].weight) for i in indexes]
        for band in bands:
            counts = [people.get((code, band, year)) for code, _ in parts]
            if any(count is None for count in counts):
                continue
            whole = sum(count for count in counts if count is not None)
            for code, weight in parts:
                result[(code, band, year)] = round(whole * weight)
    return result


def _source_label(source: Contribution, names: Mapping[str, str]) -> str:
    name = names.get(source.original_code)
    label = f"{source.original_code} {name}" if name else source.original_code
    if source.is_whole:
        return label
    percent = round(source.weight * 100)
    return f"{label} (andel {percent} %)" if percent >= 1 else f"{label} (andel under 1 %)"
