"""Saves of the same area-months at the same time, in real threads with their own connections.

Each save waits after reading its months until the other save has read them
too, or for `WINDOW` seconds if it cannot (because it is locked out): without
the per-area-month lock both saves read the same month and both write, which
is the race of issue 9, finding 1. Runs on SQLite (the test database is a file,
see tests/conftest.py) and on PostgreSQL (DATABASE_URL=postgres://...).
"""

from __future__ import annotations

import importlib
import io
import threading
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.apps import apps
from django.db import connections
from django.test import Client
from django.urls import reverse

from malekort.domain.cells import DOTTED, Cell
from malekort.domain.consistency import check_area_month
from malekort.domain.periods import Period
from malekort.figures import actions
from malekort.figures.actions import (
    ConcurrentEditError,
    Entry,
    Key,
    Outcome,
    RegistrationError,
    register_values,
)
from malekort.figures.catalogue import active_figures
from malekort.figures.models import KeyFigure, Source, ValueVersion
from malekort.figures.transfer import ImportReport, import_values

pytestmark = pytest.mark.django_db(transaction=True)

WINDOW = 0.5  # seconds a save holding its months waits for the other save to read them too
GRUNERLOKKA = "030102"
MARCH = Period(2024, 3)
HALLINGDAL = ["3320", "3322", "3324", "3326", "3328", "3330"]
FIGURES = [
    "SH_MOTTAKERE", "SH_BARN", "SH_HOVEDKILDE", "SH_UNDER30",
    "SH_KRONER", "KVP_DELTAKERE", "SH_UNDER25", "SH_LANGTID",
]


class Race:
    """Runs jobs at the same moment, one thread and one database connection each."""

    def __init__(self) -> None:
        self.barrier = threading.Barrier(2, timeout=WINDOW)

    def read_then_wait(self, original: Callable[..., Any]) -> Callable[..., Any]:
        def read(keys: Any) -> Any:
            found = original(keys)
            try:
                self.barrier.wait()
            except threading.BrokenBarrierError:
                pass  # the other save could not read (it waits for our lock), or has finished
            return found

        return read

    def run(self, *jobs: Callable[[], object]) -> list[object]:
        """Return what each job returned or raised."""
        self.barrier = threading.Barrier(len(jobs), timeout=WINDOW)
        start = threading.Barrier(len(jobs))
        results: list[object] = [None] * len(jobs)

        def run(index: int, job: Callable[[], object]) -> None:
            try:
                start.wait()
                results[index] = job()
            except BaseException as error:  # any escaping error is a finding
                results[index] = error
            finally:
                connections.close_all()

        threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert not any(thread.is_alive() for thread in threads), "a save never finished"
        return results


@pytest.fixture
def race(world: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Race]:
    if not KeyFigure.objects.exists():
        # A transactional test before this one flushed what the migration seeded.
        importlib.import_module("malekort.figures.migrations.0002_seed_key_figures").seed(apps, None)
    racing = Race()
    monkeypatch.setattr(actions, "current_versions", racing.read_then_wait(actions.current_versions))
    yield racing


def entry(figure: str, cell: Cell, *, area: str = GRUNERLOKKA, period: Period = MARCH) -> Entry:
    return Entry(area=area, period=period, figure=figure, cell=cell, comment="")


def save(entries: list[Entry], expected: dict[Key, int | None] | None = None) -> Callable[[], object]:
    return lambda: register_values(
        entries=entries, user=None, source=Source.FILE, expected=expected
    )


def nothing_seen(area: str = GRUNERLOKKA, period: Period = MARCH) -> dict[Key, int | None]:
    """The versions a form shows for an empty month."""
    return {(area, period, code): None for code in FIGURES}


def winner_and_loser(results: list[object]) -> tuple[Outcome, Exception]:
    outcomes = [r for r in results if isinstance(r, Outcome)]
    errors = [r for r in results if not isinstance(r, Outcome)]
    assert len(outcomes) == 1, f"exactly one save must win, not {len(outcomes)}"
    assert len(errors) == 1 and isinstance(errors[0], ConcurrentEditError | RegistrationError), repr(errors)[:500]
    return outcomes[0], errors[0]


def current_cells() -> dict[Key, Cell]:
    return {
        (v.area_id, Period.of(v.period), v.figure_id): v.cell
        for v in ValueVersion.objects.filter(superseded_at__isnull=True)
    }


def assert_every_month_keeps_the_rules() -> None:
    figures = active_figures()
    months: dict[tuple[str, Period], dict[str, Cell]] = defaultdict(dict)
    for (area, period, code), cell in current_cells().items():
        months[(area, period)][code] = cell
    broken = {month: errors for month, cells in months.items() if (errors := check_area_month(cells, figures))}
    assert broken == {}


def assert_history_keeps(accepted: list[Outcome]) -> None:
    """Every version an accepted save made is stored; each value has one current version."""
    made = sum(o.created + o.updated for o in accepted)
    assert ValueVersion.objects.count() == made
    keys = [(v.area_id, v.period, v.figure_id) for v in ValueVersion.objects.filter(superseded_at__isnull=True)]
    assert len(keys) == len(set(keys))
    assert ValueVersion.objects.filter(superseded_at__isnull=False).count() == sum(o.updated for o in accepted)


def test_two_first_saves_of_an_empty_month_one_wins_the_other_sees_its_values(race: Race) -> None:
    results = race.run(
        save([entry("SH_MOTTAKERE", Cell.of(120))], nothing_seen()),
        save([entry("SH_MOTTAKERE", Cell.of(130))], nothing_seen()),
    )
    won, lost = winner_and_loser(results)
    assert isinstance(lost, ConcurrentEditError)
    stored = current_cells()[(GRUNERLOKKA, MARCH, "SH_MOTTAKERE")]
    assert [v.cell for v in lost.changed] == [stored]
    assert_history_keeps([won])


