"""The follow-up pages read stored first registration days; a change made after they were stored shows next time.

Runs on SQLite and on PostgreSQL (DATABASE_URL=postgres://...). The changes
made "by another process" are made in a thread with its own database
connection, committed, as another process's would be: the pages keep nothing
in memory, so what one connection sees is what every process sees.
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
from malekort.followup import store
from malekort.followup.models import FirstRegistrationMonth
from malekort.statistics.changes import data_version, mark_reference_changed

COLUMNS = ["expected", "on_time", "late", "missing", "not_yet_due", "voluntary_registered", "voluntary_empty"]
APRIL = "2024-04"


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
def recomputed(monkeypatch: pytest.MonkeyPatch) -> list[list[Period]]:
    """Record the months each request recomputes."""
    calls: list[list[Period]] = []
    original = store._recompute

    def spy(months, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(list(months))
        return original(months, *args, **kwargs)

    monkeypatch.setattr(store, "_recompute", spy)
    return calls


def test_a_registration_after_the_pages_were_computed_shows_on_the_next_request(
    client, world, today, reported, register, recomputed
):
    client.force_login(world.dina)
    assert national(client) == [9, 1, 6, 2, 0, 0, 0]
    assert county(client, "03") == [2, 1, 0, 1, 0, 0, 0]
    assert national_csv(client) == [9, 1, 6, 2, 0, 0, 0]
    assert FirstRegistrationMonth.objects.filter(month=date(2024, 4, 1)).exists()
    assert len(recomputed) == 1  # the first request computed every month; the others read them

    register("030101", APRIL, oslo(2024, 5, 9, 10))  # on time, before the deadline of 10 May

    assert national(client) == [9, 2, 6, 1, 0, 0, 0]
    assert county(client, "03") == [2, 2, 0, 0, 0, 0, 0]
    assert national_csv(client) == [9, 2, 6, 1, 0, 0, 0]
    assert recomputed[1:] == [[Period(2024, 4)]]  # only the changed month, once

    # A correction does not change when the month first came.
    register("030101", APRIL, oslo(2024, 5, 15, 10))
    assert national(client) == [9, 2, 6, 1, 0, 0, 0]


def test_a_registration_on_an_old_code_counts_for_todays_area_once_the_borders_are_loaded(
    client, world, today, register, recomputed
):
    buskerud = Region.objects.get(code="33")
    Region.objects.create(code="3005", level="kommune", name="Drammen", parent=buskerud, valid_to=date(2023, 12, 31))
    Region.objects.create(code="3301", level="kommune", name="Drammen", parent=buskerud)
    ServiceArea.objects.create(office=world.hallingdal, area_id="3301")
    register("3005", "2023-11", oslo(2023, 12, 4, 10))
    client.force_login(world.dina)
    assert county(client, "33", "2023-11") == [7, 0, 0, 7, 0, 0, 0]  # 3301 is not known to come from 3005 yet

    with transaction.atomic():  # as the border loader does
        RegionChange.objects.create(year=2023, original_code="3005", current_code="3301", weight=1.0)
        mark_reference_changed()

    assert county(client, "33", "2023-11") == [7, 1, 0, 6, 0, 0, 0]
    assert len(recomputed[-1]) > 1  # reference data changed: every month again


def test_a_new_served_area_is_counted_even_without_a_mark(client, world, today, reported):
    client.force_login(world.dina)
    assert national(client) == [9, 1, 6, 2, 0, 0, 0]
    agder = Region.objects.get(code="42")
    Region.objects.create(code="4201", level="kommune", name="Risør", parent=agder)
    ServiceArea.objects.create(office=Office.objects.get(code="4204"), area_id="4201")
    assert national(client) == [10, 1, 6, 3, 0, 0, 0]


def test_a_row_written_by_a_slower_process_at_an_older_version_is_recomputed(client, world, today, reported, register):
    client.force_login(world.dina)
    assert national(client) == [9, 1, 6, 2, 0, 0, 0]
    old = FirstRegistrationMonth.objects.get(month=date(2024, 4, 1))
    register("030101", APRIL, oslo(2024, 5, 9, 10))
    assert national(client) == [9, 2, 6, 1, 0, 0, 0]
    data_version()  # some reader orders the waiting marks
    # A process that read the data before the registration writes its row last.
    FirstRegistrationMonth.objects.filter(month=old.month).update(
        version=old.version, stamp=old.stamp, pending=old.pending, days=old.days
    )
    assert national(client) == [9, 2, 6, 1, 0, 0, 0]


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
