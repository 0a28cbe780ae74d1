"""Rules between the figures of one area and month."""

import pytest

from malekort.domain.cells import DOTTED, EMPTY, Cell
from malekort.domain.consistency import check_area_month
from malekort.domain.keyfigures import CATALOGUE

FIGURES = {f.code: f for f in CATALOGUE}
SUB_COUNTS = ["SH_BARN", "SH_HOVEDKILDE", "SH_UNDER30", "SH_UNDER25", "SH_LANGTID"]


def n(number: int) -> Cell:
    return Cell.of(number)


def check(**cells: Cell) -> dict[str, str]:
    return check_area_month(cells, FIGURES)


def test_a_full_consistent_month_has_no_errors() -> None:
    errors = check(
        SH_MOTTAKERE=n(120),
        SH_BARN=n(40),
        SH_HOVEDKILDE=n(85),
        SH_UNDER30=n(35),
        SH_UNDER25=n(15),
        SH_LANGTID=n(30),
        SH_KRONER=n(1_250_000),
        KVP_DELTAKERE=n(12),
    )
    assert errors == {}


@pytest.mark.parametrize("code", SUB_COUNTS)
def test_sub_count_above_total_is_blamed_on_the_sub_count(code: str) -> None:
    errors = check(SH_MOTTAKERE=n(10), **{code: n(11)})
    assert set(errors) == {code}
    assert "10" in errors[code]
    assert "antall mottakere" in errors[code]


@pytest.mark.parametrize("code", SUB_COUNTS)
def test_sub_count_equal_to_total_is_fine(code: str) -> None:
    assert check(SH_MOTTAKERE=n(10), **{code: n(10)}) == {}


def test_under25_above_under30_is_refused() -> None:
    errors = check(SH_MOTTAKERE=n(100), SH_UNDER30=n(20), SH_UNDER25=n(21))
    assert set(errors) == {"SH_UNDER25"}
    assert "under 30" in errors["SH_UNDER25"]
    assert "20" in errors["SH_UNDER25"]


def test_under25_equal_to_under30_is_fine() -> None:
    assert check(SH_MOTTAKERE=n(100), SH_UNDER30=n(20), SH_UNDER25=n(20)) == {}


def test_under25_above_under30_without_recipients_is_refused() -> None:
    errors = check(SH_UNDER30=n(8), SH_UNDER25=n(9))
    assert set(errors) == {"SH_UNDER25"}


def test_under25_number_while_under30_dotted_is_refused() -> None:
    errors = check(SH_MOTTAKERE=n(100), SH_UNDER30=DOTTED, SH_UNDER25=n(5))
    assert set(errors) == {"SH_UNDER25"}


@pytest.mark.parametrize("number", [4, 5, 100])
def test_sub_count_number_while_total_dotted_is_refused(number: int) -> None:
    errors = check(SH_MOTTAKERE=DOTTED, SH_BARN=n(number))
    assert set(errors) == {"SH_BARN"}
    assert "prikket" in errors["SH_BARN"]


def test_sub_count_zero_while_total_dotted_is_fine() -> None:
    assert check(SH_MOTTAKERE=DOTTED, SH_BARN=n(0)) == {}


def test_sub_count_dotted_while_total_dotted_is_fine() -> None:
    assert check(SH_MOTTAKERE=DOTTED, SH_BARN=DOTTED, SH_KRONER=DOTTED) == {}


def test_sub_count_dotted_while_total_ten_is_fine() -> None:
    assert check(SH_MOTTAKERE=n(10), SH_BARN=DOTTED) == {}


def test_kroner_number_while_recipients_dotted_is_refused() -> None:
    errors = check(SH_MOTTAKERE=DOTTED, SH_KRONER=n(25_000))
    assert set(errors) == {"SH_KRONER"}
    assert "prikkes" in errors["SH_KRONER"].lower()


def test_kroner_zero_while_recipients_dotted_is_refused_too() -> None:
    # Even 0 kroner says something about the dotted recipients; it must be a dot.
    assert set(check(SH_MOTTAKERE=DOTTED, SH_KRONER=n(0))) == {"SH_KRONER"}


def test_kroner_dot_while_recipients_is_a_number_is_refused() -> None:
    errors = check(SH_MOTTAKERE=n(10), SH_KRONER=DOTTED)
    assert set(errors) == {"SH_KRONER"}
    assert "Kan bare prikkes" in errors["SH_KRONER"]


def test_kroner_above_zero_with_zero_recipients_is_refused() -> None:
    errors = check(SH_MOTTAKERE=n(0), SH_KRONER=n(500))
    assert set(errors) == {"SH_KRONER"}
    assert "0" in errors["SH_KRONER"]


def test_kroner_zero_with_zero_recipients_is_fine() -> None:
    assert check(SH_MOTTAKERE=n(0), SH_KRONER=n(0)) == {}


def test_kroner_number_with_recipients_number_is_fine() -> None:
    # Kroner are not a count: any amount goes with at least 4 recipients.
    assert check(SH_MOTTAKERE=n(4), SH_KRONER=n(3)) == {}


def test_empty_total_breaks_no_sub_count_rule() -> None:
    assert check(SH_MOTTAKERE=EMPTY, SH_BARN=n(40), SH_UNDER25=n(9), SH_UNDER30=EMPTY) == {}


def test_empty_sub_count_breaks_nothing() -> None:
    assert check(SH_MOTTAKERE=n(10), SH_BARN=EMPTY, SH_KRONER=EMPTY) == {}


def test_empty_kroner_with_dotted_recipients_is_fine() -> None:
    assert check(SH_MOTTAKERE=DOTTED, SH_KRONER=EMPTY) == {}


def test_kroner_number_with_empty_recipients_is_fine() -> None:
    assert check(SH_MOTTAKERE=EMPTY, SH_KRONER=n(30_000)) == {}


def test_missing_total_breaks_nothing() -> None:
    assert check(SH_BARN=n(40), SH_KRONER=DOTTED) == {}


def test_kroner_dot_with_empty_recipients_breaks_nothing() -> None:
    assert check(SH_MOTTAKERE=EMPTY, SH_KRONER=DOTTED) == {}


def test_kvp_is_not_bounded_by_recipients() -> None:
    assert check(SH_MOTTAKERE=n(10), KVP_DELTAKERE=n(50)) == {}
    assert check(SH_MOTTAKERE=DOTTED, KVP_DELTAKERE=n(50)) == {}
    assert check(SH_MOTTAKERE=n(0), KVP_DELTAKERE=n(7)) == {}


def test_several_errors_at_once_one_per_figure() -> None:
    errors = check(
        SH_MOTTAKERE=n(10),
        SH_BARN=n(11),
        SH_UNDER30=n(12),
        SH_UNDER25=n(13),
        SH_KRONER=DOTTED,
        SH_HOVEDKILDE=n(10),
    )
    assert set(errors) == {"SH_BARN", "SH_UNDER30", "SH_UNDER25", "SH_KRONER"}


def test_unknown_codes_are_ignored() -> None:
    assert check_area_month({"X_UKJENT": n(999), "SH_MOTTAKERE": n(4)}, FIGURES) == {}
