"""The follow-up pages read the first registration days stored with the aggregates; a change shows next time.

Runs on SQLite and on PostgreSQL (DATABASE_URL=postgres://...). The days are
kept with each stored month (`statistics.store`): a registration marks its
month, which is read again from the value rows; a change of borders or service
areas computes every month again from the registered values as kept. The
changes made "by another process" are made in a thread with its own database
connection, committed, as another process's would be.
"""

from __future__ import annotations

import csv
import importlib
import io
import threading
from collections.abc import Callable
from datetime import date

import pytest
from django.apps import apps
from django.db import connections, transaction
from django.test import Client
from django.urls import reverse
from followup_helpers import oslo, table_rows

from malekort.areas.models import Office, Region, RegionChange, ServiceArea
from malekort.domain.cells import Cell
from malekort.domain.periods import Period
from malekort.figures.actions import Entry, register_values
from malekort.figures.models import KeyFigure, Source
from malekort.statistics import store
from malekort.statistics.changes import data_version, mark_reference_changed

COLUMNS = ["expected", "on_time", "late", "missing", "not_yet_due", "voluntary_registered", "voluntary_empty"]
APRIL = "2024-04"
NOVEMBER = Period(2023, 11)  # due 10 December 2023


def _counts(cells: list[str], first: int) -> list[int]:
    return [int(c) for c in cells[first:first + len(COLUMNS)]]


def national(client: Client, month: str = APRIL) -> list[int]:
    """Return the month's counts in the national table."""
    return _counts(table_rows(client.get(reverse("followup")).content.decode(), "maneder")[month], 2)


def county(client: Client, code: str, month: str = APRIL) -> list[int]:
    html = client.get(reverse("followup-county", args=[code])).content.decode()
    return _counts(table_rows(html, "maneder")[month], 2)


def national_csv(client: Client, month: str = APRIL) -> list[int]:
    rows = csv.DictReader(io.StringIO(client.get(reverse("followup-csv")).content.decode()))
    [row] = [r for r in rows if (r["level"], r["period"]) == ("riket", month)]
    return [int(row[c]) for c in COLUMNS]


@pytest.fixture
def reread(monkeypatch: pytest.MonkeyPatch) -> list[list[Period]]:
    """Record the months whose first registration days are read from the value rows, at each read."""
    calls: list[list[Period]] = []
    original = store.first_registration_frame

    def spy(months):  # type: ignore[no-untyped-def]
        if months:
            calls.append(list(months))
        return original(months)

    monkeypatch.setattr(store, "first_registration_frame", spy)
    return calls


