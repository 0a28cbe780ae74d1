"""Months registered on a code that changed in 2024 count for today's area in the follow-up."""

from __future__ import annotations

from datetime import date

import pytest
from followup_helpers import TODAY, oslo

from malekort.areas.models import Region, RegionChange, ServiceArea
from malekort.domain.periods import Period
from malekort.followup.selectors import county_rows, unreported_areas


@pytest.fixture
def drammen(world):
    buskerud = Region.objects.get(code="33")
    for code, name in (("3005", "Drammen"), ("3025", "Røyken")):
        Region.objects.create(code=code, level="kommune", name=name, parent=buskerud, valid_to=date(2023, 12, 31))
        RegionChange.objects.create(year=2023, original_code=code, current_code="3301", weight=1.0)
    Region.objects.create(code="3301", level="kommune", name="Drammen", parent=buskerud)
    ServiceArea.objects.create(office=world.hallingdal, area_id="3301")
    return world


def test_a_2023_month_reported_on_both_old_codes_counts_for_todays_area(drammen, register):
    # 2023-11 was due on 10 December 2023; both old codes reported in January, so 3301 is late.
    register("3005", "2023-11", oslo(2024, 1, 5, 10))
    register("3025", "2023-11", oslo(2024, 1, 8, 10))
    register("3328", "2023-11", oslo(2023, 12, 4, 10))  # on its own, unchanged code, on time
    [county] = county_rows(Period(2023, 11), TODAY, ["33"])
    # Seven areas in Buskerud: 3301 (whole once Røyken reported), 3328 on time, and five that did not report.
    counts = county.counts
    assert (counts.expected, counts.on_time, counts.late, counts.missing) == (7, 1, 1, 5)
    missing = [area.area_code for area in unreported_areas(Period(2023, 11), TODAY, ["33"])]
    assert "3301" not in missing


def test_a_2023_month_with_one_old_code_unreported_leaves_todays_area_missing(drammen, register):
    register("3005", "2023-11", oslo(2024, 1, 5, 10))
    missing = [area.area_code for area in unreported_areas(Period(2023, 11), TODAY, ["33"])]
    assert "3301" in missing
