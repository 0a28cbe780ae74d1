"""The live key-figure catalogue, read from the database as domain definitions."""

from __future__ import annotations

from django.db.models import QuerySet

from malekort.domain.keyfigures import KeyFigure, OverTime, Unit
from malekort.figures import models


def active_figures() -> dict[str, KeyFigure]:
    """Return the key figures in use, in display order, by code."""
    return _figures(models.KeyFigure.objects.filter(active=True))


def all_figures() -> dict[str, KeyFigure]:
    """Return every key figure, also those no longer in use (old values keep their meaning)."""
    return _figures(models.KeyFigure.objects.all())


def _figures(rows: QuerySet[models.KeyFigure]) -> dict[str, KeyFigure]:
    # Plain rows, not model instances with a prefetch: every page and save reads the catalogue, and building
    # the instances and the prefetch took several times as long as the two queries.
    bounds: dict[str, list[str]] = {}
    for figure, bound in models.KeyFigure.at_most.through.objects.values_list("from_keyfigure_id", "to_keyfigure_id"):
        bounds.setdefault(figure, []).append(bound)
    return {
        code: KeyFigure(
            code=code, name=name, short_name=short_name, unit=Unit(unit), over_time=OverTime(over_time),
            at_most=tuple(sorted(bounds.get(code, ()))), dotted_with=dotted_with,
        )
        for code, name, short_name, unit, over_time, dotted_with in rows.values_list(
            "code", "name", "short_name", "unit", "over_time", "dotted_with_id"
        )
    }
