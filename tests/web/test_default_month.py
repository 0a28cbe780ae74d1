"""Pages open on the last month whose deadline has passed, not on a month still being registered.

On 1 December November is due on the 10th: pages open on October. From 11 December they open on November.
"""

from __future__ import annotations

import re
from datetime import date
from unittest import mock

import pytest
from django.utils import timezone

from malekort.domain.cells import Cell
from malekort.domain.periods import Period
from malekort.figures.actions import Entry, register_values
from malekort.figures.models import Source

PAGES = [
    ("dina", "/statistikk/"),
    ("agnes", "/statistikk/fylke/42/"),
    ("dina", "/statistikk/rapporter/"),
    ("dina", "/oppfolging/"),
    ("agnes", "/oppfolging/"),
    ("alice", "/malekort/kontor/030102/"),
    ("olga", "/malekort/kommune/0301/"),
]


def selected_month(html: str) -> str:
    """Return the value of the month chosen in the page's month list."""
    options = re.findall(r'<option value="(\d{4}-\d{2})" selected>', html)
    assert options, "the page has no chosen month"
    return options[0]


@pytest.fixture
def registered(world):
    for period in (Period(2026, 10), Period(2026, 11)):
        register_values(
            entries=[Entry(area, period, "SH_MOTTAKERE", Cell.of(40)) for area in ("030102", "4204")],
            user=None, source=Source.TYPED, now=timezone.now(),
        )
    return world


@pytest.mark.parametrize(("persona", "url"), PAGES)
@pytest.mark.parametrize(("today", "expected"), [(date(2026, 12, 1), "2026-10"), (date(2026, 12, 11), "2026-11")])
def test_page_opens_on_the_last_month_past_its_deadline(client, registered, persona, url, today, expected):
    client.force_login(getattr(registered, persona))
    with mock.patch("django.utils.timezone.localdate", return_value=today):
        response = client.get(url, follow=True)
    assert response.status_code == 200
    assert selected_month(response.content.decode()) == expected


def test_the_open_month_can_still_be_chosen_and_is_marked_provisional(client, registered):
    client.force_login(registered.dina)
    with mock.patch("django.utils.timezone.localdate", return_value=date(2026, 12, 1)):
        html = client.get("/statistikk/", {"maned": "2026-11"}).content.decode()
    assert selected_month(html) == "2026-11"
    assert "Foreløpige tall" in html


def test_an_office_scorecard_on_the_open_month_says_its_gaps_are_not_due_yet(client, registered):
    client.force_login(registered.alice)
    with mock.patch("django.utils.timezone.localdate", return_value=date(2026, 12, 1)):
        chosen = client.get("/malekort/kontor/030102/", {"periode": "2026-11"}).content.decode()
        default = client.get("/malekort/kontor/030102/").content.decode()
    assert "Fristen for å rapportere november 2026 er 10. desember 2026." in chosen
    assert "Foreløpige tall" not in default
