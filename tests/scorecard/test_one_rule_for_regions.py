"""A kommune of bydeler, its county and an office: one rule (the statistics'), and columns that say what they are."""

from __future__ import annotations

import re
from datetime import date
from unittest import mock

import pytest

from registered import register

TODAY = date(2025, 4, 20)  # March 2025 is the last month that has ended


@pytest.fixture(autouse=True)
def today():
    with mock.patch("malekort.scorecard.views.timezone.localdate", return_value=TODAY):
        yield


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())).replace("\u00a0", " ")


def test_oslo_kommune_has_one_value_and_one_column(client, populated):
    # (500 + 412) / (16 000 + 12 345) = 3.2175 %: the statistics' Oslo fylke and the scorecard's Oslo kommune.
    register("030101", "2025-03", SH_MOTTAKERE=500)
    register("030102", "2025-03", SH_MOTTAKERE=412)
    client.force_login(populated.olga)
    detail = client.get("/malekort/kommune/0301/B.101/", {"periode": "2025-03"})
    assert detail.status_code == 200
    got = text(detail)
    assert "Oslo kommune (sum av bydelene), mars 2025: 3,22 %" in got
    headings = re.findall(r'<th class="aksel-table__header-cell numbers" scope="col">([^<]*)</th>',
                          detail.content.decode())
    assert headings == ["Teller", "Nevner", "Oslo kommune (sum av bydelene)", "Hele landet"]
    assert "Oslo fylke består av de samme områdene og har de samme verdiene." in got
    assert re.search(r"mars 2025 912 28 345 3,22 % 2 av 2 områder, 100,0 % av befolkningen 18–66 år", got)


def test_an_office_value_says_how_much_of_it_is_covered(client, populated):
    # Flå 10 of 600 and Nesbyen 20 of 1 900: 30 / 2 500 = 1.20 %, 2 of 6 kommuner, 2 500 of 12 300 = 20.3 %.
    register("3320", "2025-03", SH_MOTTAKERE=10)
    register("3322", "2025-03", SH_MOTTAKERE=20)
    client.force_login(populated.hallvard)
    card = text(client.get("/malekort/kontor/H3320/", {"periode": "2025-03"}))
    assert "1,20 % 2 av 6 områder, 20,3 % av befolkningen 18–66 år" in card
    detail = text(client.get("/malekort/kontor/H3320/B.101/", {"periode": "2025-03"}))
    assert "Nav Hallingdal (6 kommuner), mars 2025: 1,20 %" in detail
    assert "Buskerud fylke" in detail and "Hele landet" in detail


def test_a_value_over_some_areas_names_the_ones_missing_and_dotted(client, populated):
    register("030101", "2025-03", SH_MOTTAKERE=500)
    register("030102", "2025-03", SH_MOTTAKERE=".")
    client.force_login(populated.olga)
    card = text(client.get("/malekort/kommune/0301/", {"periode": "2025-03"}))
    # Only Gamle Oslo's 500 of 16 000 is known: 3,13 %, over 1 of 2 bydeler; Grünerløkka is named as dotted.
    assert "3,13 % 1 av 2 områder" in card
    assert "prikket: Grünerløkka" in card
    assert "summen for bydelene som har rapportert" in card
    register("030101", "2025-02", SH_MOTTAKERE=480)
    february = text(client.get("/malekort/kommune/0301/", {"periode": "2025-02"}))
    assert "ikke rapportert: Grünerløkka" in february
