"""The demo sets illustrative limits so that its scorecards have colours, through the limits action."""

from datetime import UTC, datetime

from malekort.demo.loader import set_demo_limits
from malekort.indicators.models import Indicator, IndicatorLimits
from malekort.indicators.selectors import limits_in_force


def test_demo_limits_are_recorded_once(world):
    now = datetime(2025, 5, 1, tzinfo=UTC)
    set_demo_limits(now=now)
    set_demo_limits(now=now)
    b101 = Indicator.objects.get(code="B.101")
    assert IndicatorLimits.objects.filter(indicator=b101).count() == 2  # recommended, and Oslo's own
    oslo = limits_in_force("0301", [b101])[b101.pk]
    assert (oslo.limits.green, oslo.limits.red, oslo.source) == (2.5, 4.0, "kommunen")
    other = limits_in_force("4204", [b101])[b101.pk]
    assert (other.limits.green, other.source) == (3.0, "direktoratet")
