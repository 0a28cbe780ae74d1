"""Own indicators for Oslo and Kristiansand, on the shared personas' map (see tests/conftest.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from malekort.areas.models import Region
from malekort.domain.indicators import definitions as d
from malekort.domain.periods import Period
from malekort.indicators.actions import create_own_indicator
from malekort.indicators.models import Indicator

CREATED_AT = datetime(2025, 1, 10, 12, tzinfo=UTC)


def own_version(name: str) -> d.IndicatorVersion:
    return d.IndicatorVersion(
        code="",
        name=name,
        description="",
        numerator=d.Term.of_figure("SH_UNDER30"),
        denominator=d.Term.population(18, 29),
        factor=100,
        direction=d.Direction.LOWER_IS_BETTER,
        unit="prosent",
        valid_from=Period(2025, 1),
    )


@pytest.fixture
def own_indicators(world) -> dict[str, Indicator]:
    """Return an own indicator of Oslo («0301-01») and one of Kristiansand («4204-01»)."""
    return {
        code: create_own_indicator(
            municipality=Region.objects.get(code=code), version=own_version(f"Unge under 30 i {code}"),
            user=None, now=CREATED_AT,
        )
        for code in ("0301", "4204")
    }
