"""The region file: code,level,name,parent_code (as SSB's regions-2024.csv), one line per area.

Optional columns valid_from and valid_to (YYYY-MM-DD) give the validity period;
without them a region is valid from `DEFAULT_VALID_FROM`, the borders of 2024.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from malekort.domain import regions
from malekort.domain.files.csvfile import read_records
from malekort.domain.files.errors import FileRejected, LineError

DEFAULT_VALID_FROM = date(2024, 1, 1)
NAME_MAX_LENGTH = 200
_LEVEL_NAMES = ", ".join(level.value for level in regions.Level)


@dataclass(frozen=True, slots=True)
class RegionRow:
    code: str
    level: regions.Level
    name: str
    parent_code: str | None
    valid_from: date | None
    valid_to: date | None = None
    line: int | None = None


def parse_regions(
    text: str, *, existing_codes: Collection[str] = (), valid_from: date = DEFAULT_VALID_FROM
) -> list[RegionRow]:
    """Return the regions in a region file, or raise FileRejected listing every bad line.

    A parent must be in the file or among `existing_codes` (the Region table).
    """
    records, errors = read_records(
        text, required=("code", "level", "name", "parent_code"), optional=("valid_from", "valid_to")
    )
    in_file = {record.values["code"] for record in records}
    rows: list[RegionRow] = []
    first_line: dict[str, int] = {}
    for record in records:
        try:
            row = _region(record.values, record.line, valid_from)
        except ValueError as e:
            errors.append(LineError(record.line, str(e)))
            continue
        if row.parent_code is not None and not (
            row.parent_code in in_file or row.parent_code in existing_codes
        ):
            errors.append(LineError(record.line, missing_parent(row.parent_code)))
            continue
        if row.code in first_line:
            other = first_line[row.code]
            errors.append(LineError(record.line, f"koden {row.code} står også på linje {other}"))
            continue
        first_line[row.code] = record.line
        rows.append(row)
    if errors:
        raise FileRejected(errors)
    return rows


def missing_parent(code: str) -> str:
    return f"overordnet kode {code} finnes verken i filen eller i regiontabellen"


def _region(v: dict[str, str], line: int, default_valid_from: date) -> RegionRow:
    code = v["code"]
    if not regions.is_region_code(code):
        raise ValueError(f"«{code}» er ikke en regionkode (0, eller 2, 4 eller 6 siffer)")
    try:
        level = regions.Level(v["level"].lower())
    except ValueError:
        raise ValueError(f"ukjent nivå «{v['level']}»; bruk {_LEVEL_NAMES}") from None
    expected = regions.level_of(code)
    if level is not expected:
        raise ValueError(f"koden {code} er {expected.value}, ikke {level.value}")
    name = v["name"]
    if not name:
        raise ValueError("navnet mangler")
    if len(name) > NAME_MAX_LENGTH:
        raise ValueError(f"navnet er lengre enn {NAME_MAX_LENGTH} tegn")
    parent = regions.parent_code(code)
    if (v["parent_code"] or None) != parent:
        wanted = f"være {parent}" if parent else "stå tom for riket"
        raise ValueError(f"overordnet kode «{v['parent_code']}» skal {wanted}")
    start = _date(v.get("valid_from", ""), "gyldig fra") or default_valid_from
    end = _date(v.get("valid_to", ""), "gyldig til")
    if end is not None and end < start:
        raise ValueError("gyldig til er før gyldig fra")
    return RegionRow(code, level, name, parent, start, end, line)


def _date(text: str, what: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{what} «{text}» er ikke en dato på formen ÅÅÅÅ-MM-DD") from None
