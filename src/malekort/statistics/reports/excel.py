"""A report as an Excel workbook: one sheet per published table, and a sheet of notes.

Each table sheet has a header row and then a row per figure, indicator or
area; numbers are number cells, and a cell without a number holds SSB's
symbol as text. The notes sheet says what the report covers, how to read
coverage, dots and non-response, defines the key figures and indicators and
explains the symbols.
"""

from __future__ import annotations

from typing import IO, Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from malekort.domain.files.csv_cells import keep_as_text
from malekort.domain.periods import label
from malekort.statistics.reports.tables import FRACTION, PERCENT, Published, Report, Table

NOTES_SHEET = "Merknader"
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")


def write_xlsx(report: Report, out: IO[bytes]) -> None:
    """Write the report's tables and notes as an Excel workbook."""
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    workbook.remove(first)
    for table in report.tables:
        _table_sheet(workbook.create_sheet(_sheet_name(table.key)), table)
    _notes_sheet(workbook.create_sheet(NOTES_SHEET), report)
    workbook.save(out)


def _table_sheet(sheet: Worksheet, table: Table) -> None:
    sheet.append(["Kode", table.stub, *table.headings])
    for cell in sheet[1]:
        cell.font = _BOLD
        cell.alignment = _WRAP
    for row in table.rows:
        sheet.append([row.code, row.label, *(_value(cell) for cell in row.cells)])
        for column, published in enumerate(row.cells, start=3):
            target = sheet.cell(row=sheet.max_row, column=column)
            if published.value is None:
                target.alignment = Alignment(horizontal="right")
            else:
                target.number_format = _number_format(published)
    for line in sheet.iter_rows():
        keep_as_text(line)  # a label or name is text, even one starting with «=»
    sheet.freeze_panes = "C2"
    sheet.column_dimensions["A"].width = 10
    sheet.column_dimensions["B"].width = 45
    for column in range(3, len(table.headings) + 3):
        sheet.column_dimensions[get_column_letter(column)].width = 16


def _notes_sheet(sheet: Worksheet, report: Report) -> None:
    rows: list[list[Any]] = [
        [report.title],
        ["Område", report.scope.label],
        ["Måned", label(report.month)],
        ["Laget", report.generated.strftime("%d.%m.%Y %H:%M")],
        [],
        ["Merknader"],
        *([f"{number}.", note] for number, note in enumerate(report.notes, start=1)),
        [],
        ["Tabeller"],
        *([table.key, f"{table.title}. {table.note}".strip()] for table in report.tables),
        [],
        ["Definisjoner"],
        *([d.code, f"{d.name}. {d.text}"] for d in report.definitions),
        [],
        ["Tegnforklaring"],
        *([symbol, text] for symbol, text in report.symbol_legend),
    ]
    headings = {"Merknader", "Tabeller", "Definisjoner", "Tegnforklaring"}
    for row in rows:
        sheet.append(row)
        if row and (row[0] in headings or row[0] == report.title):
            sheet.cell(row=sheet.max_row, column=1).font = _BOLD
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 110
    for line in sheet.iter_rows():
        keep_as_text(line)
        for cell in line:
            cell.alignment = _WRAP


def _value(cell: Published) -> int | float | str:
    value = cell.machine_value()
    return cell.symbol if value is None else value


def _number_format(cell: Published) -> str:
    decimals = cell.measure.decimals
    if cell.measure.unit == FRACTION:
        return "0.0%"
    fraction = "." + "0" * decimals if decimals else ""
    return f"#,##0{fraction}" if cell.measure.unit != PERCENT else f"0{fraction}"


def _sheet_name(name: str) -> str:
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in name)
    return cleaned[:31]
