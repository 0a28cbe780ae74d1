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
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from operator import itemgetter
from typing import IO, Any, NamedTuple, Protocol

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from malekort.domain.cells import Cell, CellError, parse_cell
from malekort.domain.files.csv_cells import csv_row, keep_as_text, restore
from malekort.domain.files.errors import FileRejected, LineError
from malekort.domain.files.limits import (
    MAX_CELL_CHARS,
    MAX_DATA_LINES,
    MAX_LINE_CHARS,
    NOT_EXCEL,
    check_file_size,
    check_xlsx_archive,
    quote,
    thousands,
    too_many_lines,
)
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
    reason = f"filtypen «{quote(extension or filename)}» kan ikke leses; bruk .csv eller .xlsx.{hint}"
    raise FileRejected([LineError(None, reason)])


_SAVE_AS_CSV = "Lagre filen som «CSV UTF-8 (kommadelt)» eller «CSV (semikolondelt)» og prøv igjen."


def decode_text(data: bytes) -> str:
    """Return the text of a CSV file: UTF-8 (with or without BOM), else Windows-1252/ISO-8859-1.

    Raises FileRejected, saying so, for UTF-16 or UTF-32 («Unicode-tekst» in
    Excel), for an Excel workbook with a .csv name and for other binary files.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        raise FileRejected([LineError(
            None,
            "filen er lagret med tegnkodingen UTF-16 eller UTF-32 («Unicode-tekst»), som ikke "
            f"kan leses. Bruk UTF-8 (med eller uten BOM) eller Windows-1252. {_SAVE_AS_CSV}",
        )])
    if data.startswith(b"PK\x03\x04"):
        raise FileRejected([LineError(
            None, "filen er en Excel-arbeidsbok eller et zip-arkiv, ikke tekst. "
            "Gi den endelsen .xlsx, eller lagre den som CSV.",
        )])
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise FileRejected([LineError(
            line,
            "filen har nulltegn og er ikke en tekstfil med tegnkodingen UTF-8 eller Windows-1252 "
            f"(er den lagret som UTF-16, «Unicode-tekst»?). {_SAVE_AS_CSV}",
        )])
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

    A line number counts records, as rows in a spreadsheet: a quoted comment
    spanning two lines is one. The limits are checked first.
    """
    check_file_size(len(data))
    text = decode_text(data)
    # Lines end in LF, CRLF or (an old Mac's "CSV (Macintosh)") CR alone.
    first_line = re.split(r"[\r\n]", text[: MAX_LINE_CHARS + 2], maxsplit=1)[0]
    if not first_line.strip():
        raise FileRejected([LineError(1, _HEADER_HELP.format(problem="filen er tom"))])
    if len(first_line) > MAX_LINE_CHARS:
        raise FileRejected([LineError(1, _HEADER_HELP.format(
            problem=f"første linje er lengre enn {thousands(MAX_LINE_CHARS)} tegn"
        ))])
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except csv.Error as error:
        raise FileRejected([LineError(1, _csv_error(error))]) from error
    columns = _columns(header)
    return _parse(
        _csv_records(reader, columns, len(header), delimiter),
        figures,
        has_comment_column=columns.comment is not None,
    )


def _csv_records(
    reader: Iterator[list[str]], columns: _Columns, width: int, delimiter: str
) -> Iterator[_Record | RefusedLine]:
    names = [""] * width
    for name, index in columns.indices().items():
        names[index] = name
    # «12,5» in a comma-separated file with the comment last would silently be
    # the value 12 with the comment «5».
    comment_follows_value = (
        delimiter == "," and columns.comment == columns.value + 1 and columns.comment == width - 1
    )
    pick = itemgetter(
        columns.period, columns.area, columns.code, columns.value,
        width if columns.status is None else columns.status,
        width if columns.comment is None else columns.comment,
    )
    line_no = 1
    try:
        for raw in reader:
            line_no += 1
            if line_no > MAX_DATA_LINES + 1:
                raise FileRejected([too_many_lines(MAX_DATA_LINES)])
            if len(raw) != width:
                if not "".join(raw).strip():
                    continue
                if len(raw) > width:
                    yield RefusedLine(line_no, _too_many_fields(raw, columns, width, delimiter))
                    continue
                raw += [""] * (width - len(raw))
            if sum(map(len, raw)) > MAX_CELL_CHARS:
                too_long = [
                    names[i] or str(i + 1) for i, f in enumerate(raw) if len(f.strip()) > MAX_CELL_CHARS
                ]
                if too_long:
                    yield RefusedLine(line_no, _cell_too_long(too_long[0]))
                    continue
            # One empty field past the end stands in for a missing status or comment column.
            period, area, code, value, status, comment = map(str.strip, pick([*raw, ""]))
            if not (period or area or code or value or status or comment) and not "".join(raw).strip():
                continue
            if comment_follows_value and _DIGITS.match(value) and _DIGITS.match(comment):
                yield RefusedLine(line_no, _decimal_comma(value, comment))
                continue
            yield (
                line_no, period, area, code, value, status, None if columns.comment is None else comment
            )
    except csv.Error as error:
        raise FileRejected([LineError(line_no + 1, _csv_error(error))]) from error


