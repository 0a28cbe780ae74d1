"""B.101–B.104 and B.151 against values worked out by hand from registered figures and SSB's population."""

from __future__ import annotations

import pytest

from malekort.access.scope import office_for
from malekort.areas.models import Region
from malekort.domain.indicators.over_time import Span
from malekort.domain.periods import Period
from malekort.scorecard.build import build_scorecard
from malekort.scorecard.units import municipality_unit, office_unit
from registered import register

MARCH = Period(2025, 3)
LAST = Period(2025, 10)


def values(card):
    return {row.indicator.code: row.current.value for row in card.rows}


def test_an_oslo_bydel_office(populated):
    register("030102", "2025-03", SH_MOTTAKERE=412, SH_LANGTID=120, SH_UNDER25=57, SH_BARN=103,
             KVP_DELTAKERE=14, SH_UNDER30=90)
    card = build_scorecard(office_unit(office_for(populated.alice, "030102")), Span.MONTH, MARCH, LAST)
    got = values(card)
    # 412 / (3 000 + 9 345) × 100 = 3.3374 %
    assert got["B.101"].value.value == pytest.approx(3.3374, abs=0.005)
    assert (got["B.101"].numerator.value, got["B.101"].denominator.value) == (412, 12_345)
    # 120 / 12 345 × 100 = 0.9721 %
    assert got["B.102"].value.value == pytest.approx(0.9721, abs=0.005)
    # 57 / 3 000 × 100 = 1.90 % (children aged 10 are in neither band)
    assert got["B.103"].value.value == pytest.approx(1.90, abs=0.005)
    assert got["B.103"].denominator.value == 3000
    # 103 / 412 × 100 = 25.00 %
    assert got["B.104"].value.value == pytest.approx(25.0, abs=0.005)
    # B.151 is the registered count
    assert got["B.151"].value.value == 14


def test_an_office_with_six_municipalities_adds_figures_and_population(populated):
    for code, count in {"3320": 10, "3322": 20, "3324": 40, "3326": 0, "3328": 30, "3330": 25}.items():
        register(code, "2025-03", SH_MOTTAKERE=count, SH_BARN=0 if count == 0 else 5)
    card = build_scorecard(office_unit(office_for(populated.hallvard, "H3320")), Span.MONTH, MARCH, LAST)
    got = values(card)
    # recipients 10+20+40+0+30+25 = 125; 18–66: 600+1 900+2 800+1 500+2 900+2 600 = 12 300; 125/12 300 = 1.0163 %
    assert got["B.101"].numerator.value == 125
    assert got["B.101"].denominator.value == 12_300
    assert got["B.101"].value.value == pytest.approx(1.0163, abs=0.005)
    # with children: 5 × 5 = 25 of 125 = 20 %
    assert got["B.104"].value.value == pytest.approx(20.0, abs=0.005)
    # SH_LANGTID was not reported anywhere
    assert got["B.102"].value.symbol == ".."


def test_a_municipality_with_bydeler_adds_the_bydeler_over_their_own_population(populated):
    register("030101", "2025-03", SH_MOTTAKERE=500)
    register("030102", "2025-03", SH_MOTTAKERE=412)
    card = build_scorecard(municipality_unit(Region.objects.get(code="0301")), Span.MONTH, MARCH, LAST)
    got = card.rows[0].current
    # As the statistics count Oslo: (500 + 412) / (16 000 + 12 345) = 3.2175 %, not over Oslo's own 30 000.
    assert (got.value.numerator.value, got.value.denominator.value) == (912, 28_345)
    assert got.amount.value == pytest.approx(3.2175, abs=0.0001)
    assert got.coverage == 1 and got.complete


def test_an_office_uses_the_areas_that_reported_and_says_how_much_they_cover(populated):
    register("3320", "2025-03", SH_MOTTAKERE=10)
    register("3322", "2025-03", SH_MOTTAKERE=".")
    card = build_scorecard(office_unit(office_for(populated.hallvard, "H3320")), Span.MONTH, MARCH, LAST)
    got = card.rows[0].current
    # Flå alone: 10 / 600 = 1.6667 %, over 600 of Hallingdal's 12 300 aged 18–66 (4.9 %); Nesbyen's dot
    # and the four missing kommuner are left out.
    assert (got.value.numerator.value, got.value.denominator.value) == (10, 600)
    assert got.amount.value == pytest.approx(1.6667, abs=0.0001)
    assert got.coverage == pytest.approx(600 / 12_300)
    assert (got.over.used, len(got.over.dotted_codes), len(got.over.missing_codes)) == (1, 1, 4)
    assert not got.complete


def test_a_dot_in_the_only_area_suppresses_the_value(populated):
    register("030102", "2025-03", SH_MOTTAKERE=".")
    card = build_scorecard(office_unit(office_for(populated.alice, "030102")), Span.MONTH, MARCH, LAST)
    assert values(card)["B.101"].value.symbol == ":"
    assert values(card)["B.101"].numerator.symbol == ":"


def test_a_quarter_averages_persons_and_takes_the_last_kvp_count(populated):
    for month, (recipients, kvp) in {"2025-01": (400, 10), "2025-02": (410, 12), "2025-03": (420, 15)}.items():
        register("030102", month, SH_MOTTAKERE=recipients, KVP_DELTAKERE=kvp)
    card = build_scorecard(office_unit(office_for(populated.alice, "030102")), Span.QUARTER, MARCH, LAST)
    got = values(card)
    # average 410 / 12 345 = 3.3212 %
    assert got["B.101"].value.value == pytest.approx(3.3212, abs=0.005)
    assert got["B.151"].value.value == 15
    assert card.window.label == "1. kvartal 2025"


def test_changes_from_last_month_and_last_year_in_percentage_points(populated):
    register("030102", "2024-03", SH_MOTTAKERE=370)
    register("030102", "2025-02", SH_MOTTAKERE=400)
    register("030102", "2025-03", SH_MOTTAKERE=412)
    card = build_scorecard(office_unit(office_for(populated.alice, "030102")), Span.MONTH, MARCH, LAST)
    row = next(r for r in card.rows if r.indicator.code == "B.101")
    # (412 − 400) / 12 345 × 100 = 0.0972 pp; 2024 used the 2024 population (also 12 345): (412 − 370)/12 345 = 0.3402
    assert row.change_previous.value == pytest.approx(0.0972, abs=0.0005)
    assert row.change_last_year.value == pytest.approx(0.3402, abs=0.0005)
    assert len(row.series) == 24 and row.series[-1][0] == MARCH
