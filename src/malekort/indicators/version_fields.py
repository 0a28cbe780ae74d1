"""The one mapping between a definition version in the domain, its model row and its form.

A new value in a definition gets one row in `VERSION_FIELDS` (besides the
model field, the form field and `IndicatorVersion.to_domain`, which reads it back).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from malekort.domain.indicators import definitions as d
from malekort.domain.periods import Period


@dataclass(frozen=True)
class VersionField:
    attribute: str  # in d.IndicatorVersion; "numerator.figure" is the numerator term's figure
    model: str  # the model's attribute (a key's "_id")
    form: str | None  # the VersionForm field, None when the form has none


VERSION_FIELDS: tuple[VersionField, ...] = (
    VersionField("name", "name", "name"),
    VersionField("description", "description", "description"),
    VersionField("numerator.kind", "numerator_kind", "numerator_kind"),
    VersionField("numerator.figure", "numerator_figure_id", "numerator_figure"),
    VersionField("numerator.age_from", "numerator_age_from", "numerator_age_from"),
    VersionField("numerator.age_to", "numerator_age_to", "numerator_age_to"),
    VersionField("denominator.kind", "denominator_kind", "denominator_kind"),
    VersionField("denominator.figure", "denominator_figure_id", "denominator_figure"),
    VersionField("denominator.age_from", "denominator_age_from", "denominator_age_from"),
    VersionField("denominator.age_to", "denominator_age_to", "denominator_age_to"),
    VersionField("factor", "factor", "factor"),
    VersionField("direction", "direction", "direction"),
    VersionField("unit", "unit", "unit"),
    VersionField("decimals", "decimals", "decimals"),
    VersionField("valid_from", "valid_from", "valid_from"),
    VersionField("valid_to", "valid_to", None),  # the form starts a version; the next version ends it
)


def _value(version: d.IndicatorVersion, attribute: str) -> object:
    value: object = version
    for part in attribute.split("."):
        value = getattr(value, part)
    return value.value if isinstance(value, enum.Enum) else value


def model_values(version: d.IndicatorVersion) -> dict[str, object]:
    """Return the model's values: enums by their value, months as their first day."""
    values: dict[str, object] = {}
    for field in VERSION_FIELDS:
        value = _value(version, field.attribute)
        values[field.model] = value.first_day if isinstance(value, Period) else value
    return values


def form_values(version: d.IndicatorVersion) -> dict[str, object]:
    """Return the form's values: enums by their value, months written ÅÅÅÅ-MM."""
    values: dict[str, object] = {}
    for field in VERSION_FIELDS:
        if field.form is not None:
            value = _value(version, field.attribute)
            values[field.form] = str(value) if isinstance(value, Period) else value
    return values
