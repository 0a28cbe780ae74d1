"""The live key-figure catalogue, read from the database as domain definitions."""

from __future__ import annotations

from malekort.domain.keyfigures import KeyFigure
from malekort.figures import models


def active_figures() -> dict[str, KeyFigure]:
    """Return the key figures in use, in display order, by code."""
    rows = models.KeyFigure.objects.filter(active=True).prefetch_related("at_most")
    return {row.code: row.to_domain() for row in rows}


def all_figures() -> dict[str, KeyFigure]:
    """Return every key figure, also those no longer in use (old values keep their meaning)."""
    rows = models.KeyFigure.objects.prefetch_related("at_most")
    return {row.code: row.to_domain() for row in rows}
