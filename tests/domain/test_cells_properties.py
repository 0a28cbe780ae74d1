"""Whatever a user types or a file holds, the cell parser gives a cell or a clear refusal."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from malekort.domain.cells import Cell, CellError, cell_error, parse_cell
from malekort.domain.keyfigures import CATALOGUE, KeyFigure
from malekort.domain.plausibility import MAX_KRONER, MAX_PERSONS, MAX_STORABLE
from malekort.domain.suppression import SUPPRESSION_THRESHOLD

figures = st.sampled_from(CATALOGUE)
# Text close to what people type: digits, signs, separators and spaces, plus anything at all.
typed = st.text(alphabet="0123456789 .,-+\u00a0\u202fe", max_size=40)
anything = st.text(max_size=200)
long_digits = st.text(alphabet="0123456789", min_size=15, max_size=6000)


def parsed_or_refused(text: str, figure: KeyFigure) -> Cell | None:
    """Return the cell, or None when refused with a message; any other exception fails the test."""
    try:
        return parse_cell(text, figure)
    except CellError as error:
        assert str(error).strip(), "a refusal must say why"
        return None


@given(st.one_of(typed, anything, long_digits), figures)
def test_any_text_gives_a_cell_or_a_clean_refusal(text: str, figure: KeyFigure) -> None:
    cell = parsed_or_refused(text, figure)
    if cell is not None and cell.is_number:
        assert cell.number is not None
        # Only storable, believable numbers pass, and never a count of 1–3.
        assert 0 <= cell.number <= MAX_STORABLE
        assert cell.number <= (MAX_PERSONS if figure.is_count else MAX_KRONER)
        assert not 0 < cell.number < SUPPRESSION_THRESHOLD


@given(st.integers(min_value=-(10**30), max_value=10**30), figures)
def test_any_whole_number_gives_a_cell_or_a_clean_refusal(number: int, figure: KeyFigure) -> None:
    cell = parsed_or_refused(str(number), figure)
    if cell is not None:
        assert cell == Cell.of(number)
        assert cell_error(cell, figure) is None


@given(st.integers(min_value=0, max_value=10**12), figures)
def test_what_passes_reads_back_as_typed(number: int, figure: KeyFigure) -> None:
    cell = parsed_or_refused(f"{number:,}".replace(",", " "), figure)
    if cell is not None:
        assert parse_cell(cell.as_text(), figure) == cell


@pytest.mark.parametrize("value", [None, 12, 3.5, True])
def test_values_that_are_not_text_are_read_as_text(value: object) -> None:
    parsed_or_refused(value, CATALOGUE[0])  # type: ignore[arg-type]
