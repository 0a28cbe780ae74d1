"""Today's borders: values registered on old codes, moved onto today's codes."""

from datetime import date

import pytest

from malekort.domain.amounts import DOTTED, MISSING, Amount, Status
from malekort.domain.borders import (
    BorderChange,
    Borders,
    Contribution,
    first_registered_today,
    reshare_population,
    reweight_splits,
)
from malekort.domain.files.region_changes import RegionChangeRow
from malekort.domain.periods import Period

# Lines of SSB's region-changes.csv (csdata), 2023: Halden and Moss got new codes,
# Ålesund 1507 was split into 1508 Ålesund and 1580 Haram (0.5 / 0.5 in the source).
ROWS_2023 = [
    RegionChangeRow(2023, "3001", "3101", 1.0),
    RegionChangeRow(2023, "3002", "3103", 1.0),
    RegionChangeRow(2023, "1507", "1508", 0.5),
    RegionChangeRow(2023, "1507", "1580", 0.5),
    RegionChangeRow(2023, "30", "31", 0.23924407289352373),
    RegionChangeRow(2023, "30", "32", 0.5540916903271139),
    RegionChangeRow(2023, "30", "33", 0.20666423677936235),
]
# 2019: old Ålesund 1504 and Haram 1534 (among others) each went 0.5 / 0.5 to 1508 and 1580.
ROWS_2019 = [
    RegionChangeRow(2019, "1504", "1508", 0.5),
    RegionChangeRow(2019, "1504", "1580", 0.5),
    RegionChangeRow(2019, "1534", "1508", 0.5),
    RegionChangeRow(2019, "1534", "1580", 0.5),
]
NAMES = {"3001": "Halden", "3002": "Moss", "1507": "Ålesund", "3101": "Halden", "1508": "Ålesund", "1580": "Haram"}

# Made-up 18–66 populations on today's borders: 45 000 + 5 000 = 50 000 in old Ålesund.
POPULATION = {(2023, "1508"): 45_000, (2023, "1580"): 5_000, (2019, "1508"): 44_000, (2019, "1580"): 5_500}


def population(year: int, code: str) -> int | None:
    return POPULATION.get((year, code))


def known(value: float) -> Amount:
    return Amount.known(value)


def test_a_split_kommune_is_reweighted_by_population() -> None:
    rows = reweight_splits(ROWS_2023, population)
    weights = {(r.original_code, r.current_code): r.weight for r in rows}
    # 45 000 / 50 000 = 0.9 and 5 000 / 50 000 = 0.1 instead of 0.5 / 0.5
    assert weights[("1507", "1508")] == pytest.approx(0.9)
    assert weights[("1507", "1580")] == pytest.approx(0.1)
    # Renamed kommuner and the fylke split keep the weights given.
    assert weights[("3001", "3101")] == 1.0
    assert weights[("30", "32")] == 0.5540916903271139
    assert all(isinstance(r, BorderChange) for r in rows)
    assert len(rows) == len(ROWS_2023)


def test_a_split_keeps_its_weights_without_population() -> None:
    rows = reweight_splits(ROWS_2023, lambda year, code: 5_000 if code == "1580" else None)
    weights = {(r.original_code, r.current_code): r.weight for r in rows}
    assert weights[("1507", "1508")] == 0.5
    assert weights[("1507", "1580")] == 0.5


def test_a_split_into_areas_that_took_in_other_areas_keeps_its_weights() -> None:
    # In 2019 1508 was made of 1504, 1534 and more: its population is not 1504's part.
    rows = reweight_splits(ROWS_2019, population)
    assert [r.weight for r in rows] == [0.5, 0.5, 0.5, 0.5]


def test_a_renamed_kommune_maps_whole_onto_its_new_code() -> None:
    borders = Borders.from_rows(ROWS_2023)
    assert borders.is_changed(2023, "3001")
    assert borders.targets(2023, "3001") == (("3101", 1.0),)
    assert borders.contributions(2023, "3001", known(120)) == (Contribution("3001", "3101", 1.0, known(120)),)


def test_an_unchanged_code_maps_to_itself() -> None:
    borders = Borders.from_rows(ROWS_2023)
    assert not borders.is_changed(2023, "0301")
    assert borders.targets(2023, "0301") == (("0301", 1.0),)
    # The rows are for 2023: in 2024 3001 is not a changed code (it no longer exists).
    assert borders.targets(2024, "3001") == (("3001", 1.0),)


def test_a_split_value_is_spread_by_weight() -> None:
    borders = Borders.from_rows(reweight_splits(ROWS_2023, population))
    parts = borders.contributions(2023, "1507", known(400))
    # 0.9 × 400 = 360 in Ålesund, 0.1 × 400 = 40 in Haram
    assert [p.current_code for p in parts] == ["1508", "1580"]
    assert [p.amount.value for p in parts] == [pytest.approx(360), pytest.approx(40)]


