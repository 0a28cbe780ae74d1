"""The scorecard and detail pages: values, colours, numerator and denominator, and who may open them."""

from __future__ import annotations

from datetime import date
from unittest import mock

import pytest

from malekort.areas.models import Region
from malekort.domain.indicators.definitions import Direction
from malekort.domain.indicators.limits import Limits
from malekort.indicators.actions import set_limits
from malekort.indicators.models import Indicator
from registered import register

TODAY = date(2025, 4, 20)  # March 2025 is the last month that has ended
NBSP = "\u00a0"


@pytest.fixture(autouse=True)
def today():
    with mock.patch("malekort.scorecard.views.timezone.localdate", return_value=TODAY):
        yield


def page(client, user, url):
    client.force_login(user)
    return client.get(url)


def test_office_scorecard_shows_each_indicator_with_value(client, populated):
    register("030102", "2025-03", SH_MOTTAKERE=412, SH_BARN=103, KVP_DELTAKERE=14)
    response = page(client, populated.alice, "/malekort/kontor/030102/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"3,34{NBSP}%" in html  # 412 / 12 345
    assert f"25,0{NBSP}%" in html  # 103 / 412
    assert "B.151" in html and ">14<" in html
    assert 'role="img"' in html  # the sparklines carry a text alternative


def test_detail_shows_numerator_denominator_and_source(client, populated):
    register("030102", "2025-03", SH_MOTTAKERE=412)
    html = page(client, populated.alice, "/malekort/kontor/030102/B.101/?periode=2025-03").content.decode()
    assert '<span class="numerator-value">412</span>' in html
    assert f'<span class="denominator-value">12{NBSP}345</span>' in html
    assert "Registrert i skjema" in html
    assert "Personer 18–66 år" in html


def test_a_dotted_numerator_shows_a_colon_on_page_and_detail(client, populated):
    register("030102", "2025-03", SH_MOTTAKERE=".", KVP_DELTAKERE=".")
    html = page(client, populated.alice, "/malekort/kontor/030102/").content.decode()
    row = html[html.index(">B.101<"):html.index(">B.102<")]
    assert '<td class="aksel-table__data-cell numbers value">:</td>' in row
    detail = page(client, populated.alice, "/malekort/kontor/030102/B.151/?periode=2025-03").content.decode()
    assert '<span class="numerator-value">:</span>' in detail


def test_municipal_limits_colour_the_scorecard_and_recommended_limits_apply_without_them(client, populated):
    register("030102", "2025-03", SH_MOTTAKERE=412)  # 3.34 %
    b101 = Indicator.objects.get(code="B.101")
    url = "/malekort/kontor/030102/"

    def colour() -> str:
        html = page(client, populated.alice, url).content.decode()
        row = html[html.index(">B.101<"):html.index(">B.102<")]
        for name in ("Grønn", "Gul", "Rød"):
            if f">{name}<" in row:
                return name
        return ""

    assert colour() == ""
    set_limits(indicator=b101, municipality=None, limits=Limits(green=4.0, red=6.0),
               direction=Direction.LOWER_IS_BETTER, user=None, now=populated.alice.date_joined)
    assert colour() == "Grønn"
    set_limits(indicator=b101, municipality=Region.objects.get(code="0301"), limits=Limits(green=2.0, red=3.0),
               direction=Direction.LOWER_IS_BETTER, user=None, now=populated.alice.date_joined)
    assert colour() == "Rød"


@pytest.mark.parametrize(
    ("persona", "url", "status"),
    [
        ("alice", "/malekort/kontor/030102/", 200),
        ("alice", "/malekort/kontor/030101/", 403),
        ("alice", "/malekort/kontor/030102/B.101/", 200),
        ("alice", "/malekort/kontor/030102/B.999/", 404),
        ("alice", "/malekort/kommune/0301/", 403),
        ("olga", "/malekort/kommune/0301/", 200),
        ("olga", "/malekort/kommune/0301/B.103/", 200),
        ("olga", "/malekort/kommune/4204/", 403),
        ("hallvard", "/malekort/kontor/H3320/", 200),
        ("hallvard", "/malekort/kommune/3324/", 200),
        ("agnes", "/malekort/kommune/4204/", 200),
        ("agnes", "/malekort/kontor/030102/", 403),
        ("dina", "/malekort/kommune/9999/", 404),
        ("dina", "/malekort/kommune/0301/", 200),
    ],
)
def test_who_may_open_which_scorecard(client, populated, persona, url, status):
    assert page(client, getattr(populated, persona), url).status_code == status


def test_anonymous_users_are_sent_to_login(client, populated):
    assert client.get("/malekort/kommune/0301/").status_code == 302
