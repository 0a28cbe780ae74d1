"""Registrations at chosen moments, a fixed today for the pages, and the `reported` scenario.

The `reported` scenario (on the `world` map: 9 areas, 2 in Oslo (03), 6 in
Hallingdal (33), 1 in Agder (42)), seen on 20 May 2024:

- 2024-03 (deadline 10 April): on time 030102 (5 April), 3320 and 3322 (10 April
  23:30 Norwegian time); late 030101 (15 April) and 4204 (a dot, 11 April
  00:30 Norwegian time, still 10 April in UTC); missing 3324, 3326, 3328, 3330.
- 2024-04 (deadline 10 May): on time 030102 (2 May); late all six Hallingdal
  areas (12 May); missing 030101 and 4204.
- 2023-02 (deadline 31 May 2023): 4204 on 31 May 2023, the rest missing.
- 2022-06 (voluntary): 030102 on 1 June 2023.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest
from followup_helpers import HALLINGDAL_CODES, TODAY, oslo

from malekort.domain.cells import DOTTED, Cell
from malekort.domain.periods import Period
from malekort.figures.actions import Entry, register_values
from malekort.figures.models import Source
from malekort.followup import views

Register = Callable[..., None]


@pytest.fixture
def register(world) -> Register:
    def save(area: str, period: str, when: datetime, *, dot: bool = False) -> None:
        cell = DOTTED if dot else Cell.of(50)
        register_values(
            entries=[Entry(area=area, period=Period.parse(period), figure="SH_MOTTAKERE", cell=cell)],
            user=None, source=Source.TYPED, now=when,
        )

    return save


@pytest.fixture
def reported(world, register: Register) -> None:
    register("030102", "2024-03", oslo(2024, 4, 5, 12))
    register("3320", "2024-03", oslo(2024, 4, 10, 23, 30))
    register("3322", "2024-03", oslo(2024, 4, 10, 23, 30))
    register("030101", "2024-03", oslo(2024, 4, 15, 9))
    register("4204", "2024-03", oslo(2024, 4, 11, 0, 30), dot=True)
    register("030102", "2024-04", oslo(2024, 5, 2, 10))
    for code in HALLINGDAL_CODES:
        register(code, "2024-04", oslo(2024, 5, 12, 10))
    register("4204", "2023-02", oslo(2023, 5, 31, 15))
    register("030102", "2022-06", oslo(2023, 6, 1, 8))


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> date:
    """The pages believe it is 20 May 2024."""
    monkeypatch.setattr(views, "_today", lambda: TODAY)
    return TODAY