_DIGITS = re.compile(r"^[0-9]+$")


def _decimal_comma(value: str, after: str) -> str:
    number = quote(f"{value},{after}")
    return (
        f"verdien og kommentaren ser ut som ett tall skrevet med komma («{number}»), men et tall "
        "kan ikke ha komma, verken som desimaltegn eller mellom tusener. Skriv et helt tall "
        "(tusener kan skilles med mellomrom). Er det en kommentar, skriv den med ord."
    )


def _too_many_fields(fields: Sequence[str], columns: _Columns, width: int, delimiter: str) -> str:
    problem = f"linjen har {len(fields)} felt, men overskriften har {width}."
    value, after = fields[columns.value].strip(), fields[columns.value + 1].strip()
    if _DIGITS.match(value) and _DIGITS.match(after):
        return (
            f"{problem} Står det desimalkomma i verdien («{quote(f'{value}{delimiter}{after}')}»)? "
            "Skriv et helt tall uten desimaler."
        )
    return (
        f"{problem} Står det «{delimiter}» i en kommentar, må kommentaren stå i anførselstegn (\")."
    )


def _cell_too_long(column: str) -> str:
    return f"feltet «{quote(column)}» er lengre enn {thousands(MAX_CELL_CHARS)} tegn."


def _csv_error(error: csv.Error) -> str:
    if "field larger than field limit" in str(error):
        return (
            "et felt er for langt til å leses (over 131\u00a0072 tegn). Mangler et avsluttende "
            "anførselstegn (\")?"
        )
    return f"filen kan ikke leses som CSV: {quote(str(error))}."


