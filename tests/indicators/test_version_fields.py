"""One mapping between a definition version, its model row and its form: every value makes the round trip."""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from datetime import UTC, date, datetime

from malekort.domain.indicators import definitions as d
from malekort.domain.periods import Period
from malekort.figures.catalogue import active_figures
from malekort.indicators.forms import VersionForm, version_initial
from malekort.indicators.models import IndicatorVersion
from malekort.indicators.version_fields import VERSION_FIELDS, form_values, model_values

# Every value differs from the defaults, so that a value left out or swapped shows.
VERSION = d.IndicatorVersion(
    code="B.160",
    name="Eldre over unge",
    description="Personer 67–105 år delt på mottakere under 25 år.",
    numerator=d.Term.population(67, 105),
    denominator=d.Term.of_figure("SH_UNDER25"),
    factor=1000,
    direction=d.Direction.NEUTRAL,
    unit="promille",
    valid_from=Period(2024, 3),
    valid_to=Period(2025, 2),
    decimals=3,
)

BOOKKEEPING = {"id", "indicator_id", "created_at", "created_by_id"}


def test_every_value_has_one_row():
    model = {f.attname for f in IndicatorVersion._meta.concrete_fields} - BOOKKEEPING
    assert sorted(f.model for f in VERSION_FIELDS) == sorted(model)
    assert sorted(f.form for f in VERSION_FIELDS if f.form) == sorted(VersionForm.base_fields)
    domain = {f.name for f in dataclasses.fields(d.IndicatorVersion)} - {"code"}
    assert {f.attribute.split(".")[0] for f in VERSION_FIELDS} == domain


def test_model_values():
    assert model_values(VERSION) == {
        "name": "Eldre over unge",
        "description": "Personer 67–105 år delt på mottakere under 25 år.",
        "numerator_kind": "population",
        "numerator_figure_id": None,
        "numerator_age_from": 67,
        "numerator_age_to": 105,
        "denominator_kind": "figure",
        "denominator_figure_id": "SH_UNDER25",
        "denominator_age_from": None,
        "denominator_age_to": None,
        "factor": 1000,
        "direction": "neutral",
        "unit": "promille",
        "decimals": 3,
        "valid_from": date(2024, 3, 1),
        "valid_to": date(2025, 2, 1),
    }


def test_a_version_comes_back_from_its_model_row():
    row = IndicatorVersion(created_at=datetime(2025, 1, 1, tzinfo=UTC), **model_values(VERSION))
    assert row.to_domain("B.160") == VERSION


def test_form_values_and_the_starting_month():
    values = form_values(VERSION)
    assert "valid_to" not in values
    assert (values["numerator_figure"], values["denominator_figure"], values["valid_from"]) == (
        None, "SH_UNDER25", "2024-03",
    )
    initial = version_initial(VERSION, Period(2025, 3))
    assert initial == {**values, "valid_from": "2025-03"}


def test_a_version_comes_back_from_its_form(db):
    form = VersionForm(data=version_initial(VERSION, Period(2025, 3)), code="B.160", figures=active_figures())
    assert form.is_valid(), form.errors
    assert form.version == replace(VERSION, valid_from=Period(2025, 3), valid_to=None)
