"""The file of registered values: period,area,code,value,comment, one value per line.

Read from CSV (`,` or `;`, UTF-8 with or without BOM, else Windows-1252 /
ISO-8859-1) or Excel (.xlsx, first sheet). Each data line becomes a typed
`ValueLine` or a `RefusedLine` with a Norwegian reason naming the field. Only
what the file alone can tell is checked here; whether the area exists, whether
the user may change it, whether the month is open and whether the month stays
consistent is for the caller, who knows the database.

The export format adds status,source,updated_at. `value` is empty for a dot or
a value not reported, and `status` says which with SSB's symbols, so an export
can be read back: a file with a `status` column has `:` read as a dot and `..`
as not reported.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO, Any, NamedTuple, Protocol

import polars as pl
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils.exceptions import InvalidFileException

from malekort.domain.cells import Cell, CellError, parse_cell
from malekort.domain.files.errors import FileRejected, LineError
from malekort.domain.keyfigures import KeyFigure
from malekort.domain.periods import Period, PeriodError
from malekort.domain.regions import Level, is_region_code, level_of
from malekort.domain.suppression import DOT, display_count
from malekort.domain.symbols import MISSING, SUPPRESSED

COLUMNS = ("period", "area", "code", "value", "comment")
REQUIRED_COLUMNS = ("period", "area", "code", "value")
EXPORT_COLUMNS = (*COLUMNS, "status", "source", "updated_at")
_KNOWN_COLUMNS = frozenset(EXPORT_COLUMNS)
_STATUSES = {"": None, SUPPRESSED: DOT, MISSING: ""}
_BOM = b"\xef\xbb\xbf"

# One value: (area code, period, key-figure code), as in figures.actions.Key.
Key = tuple[str, Period, str]


@dataclass(frozen=True, slots=True)
class ValueLine:
    """A line that can be registered as far as the file alone can tell.

    `comment` is None when the file has no comment column: the stored comment
    is then kept. With the column, the file's comment (also an empty one)
    replaces the stored one, so that reading back an export changes nothing.
    """

    line_no: int
    period: Period
    area: str
    figure: str
    cell: Cell
    comment: str | None

    @property
    def key(self) -> Key:
        return (self.area, self.period, self.figure)


@dataclass(frozen=True, slots=True)
class RefusedLine:
    """A line that is not registered, and why (Norwegian, naming the field)."""

    line_no: int
    reason: str

    def __str__(self) -> str:
        return f"Linje {self.line_no}: {self.reason}"


@dataclass(frozen=True, slots=True)
class ValuesFile:
    """The lines of a file: those that may be registered and those refused, by line number."""

    lines: tuple[ValueLine, ...]
    refused: tuple[RefusedLine, ...]
    has_comment_column: bool

    @property
    def line_count(self) -> int:
        """Return the number of data lines that held anything."""
        return len(self.lines) + len(self.refused)


def read_values_file(
    data: bytes, filename: str, figures: Mapping[str, KeyFigure]
) -> ValuesFile:
    """Return the lines of a CSV or Excel file, chosen by the file name's extension."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        return read_xlsx(data, figures)
    if name.endswith((".csv", ".txt")):
        return read_csv(data, figures)
    extension = name.rsplit(".", 1)[-1] if "." in name else ""
    hint = ""
    if extension in ("xls", "xlsm", "ods"):
        hint = " Lagre filen som Excel-arbeidsbok (.xlsx)."
    reason = f"filtypen «{extension or filename}» kan ikke leses; bruk .csv eller .xlsx.{hint}"
    raise FileRejected([LineError(None, reason)])


def decode_text(data: bytes) -> str:
    """Return the text of a CSV file: UTF-8 (with or without BOM), else Windows-1252/ISO-8859-1."""
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Norwegian Excel saves "CSV (semikolondelt)" as Windows-1252, which is
    # ISO-8859-1 plus a few printable characters in 0x80–0x9F.
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("iso-8859-1")