def read_xlsx(data: bytes, figures: Mapping[str, KeyFigure]) -> ValuesFile:
    """Return the lines of the first sheet of an Excel workbook (header in row 1).

    The archive's sizes are checked before openpyxl opens it, and the sheet is
    streamed (read-only), so memory stays small whatever the file says.
    """
    check_file_size(len(data))
    check_xlsx_archive(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged workbook
        raise FileRejected([LineError(None, NOT_EXCEL)]) from error
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if not isinstance(sheet, ReadOnlyWorksheet):
            raise FileRejected([LineError(None, NOT_EXCEL)])
        # The dimension a file states could pad every row to 16,384 columns.
        sheet.reset_dimensions()
        rows = _guarded_rows(sheet.iter_rows(values_only=True))
        header = next(rows, None)
        columns = _columns([_excel_header(value) for value in header or ()])
        return _parse(
            _excel_records(columns, rows), figures, has_comment_column=columns.comment is not None
        )
    finally:
        workbook.close()


def _guarded_rows(rows: Iterator[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    """Yield the rows of a sheet, turning a damaged sheet into FileRejected and stopping at the limit."""
    line_no = 0
    while True:
        try:
            row = next(rows, None)
        except Exception as error:  # a damaged sheet's XML, in any of openpyxl's parsers
            raise FileRejected([LineError(None, NOT_EXCEL)]) from error
        if row is None:
            return
        line_no += 1
        if line_no > MAX_DATA_LINES + 1:
            raise FileRejected([too_many_lines(MAX_DATA_LINES)])
        if len(row) > MAX_LINE_CHARS:
            raise FileRejected([LineError(line_no, f"raden har {thousands(len(row))} kolonner.")])
        yield row


def _excel_records(columns: _Columns, rows: Iterable[Sequence[Any]]) -> Iterator[_Record | RefusedLine]:
    width = 1 + max(
        columns.period, columns.area, columns.code, columns.value,
        columns.comment or 0, columns.status or 0,
    )
    names = {index: name for name, index in columns.indices().items()}
    for line_no, row in enumerate(rows, start=2):
        if not any(v is not None and str(v).strip() for v in row):
            continue
        if len(row) < width:
            row = (*row, *([None] * (width - len(row))))
        texts = {index: _excel_text(row[index], name) for index, name in names.items()}
        too_long = [names[i] for i, text in texts.items() if len(text) > MAX_CELL_CHARS]
        if too_long:
            yield RefusedLine(line_no, _cell_too_long(too_long[0]))
            continue
        yield (
            line_no,
            texts[columns.period],
            texts[columns.area],
            texts[columns.code],
            texts[columns.value],
            "" if columns.status is None else texts[columns.status],
            None if columns.comment is None else texts[columns.comment],
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

    def indices(self) -> dict[str, int]:
        """Return the index of each column the reader uses, by name."""
        found = {
            "period": self.period, "area": self.area, "code": self.code, "value": self.value,
            "comment": self.comment, "status": self.status,
        }
        return {name: index for name, index in found.items() if index is not None}


def _columns(header: Sequence[str | None]) -> _Columns:
    names = [(name or "").replace("\ufeff", "").strip().lower() for name in header]
    if not any(names):
        raise FileRejected([LineError(1, _HEADER_HELP.format(problem="overskriftene mangler"))])
    problems = [f"mangler kolonnen «{name}»" for name in REQUIRED_COLUMNS if name not in names]
    problems += [
        f"kolonnen «{quote(name)}» står flere ganger"
        for name in sorted({n for n in names if n and names.count(n) > 1})
    ]
    problems += [
        f"ukjent kolonne «{quote(name)}»" for name in names if name and name not in _KNOWN_COLUMNS
    ]
    if problems:
        if len(problems) > 5:
            problems = [*problems[:5], f"og {len(problems) - 5} feil til"]
        raise FileRejected([LineError(1, _HEADER_HELP.format(problem="; ".join(problems)))])
    return _Columns(
        period=names.index("period"),
        area=names.index("area"),
        code=names.index("code"),
        value=names.index("value"),
        comment=names.index("comment") if "comment" in names else None,
        status=names.index("status") if "status" in names else None,
    )


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
        return f"perioden «{quote(raw)}» er ikke en måned på formen ÅÅÅÅ-MM (for eksempel 2024-03)."


def _area_problem(raw: str) -> str | None:
    if not raw:
        return "området mangler (SSBs kode for kommunen eller bydelen)."
    if not is_region_code(raw):
        hint = ""
        if raw.isdigit() and len(raw) in (1, 3, 5):
            hint = f" Har regnearket tatt bort en innledende null (0{raw})?"
        return (
            f"området «{quote(raw)}» er ikke en kode fra SSB (4 siffer for kommune, 6 for bydel).{hint}"
        )
    level = level_of(raw)
    if level in (Level.NATION, Level.FYLKE):
        what = "hele landet" if level is Level.NATION else "et fylke"
        return f"området «{raw}» er {what}; tall registreres per kommune eller bydel."
    return None


def _parse(
    records: Iterable[_Record | RefusedLine],
    figures: Mapping[str, KeyFigure],
    *,
    has_comment_column: bool,
) -> ValuesFile:
    # A demo file has 180,000 lines but few distinct periods, areas and values.
    periods: dict[str, Period | str] = {}
    areas: dict[str, str | None] = {}
    cells: dict[tuple[str, str, str], Cell | str] = {}
    lines: list[ValueLine] = []
    refused: list[RefusedLine] = []
    seen: dict[Key, int] = {}
    for record in records:
        if isinstance(record, RefusedLine):
            refused.append(record)
            continue
        line_no, period_raw, area_raw, code_raw, value_raw, status_raw, comment = record
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
                lines.append(ValueLine(
                    line_no, period, area_raw, code, cell, None if comment is None else restore(comment)
                ))
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
                problems.append(f"nøkkeltallet «{quote(code_raw)}» finnes ikke eller er ikke i bruk.")
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
            f"statusen «{quote(status_raw)}» er ukjent; bruk «{SUPPRESSED}» for prikket (færre enn 4), "
            f"«{MISSING}» for ikke rapportert, eller la den stå tom."
        )
    implied = _STATUSES[status_raw]
    if implied is not None and value_raw:
        meaning = "prikket" if status_raw == SUPPRESSED else "ikke rapportert"
        return (
            f"verdien «{quote(value_raw)}» for {code} passer ikke med statusen «{status_raw}» "
            f"({meaning}); la verdien stå tom når statusen er fylt ut."
        )
    try:
        return parse_cell(value_raw if implied is None else implied, figure)
    except CellError as error:
        field = f"verdien «{quote(value_raw)}»" if implied is None else f"statusen «{status_raw}»"
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
        writer.writerow(csv_row(row))
        count += 1
    return count


def write_xlsx(rows: Iterable[ExportRow], stream: IO[bytes]) -> int:
    """Write a header and the rows to the first sheet of a new workbook; return the number of rows.

    Numbers are number cells; every text is a text cell, also one starting
    with «=», which would otherwise become a formula (no apostrophe is needed
    in a workbook, where a text cell is never run).
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("verdier")
    sheet.append(list(EXPORT_COLUMNS))
    count = 0
    for row in rows:
        cells = [WriteOnlyCell(sheet, value=value) for value in row]
        keep_as_text(cells)
        sheet.append(cells)
        count += 1
    workbook.save(stream)
    return count
