"""The region change file: year,original_code,current_code,weight (as SSB's region-changes.csv).

A line says that in `year` the share `weight` of area `original_code` lies in
today's `current_code`. The file lists only codes that changed, so when part
of an area that still exists moved elsewhere (Møre og Romsdal 15 → Trøndelag
50), the weights of 15 add up to less than 1: the rest stayed in 15. We add
that rest as a row of its own, so that the weights of every original code and
year always sum to 1 in what we store.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from malekort.domain import regions
from malekort.domain.files.csvfile import read_records
from malekort.domain.files.errors import FileRejected, LineError

WEIGHT_TOLERANCE = 0.001
FIRST_YEAR, LAST_YEAR = 1838, 2100  # SSB's kommune codes go back to the 1838 formannskapslover


@dataclass(frozen=True, slots=True)
class RegionChangeRow:
    year: int
    original_code: str
    current_code: str
    weight: float
    line: int | None = None  # None for a remainder we added


def parse_region_changes(text: str, *, current_codes: Collection[str]) -> list[RegionChangeRow]:
    """Return the changes in a region change file, or raise FileRejected listing every bad line.

    `current_codes` are the codes in use today (the Region table); every
    current_code must be one of them.
    """
    records, errors = read_records(
        text, required=("year", "original_code", "current_code", "weight")
    )
    groups: dict[tuple[int, str], list[RegionChangeRow]] = defaultdict(list)
    seen: dict[tuple[int, str, str], int] = {}
    for record in records:
        try:
            row = _change(record.values, record.line, current_codes)
        except ValueError as e:
            errors.append(LineError(record.line, str(e)))
            continue
        key = (row.year, row.original_code, row.current_code)
        if key in seen:
            errors.append(LineError(record.line, f"samme endring står også på linje {seen[key]}"))
            continue
        seen[key] = record.line
        groups[(row.year, row.original_code)].append(row)

    rows: list[RegionChangeRow] = []
    for (year, original), group in groups.items():
        total = sum(r.weight for r in group)
        rows.extend(group)
        if abs(total - 1) <= WEIGHT_TOLERANCE:
            continue
        keeps_its_code = original in current_codes and all(
            r.current_code != original for r in group
        )
        if total < 1 and keeps_its_code:
            rows.append(RegionChangeRow(year, original, original, 1 - total))
            continue
        lines = ", ".join(str(r.line) for r in group)
        errors.append(
            LineError(
                group[0].line,
                f"vektene for {original} i {year} (linje {lines}) summerer til "
                f"{_decimal(total)}, men skal summere til 1",
            )
        )
    if errors:
        raise FileRejected(errors)
    return rows


def _change(v: dict[str, str], line: int, current_codes: Collection[str]) -> RegionChangeRow:
    try:
        year = int(v["year"])
    except ValueError:
        raise ValueError(f"året «{v['year']}» er ikke et årstall") from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"året {year} er utenfor {FIRST_YEAR}–{LAST_YEAR}")
    original, current = v["original_code"], v["current_code"]
    for code in (original, current):
        if not regions.is_region_code(code):
            raise ValueError(f"«{code}» er ikke en regionkode (0, eller 2, 4 eller 6 siffer)")
    if len(original) != len(current):
        raise ValueError(
            f"{original} ({regions.level_of(original).value}) kan ikke gå over i "
            f"{current} ({regions.level_of(current).value})"
        )
    if current not in current_codes:
        raise ValueError(f"den gjeldende koden {current} finnes ikke i regiontabellen")
    try:
        weight = float(v["weight"].replace(",", "."))
    except ValueError:
        raise ValueError(f"vekten «{v['weight']}» er ikke et tall") from None
    if not 0 < weight <= 1:
        raise ValueError(f"vekten {_decimal(weight)} må være større enn 0 og høyst 1")
    return RegionChangeRow(year, original, current, weight, line)


def _decimal(x: float) -> str:
    return f"{x:.4g}".replace(".", ",")
