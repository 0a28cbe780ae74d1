"""Text cells that a spreadsheet cannot mistake for a formula (CSV injection).

A spreadsheet opening a CSV file runs a cell that starts with «=», «+», «-» or
«@» as a formula, and a leading tab or carriage return hides such a start from
a naive check. OWASP's advice is to put an apostrophe before such a text: the
spreadsheet then shows it as text. Only free text (comments, names, labels) is
neutralised; a number leaves as a number, also a negative one, because the
writers pass numbers as `int`/`float`, never as text through `neutralise`.

A text that already starts with an apostrophe gets one more, so that
`restore` gives back exactly the text that was neutralised: an exported
comment read back by the import is the stored comment.

In an Excel workbook a text cell is never run; openpyxl alone makes a value
starting with «=» a formula cell, which `keep_as_text` turns back into text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"

_T = TypeVar("_T")


def neutralise(text: str) -> str:
    """Return the text with an apostrophe before it when a spreadsheet would read a formula."""
    if text.startswith(FORMULA_STARTS) or (
        text.startswith(QUOTE) and text[1:2].startswith((*FORMULA_STARTS, QUOTE))
    ):
        return QUOTE + text
    return text


def restore(text: str) -> str:
    """Return the text `neutralise` was given: the inverse, for reading an exported file back."""
    if text.startswith(QUOTE) and text[1:2].startswith((*FORMULA_STARTS, QUOTE)):
        return text[1:]
    return text


def csv_cell(value: str | _T) -> str | _T:
    """Return a text neutralised and any other value (a number, None) as it is."""
    return neutralise(value) if isinstance(value, str) else value


def csv_row(values: Iterable[object]) -> list[object]:
    """Return a row for `csv.writer` with every text neutralised and None as an empty cell."""
    return ["" if value is None else csv_cell(value) for value in values]


class _SheetCell(Protocol):
    data_type: str


def keep_as_text(cells: Iterable[_SheetCell]) -> None:
    """Turn openpyxl cells that it made formulas (a text starting with «=») back into text cells."""
    for cell in cells:
        if cell.data_type == "f":
            cell.data_type = "s"
