"""Whatever a file holds, the value-file reader gives lines and refused lines, or refuses the file: never a crash.

Hypothesis drives the reader with arbitrary bytes, arbitrary text in CSV
shape (any delimiter, quotes, line ends, encodings) and workbooks of arbitrary
cells. A refusal is `FileRejected` with a Norwegian reason; every line is
either read or refused with its number; a quoted value never makes a reason
longer than the limits allow.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from malekort.domain.files.errors import FileRejected
from malekort.domain.files.values_file import EXPORT_COLUMNS, ValuesFile, read_values_file
from malekort.domain.keyfigures import CATALOGUE

FIGURES = {f.code: f for f in CATALOGUE}
CODES = [f.code for f in CATALOGUE]
MAX_REASON = 1_000

# Fields that are sometimes right, sometimes nearly right and sometimes anything.
periods = st.one_of(st.sampled_from(["2024-03", "2022-01", "2024-13", "0000-01", "2024-3", ""]), st.text(max_size=12))
areas = st.one_of(st.sampled_from(["0301", "030102", "3320", "03", "0", "301", ""]), st.text(max_size=8))
codes = st.one_of(st.sampled_from([*CODES, "sh_barn", "SH_ELDRE", ""]), st.text(max_size=14))
values = st.one_of(
    st.sampled_from([".", "", "2", "12,5", "1 234", "-4", "9223372036854775808", ":", ".."]),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.text(max_size=10),
)
comments = st.text(max_size=30)
fields = st.tuples(periods, areas, codes, values, comments)


def check(parsed: ValuesFile) -> None:
    numbers = [line.line_no for line in parsed.lines] + [line.line_no for line in parsed.refused]
    assert all(number >= 2 for number in numbers)
    assert all(line.reason and len(line.reason) < MAX_REASON for line in parsed.refused)


def read(data: bytes, filename: str) -> None:
    try:
        parsed = read_values_file(data, filename, FIGURES)
    except FileRejected as rejected:
        assert rejected.errors
        assert all(error.reason and len(error.reason) < MAX_REASON for error in rejected.errors)
        return
    check(parsed)


@given(st.binary(max_size=2_000), st.sampled_from(["tall.csv", "tall.xlsx", "tall.txt", "tall.xls", "tall"]))
@settings(max_examples=300, deadline=None)
def test_arbitrary_bytes(data: bytes, filename: str) -> None:
    read(data, filename)


@given(
    st.lists(fields, max_size=12),
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
    st.booleans(),
    st.one_of(st.none(), st.text(max_size=20)),
)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_csv_shaped_text(rows, delimiter, newline, encoding, quote_all, extra):  # type: ignore[no-untyped-def]
    def cell(text: str) -> str:
        if quote_all or delimiter in text or '"' in text or "\n" in text or "\r" in text:
            return '"' + text.replace('"', '""') + '"'
        return text

    lines = [delimiter.join(["period", "area", "code", "value", "comment"])]
    lines += [delimiter.join(cell(field) for field in row) for row in rows]
    if extra is not None:
        lines.append(extra)
    text = newline.join(lines) + newline
    data = text.encode(encoding, errors="replace")
    read(data, "tall.csv")


@given(st.lists(fields, max_size=8))
@settings(max_examples=100, deadline=None)
def test_export_shaped_text(rows):  # type: ignore[no-untyped-def]
    statuses = ["", ":", "..", "x"]
    lines = [",".join(EXPORT_COLUMNS)]
    for index, row in enumerate(rows):
        quoted = ['"' + f.replace('"', '""') + '"' for f in row]
        lines.append(",".join([*quoted, statuses[index % 4], "typed", "2024-04-02T10:00:00+02:00"]))
    read("\n".join(lines).encode(), "tall.csv")


excel_cells = st.one_of(
    st.none(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 1, 1)),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=20),
    periods, areas, codes, values,
).map(lambda value: ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value)


@given(
    st.lists(st.lists(excel_cells, max_size=7), max_size=10),
    st.lists(st.sampled_from([*EXPORT_COLUMNS, "", "kilde", "Period"]), min_size=0, max_size=7),
)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_workbooks_of_arbitrary_cells(rows, header):  # type: ignore[no-untyped-def]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    read(out.getvalue(), "tall.xlsx")


@given(st.dictionaries(st.sampled_from([
    "[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
    "_rels/.rels", "xl/_rels/workbook.xml.rels",
]), st.binary(max_size=300), max_size=6))
@settings(max_examples=100, deadline=None)
def test_damaged_workbooks(members: dict[str, bytes]) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    read(out.getvalue(), "tall.xlsx")
