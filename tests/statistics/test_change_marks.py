"""Every write the aggregates depend on marks what it changed, in its own transaction; readers order the marks."""

from __future__ import annotations

from malekort.areas.loaders import load_region_changes
from malekort.domain.files.region_changes import RegionChangeRow
from malekort.domain.periods import Period
from malekort.statistics.changes import (
    changed_between,
    data_version,
    mark_values_changed,
)
from malekort.statistics.models import AggregateChange, ChangeScope
from registered import register


def pending() -> list[tuple[str, str | None]]:
    return [
        (scope, str(period) if period else None)
        for scope, period in AggregateChange.objects.filter(version__isnull=True)
        .order_by("id").values_list("scope", "period")
    ]


def test_a_registration_marks_the_months_it_changed(world):
    register("4204", "2025-03", SH_MOTTAKERE=120)
    register("4204", "2025-04", SH_MOTTAKERE=130)
    assert pending() == [("values", "2025-03-01"), ("values", "2025-04-01")]


def test_an_unchanged_registration_marks_nothing(world):
    register("4204", "2025-03", SH_MOTTAKERE=120)
    data_version()  # a reader orders the mark
    register("4204", "2025-03", SH_MOTTAKERE=120)
    assert pending() == []


def test_a_loader_marks_reference_data(world):
    load_region_changes(rows=[RegionChangeRow(2023, "4299", "4204", 1.0)])
    assert pending() == [("reference", None)]


def test_an_admin_edit_of_a_border_marks_reference_data(client, world):
    world.dina.is_staff = world.dina.is_superuser = True
    world.dina.save()
    client.force_login(world.dina)
    response = client.post("/admin/areas/regionchange/add/", {
        "year": 2023, "original_code": "4299", "current_code": "4204", "weight": "1",
    })
    assert response.status_code == 302
    assert pending() == [("reference", None)]


def test_a_reader_orders_waiting_marks_under_one_new_version(world):
    before = data_version()
    mark_values_changed([Period(2025, 3)])
    mark_values_changed([Period(2025, 5)])
    after = data_version()
    assert after.number == before.number + 1
    assert pending() == []
    assert changed_between(before.number, after.number).months == {Period(2025, 3), Period(2025, 5)}
    assert data_version() == after  # nothing new: the same version


def test_reference_data_changes_everything(world):
    before = data_version()
    mark_values_changed([Period(2025, 3)])
    AggregateChange.objects.create(scope=ChangeScope.REFERENCE)
    changed = changed_between(before.number, data_version().number)
    assert changed.everything
    # The values of other months did not change: the registered values kept for them stay good.
    assert changed.months == {Period(2025, 3)}
    assert not changed.values_unknown
