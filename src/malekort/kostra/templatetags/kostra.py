"""Template helpers for the KOSTRA import page."""

from __future__ import annotations

from django import template

from malekort.domain.kostra.importing import FileSummary, covered_text
from malekort.domain.periods import Period, label
from malekort.kostra.imports import FIGURE_ORDER

register = template.Library()


@register.filter
def months_covered(summary: FileSummary) -> str:
    """Return the months a file covers, for example «januar 2025 – juni 2025»."""
    return covered_text(summary)


@register.filter
def month_label(period: Period) -> str:
    return label(period)


@register.filter
def figure_columns(months: dict[Period, dict[str, str]]) -> list[str]:
    """Return the figures that occur in an area's months, in the catalogue's order."""
    present = {code for figures in months.values() for code in figures}
    return [code for code in FIGURE_ORDER if code in present]


@register.filter
def sorted_months(months: dict[Period, dict[str, str]]) -> list[tuple[Period, dict[str, str]]]:
    return sorted(months.items())


@register.filter
def cell(figures: dict[str, str], code: str) -> str:
    return figures.get(code, "")
