"""A new version of B.103 from a month on: earlier months keep the old definition."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from malekort.access.scope import office_for
from malekort.domain.indicators.definitions import RECOMMENDED, Term
from malekort.domain.periods import Period
from malekort.indicators.actions import add_version
from malekort.indicators.models import Indicator
from malekort.scorecard.build import build_detail
from malekort.scorecard.units import office_unit
from registered import register


def test_changing_b103_from_june_leaves_may_unchanged(populated):
    for month in ("2025-05", "2025-06"):
        register("030102", month, SH_MOTTAKERE=400, SH_UNDER30=120, SH_UNDER25=57)
    b103 = Indicator.objects.get(code="B.103")
    unit = office_unit(office_for(populated.alice, "030102"))
    before, *_ = build_detail(unit, b103, Period(2025, 6), months=2)

    new = replace(RECOMMENDED[2], numerator=Term.of_figure("SH_UNDER30"), valid_from=Period(2025, 6),
                  description="Under 30 år delt på alle 18–66 år", denominator=Term.population(18, 66))
    add_version(indicator=b103, version=new, user=None, now=datetime(2025, 7, 1, tzinfo=UTC))
    after, versions, *_ = build_detail(unit, b103, Period(2025, 6), months=2)

    # May: 57 / 3 000 = 1.90 %, before and after the change
    assert before[0].result.amount.value == pytest.approx(1.90, abs=0.005)
    assert after[0].result.amount.value == pytest.approx(1.90, abs=0.005)
    assert after[0].result.version.valid_to == Period(2025, 5)
    # June with the new version: 120 / 12 345 = 0.9721 %
    assert after[1].result.amount.value == pytest.approx(0.9721, abs=0.005)
    assert after[1].result.version.numerator.figure == "SH_UNDER30"
    assert [(v.valid_from, v.valid_to) for v in versions] == [
        (Period(2022, 1), Period(2025, 5)), (Period(2025, 6), None)
    ]