def read_csv(data: bytes, figures: Mapping[str, KeyFigure]) -> ValuesFile:
    """Return the lines of a CSV file (header on line 1, `,` or `;` between fields).

    A line number counts records: a quoted comment spanning two lines is one.
    """
    text = decode_text(data)
    first_line = text.split("\n", 1)[0]
    if not first_line.strip():
        raise FileRejected([LineError(1, _HEADER_HELP.format(problem="filen er tom"))])
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        frame = pl.read_csv(
            io.BytesIO(text.encode("utf-8")),
            has_header=False,
            separator=delimiter,
            infer_schema=False,
            quote_char='"',
        )
    except pl.exceptions.PolarsError as error:
        raise FileRejected([_ragged_line(text, delimiter, error)]) from error
    columns = _columns(list(frame.row(0)))
    names = frame.columns

    def field(index: int | None, name: str, default: str | None) -> pl.Expr:
        if index is None:
            return pl.lit(default, dtype=pl.String).alias(name)
        return pl.col(names[index]).alias(name)

    # Strip every field at once and drop lines with nothing in them; line 1 is the header.
    body = (
        frame.slice(1)
        .with_columns([pl.col(n).fill_null("").str.strip_chars() for n in names])
        .with_row_index("line", offset=2)
        .filter(~pl.all_horizontal([pl.col(n) == "" for n in names]))
        .select(
            pl.col("line"),
            field(columns.period, "period", ""),
            field(columns.area, "area", ""),
            field(columns.code, "code", ""),
            field(columns.value, "value", ""),
            field(columns.status, "status", ""),
            field(columns.comment, "comment", None),
        )
    )
    return _parse(body.iter_rows(), figures, has_comment_column=columns.comment is not None)


def read_xlsx(data: bytes, figures: Mapping[str, KeyFigure]) -> ValuesFile:
    """Return the lines of the first sheet of an Excel workbook (header in row 1)."""
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as error:
        raise FileRejected(
            [LineError(None, "filen kan ikke leses som en Excel-arbeidsbok (.xlsx).")]
        ) from error
    try:
        rows: Iterator[tuple[Any, ...]] = workbook.worksheets[0].iter_rows(values_only=True)
        header = next(rows, None)
        columns = _columns([_excel_header(value) for value in header or ()])
        return _parse(
            _excel_records(columns, rows), figures, has_comment_column=columns.comment is not None
        )
    finally:
        workbook.close()


def _excel_records(columns: _Columns, rows: Iterable[Sequence[Any]]) -> Iterator[_Record]:
    width = 1 + max(
        columns.period, columns.area, columns.code, columns.value,
        columns.comment or 0, columns.status or 0,
    )
    for line_no, row in enumerate(rows, start=2):
        if not any(v is not None and str(v).strip() for v in row):
            continue
        if len(row) < width:
            row = (*row, *([None] * (width - len(row))))
        yield (
            line_no,
            _excel_text(row[columns.period], "period"),
            _excel_text(row[columns.area], "area"),
            _excel_text(row[columns.code], "code"),
            _excel_text(row[columns.value], "value"),
            "" if columns.status is None else _excel_text(row[columns.status], "status"),
            None if columns.comment is None else _excel_text(row[columns.comment], "comment"),
        )


# One data line as text: line number, period, area, code, value, status and
# comment (None when the file has no comment column).
_Record = tuple[int, str, str, str, str, str, str | None]


_HEADER_HELP = "{problem}; første linje skal være overskriftene period,area,code,value,comment."


@dataclass(frozen=True, slots=True)
class _Columns:
    period: int
    area: int
    code: int
    value: int
    comment: int | None
    status: int | None


def _columns(header: Sequence[str | None]) -> _Columns:
    names = [(name or "").replace("\ufeff", "").strip().lower() for name in header]
    if not any(names):
        raise FileRejected([LineError(1, _HEADER_HELP.format(problem="overskriftene mangler"))])
    problems = [f"mangler kolonnen «{name}»" for name in REQUIRED_COLUMNS if name not in names]
    problems += [
        f"kolonnen «{name}» står flere ganger"
        for name in sorted({n for n in names if n and names.count(n) > 1})
    ]
    problems += [
        f"ukjent kolonne «{name}»" for name in names if name and name not in _KNOWN_COLUMNS
    ]
    if problems:
        raise FileRejected([LineError(1, _HEADER_HELP.format(problem="; ".join(problems)))])
    return _Columns(
        period=names.index("period"),
        area=names.index("area"),
        code=names.index("code"),
        value=names.index("value"),
        comment=names.index("comment") if "comment" in names else None,
        status=names.index("status") if "status" in names else None,
    )


