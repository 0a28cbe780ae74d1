"""First registration days moved onto today's codes in one polars pass: by hand, and as `first_registered_today`."""

from __future__ import annotations

from datetime import date

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from malekort.domain.borders import BorderChange, Borders, first_registered_today
from malekort.domain.bulk_aggregation import month_index, period_of_index
from malekort.domain.first_registrations import FIRST_DAYS_SCHEMA, feeders_table, first_days_today
from malekort.domain.periods import Period

NOV, DEC, JAN = Period(2023, 11), Period(2023, 12), Period(2024, 1)
# 2023: 3005 Drammen and 3025 Røyken merged into 3301; 1507 Ålesund split into 1508 and 1580 (made up weights).
MERGED = [
    BorderChange(2023, "3005", "3301", 1.0),
    BorderChange(2023, "3025", "3301", 1.0),
    BorderChange(2023, "1507", "1508", 0.6),
    BorderChange(2023, "1507", "1580", 0.4),
]
AREAS = ["3301", "1508", "1580", "3320"]


def _frame(firsts: dict[tuple[str, Period], date]) -> pl.DataFrame:
    rows = [(area, month_index(month), day) for (area, month), day in firsts.items()]
    return pl.DataFrame(rows, schema=FIRST_DAYS_SCHEMA, orient="row")


def today(
    changes: list[BorderChange], firsts: dict[tuple[str, Period], date], areas: list[str]
) -> dict[tuple[str, Period], date]:
    found = first_days_today(feeders_table(changes, areas), _frame(firsts), areas)
    result = {(area, period_of_index(month)): day for area, month, day in found.iter_rows()}
    assert len(result) == found.height  # one day per area and month
    return result


def test_a_merged_area_counts_once_its_last_old_code_was_registered() -> None:
    firsts = {("3005", NOV): date(2023, 12, 5), ("3025", NOV): date(2023, 12, 12), ("3005", DEC): date(2024, 1, 8)}
    # Drammen 3301 is whole in November only once Røyken (3025) reported on 12 December; December lacks Røyken.
    assert today(MERGED, firsts, ["3301"]) == {("3301", NOV): date(2023, 12, 12)}


def test_both_parts_of_a_split_area_get_its_day_and_todays_own_code_wins() -> None:
    firsts = {("1507", NOV): date(2023, 12, 8), ("1580", NOV): date(2023, 12, 1)}
    found = today(MERGED, firsts, ["1508", "1580"])
    assert found == {("1508", NOV): date(2023, 12, 8), ("1580", NOV): date(2023, 12, 1)}


def test_no_border_change_after_2023_and_codes_not_asked_for_are_left_out() -> None:
    firsts = {("3005", JAN): date(2024, 2, 1), ("3320", JAN): date(2024, 2, 2), ("3005", NOV): date(2023, 12, 5)}
    assert today(MERGED, firsts, ["3301", "3320"]) == {("3320", JAN): date(2024, 2, 2)}


def test_no_border_changes_at_all_gives_the_own_days() -> None:
    firsts = {("3320", JAN): date(2024, 2, 2), ("9999", JAN): date(2024, 2, 3)}
    assert today([], firsts, ["3320"]) == {("3320", JAN): date(2024, 2, 2)}


_CODES = ["3005", "3025", "1507", "3301", "1508", "1580", "3320"]
_CHANGES = st.lists(
    st.builds(BorderChange, st.sampled_from([2023, 2024]), st.sampled_from(_CODES), st.sampled_from(_CODES),
              st.sampled_from([1.0, 0.5])),
    max_size=8,
)
_FIRSTS = st.dictionaries(
    st.tuples(st.sampled_from(_CODES), st.sampled_from([NOV, DEC, JAN])),
    st.dates(date(2023, 11, 1), date(2024, 3, 31)),
    max_size=14,
)


@settings(max_examples=200, deadline=None)
@given(changes=_CHANGES, firsts=_FIRSTS, areas=st.lists(st.sampled_from(_CODES), unique=True))
def test_the_same_days_as_first_registered_today(
    changes: list[BorderChange], firsts: dict[tuple[str, Period], date], areas: list[str]
) -> None:
    expected = first_registered_today(Borders.from_rows(changes), firsts, areas, [NOV, DEC, JAN])
    assert today(changes, firsts, areas) == expected
