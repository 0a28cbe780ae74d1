"""Aggregates are computed once, stored for every process, and refreshed only where something changed."""

from __future__ import annotations

import polars as pl
import pytest

from malekort.areas.loaders import load_population
from malekort.domain.files.population import SCHEMA, PopulationTable
from malekort.domain.periods import Period
from malekort.figures.models import ValueVersion
from malekort.statistics import store
from malekort.statistics.models import RegisteredMonth, StoredMonth, StoredState
from registered import register

MARCH, APRIL = Period(2025, 3), Period(2025, 4)


@pytest.fixture
def reported(agder):
    register("4204", "2025-03", SH_MOTTAKERE=120)
    register("4204", "2025-04", SH_MOTTAKERE=130)
    return agder


def stored_versions() -> dict[Period, int]:
    return {Period.of(day): version for day, version in StoredMonth.objects.values_list("month", "version")}


def test_a_new_process_reads_the_stored_aggregates_without_recomputing(reported):
    assert store.current_bundle().figure("42", "SH_MOTTAKERE", MARCH).known_sum == 120
    computed_at = StoredState.objects.get().computed_at
    store.forget()  # as a freshly started process
    assert store.current_bundle().figure("42", "SH_MOTTAKERE", APRIL).known_sum == 130
    assert StoredState.objects.get().computed_at == computed_at


def test_a_registration_recomputes_its_month_only(reported):
    store.current_bundle()
    before = stored_versions()
    register("4204", "2025-03", SH_MOTTAKERE=125)
    assert store.current_bundle().figure("42", "SH_MOTTAKERE", MARCH).known_sum == 125
    after = stored_versions()
    assert after[MARCH] > before[MARCH]
    assert {m: v for m, v in after.items() if m != MARCH} == {m: v for m, v in before.items() if m != MARCH}


def test_a_population_load_recomputes_every_month(reported):
    assert store.current_bundle().indicator("42", "B.101", MARCH).display.value == pytest.approx(12.0)  # 120 / 1 000
    rows = [(2025, "4204", 40, 2000)]
    load_population(table=PopulationTable(pl.DataFrame(rows, schema=SCHEMA, orient="row")))
    assert store.current_bundle().indicator("42", "B.101", MARCH).display.value == pytest.approx(6.0)  # 120 / 2 000
    assert store.current_bundle().indicator("42", "B.101", APRIL).display.value == pytest.approx(6.5)  # 130 / 2 000


def test_a_change_of_reference_data_reads_the_kept_values_and_the_marked_months_again(reported):
    """After a population load every aggregate is computed again, from the kept registered values.

    A month whose values changed since (its mark names it) is read from the value rows again;
    a value row written without a mark (outside the application) is only seen by a full recompute.
    """
    store.current_bundle()
    register("4204", "2025-04", SH_MOTTAKERE=140)  # marked: April is read again
    ValueVersion.objects.filter(area_id="4204", period=MARCH.first_day, superseded_at__isnull=True).update(number=999)
    load_population(table=PopulationTable(pl.DataFrame([(2025, "4204", 40, 2000)], schema=SCHEMA, orient="row")))
    bundle = store.current_bundle()
    assert bundle.figure("42", "SH_MOTTAKERE", APRIL).known_sum == 140
    assert bundle.figure("42", "SH_MOTTAKERE", MARCH).known_sum == 120  # the unmarked change is not seen
    store.recompute_everything()
    assert store.current_bundle().figure("42", "SH_MOTTAKERE", MARCH).known_sum == 999


def test_a_recompute_that_finds_the_same_content_leaves_the_stored_month_as_it_is(reported):
    store.current_bundle()
    march = StoredMonth.objects.get(month=MARCH.first_day)
    # A mark only a row left as it is keeps (the digest is of what was computed, not of the stored bytes).
    StoredMonth.objects.filter(month=MARCH.first_day).update(areas=b"left as it was")
    load_population(table=PopulationTable(pl.DataFrame([(2019, "4204", 40, 2000)], schema=SCHEMA, orient="row")))
    store.current_bundle()  # everything computed again: 2019's population changes no month since 2022
    again = StoredMonth.objects.get(month=MARCH.first_day)
    assert again.version > march.version  # every process reads the month again (definitions may have changed)
    assert (again.digest, bytes(again.figures)) == (march.digest, bytes(march.figures))
    assert bytes(again.areas) == b"left as it was"  # not written again


def test_registered_values_are_kept_per_month_without_person_data(reported):
    store.current_bundle()
    kept = RegisteredMonth.objects.get(month=MARCH.first_day)
    frame = pl.read_ipc_stream(bytes(kept.values))
    assert frame.columns == ["area", "figure", "month", "status", "value", "label"]
    assert frame.filter(pl.col("area") == "4204")["value"].to_list() == [120.0]


def test_areas_own_values_kept_with_a_month_follow_its_changes(reported):
    """`Bundle.area_amounts` is kept with the stored month: a save or a population load must show in it."""
    def kristiansand(month: Period) -> tuple[float | None, int | None]:
        found = {a.code: a for a in store.current_bundle().area_amounts("42", "SH_MOTTAKERE", month)}["4204"]
        return found.amount.value, found.population

    assert kristiansand(MARCH) == (120, 1000)
    assert kristiansand(APRIL) == (130, 1000)
    register("4204", "2025-03", SH_MOTTAKERE=125)
    assert kristiansand(MARCH) == (125, 1000)
    assert kristiansand(APRIL) == (130, 1000)
    rows = [(2025, "4204", 40, 2000)]
    load_population(table=PopulationTable(pl.DataFrame(rows, schema=SCHEMA, orient="row")))
    assert kristiansand(MARCH) == (125, 2000)
    assert kristiansand(APRIL) == (130, 2000)
