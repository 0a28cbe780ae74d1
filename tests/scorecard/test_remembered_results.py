"""Scorecard results are remembered by the stored version of their months: a change shows on the next read."""

from __future__ import annotations

import re

import pytest

from malekort.access.scope import office_for
from malekort.domain.indicators.over_time import Span
from malekort.domain.periods import Period
from malekort.scorecard import build
from malekort.scorecard.build import build_scorecard
from malekort.scorecard.units import office_unit
from registered import register

MARCH = Period(2025, 3)
LAST = Period(2025, 10)


def b101(populated, span: Span = Span.MONTH):  # type: ignore[no-untyped-def]
    card = build_scorecard(office_unit(office_for(populated.alice, "030102")), span, MARCH, LAST)
    return next(row for row in card.rows if row.indicator.code == "B.101")


def test_a_second_read_gives_what_a_fresh_computation_gives(populated):
    register("030102", "2025-02", SH_MOTTAKERE=400)
    register("030102", "2025-03", SH_MOTTAKERE=412)
    first = b101(populated)
    again = b101(populated)
    build.forget()
    fresh = b101(populated)
    assert first == again == fresh
    assert again.current is first.current  # remembered, not computed again


def test_a_save_of_the_month_shown_shows_on_the_next_read(populated):
    register("030102", "2025-03", SH_MOTTAKERE=412)
    assert b101(populated).current.value.numerator.value == 412
    register("030102", "2025-03", SH_MOTTAKERE=500)
    row = b101(populated)
    assert row.current.value.numerator.value == 500
    assert row.series[-1][1].value.numerator.value == 500


def test_a_save_of_an_earlier_month_changes_the_change_and_the_chart_but_not_the_month(populated):
    register("030102", "2025-02", SH_MOTTAKERE=400)
    register("030102", "2025-03", SH_MOTTAKERE=412)
    before = b101(populated)
    register("030102", "2025-02", SH_MOTTAKERE=300)
    after = b101(populated)
    # (412 − 300) / 12 345 × 100 = 0.9073 pp
    assert after.change_previous.value == pytest.approx(0.9073, abs=0.0005)
    assert after.series[-2][1].value.numerator.value == 300
    assert after.current is before.current  # March did not change


def test_a_quarter_follows_a_save_of_any_of_its_months(populated):
    for month, count in (("2025-01", 400), ("2025-02", 400), ("2025-03", 400)):
        register("030102", month, SH_MOTTAKERE=count)
    assert b101(populated, Span.QUARTER).current.value.numerator.value == 400
    register("030102", "2025-01", SH_MOTTAKERE=700)
    assert b101(populated, Span.QUARTER).current.value.numerator.value == 500  # (700 + 400 + 400) / 3


def test_a_save_through_the_month_form_shows_on_the_scorecard_page(client, populated):
    client.force_login(populated.alice)
    client.post("/kontor/030102/2025-03/", {"v_030102_SH_MOTTAKERE": "412"})
    assert "3,34\u00a0%" in client.get("/malekort/kontor/030102/?periode=2025-03").content.decode()
    form = client.get("/kontor/030102/2025-03/").content.decode()
    version = re.search(r'name="k_030102_SH_MOTTAKERE" value="([0-9]+)"', form)
    assert version is not None
    client.post("/kontor/030102/2025-03/", {"v_030102_SH_MOTTAKERE": "500", "k_030102_SH_MOTTAKERE": version.group(1)})
    html = client.get("/malekort/kontor/030102/?periode=2025-03").content.decode()
    assert "4,05\u00a0%" in html and "3,34\u00a0%" not in html  # 500 / 12 345