@pytest.fixture
def recomputed(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Record each recompute of the stored aggregates: True for everything, False for the changed months."""
    calls: list[bool] = []
    original = store._recompute

    def spy(months, version, *, everything, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(everything)
        return original(months, version, everything=everything, **kwargs)

    monkeypatch.setattr(store, "_recompute", spy)
    return calls


@pytest.fixture
def drammen(world) -> None:
    """Today's 3301 Drammen, served by Hallingdal, made in 2024 of 3005 Drammen and 3025 Røyken (made up)."""
    buskerud = Region.objects.get(code="33")
    for code, name in (("3005", "Drammen"), ("3025", "Røyken")):
        Region.objects.create(code=code, level="kommune", name=name, parent=buskerud, valid_to=date(2023, 12, 31))
    Region.objects.create(code="3301", level="kommune", name="Drammen", parent=buskerud)
    ServiceArea.objects.create(office=world.hallingdal, area_id="3301")


def _merge_drammen() -> None:
    with transaction.atomic():  # as the border loader does
        for original in ("3005", "3025"):
            RegionChange.objects.create(year=2023, original_code=original, current_code="3301", weight=1.0)
        mark_reference_changed()


def test_a_registration_after_the_pages_were_computed_shows_on_the_next_request(
    client, world, today, reported, register, reread
):
    client.force_login(world.dina)
    assert national(client) == [9, 1, 6, 2, 0, 0, 0]
    assert any(Period.parse(APRIL) in months for months in reread)  # the first read computed every month
    first = len(reread)
    assert county(client, "03") == [2, 1, 0, 1, 0, 0, 0]
    assert national_csv(client) == [9, 1, 6, 2, 0, 0, 0]
    assert len(reread) == first  # the other pages read what it stored

    register("030101", APRIL, oslo(2024, 5, 9, 10))  # on time, before the deadline of 10 May

    assert national(client) == [9, 2, 6, 1, 0, 0, 0]
    assert county(client, "03") == [2, 2, 0, 0, 0, 0, 0]
    assert national_csv(client) == [9, 2, 6, 1, 0, 0, 0]
    assert reread[first:] == [[Period.parse(APRIL)]]  # only the changed month, once

    # A correction (a dot instead of 50) does not change when the month first came.
    register("030101", APRIL, oslo(2024, 5, 15, 10), dot=True)
    assert national(client) == [9, 2, 6, 1, 0, 0, 0]
    assert reread[first + 1:] == [[Period.parse(APRIL)]]


def test_a_change_of_borders_computes_every_month_again_without_reading_the_value_rows(
    client, world, today, drammen, register, reread, recomputed
):
    register("3005", "2023-11", oslo(2023, 12, 4, 10))
    register("3025", "2023-11", oslo(2023, 12, 8, 10))
    client.force_login(world.dina)
    assert county(client, "33", "2023-11") == [7, 0, 0, 7, 0, 0, 0]  # 3301 is not known to come from them yet
    before = len(reread)

    _merge_drammen()

    assert county(client, "33", "2023-11") == [7, 1, 0, 6, 0, 0, 0]
    assert recomputed[-1] is True  # reference data changed: every month again
    assert len(reread) == before  # from the registered values and days as kept


def test_the_days_across_a_border_change_worked_out_by_hand(client, world, today, drammen, register):
    _merge_drammen()
    register("3005", "2023-11", oslo(2023, 12, 5, 10))
    client.force_login(world.dina)
    # Røyken has not reported: Drammen on today's borders is not whole, so not registered.
    assert "3301" not in store.current_bundle().first_days(NOVEMBER)
    assert county(client, "33", "2023-11") == [7, 0, 0, 7, 0, 0, 0]

    register("3025", "2023-11", oslo(2023, 12, 12, 10))  # after the deadline of 10 December
    # Whole on the later of the two days, 12 December: late.
    assert store.current_bundle().first_days(NOVEMBER)["3301"] == date(2023, 12, 12)
    assert county(client, "33", "2023-11") == [7, 0, 1, 6, 0, 0, 0]

    register("3301", "2023-11", oslo(2023, 12, 1, 10))  # a registration on today's own code wins, even later
    assert store.current_bundle().first_days(NOVEMBER)["3301"] == date(2023, 12, 1)
    assert county(client, "33", "2023-11") == [7, 1, 0, 6, 0, 0, 0]


def test_a_new_served_area_is_counted_even_without_a_mark(client, world, today, reported):
    client.force_login(world.dina)
    assert national(client) == [9, 1, 6, 2, 0, 0, 0]
    agder = Region.objects.get(code="42")
    Region.objects.create(code="4201", level="kommune", name="Risør", parent=agder)
    ServiceArea.objects.create(office=Office.objects.get(code="4204"), area_id="4201")
    assert national(client) == [10, 1, 6, 3, 0, 0, 0]


def test_a_new_served_area_gets_its_days_when_the_service_areas_change(client, world, today, reported, register):
    client.force_login(world.dina)
    agder = Region.objects.get(code="42")
    Region.objects.create(code="4201", level="kommune", name="Risør", parent=agder)
    register("4201", APRIL, oslo(2024, 5, 3, 10))  # registered before an office served it
    assert national(client) == [9, 1, 6, 2, 0, 0, 0]
    with transaction.atomic():  # as the office loader and the admin do
        ServiceArea.objects.create(office=Office.objects.get(code="4204"), area_id="4201")
        mark_reference_changed()
    assert national(client) == [10, 2, 6, 2, 0, 0, 0]


def test_months_the_stored_aggregates_do_not_hold_are_computed_from_the_value_versions(
    client, world, today, reported, monkeypatch
):
    monkeypatch.setattr(store, "FIRST_PERIOD", Period(2024, 4))  # stored: April 2024 on
    client.force_login(world.dina)
    assert store.current_bundle().first_days(Period(2024, 3)) is None
    # 2024-03: on time 030102, 3320 and 3322; late 030101 and 4204; the four other Hallingdal areas missing.
    assert national(client, "2024-03") == [9, 3, 2, 4, 0, 0, 0]
    assert national(client) == [9, 1, 6, 2, 0, 0, 0]


def _seed_catalogue() -> None:
    if not KeyFigure.objects.exists():
        # A transactional test before this one flushed what the migration seeded.
        importlib.import_module("malekort.figures.migrations.0002_seed_key_figures").seed(apps, None)


def _in_another_connection(job: Callable[[], object]) -> None:
    """Run the job in a thread with its own database connection, committed when it returns."""
    failures: list[BaseException] = []

    def run() -> None:
        try:
            job()
        except BaseException as error:  # reported to the test below
            failures.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=60)
    assert not failures, failures


