"""What a user may type into a cell: a whole number, a dot for 1–3, or nothing."""

import pytest

from malekort.domain.cells import DOTTED, EMPTY, Cell, CellError, CellKind, cell_error, parse_cell
from malekort.domain.keyfigures import CATALOGUE, KeyFigure, OverTime, Unit

FIGURES = {f.code: f for f in CATALOGUE}
RECIPIENTS = FIGURES["SH_MOTTAKERE"]
KRONER = FIGURES["SH_KRONER"]
KVP = FIGURES["KVP_DELTAKERE"]


@pytest.mark.parametrize("text", ["", None, "   ", "\u00a0"])
def test_blank_is_empty(text: str | None) -> None:
    cell = parse_cell(text, RECIPIENTS)
    assert cell == EMPTY
    assert cell.is_empty and not cell.is_known


@pytest.mark.parametrize("text", [".", " . "])
def test_dot_for_a_count(text: str) -> None:
    cell = parse_cell(text, RECIPIENTS)
    assert cell == DOTTED
    assert cell.is_dot and cell.is_known and not cell.is_number
    assert cell.number is None


def test_zero_is_a_valid_count() -> None:
    cell = parse_cell("0", RECIPIENTS)
    assert cell == Cell(CellKind.NUMBER, 0)
    assert cell.is_number and cell.is_known


@pytest.mark.parametrize("text", ["1", "2", "3"])
def test_one_to_three_is_refused_asking_for_a_dot(text: str) -> None:
    with pytest.raises(CellError) as caught:
        parse_cell(text, RECIPIENTS)
    message = str(caught.value)
    assert "prikk" in message.lower()
    assert "(.)" in message
    assert text in message


@pytest.mark.parametrize("text", ["1", "3"])
def test_one_to_three_refused_for_kvp_as_well(text: str) -> None:
    with pytest.raises(CellError, match="prikk"):
        parse_cell(text, KVP)


@pytest.mark.parametrize(
    "code", ["SH_BARN", "SH_HOVEDKILDE", "SH_UNDER30", "SH_UNDER25", "SH_LANGTID"]
)
def test_every_count_refuses_two(code: str) -> None:
    with pytest.raises(CellError):
        parse_cell("2", FIGURES[code])


def test_four_is_a_number() -> None:
    assert parse_cell("4", RECIPIENTS) == Cell.of(4)


def test_negative_refused() -> None:
    with pytest.raises(CellError, match="negativ"):
        parse_cell("-5", RECIPIENTS)


def test_negative_kroner_refused() -> None:
    with pytest.raises(CellError, match="negativ"):
        parse_cell("-1000", KRONER)


@pytest.mark.parametrize("text", ["2,5", "2.5", "10,0", "1234.56"])
def test_decimals_refused(text: str) -> None:
    with pytest.raises(CellError, match="desimal"):
        parse_cell(text, RECIPIENTS)


def test_decimal_kroner_refused() -> None:
    with pytest.raises(CellError, match="desimal"):
        parse_cell("1500,50", KRONER)


@pytest.mark.parametrize("text", ["abc", "12a", "..", "4 personer", "+5", "1e3", "--4"])
def test_not_a_number_refused(text: str) -> None:
    with pytest.raises(CellError):
        parse_cell(text, RECIPIENTS)


@pytest.mark.parametrize("text", ["12 345", "12\u00a0345", "12\u202f345", " 12345 "])
def test_thousand_spaces_are_ignored(text: str) -> None:
    assert parse_cell(text, RECIPIENTS) == Cell.of(12345)


@pytest.mark.parametrize("text", ["1", "2", "3"])
def test_kroner_one_to_three_is_refused_as_not_believable_not_with_a_dot(text: str) -> None:
    # Kroner are a number only when at least 4 people got them: 1–3 kroner is under 1 krone each.
    with pytest.raises(CellError) as caught:
        parse_cell(text, KRONER)
    assert "kan ikke stemme" in str(caught.value)
    assert "prikk" not in str(caught.value)


def test_kroner_four_and_zero_are_numbers() -> None:
    assert parse_cell("4", KRONER) == Cell.of(4)
    assert parse_cell("0", KRONER) == Cell.of(0)


def test_kroner_with_thousand_spaces() -> None:
    assert parse_cell("1 250 000", KRONER) == Cell.of(1_250_000)


def test_kroner_dot_accepted_since_it_follows_the_recipients_dot() -> None:
    assert parse_cell(".", KRONER) == DOTTED


def test_dot_refused_for_an_amount_that_follows_no_dot() -> None:
    amount = KeyFigure("X_KRONER", "Et beløp", "beløp", Unit.NOK, OverTime.SUM)
    with pytest.raises(CellError, match="kan ikke prikkes"):
        parse_cell(".", amount)
    assert parse_cell("30", amount) == Cell.of(30)


def test_parse_of_a_non_string_value() -> None:
    # Spreadsheet readers may hand over ints.
    assert parse_cell(1200, RECIPIENTS) == Cell.of(1200)  # type: ignore[arg-type]


def test_as_text_round_trip() -> None:
    assert Cell.of(12345).as_text() == "12345"
    assert Cell.of(0).as_text() == "0"
    assert DOTTED.as_text() == "."
    assert EMPTY.as_text() == ""
    for text in ["12345", "0", ".", ""]:
        assert parse_cell(text, RECIPIENTS).as_text() == text


def test_only_ascii_digits_are_numbers() -> None:
    # Python's \d and int() accept full-width and other scripts' digits; a register must not.
    with pytest.raises(CellError):
        parse_cell("１２", FIGURES["SH_MOTTAKERE"])


# Issue 9, finding 4: numbers past the database's range crashed the save; absurd ones passed.

@pytest.mark.parametrize("text", ["99999999999999999999", "9223372036854775808", "9" * 5000])
def test_a_number_past_the_databases_range_is_refused_in_norwegian(text: str) -> None:
    with pytest.raises(CellError, match="for stort"):
        parse_cell(text, KRONER)
    with pytest.raises(CellError):
        parse_cell(text, RECIPIENTS)


def test_leading_zeros_do_not_make_a_number_too_long() -> None:
    assert parse_cell("0" * 30 + "120", RECIPIENTS) == Cell.of(120)


def test_more_people_than_live_in_norway_is_refused() -> None:
    with pytest.raises(CellError, match="flere enn det bor i hele Norge"):
        parse_cell("4 000 000 000", RECIPIENTS)
    assert parse_cell("10000000", RECIPIENTS) == Cell.of(10_000_000)


def test_kroner_above_the_ceiling_are_refused() -> None:
    assert parse_cell("1 000 000 000", KRONER) == Cell.of(1_000_000_000)
    with pytest.raises(CellError, match="Kontroller beløpet"):
        parse_cell("1 000 000 001", KRONER)


def test_cell_error_checks_cells_made_in_code_as_parse_cell_checks_text() -> None:
    assert cell_error(Cell.of(2), RECIPIENTS) is not None
    assert cell_error(Cell.of(2), KRONER) is not None
    assert cell_error(Cell.of(-1), KRONER) == "Tallet kan ikke være negativt."
    assert cell_error(DOTTED, KVP) is None
    assert cell_error(Cell.of(2**63), RECIPIENTS) is not None
    assert cell_error(Cell.of(120), RECIPIENTS) is None
    assert cell_error(EMPTY, KRONER) is None
