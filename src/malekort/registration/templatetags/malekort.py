"""Template filters that show numbers and cells the Norwegian way."""

from __future__ import annotations

from collections.abc import Mapping

from django import template

from malekort.domain.keyfigures import Unit
from malekort.domain.suppression import display_count
from malekort.domain.symbols import MISSING, SUPPRESSED
from malekort.figures.models import ValueVersion
from malekort.registration.earlier_values import EarlierValues
from malekort.registration.forms import CellSlot

register = template.Library()


@register.filter
def grouped(number: int | None) -> str:
    """Return a whole number with a space between thousands, as Norwegian print does."""
    if number is None:
        return ""
    return f"{number:,}".replace(",", "\u00a0")


@register.filter
def grouped_input(value: object) -> str:
    """Return a field's whole number with spaces between thousands, as the tables show it; other text as it is."""
    text = "" if value is None else str(value)
    return grouped(int(text)) if text.isdigit() else text


@register.filter
def earlier_for(earlier: Mapping[tuple[str, str], EarlierValues], slot: CellSlot) -> EarlierValues | None:
    """Return the earlier values of the slot's area and figure."""
    return earlier.get((slot.area.code, slot.figure.code))


@register.filter
def shown(version: ValueVersion | None) -> str:
    """Return a stored value as it may be shown: the number, ':' for a dot, '..' for not reported."""
    if version is None or version.kind == "empty":
        return MISSING
    if version.kind == "dot":
        return SUPPRESSED
    text = display_count(version.number, is_count=version.figure.unit == Unit.PERSONS.value)
    return grouped(int(text)) if text.isdigit() else text


# Who stands behind a value recorded without a user, by its source; lower case, to sit inside a sentence.
_RECORDED_WITHOUT_USER = {
    "file": "import uten bruker",
    "demo": "eksempeldata",
}


@register.filter
def recorder(version: ValueVersion) -> str:
    """Return who recorded a value: the user's name, or what wrote it without one («import uten bruker»)."""
    user = version.recorded_by
    if user is not None:
        return user.get_full_name() or user.get_username()
    return _RECORDED_WITHOUT_USER.get(version.source, "systemet")