@pytest.mark.parametrize("round_no", range(3))
def test_dotted_recipients_and_kroner_saved_together_never_both_land(race: Race, round_no: int) -> None:
    period = Period(2024, 1 + round_no)
    results = race.run(
        save([entry("SH_MOTTAKERE", DOTTED, period=period)]),
        save([entry("SH_KRONER", Cell.of(50_000), period=period)]),
    )
    won, lost = winner_and_loser(results)
    assert isinstance(lost, RegistrationError)
    (reason,) = lost.errors.values()
    assert "prikket" in reason
    assert_every_month_keeps_the_rules()
    assert_history_keeps([won])


def test_the_same_race_in_the_form_gives_one_save_and_one_conflict_page(race: Race, world: Any) -> None:
    def post(user: Any, **values: str) -> Callable[[], object]:
        data = {f"v_{GRUNERLOKKA}_{code}": "" for code in FIGURES}
        data.update({f"v_{GRUNERLOKKA}_{code}": value for code, value in values.items()})

        def send() -> object:
            client = Client()
            client.force_login(user)
            return client.post(reverse("office-month", args=[GRUNERLOKKA, str(MARCH)]), data)

        return send

    results = race.run(post(world.alice, SH_MOTTAKERE="."), post(world.dina, SH_KRONER="50000"))
    statuses = sorted(getattr(r, "status_code", r) for r in results)  # type: ignore[arg-type]
    assert statuses == [302, 409]
    (page,) = [r for r in results if getattr(r, "status_code", None) == 409]
    html = page.content.decode()  # type: ignore[attr-defined]
    assert "Noen andre har endret tallene" in html
    assert_every_month_keeps_the_rules()


def test_corrections_from_the_same_stale_version_one_wins(race: Race) -> None:
    first = register_values(entries=[entry("SH_MOTTAKERE", Cell.of(120))], user=None, source=Source.TYPED)
    seen = ValueVersion.objects.get(superseded_at__isnull=True).pk
    expected: dict[Key, int | None] = {(GRUNERLOKKA, MARCH, "SH_MOTTAKERE"): seen}
    results = race.run(
        save([entry("SH_MOTTAKERE", Cell.of(130))], expected),
        save([entry("SH_MOTTAKERE", Cell.of(140))], expected),
    )
    won, lost = winner_and_loser(results)
    assert isinstance(lost, ConcurrentEditError)
    winner_cell = current_cells()[(GRUNERLOKKA, MARCH, "SH_MOTTAKERE")]
    assert winner_cell in (Cell.of(130), Cell.of(140))
    assert [v.cell for v in lost.changed] == [winner_cell]
    history = ValueVersion.objects.filter(figure_id="SH_MOTTAKERE").order_by("recorded_at", "pk")
    assert [v.cell for v in history] == [Cell.of(120), winner_cell]
    assert_history_keeps([first, won])


def months_of_two_years() -> list[tuple[str, Period]]:
    periods = [Period(2022, 1)]
    while len(periods) < 24:
        periods.append(periods[-1].next)
    return [(area, period) for area in HALLINGDAL for period in periods]


def test_two_imports_in_opposite_orders_do_not_deadlock_and_one_wins(race: Race) -> None:
    months = months_of_two_years()
    dots = [entry("SH_MOTTAKERE", DOTTED, area=a, period=p) for a, p in months]
    kroner = [entry("SH_KRONER", Cell.of(50_000), area=a, period=p) for a, p in reversed(months)]
    won, lost = winner_and_loser(race.run(save(dots), save(kroner)))
    assert isinstance(lost, RegistrationError)
    assert len(lost.errors) == len(months)
    assert won.created == len(months)
    assert_every_month_keeps_the_rules()
    assert_history_keeps([won])


def test_two_compatible_imports_in_opposite_orders_both_land(race: Race) -> None:
    months = months_of_two_years()
    recipients = [entry("SH_MOTTAKERE", Cell.of(100), area=a, period=p) for a, p in months]
    kroner = [entry("SH_KRONER", Cell.of(50_000), area=a, period=p) for a, p in reversed(months)]
    results = race.run(save(recipients), save(kroner))
    assert all(isinstance(r, Outcome) for r in results), results
    assert len(current_cells()) == 2 * len(months)
    assert_every_month_keeps_the_rules()
    assert_history_keeps([r for r in results if isinstance(r, Outcome)])


def test_two_file_imports_in_opposite_orders_one_is_written_the_other_refused(race: Race) -> None:
    months = months_of_two_years()

    def csv_file(code: str, value: str, ordered: list[tuple[str, Period]]) -> bytes:
        lines = [f"{period},{area},{code},{value}," for area, period in ordered]
        return "\n".join(["period,area,code,value,comment", *lines, ""]).encode()

    def run(data: bytes) -> Callable[[], object]:
        return lambda: import_values(
            path_or_file=io.BytesIO(data), filename="tall.csv", user=None, valid_only=False, dry_run=False
        )

    results = race.run(
        run(csv_file("SH_MOTTAKERE", ".", months)),
        run(csv_file("SH_KRONER", "50000", list(reversed(months)))),
    )
    written = [r for r in results if isinstance(r, ImportReport) and r.written]
    assert len(written) == 1, repr(results)[:500]
    (other,) = [r for r in results if r not in written]
    # Refused inside the lock, or by the import's own check if it read after the winner's commit.
    if isinstance(other, ImportReport):
        assert not other.written and len(other.refused) == len(months)
    else:
        assert isinstance(other, RegistrationError), repr(other)[:500]
    assert_every_month_keeps_the_rules()
    assert ValueVersion.objects.count() == len(months)
