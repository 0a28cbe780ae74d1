"""A change made by one process shows in another process's aggregates on its next read, whatever the commit order.

The processes are separate Python processes of the application (`freshness_worker.py`),
each with its own aggregates in memory, on one PostgreSQL database. Reproduced
from issue 12: a transaction that took the lower ids committed after a later
one, and the county kept the old sum until a restart.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection

from registered import register

pytestmark = pytest.mark.django_db(transaction=True)

WORKER = Path(__file__).with_name("freshness_worker.py")
MARCH = "2025-03"


class Process:
    """One running process of the application, answering a command per line."""

    def __init__(self, database_url: str) -> None:
        env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "malekort.settings"}
        self.popen = subprocess.Popen(
            [sys.executable, str(WORKER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env,
        )

    def ask(self, command: str) -> str:
        assert self.popen.stdin is not None and self.popen.stdout is not None
        self.popen.stdin.write(command + "\n")
        self.popen.stdin.flush()
        answer = self.popen.stdout.readline().strip()
        assert answer, f"the process ended without answering {command!r}"
        return answer

    def county_recipients(self) -> int:
        return self.county()[0]

    def county(self) -> tuple[int, int]:
        """Return Agder's known sum of recipients and its number of missing areas."""
        known_sum, missing = self.ask(f"figure 42 SH_MOTTAKERE {MARCH}").split()
        return int(known_sum), int(missing)

    def stop(self) -> None:
        assert self.popen.stdin is not None
        self.popen.stdin.close()
        self.popen.wait(timeout=30)


def _database_url() -> str:
    settings = connection.settings_dict
    user, password = settings["USER"] or "", settings["PASSWORD"] or ""
    credentials = f"{user}:{password}@" if password else f"{user}@" if user else ""
    return f"postgres://{credentials}{settings['HOST'] or 'localhost'}:{settings['PORT'] or 5432}/{settings['NAME']}"


@pytest.fixture
def processes(agder) -> Iterator[tuple[Process, Process]]:
    if connection.vendor != "postgresql":
        # The SQLite test database lives in this process's memory: no other process can open it.
        pytest.skip("needs a database server that other processes can reach (PostgreSQL)")
    _seed_catalogue()
    # Older people, outside every indicator's age band: enough that no count here is more
    # people than live in the kommune, which register_values refuses.
    from malekort.areas.models import Population

    for code in ("4201", "4202", "4203", "4204"):
        Population.objects.create(region_id=code, year=2025, age=70, population=10_000)
    register("4204", MARCH, SH_MOTTAKERE=3000)
    register("4203", MARCH, SH_MOTTAKERE=538)
    reader, writer = Process(_database_url()), Process(_database_url())
    try:
        yield reader, writer
    finally:
        reader.stop()
        writer.stop()


def _seed_catalogue() -> None:
    """Put back the catalogue the migrations seed: an earlier transactional test flushed it."""
    from django.apps import apps

    from malekort.figures.models import KeyFigure

    if not KeyFigure.objects.exists():
        for module in ("malekort.figures.migrations.0002_seed_key_figures",
                       "malekort.indicators.migrations.0002_seed_recommended_indicators"):
            importlib.import_module(module).seed(apps, None)


def test_a_registration_in_one_process_shows_in_another_on_its_next_read(processes):
    reader, writer = processes
    assert reader.county_recipients() == 3538
    assert writer.ask(f"register 4202 {MARCH} SH_MOTTAKERE 1000") == "committed"
    assert reader.county_recipients() == 4538


def test_a_transaction_that_commits_after_a_later_one_is_not_missed(processes, agder):
    reader, writer = processes
    assert reader.county_recipients() == 3538
    # T1 registers first, so its rows and its change mark get the lower ids, but stays open.
    assert writer.ask(f"hold 4202 {MARCH} SH_MOTTAKERE 1000") == "registered"
    # T2 registers later and commits first; the reader refreshes and sees T2 only.
    register("4201", MARCH, SH_MOTTAKERE=200)
    assert reader.county_recipients() == 3738
    # T1 commits: the reader must see it although it saw a newer change before.
    assert writer.ask("commit") == "committed"
    assert reader.county_recipients() == 4738


def test_a_reference_change_in_one_process_shows_in_another(processes, agder):
    from malekort.areas.loaders import load_offices
    from malekort.areas.models import Region
    from malekort.domain.files.offices import OfficeRow

    reader, _ = processes
    assert reader.county() == (3538, 2)  # Risør and Grimstad have not reported
    Region.objects.create(code="4205", level="kommune", name="Lindesnes", parent_id="42")
    load_offices(rows=[OfficeRow(office_code="4205", office_name="Nav Lindesnes", area_code="4205")])
    assert reader.county() == (3538, 3)  # Lindesnes is expected now
