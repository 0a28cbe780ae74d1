"""An office leader opens the scorecard, clicks an indicator and sees its numerator and denominator."""

from __future__ import annotations

import pytest
from django.utils import timezone

from malekort.areas.models import Population
from malekort.domain.cells import Cell
from malekort.domain.deadlines import last_due_period
from malekort.figures.actions import Entry, register_values
from malekort.figures.models import Source

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_leader_opens_an_indicator_from_the_scorecard(page, log_in, live_server, seeded):
    month = last_due_period(timezone.localdate())
    Population.objects.create(region_id="030102", year=month.year, age=30, population=12_000)
    register_values(
        entries=[Entry("030102", month, "SH_MOTTAKERE", Cell.of(360))], user=None, source=Source.TYPED,
        now=timezone.now(),
    )
    log_in("alice")
    page.get_by_role("link", name="Se målekortet for Nav Grünerløkka").click()
    page.get_by_role("heading", name="Målekort: Nav Grünerløkka").wait_for()
    # 360 / 12 000 = 3.00 %
    assert "3,00\u00a0%" in page.locator("table.scorecard-table").inner_text()

    page.get_by_role("link", name="B.101", exact=True).click()
    page.get_by_role("heading", name="B.101 Andel som har mottatt økonomisk sosialhjelp").wait_for()
    assert page.locator(".numerator-value").inner_text() == "360"
    assert page.locator(".denominator-value").inner_text() == "12\u00a0000"
    assert page.get_by_text("Tabell: teller, nevner og verdi per måned").is_visible()