@pytest.mark.parametrize("status", [Status.DOTTED, Status.MISSING, Status.NOT_YET])
def test_a_dot_or_gap_reaches_every_receiving_area(status: Status) -> None:
    borders = Borders.from_rows(ROWS_2023)
    parts = borders.contributions(2023, "1507", Amount(status))
    assert [(p.current_code, p.amount) for p in parts] == [("1508", Amount(status)), ("1580", Amount(status))]


def test_values_of_a_year_on_todays_codes() -> None:
    borders = Borders.from_rows(reweight_splits(ROWS_2023, population))
    values = {"3001": known(120), "3002": DOTTED, "1507": known(400), "0301": known(9000)}
    today = borders.to_today(2023, values)
    assert set(today) == {"3101", "3103", "1508", "1580", "0301"}
    assert today["3101"].amount == known(120)
    assert today["3103"].amount == DOTTED
    assert today["1508"].amount.value == pytest.approx(360)  # 0.9 × 400
    assert today["1580"].amount.value == pytest.approx(40)  # 0.1 × 400
    assert today["0301"].amount == known(9000)
    assert today["3101"].original_codes == ("3001",)
    assert today["3101"].is_recoded
    assert not today["0301"].is_recoded
    assert today["1580"].sources[0].weight == pytest.approx(0.1)


def test_notes_say_where_the_figures_were_registered() -> None:
    borders = Borders.from_rows(reweight_splits(ROWS_2023, population))
    today = borders.to_today(2023, {"3001": known(120), "1507": known(400), "0301": known(9000)})
    assert today["3101"].note(NAMES) == "Tall for 2023 er registrert på 3001 Halden og omregnet til dagens grenser."
    # 0.9 of Ålesund lies in today's Ålesund.
    assert today["1508"].note(NAMES) == (
        "Tall for 2023 er registrert på 1507 Ålesund (andel 90 %) og omregnet til dagens grenser."
    )
    assert today["0301"].note(NAMES) is None


def test_parts_combine_only_when_all_are_known() -> None:
    borders = Borders.from_rows(ROWS_2019)
    # 0.5 × 100 + 0.5 × 40 = 70 in 1508
    both = borders.to_today(2019, {"1504": known(100), "1534": known(40)})
    assert both["1508"].amount == known(70)
    assert both["1508"].original_codes == ("1504", "1534")
    assert both["1508"].note(NAMES) == (
        "Tall for 2019 er registrert på 1504 (andel 50 %) og 1534 (andel 50 %), og omregnet til dagens grenser."
    )
    dotted = borders.to_today(2019, {"1504": known(100), "1534": DOTTED})
    assert dotted["1508"].amount == DOTTED


def test_a_feeding_code_without_a_value_makes_the_sum_missing() -> None:
    borders = Borders.from_rows(ROWS_2019)
    # 1534 also feeds 1508 but was not given: 0.5 × 100 alone is not the whole of 1508.
    today = borders.to_today(2019, {"1504": known(100)})
    assert today["1508"].amount == MISSING
    assert today["1508"].original_codes == ("1504", "1534")


def test_shown_suppresses_a_small_weighted_count() -> None:
    borders = Borders.from_rows(ROWS_2023)
    today = borders.to_today(2023, {"1507": known(5)})
    # 0.5 × 5 = 2.5: fewer than 4
    assert today["1580"].amount == known(2.5)
    assert today["1580"].shown(is_count=True) == DOTTED
    assert today["1580"].shown(is_count=False) == known(2.5)


# When each code, as registered, first got figures for November 2023 and January 2024.
NOV, JAN = Period(2023, 11), Period(2024, 1)
MERGED = Borders.from_rows([
    BorderChange(2023, "3005", "3301", 1.0),
    BorderChange(2023, "3025", "3301", 1.0),
    BorderChange(2023, "1507", "1508", 0.6),
    BorderChange(2023, "1507", "1580", 0.4),
])


def test_a_merged_area_counts_as_registered_when_its_last_old_code_was() -> None:
    firsts = {("3005", NOV): date(2023, 12, 5), ("3025", NOV): date(2023, 12, 12)}
    found = first_registered_today(MERGED, firsts, ["3301"], [NOV])
    # Drammen 3301 is whole only once Røyken (3025) reported on 12 December too.
    assert found == {("3301", NOV): date(2023, 12, 12)}


def test_a_merged_area_with_one_old_code_unreported_is_not_registered() -> None:
    firsts = {("3005", NOV): date(2023, 12, 5)}
    assert first_registered_today(MERGED, firsts, ["3301"], [NOV]) == {}


