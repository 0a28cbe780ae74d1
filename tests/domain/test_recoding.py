"""Values on old codes moved onto today's codes in one polars pass: by hand, and against `Borders.value_today`."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from malekort.domain.amounts import MISSING, Amount, Status
from malekort.domain.borders import BorderChange, Borders
from malekort.domain.recoding import feeding_table, recoded_values

YEAR = 2023
JANUARY = YEAR * 12  # month index of January 2023
REGISTERED = {"area": pl.String, "figure": pl.String, "month": pl.Int32, "status": pl.Int8, "value": pl.Float64,
              "label": pl.String}
OWN = {"area": pl.String, "figure": pl.String, "month": pl.Int32}

# 2023: 1507 Ålesund split 80/20 into 1508 and 1580; 3001 Halden and 3002 Moss merged into 3199 (made up).
BORDERS = Borders.from_rows([
    BorderChange(YEAR, "1507", "1508", 0.8), BorderChange(YEAR, "1507", "1580", 0.2),
    BorderChange(YEAR, "3001", "3199", 1.0), BorderChange(YEAR, "3002", "3199", 1.0),
])
AREAS = ["1508", "1580", "3199"]


def registered(rows: list[tuple[str, str, int, int, float | None, str]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=REGISTERED, orient="row")


Row = tuple[str, str, int, int, float | None, str]


def recode(rows: list[Row], own: list[tuple[str, str, int]] | None = None,
           figures: tuple[str, ...] = ("SH_MOTTAKERE",), months: tuple[int, int] = (JANUARY, JANUARY)) -> dict:
    frame = recoded_values(
        feeding_table(BORDERS, AREAS), registered(rows), pl.DataFrame(own or [], schema=OWN, orient="row"),
        list(figures), *months,
    )
    return {(r["area"], r["month"]): r for r in frame.iter_rows(named=True)}


def test_a_split_shares_the_old_value_by_weight_and_a_merger_adds_the_parts() -> None:
    found = recode([
        ("1507", "SH_MOTTAKERE", JANUARY, 0, 100.0, "Fil"),
        ("3001", "SH_MOTTAKERE", JANUARY, 0, 30.0, "Registrert i skjema"),
        ("3002", "SH_MOTTAKERE", JANUARY, 0, 12.0, "Fil"),
    ])
    assert found[("1508", JANUARY)]["value"] == 80.0
    assert found[("1580", JANUARY)]["value"] == 20.0
    assert found[("3199", JANUARY)]["value"] == 42.0
    assert found[("3199", JANUARY)]["sources"] == ["Fil", "Registrert i skjema"]
    assert found[("3199", JANUARY)]["origins"] is None


def test_a_dot_on_one_part_dots_the_whole_and_names_where_it_came_from() -> None:
    found = recode([
        ("3001", "SH_MOTTAKERE", JANUARY, Status.DOTTED.value, None, "Fil"),
        ("3002", "SH_MOTTAKERE", JANUARY, 0, 12.0, "Fil"),
    ])
    assert found[("3199", JANUARY)]["status"] == Status.DOTTED.value
    assert found[("3199", JANUARY)]["value"] is None
    assert found[("3199", JANUARY)]["origins"] == ["3001"]


def test_a_missing_part_leaves_the_sum_unknown_and_nothing_registered_gives_no_row() -> None:
    found = recode([("3001", "SH_MOTTAKERE", JANUARY, 0, 30.0, "Fil")])
    assert found[("3199", JANUARY)]["status"] == Status.MISSING.value
    assert found[("3199", JANUARY)]["value"] is None
    assert ("1508", JANUARY) not in found  # nothing registered on 1507


def test_a_value_on_todays_own_code_wins() -> None:
    found = recode([("1507", "SH_MOTTAKERE", JANUARY, 0, 100.0, "Fil")], own=[("1508", "SH_MOTTAKERE", JANUARY)])
    assert ("1508", JANUARY) not in found
    assert found[("1580", JANUARY)]["value"] == 20.0


def test_months_outside_the_range_and_years_without_a_change_are_left_alone() -> None:
    february = JANUARY + 1
    found = recode([
        ("1507", "SH_MOTTAKERE", february, 0, 100.0, "Fil"),
        ("1507", "SH_MOTTAKERE", JANUARY + 12, 0, 100.0, "Fil"),  # 2024: no change row that year
    ], months=(JANUARY, JANUARY + 12))
    assert set(found) == {("1508", february), ("1580", february)}


_CELL = st.one_of(
    st.none(), st.just((Status.DOTTED.value, None)), st.just((Status.MISSING.value, None)),
    st.integers(0, 5000).map(lambda n: (Status.KNOWN.value, float(n))),
)


@settings(max_examples=150, deadline=None)
@given(old=st.fixed_dictionaries({code: _CELL for code in ("1507", "3001", "3002")}),
       own=st.fixed_dictionaries({code: _CELL for code in AREAS}))
def test_the_same_amounts_as_borders_value_today(old: dict, own: dict) -> None:
    rows = [(code, "SH_BARN", JANUARY, cell[0], cell[1], "Fil") for code, cell in old.items() if cell is not None]
    own_rows = [(code, "SH_BARN", JANUARY) for code, cell in own.items()
                if cell is not None and cell[0] != Status.MISSING.value]
    found = recode(rows, own=own_rows, figures=("SH_BARN",))
    amounts = {code: Amount(Status(cell[0]), cell[1]) for code, cell in old.items() if cell is not None}
    for area in AREAS:
        own_amount = Amount(Status(own[area][0]), own[area][1]) if own[area] is not None else MISSING
        expected = BORDERS.value_today(YEAR, area, own_amount, lambda code: amounts.get(code, MISSING))
        if expected is own_amount or expected is MISSING:
            assert (area, JANUARY) not in found
        else:
            row = found[(area, JANUARY)]
            assert Status(row["status"]) is expected.status
            assert row["value"] == (None if expected.value is None else pytest.approx(expected.value))

