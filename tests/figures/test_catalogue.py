"""The live catalogue as the rules read it: every figure with its unit, bounds and dot rule, in display order."""

from __future__ import annotations

from typing import Any

import pytest

from malekort.figures.catalogue import active_figures, all_figures
from malekort.figures.models import KeyFigure

pytestmark = pytest.mark.django_db


def test_the_catalogue_is_each_stored_figure_as_its_model_defines_it(world: Any) -> None:
    stored = {row.code: row.to_domain() for row in KeyFigure.objects.all()}

    assert all_figures() == stored
    assert list(all_figures()) == list(stored)
    assert all_figures()["SH_BARN"].at_most == ("SH_MOTTAKERE",)
    assert all_figures()["SH_KRONER"].dotted_with == "SH_MOTTAKERE"


def test_a_retired_figure_is_left_out_of_the_figures_in_use_only(world: Any) -> None:
    KeyFigure.objects.filter(code="SH_LANGTID").update(active=False)

    assert "SH_LANGTID" not in active_figures()
    assert "SH_LANGTID" in all_figures()
    assert list(active_figures()) == [code for code in all_figures() if code != "SH_LANGTID"]