def test_both_parts_of_a_split_area_get_its_day() -> None:
    firsts = {("1507", NOV): date(2023, 12, 8)}
    found = first_registered_today(MERGED, firsts, ["1508", "1580"], [NOV])
    assert found == {("1508", NOV): date(2023, 12, 8), ("1580", NOV): date(2023, 12, 8)}


def test_todays_own_code_wins_and_later_months_need_it() -> None:
    firsts = {("3301", NOV): date(2023, 12, 1), ("3005", NOV): date(2023, 12, 5), ("3025", NOV): date(2023, 12, 9),
              ("3005", JAN): date(2024, 2, 1)}
    found = first_registered_today(MERGED, firsts, ["3301"], [NOV, JAN])
    # No border change after 2023: January 2024 on the old code does not count for 3301.
    assert found == {("3301", NOV): date(2023, 12, 1)}


def test_value_today_adds_the_old_codes_weighted() -> None:
    registered = {"3005": known(600), "3025": known(150), "1507": known(100)}.get
    value = MERGED.value_today(2023, "3301", MISSING, lambda code: registered(code, MISSING))
    assert value == known(750)
    # Haram got 40 % of old Ålesund: 100 × 0.4 = 40.
    assert MERGED.value_today(2023, "1580", MISSING, lambda code: registered(code, MISSING)) == known(40)


def test_value_today_on_todays_own_code_wins() -> None:
    value = MERGED.value_today(2023, "3301", known(700), lambda code: known(600))
    assert value == known(700)


def test_value_today_is_unknown_unless_every_old_code_is_known() -> None:
    only_drammen = {"3005": known(600)}
    assert MERGED.value_today(2023, "3301", MISSING, lambda code: only_drammen.get(code, MISSING)).status is (
        Status.MISSING
    )
    dotted = {"3005": known(600), "3025": DOTTED}
    assert MERGED.value_today(2023, "3301", MISSING, lambda code: dotted.get(code, MISSING)) == DOTTED
    # Nothing registered on any code: missing, and an unchanged code has no old codes at all.
    assert MERGED.value_today(2023, "3301", MISSING, lambda code: MISSING) == MISSING
    assert MERGED.value_today(2024, "3301", MISSING, lambda code: known(1)) == MISSING


def test_every_area_gets_every_month_even_when_the_months_come_as_a_generator() -> None:
    firsts = {("3320", NOV): date(2023, 12, 1), ("3322", NOV): date(2023, 12, 2), ("3322", JAN): date(2024, 2, 3)}
    found = first_registered_today(MERGED, firsts, ["3320", "3322"], (m for m in [NOV, JAN]))
    assert found == firsts


def test_a_split_areas_population_gets_the_shares_of_its_figures() -> None:
    # 1507 Ålesund split in 2024 into 1508 (37 142 aged 18–66) and 1580 Haram (5 545): shares 0.870 and 0.130.
    changes = reweight_splits(
        [BorderChange(2023, "1507", "1508", 0.5), BorderChange(2023, "1507", "1580", 0.5)],
        lambda year, code: {"1508": 37_142, "1580": 5_545}[code],
    )
    # SSB's history halves 1507's 2023 population (42 000) between today's codes.
    working, young = (18, 66), (18, 24)
    people = {("1508", working, 2023): 21_000, ("1580", working, 2023): 21_000,
              ("1508", young, 2023): 3_000, ("1580", young, 2023): 3_000, ("1508", working, 2024): 37_142}
    reshared = reshare_population(changes, people)
    # 42 000 × 37 142 / 42 687 = 36 544.2 and 42 000 × 5 545 / 42 687 = 5 455.8; 6 000 × the same shares.
    assert reshared[("1508", working, 2023)] == 36_544
    assert reshared[("1580", working, 2023)] == 5_456
    assert (reshared[("1508", young, 2023)], reshared[("1580", young, 2023)]) == (5_221, 779)
    assert reshared[("1508", working, 2024)] == 37_142  # years after the change are SSB's own
    # 1 200 recipients in 1507: 1 044.1 over 36 544 and 155.9 over 5 456, both 2.857 % as 1 200 / 42 000.
    assert 1200 * changes[0].weight / reshared[("1508", working, 2023)] == pytest.approx(1200 / 42_000, rel=1e-4)
    assert 1200 * changes[1].weight / reshared[("1580", working, 2023)] == pytest.approx(1200 / 42_000, rel=1e-4)


def test_a_split_with_a_part_without_population_keeps_ssbs_figures() -> None:
    changes = [BorderChange(2023, "1507", "1508", 0.87), BorderChange(2023, "1507", "1580", 0.13)]
    people = {("1508", (18, 66), 2023): 21_000}
    assert reshare_population(changes, people) == people
