"""A county with one dotted and one missing area: known sum, bounds, counts, coverage and shares, by hand."""

from __future__ import annotations

import re

import pytest

from malekort.domain.periods import Period
from malekort.statistics.store import current_bundle
from registered import register

MARCH = Period(2025, 3)


@pytest.fixture
def march(agder):
    # Kristiansand 120 recipients, Risør dotted, Grimstad did not report, Arendal 0.
    register("4204", "2025-03", SH_MOTTAKERE=120, SH_KRONER=1_500_000)
    register("4201", "2025-03", SH_MOTTAKERE=".", SH_KRONER=".")
    register("4203", "2025-03", SH_MOTTAKERE=0, SH_KRONER=0)
    return agder


def test_known_sum_bounds_counts_and_coverage(march):
    agder = current_bundle().figure("42", "SH_MOTTAKERE", MARCH)
    assert agder.known_sum == 120  # 120 + 0
    assert (agder.dotted, agder.missing, agder.expected) == (1, 1, 4)
    assert (agder.lower, agder.upper) == (120, 123)  # 120 + 3 × 1 dot
    assert agder.coverage == pytest.approx((1000 + 500) / 2500)  # Kristiansand and Arendal of 2 500


def test_kroner_have_no_upper_bound_with_a_dot(march):
    kroner = current_bundle().figure("42", "SH_KRONER", MARCH)
    assert kroner.known_sum == 1_500_000
    assert kroner.upper is None


def test_the_county_share_uses_only_the_population_of_known_areas(march):
    b101 = current_bundle().indicator("42", "B.101", MARCH)
    # 120 / (1 000 + 500) × 100 = 8.00 %, not 120 / 2 500 = 4.8 %
    assert b101.display.value == pytest.approx(8.0)
    assert b101.used == 2


def test_a_correction_shows_in_the_county_at_once(march):
    assert current_bundle().figure("42", "SH_MOTTAKERE", MARCH).known_sum == 120
    register("4202", "2025-03", SH_MOTTAKERE=80)
    register("4204", "2025-03", SH_MOTTAKERE=130)
    agder = current_bundle().figure("42", "SH_MOTTAKERE", MARCH)
    assert agder.known_sum == 210  # 130 + 80 + 0
    assert agder.missing == 0
    assert current_bundle().figure("0", "SH_MOTTAKERE", MARCH).known_sum == 210


def test_like_for_like_year_change_leaves_out_an_area_that_reported_once(client, march):
    register("4204", "2024-03", SH_MOTTAKERE=100)
    register("4203", "2024-03", SH_MOTTAKERE=0)
    register("4202", "2024-03", SH_MOTTAKERE=50)  # Grimstad reported last year only: left out
    client.force_login(march.agnes)
    html = client.get("/statistikk/fylke/42/", {"maned": "2025-03"}).content.decode()
    table = html[html.index("stats-figures"):]
    row = table[table.index(">Antall mottakere<"):]
    row = row[:row.index("</tr>")]
    # Kristiansand 100 → 120 and Arendal 0 → 0: +20 on 2 areas
    assert "+20 (2 områder)" in row


@pytest.mark.parametrize(
    ("persona", "url", "status"),
    [
        ("dina", "/statistikk/", 200),
        ("dina", "/statistikk/fylke/42/", 200),
        ("agnes", "/statistikk/fylke/42/", 200),
        ("agnes", "/statistikk/fylke/03/", 403),
        ("agnes", "/statistikk/", 200),
        ("alice", "/statistikk/", 403),
        ("olga", "/statistikk/fylke/03/", 403),
        ("dina", "/statistikk/fylke/99/", 404),
        ("dina", "/statistikk/?maned=2019-01", 404),
    ],
)
def test_who_may_see_statistics(client, march, persona, url, status):
    client.force_login(getattr(march, persona))
    assert client.get(url).status_code == status


def test_pages_never_show_a_count_from_1_to_3(client, march):
    register("4204", "2025-02", SH_MOTTAKERE=".")
    client.force_login(march.dina)
    html = client.get("/statistikk/fylke/42/", {"maned": "2025-03"}).content.decode()
    cells = re.findall(r'<td class="aksel-table__data-cell numbers" data-count>([^<]*)</td>', html)
    assert cells
    assert not [c for c in cells if c.strip() in {"1", "2", "3"}]


def test_each_chart_has_a_heading_and_the_country_is_called_hele_landet(client, march):
    client.force_login(march.dina)
    wanted = {"maned": "2025-03", "tall": "SH_MOTTAKERE", "indikator": "B.101"}
    html = client.get("/statistikk/", wanted).content.decode()
    assert "<h1 class=\"aksel-heading aksel-heading--large\">Statistikk: Hele landet</h1>" in html
    headings = re.findall(r'<h3 class="aksel-heading aksel-heading--small">([^<]*)</h3>', html)
    assert headings == [
        "Antall mottakere, kjent sum",
        "B.101 Andel som har mottatt økonomisk sosialhjelp",
        "Antall mottakere, mars 2025, fylkene",
    ]