def _save(area: str, when: tuple[int, ...]) -> Callable[[], object]:
    return lambda: register_values(
        entries=[Entry(area=area, period=Period.parse(APRIL), figure="SH_MOTTAKERE", cell=Cell.of(50))],
        user=None, source=Source.TYPED, now=oslo(*when),
    )


@pytest.mark.django_db(transaction=True)
def test_a_registration_committed_by_another_process_shows_on_the_next_request(client, world, today):
    _seed_catalogue()
    client.force_login(world.dina)
    assert national(client) == [9, 0, 0, 9, 0, 0, 0]

    # Committed elsewhere; its mark waits for a version, nobody has ordered it.
    _in_another_connection(_save("030101", (2024, 5, 9, 10)))
    assert national(client) == [9, 1, 0, 8, 0, 0, 0]
    assert county(client, "03") == [2, 1, 0, 1, 0, 0, 0]

    # Committed and ordered elsewhere (another process read its statistics).
    _in_another_connection(lambda: (_save("4204", (2024, 5, 12, 10))(), data_version()))
    assert national(client) == [9, 1, 1, 7, 0, 0, 0]
    assert national_csv(client) == [9, 1, 1, 7, 0, 0, 0]


def test_a_new_bundle_reads_again_only_the_first_days_of_months_that_changed(world, register, monkeypatch):
    """After a save the first days of the other months are taken over from the earlier bundle, not read again."""
    october = Period(2023, 10)
    register("030102", "2023-10", oslo(2023, 11, 8, 10))
    register("030102", "2023-11", oslo(2023, 12, 12, 10))
    assert store.current_bundle().first_days_of([october, NOVEMBER])[NOVEMBER]["030102"] == date(2023, 12, 12)

    register("030102", "2023-11", oslo(2023, 12, 20, 10), dot=True)  # a correction: November is stored anew
    bundle = store.current_bundle()
    read: list[object] = []
    original = store.StoredMonth.objects.filter

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        read.append(kwargs.get("month__in"))
        return original(*args, **kwargs)

    monkeypatch.setattr(store.StoredMonth.objects, "filter", spy)
    days = bundle.first_days_of([october, NOVEMBER])
    assert days[NOVEMBER]["030102"] == date(2023, 12, 12)  # the first day stays, a correction does not move it
    assert days[october]["030102"] == date(2023, 11, 8)
    assert read == [[NOVEMBER.first_day]]