def _ragged_line(text: str, delimiter: str, error: Exception) -> LineError:
    """Return the first line whose field count differs from the header's, for polars' error."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, [])
    start = reader.line_num + 1
    for fields in reader:
        if len(fields) > len(header):
            return LineError(
                start,
                f"linjen har {len(fields)} felt, men overskriften har {len(header)}. "
                f"Står det «{delimiter}» i en kommentar, må kommentaren stå i anførselstegn (\").",
            )
        start = reader.line_num + 1
    return LineError(None, f"filen kan ikke leses som CSV: {error}")


def _excel_header(value: Any) -> str:
    return "" if value is None else str(value)


def _excel_text(value: Any, field: str) -> str:
    """Return an Excel cell as the text a user would have typed in a CSV file."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, datetime | date):
        # Excel turns 2024-03 into a date; the month is what was meant.
        return f"{value.year:04d}-{value.month:02d}" if field == "period" else value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and field == "area":
        # A number cell cannot keep the leading zero of 0301 or 030102.
        text = str(value)
        return "0" + text if value > 0 and len(text) in (1, 3, 5) else text
    return str(value).strip()


def _period(raw: str) -> Period | str:
    if not raw:
        return "perioden mangler (ÅÅÅÅ-MM, for eksempel 2024-03)."
    try:
        return Period.parse(raw)
    except PeriodError:
        return f"perioden «{raw}» er ikke en måned på formen ÅÅÅÅ-MM (for eksempel 2024-03)."


def _area_problem(raw: str) -> str | None:
    if not raw:
        return "området mangler (SSBs kode for kommunen eller bydelen)."
    if not is_region_code(raw):
        hint = ""
        if raw.isdigit() and len(raw) in (1, 3, 5):
            hint = f" Har regnearket tatt bort en innledende null (0{raw})?"
        return (
            f"området «{raw}» er ikke en kode fra SSB (4 siffer for kommune, 6 for bydel).{hint}"
        )
    level = level_of(raw)
    if level in (Level.NATION, Level.FYLKE):
        what = "hele landet" if level is Level.NATION else "et fylke"
        return f"området «{raw}» er {what}; tall registreres per kommune eller bydel."
    return None


def _parse(
    records: Iterable[_Record], figures: Mapping[str, KeyFigure], *, has_comment_column: bool
) -> ValuesFile:
    # A demo file has 180,000 lines but few distinct periods, areas and values.
    periods: dict[str, Period | str] = {}
    areas: dict[str, str | None] = {}
    cells: dict[tuple[str, str, str], Cell | str] = {}
    lines: list[ValueLine] = []
    refused: list[RefusedLine] = []
    seen: dict[Key, int] = {}
    for line_no, period_raw, area_raw, code_raw, value_raw, status_raw, comment in records:
        period = periods.get(period_raw)
        if period is None:
            period = periods[period_raw] = _period(period_raw)
        if area_raw in areas:
            area_problem = areas[area_raw]
        else:
            area_problem = areas[area_raw] = _area_problem(area_raw)
        code = code_raw if code_raw in figures else code_raw.upper()
        cell: Cell | str | None = None
        if code in figures:
            cell = cells.get((value_raw, status_raw, code))
            if cell is None:
                cell = cells[(value_raw, status_raw, code)] = _cell(
                    value_raw, status_raw, figures[code]
                )
        if area_problem is None and isinstance(period, Period) and isinstance(cell, Cell):
            key = (area_raw, period, code)
            earlier = seen.get(key)
            if earlier is None:
                seen[key] = line_no
                lines.append(ValueLine(line_no, period, area_raw, code, cell, comment))
                continue
            problems = [
                f"perioden {period}, området {area_raw} og nøkkeltallet {code} står også "
                f"på linje {earlier}; hver verdi kan bare stå én gang i filen."
            ]
        else:
            problems = [p for p in (period, area_problem, cell) if isinstance(p, str)]
            if not code_raw:
                problems.append("nøkkeltallet (code) mangler.")
            elif code not in figures:
                problems.append(f"nøkkeltallet «{code_raw}» finnes ikke eller er ikke i bruk.")
            elif area_problem is None and isinstance(period, Period):
                # A refused value still claims its key, so a later line for it is a duplicate.
                seen.setdefault((area_raw, period, code), line_no)
        refused.append(RefusedLine(line_no, _sentences(problems)))
    return ValuesFile(tuple(lines), tuple(refused), has_comment_column=has_comment_column)


