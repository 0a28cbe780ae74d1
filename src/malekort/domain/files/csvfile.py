"""Small CSV files (regions, region changes, offices) read with the csv module."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from malekort.domain.files.errors import FileRejected, LineError


@dataclass(frozen=True, slots=True)
class Record:
    """One data line: its number in the file and its values by column name."""

    line: int
    values: dict[str, str]


def decode(data: bytes) -> str:
    """Return the text of a UTF-8 file (with or without a byte order mark)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise FileRejected(
            [LineError(line, "teksten er ikke UTF-8; lagre filen som «CSV UTF-8»")]
        ) from e


def read_text(path: Path) -> str:
    """Return the text of the file at `path`."""
    try:
        return decode(path.read_bytes())
    except OSError as e:
        raise FileRejected([LineError(None, f"Kan ikke lese filen {path}: {e.strerror}")]) from e


def read_records(
    text: str, *, required: Sequence[str], optional: Sequence[str] = ()
) -> tuple[list[Record], list[LineError]]:
    """Return the data lines of a CSV text and the lines whose field count is wrong.

    The header must hold every required column and nothing unknown. Excel in
    Norwegian saves with semicolons, so a header without commas may use them.
    """
    first = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first and "," not in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, None)
    if header is None or not any(h.strip() for h in header):
        raise FileRejected([LineError(1, "filen er tom; første linje skal være overskriftene")])
    columns = [h.strip().lower() for h in header]
    problems = (
        [f"mangler kolonnen «{name}»" for name in required if name not in columns]
        + [f"kolonnen «{name}» står flere ganger" for name in dict.fromkeys(columns)
           if columns.count(name) > 1]
        + [f"ukjent kolonne «{name}»" for name in columns if name not in (*required, *optional)]
    )
    if problems:
        expected = ",".join(required)
        raise FileRejected([LineError(1, f"{'; '.join(problems)} (forventet {expected})")])

    records: list[Record] = []
    errors: list[LineError] = []
    line = reader.line_num + 1
    for fields in reader:
        # A quoted field can span lines; the record starts where the last one ended.
        start, line = line, reader.line_num + 1
        if not any(f.strip() for f in fields):
            continue
        if len(fields) != len(columns):
            errors.append(
                LineError(start, f"har {len(fields)} felt, men overskriften har {len(columns)}")
            )
            continue
        records.append(Record(start, {c: f.strip() for c, f in zip(columns, fields, strict=True)}))
    return records, errors
