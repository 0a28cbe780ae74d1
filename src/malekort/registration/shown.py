"""Registered values as the pages show them: Norwegian thousands, SSB's symbols, no count of 1–3."""

from __future__ import annotations

from malekort.domain.keyfigures import Unit
from malekort.domain.suppression import display_count
from malekort.domain.symbols import MISSING, SUPPRESSED
from malekort.figures.models import ValueVersion


def grouped(number: int | None) -> str:
    """Return a whole number with a space between thousands, as Norwegian print does."""
    if number is None:
        return ""
    return f"{number:,}".replace(",", "\u00a0")


def grouped_input(value: object) -> str:
    """Return a field's whole number with spaces between thousands, as the tables show it; other text as it is."""
    text = "" if value is None else str(value)
    return grouped(int(text)) if text.isdigit() else text


def shown_value(version: ValueVersion | None, unit: str) -> str:
    """Return a stored value of a figure of the unit as it may be shown: the number, ':' for a dot, '..' if none."""
    if version is None or version.kind == "empty":
        return MISSING
    if version.kind == "dot":
        return SUPPRESSED
    text = display_count(version.number, is_count=unit == Unit.PERSONS.value)
    return grouped(int(text)) if text.isdigit() else text