def _sentences(problems: Sequence[str]) -> str:
    """Return the problems of a line as one text; the first follows «Linje N:» in lower case."""
    return " ".join([problems[0], *(p[:1].upper() + p[1:] for p in problems[1:])])


def _cell(value_raw: str, status_raw: str, figure: KeyFigure) -> Cell | str:
    """Return the cell of a value and its status (in an export), or the reason it is refused."""
    code = figure.code
    if status_raw not in _STATUSES:
        return (
            f"statusen «{status_raw}» er ukjent; bruk «{SUPPRESSED}» for prikket (færre enn 4), "
            f"«{MISSING}» for ikke rapportert, eller la den stå tom."
        )
    implied = _STATUSES[status_raw]
    if implied is not None and value_raw:
        meaning = "prikket" if status_raw == SUPPRESSED else "ikke rapportert"
        return (
            f"verdien «{value_raw}» for {code} passer ikke med statusen «{status_raw}» "
            f"({meaning}); la verdien stå tom når statusen er fylt ut."
        )
    try:
        return parse_cell(value_raw if implied is None else implied, figure)
    except CellError as error:
        field = f"verdien «{value_raw}»" if implied is None else f"statusen «{status_raw}»"
        return f"{field} for {code}: {error}"


class ExportRow(NamedTuple):
    """One current value as it leaves the system (EXPORT_COLUMNS, in order)."""

    period: str
    area: str
    code: str
    value: int | None
    comment: str
    status: str
    source: str
    updated_at: str


def export_row(
    *,
    period: Period,
    area: str,
    figure: KeyFigure | None,
    code: str,
    cell: Cell,
    comment: str,
    source: str,
    updated_at: datetime,
) -> ExportRow:
    """Return a stored value as an export row: a number, or SSB's `:` for a dot and `..` for empty.

    A count of 1–3 should never be stored; should one be, it leaves as `:`.
    """
    value: int | None = None
    status = MISSING
    if cell.is_dot:
        status = SUPPRESSED
    elif cell.is_number:
        shown = display_count(cell.number, is_count=figure is None or figure.is_count)
        if shown == SUPPRESSED:
            status = SUPPRESSED
        else:
            value, status = cell.number, ""
    return ExportRow(
        period=str(period),
        area=area,
        code=code,
        value=value,
        comment=comment,
        status=status,
        source=source,
        updated_at=updated_at.isoformat(timespec="seconds"),
    )


class TextSink(Protocol):
    """Anything with a write method for text: a file, an HTTP response, a command's stdout."""

    def write(self, text: str, /) -> object: ...


def write_csv(rows: Iterable[ExportRow], stream: TextSink, *, delimiter: str = ",") -> int:
    """Write a header and the rows as CSV to a text stream; return the number of rows."""
    writer = csv.writer(stream, delimiter=delimiter, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    count = 0
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
        count += 1
    return count


def write_xlsx(rows: Iterable[ExportRow], stream: IO[bytes]) -> int:
    """Write a header and the rows to the first sheet of a new workbook; return the number of rows.

    Numbers are number cells; every text is a text cell, also one starting
    with «=», which would otherwise become a formula.
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("verdier")
    sheet.append(list(EXPORT_COLUMNS))
    count = 0
    for row in rows:
        cells: list[Any] = []
        for value in row:
            if isinstance(value, str) and value.startswith("="):
                cell = WriteOnlyCell(sheet, value=value)
                cell.data_type = "s"
                cells.append(cell)
            else:
                cells.append(value)
        sheet.append(cells)
        count += 1
    workbook.save(stream)
    return count
