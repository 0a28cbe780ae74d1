"""Figures registered on a code that changed in 2024 appear in the series of today's area, with a note."""

from __future__ import annotations

from datetime import date

import pytest

from malekort.areas.models import Population, Region, RegionChange, ServiceArea
from malekort.domain.amounts import DOTTED, Amount
from malekort.domain.periods import Period
from malekort.figures.todays_borders import load_area_figures
from malekort.indicators.models import Indicator
from malekort.scorecard.build import build_detail
from malekort.scorecard.units import municipality_unit
from malekort.statistics.store import current_bundle
from registered import people, register


@pytest.fixture
def reformed(populated):
    buskerud = Region.objects.get(code="33")
    Region.objects.create(code="3005", level="kommune", name="Drammen", parent=buskerud, valid_to=date(2023, 12, 31))
    Region.objects.create(code="3301", level="kommune", name="Drammen", parent=buskerud)
    RegionChange.objects.create(year=2023, original_code="3005", current_code="3301", weight=1.0)
    møre = Region.objects.create(code="15", level="fylke", name="Møre og Romsdal")
    Region.objects.create(code="1507", level="kommune", name="Ålesund", parent=møre, valid_to=date(2023, 12, 31))
    Region.objects.create(code="1508", level="kommune", name="Ålesund", parent=møre)
    Region.objects.create(code="1580", level="kommune", name="Haram", parent=møre)
    for current in ("1508", "1580"):
        RegionChange.objects.create(year=2023, original_code="1507", current_code=current, weight=0.5)
    # The split's shares come from the new areas' population when their codes began: 6 000 and 4 000 aged 18–66.
    people("1508", 2024, youth=1000, older=5000)
    people("1580", 2024, youth=500, older=3500)
    for code, (youth, older) in {"3301": (8000, 52000), "1508": (1000, 5000), "1580": (500, 3500)}.items():
        people(code, 2023, youth=youth, older=older)
    return populated


def series(code: str, last: Period, months: int = 2):
    rows, _, _, notes = build_detail(
        municipality_unit(Region.objects.get(code=code)), Indicator.objects.get(code="B.101"), last, months=months
    )
    return rows, notes


def test_a_2023_figure_on_the_old_code_feeds_todays_area_with_a_note(reformed):
    register("3005", "2023-11", SH_MOTTAKERE=600)
    ServiceArea.objects.create(office=reformed.hallingdal, area_id="3301")  # an office reports for 3301 today
    rows, notes = series("3301", Period(2023, 12))
    # 600 / 60 000 = 1.00 %
    assert rows[0].result.value.numerator.value == 600
    assert rows[0].result.amount.value == pytest.approx(1.0)
    assert rows[1].result.amount.symbol == ".."  # December was not reported
    assert notes == ["Tall for 2023 er registrert på 3005 Drammen og omregnet til dagens grenser."]


def test_a_split_area_gets_its_population_share(reformed):
    register("1507", "2023-11", SH_MOTTAKERE=100)
    ålesund, _ = series("1508", Period(2023, 11), months=1)
    haram, notes = series("1580", Period(2023, 11), months=1)
    # 100 × 6 000 / 10 000 = 60 recipients over 6 000; 100 × 4 000 / 10 000 = 40 over 4 000: both 1.00 %
    assert ålesund[0].result.value.numerator.value == pytest.approx(60)
    assert haram[0].result.value.numerator.value == pytest.approx(40)
    assert haram[0].result.amount.value == pytest.approx(1.0)
    assert "1507 Ålesund (andel 40 %)" in notes[0]


def test_the_statistics_bundle_holds_what_a_direct_load_finds(reformed):
    # Scorecards take area values from the statistics' bundle when it holds them: both must agree.
    register("3005", "2023-11", SH_MOTTAKERE=600, SH_LANGTID=".")
    register("3301", "2024-01", SH_MOTTAKERE=700)
    ServiceArea.objects.create(office=reformed.hallingdal, area_id="3301")
    first, last = Period(2023, 1), Period(2024, 3)
    codes = {"SH_MOTTAKERE", "SH_LANGTID"}
    direct = load_area_figures({"3301"}, codes, first, last)
    held = current_bundle().loaded.figures.subset({"3301"}, codes, first, last)
    assert direct.amounts == held.amounts == {
        ("3301", "SH_MOTTAKERE", Period(2023, 11)): Amount.known(600),
        ("3301", "SH_LANGTID", Period(2023, 11)): DOTTED,
        ("3301", "SH_MOTTAKERE", Period(2024, 1)): Amount.known(700),
    }
    assert direct.sources == held.sources
    assert direct.notes == held.notes == {
        ("3301", 2023): "Tall for 2023 er registrert på 3005 Drammen og omregnet til dagens grenser."
    }


def test_a_month_registered_again_on_todays_code_wins_over_the_old_code(reformed):
    register("3005", "2023-10", SH_MOTTAKERE=500)
    register("3301", "2023-10", SH_MOTTAKERE=450)
    loaded = load_area_figures({"3301"}, {"SH_MOTTAKERE"}, Period(2023, 10), Period(2023, 10))
    assert loaded.amounts == {("3301", "SH_MOTTAKERE", Period(2023, 10)): Amount.known(450)}
    assert loaded.sources[("3301", "SH_MOTTAKERE", Period(2023, 10))] == {"Registrert i skjema"}


def test_a_split_areas_population_is_shared_as_its_figures_are(reformed):
    # SSB's history halves 1507 for 2023 (5 000 and 5 000 aged 18–66), where the recipients go 60/40 by 2024's shares.
    Population.objects.filter(year=2023, region_id__in=["1508", "1580"]).delete()
    for code in ("1508", "1580"):
        people(code, 2023, youth=750, older=4250)
    register("1507", "2023-11", SH_MOTTAKERE=100)
    ålesund, _ = series("1508", Period(2023, 11), months=1)
    haram, _ = series("1580", Period(2023, 11), months=1)
    # 60 over 10 000 × 0.6 = 6 000 and 40 over 10 000 × 0.4 = 4 000: both 1.00 %, as 1507's 100 / 10 000.
    # Before, 60 / 5 000 = 1.20 % and 40 / 5 000 = 0.80 %.
    assert ålesund[0].result.value.denominator.value == pytest.approx(6000)
    assert ålesund[0].result.amount.value == pytest.approx(1.0)
    assert haram[0].result.value.denominator.value == pytest.approx(4000)
    assert haram[0].result.amount.value == pytest.approx(1.0)


def test_a_dot_on_a_split_code_counts_once_in_the_county(reformed):
    for code in ("1508", "1580"):
        ServiceArea.objects.create(office=reformed.hallingdal, area_id=code)
    register("1507", "2023-11", SH_MOTTAKERE=".")
    county = current_bundle().figure("15", "SH_MOTTAKERE", Period(2023, 11))
    assert county.dotted_codes == ("1508", "1580")  # both of today's areas show the dot
    assert (county.lower, county.upper) == (0, 3)  # one registered cell of at most 3, not two (0–6)
