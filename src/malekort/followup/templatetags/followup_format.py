"""Formatting for the follow-up pages: shares as Norwegian percentages and months by name."""

from __future__ import annotations

from django import template

from malekort.domain.periods import Period, label

register = template.Library()


@register.filter
def percent(value: float | None) -> str:
    """Return a share (0–1) as «87,5 %», or «–» when there is none."""
    if value is None:
        return "–"
    return f"{value * 100:.1f}".replace(".", ",") + "\u00a0%"


@register.filter
def month_label(period: Period) -> str:
    """Return the month by name, for example «mars 2024»."""
    return label(period)
