"""The office file: office_code,office_name,area_code, one line per area an office serves."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from malekort.domain import regions
from malekort.domain.files.csvfile import read_records
from malekort.domain.files.errors import FileRejected, LineError

CODE_MAX_LENGTH = 10
NAME_MAX_LENGTH = 200
_OFFICE_CODE = re.compile(r"^[A-Za-z0-9]+$")
_AREA_LEVELS = (regions.Level.KOMMUNE, regions.Level.BYDEL)


@dataclass(frozen=True, slots=True)
class OfficeRow:
    """One area an office serves."""

    office_code: str
    office_name: str
    area_code: str
    line: int | None = None


def parse_offices(text: str, *, known_areas: Collection[str]) -> list[OfficeRow]:
    """Return the lines of an office file, or raise FileRejected listing every bad line.

    Every area must be in `known_areas` (the Region table). An area has one
    office: figures are registered once per area.
    """
    records, errors = read_records(text, required=("office_code", "office_name", "area_code"))
    rows: list[OfficeRow] = []
    names: dict[str, tuple[str, int]] = {}
    area_lines: dict[str, int] = {}
    for record in records:
        try:
            row = _office_row(record.values, record.line)
        except ValueError as e:
            errors.append(LineError(record.line, str(e)))
            continue
        if row.area_code not in known_areas:
            errors.append(LineError(record.line, unknown_area(row.area_code)))
            continue
        name, name_line = names.setdefault(row.office_code, (row.office_name, record.line))
        if name != row.office_name:
            errors.append(
                LineError(
                    record.line,
                    f"kontor {row.office_code} heter «{name}» på linje {name_line}, "
                    f"ikke «{row.office_name}»",
                )
            )
            continue
        if row.area_code in area_lines:
            errors.append(
                LineError(
                    record.line,
                    f"området {row.area_code} står også på linje {area_lines[row.area_code]}; "
                    "et område har ett kontor",
                )
            )
            continue
        area_lines[row.area_code] = record.line
        rows.append(row)
    if errors:
        raise FileRejected(errors)
    return rows


def unknown_area(code: str) -> str:
    return f"området {code} finnes ikke i regiontabellen"


def _office_row(v: dict[str, str], line: int) -> OfficeRow:
    code, name, area = v["office_code"], v["office_name"], v["area_code"]
    if not _OFFICE_CODE.match(code) or len(code) > CODE_MAX_LENGTH:
        raise ValueError(
            f"kontornummeret «{code}» skal være 1–{CODE_MAX_LENGTH} bokstaver eller siffer"
        )
    if not name:
        raise ValueError("kontornavnet mangler")
    if len(name) > NAME_MAX_LENGTH:
        raise ValueError(f"kontornavnet er lengre enn {NAME_MAX_LENGTH} tegn")
    if not regions.is_region_code(area):
        raise ValueError(f"«{area}» er ikke en regionkode (4 siffer for kommune, 6 for bydel)")
    if regions.level_of(area) not in _AREA_LEVELS:
        raise ValueError(f"{area} er ikke en kommune eller bydel (4 eller 6 siffer)")
    return OfficeRow(code, name, area, line)
