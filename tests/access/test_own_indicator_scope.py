"""A municipality's own indicator is seen by those whose scope reaches into that kommune, and the Directorate.

Before the fix, Grünerløkka's leader could evaluate another municipality's own indicator through the
JSON interface (issue 9, finding 10). The rule lives in access/scope.py and serves the API, the
indicator-values command and the pages.
"""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.core.management.base import CommandError

from malekort.access.scope import scope_of
from malekort.areas.models import Region
from malekort.domain.indicators import definitions as d
from malekort.domain.periods import Period
from malekort.indicators.actions import create_own_indicator

OSLO_OWN, KRISTIANSAND_OWN = "0301-01", "4204-01"


@pytest.fixture
def own(world):  # type: ignore[no-untyped-def]
    """Oslo's own indicator «0301-01» and Kristiansand's «4204-01»."""
    for code in ("0301", "4204"):
        create_own_indicator(
            municipality=Region.objects.get(code=code),
            version=d.IndicatorVersion(
                code="", name=f"Unge i {code}", description="", numerator=d.Term.of_figure("SH_UNDER30"),
                denominator=d.Term.population(18, 29), factor=100, direction=d.Direction.LOWER_IS_BETTER,
                unit="prosent", valid_from=Period(2025, 1),
            ),
            user=None, now=datetime(2025, 1, 10, tzinfo=UTC),
        )
    return world


SEES = {
    # persona: the kommuner whose own indicators they see
    "alice": {"0301"},  # leads Nav Grünerløkka, a bydel of Oslo
    "hallvard": {"3324"},  # Gol is one of the six kommuner Nav Hallingdal serves
    "olga": {"0301"},
    "agnes": {"4204"},  # Kristiansand lies in Agder
    "dina": {"0301", "4204", "3324"},
}


@pytest.mark.parametrize("persona", sorted(SEES))
def test_the_rule_for_every_persona(world, persona):
    scope = scope_of(getattr(world, persona))
    assert scope.can_view_indicator(None), "recommended indicators are for everyone"
    assert {owner for owner in ("0301", "4204", "3324") if scope.can_view_indicator(owner)} == SEES[persona]


def test_anonymous_sees_no_own_indicator(world):
    assert not scope_of(AnonymousUser()).can_view_indicator("0301")


def api(client, indicator: str, area: str):  # type: ignore[no-untyped-def]
    return client.get("/api/indikatorverdier/", {"indicator": indicator, "area": area, "from": "2025-01",
                                                  "to": "2025-02"})


@pytest.mark.parametrize(
    ("persona", "indicator", "area", "status"),
    [
        # The case: Grünerløkka's leader, another municipality's indicator, her own area.
        ("alice", KRISTIANSAND_OWN, "030102", 403),
        ("alice", OSLO_OWN, "030102", 200),
        ("hallvard", OSLO_OWN, "3324", 403),
        ("hallvard", KRISTIANSAND_OWN, "3324", 403),
        ("olga", OSLO_OWN, "0301", 200),
        ("olga", KRISTIANSAND_OWN, "0301", 403),
        ("agnes", KRISTIANSAND_OWN, "4204", 200),
        ("agnes", OSLO_OWN, "4204", 403),
        ("dina", KRISTIANSAND_OWN, "030102", 200),
        ("dina", OSLO_OWN, "4204", 200),
    ],
)
def test_the_api_for_every_persona(client, own, persona, indicator, area, status):
    client.force_login(getattr(own, persona))
    response = api(client, indicator, area)
    assert response.status_code == status
    if status == 403:
        assert response.json() == {"error": "Du har ikke tilgang til denne indikatoren."}
    else:
        assert {row["indicator"] for row in response.json()["rows"]} == {indicator}


def test_the_api_needs_a_login(client, own):
    assert api(client, OSLO_OWN, "030102").status_code == 302


def run(*args: str) -> str:
    out = io.StringIO()
    with redirect_stdout(out):
        call_command("indicator-values", *args)
    return out.getvalue()


@pytest.mark.parametrize(
    ("persona", "indicator", "area", "allowed"),
    [
        ("alice", KRISTIANSAND_OWN, "030102", False),
        ("alice", OSLO_OWN, "030102", True),
        ("hallvard", OSLO_OWN, "3324", False),
        ("olga", KRISTIANSAND_OWN, "0301", False),
        ("olga", OSLO_OWN, "0301", True),
        ("agnes", OSLO_OWN, "4204", False),
        ("agnes", KRISTIANSAND_OWN, "4204", True),
        ("dina", KRISTIANSAND_OWN, "030102", True),
    ],
)
def test_the_command_for_every_persona(own, persona, indicator, area, allowed):
    args = ("--indicator", indicator, "--area", area, "--from", "2025-01", "--to", "2025-01", "--as-user", persona)
    if allowed:
        assert run(*args).splitlines()[1].startswith(f"{indicator},{area},2025-01,")
    else:
        with pytest.raises(CommandError, match=f"{persona} har ikke tilgang til indikatoren {indicator}"):
            run(*args)


def test_the_command_without_a_user_is_the_trusted_system(own):
    assert run("--indicator", KRISTIANSAND_OWN, "--area", "030102", "--from", "2025-01", "--to", "2025-01")


@pytest.mark.parametrize(
    ("persona", "url", "status"),
    [
        ("alice", f"/malekort/kontor/030102/{OSLO_OWN}/", 200),
        ("alice", f"/malekort/kontor/030102/{KRISTIANSAND_OWN}/", 404),  # not on her scorecard at all
        ("olga", f"/malekort/kommune/0301/{OSLO_OWN}/", 200),
        ("agnes", f"/malekort/kommune/4204/{KRISTIANSAND_OWN}/", 200),
        ("dina", f"/malekort/kommune/4204/{KRISTIANSAND_OWN}/", 200),
        ("dina", f"/malekort/kommune/0301/{KRISTIANSAND_OWN}/", 404),
    ],
)
def test_the_detail_pages_for_every_persona(client, own, persona, url, status):
    client.force_login(getattr(own, persona))
    assert client.get(url).status_code == status
