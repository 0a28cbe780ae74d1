"""Aggregates are computed once, stored for every process, and refreshed only where something changed."""

from __future__ import annotations

import polars as pl
import pytest

from malekort.areas.loaders import load_population
from malekort.domain.files.population import SCHEMA, PopulationTable
from malekort.domain.periods import Period
from malekort.statistics import store
from malekort.statistics.models import StoredMonth, StoredState
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
