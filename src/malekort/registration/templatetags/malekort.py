"""Template filters that show numbers and cells the Norwegian way."""

from __future__ import annotations

from django import template

from malekort.figures.models import ValueVersion
from malekort.registration.shown import grouped, grouped_input, shown_value

register = template.Library()


register.filter(grouped)
register.filter(grouped_input)


@register.filter
def shown(version: ValueVersion | None) -> str:
    """Return a stored value as it may be shown: the number, ':' for a dot, '..' for not reported."""
    return shown_value(version, version.figure.unit if version is not None else "")


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
