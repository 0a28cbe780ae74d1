"""The month form's grid as the template draws it: one row per key figure, one cell per area.

Everything a cell shows is worked out here, once, in Python: a template that
looked each piece up through bound fields, filters and widget templates took
most of the month form's time (about 50 cells, each some 30 lookups).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.utils.text import capfirst

from malekort.areas.models import Region
from malekort.domain.keyfigures import KeyFigure
from malekort.figures.models import ValueVersion
from malekort.registration.earlier_values import EarlierValues
from malekort.registration.forms import MonthForm, comment_field, value_field, version_field
from malekort.registration.shown import grouped_input, shown_value


@dataclass(frozen=True, slots=True)
class GridCell:
    """One area's field of one key figure, with its earlier values and what may be said about it."""

    area: Region
    figure: KeyFigure
    editable: bool
    label: str  # «Antall mottakere, Gol»
    name: str  # the value's field
    id: str
    text: str  # the value as typed, or as stored, thousands grouped
    error: str | None  # the first reason the typed value was refused
    described_by: str
    shown: str  # the stored value, for a column the user only reads
    version_name: str
    version_id: str
    version: str  # the id of the version the user saw
    comment_name: str
    comment_id: str
    comment: str  # as typed, or as stored
    stored_comment: str
    warning: str | None  # «Stemmer dette? …»
    previous: str
    last_year: str
    history_url: str | None  # None: nothing registered


def month_grid(
    form: MonthForm,
    earlier: Mapping[tuple[str, str], EarlierValues],
    history_url: Callable[[str, str], str],
) -> list[tuple[KeyFigure, list[GridCell]]]:
    """Return the grid, one row per figure with a cell per area; `history_url(area, figure)` links a value's history."""
    rows = []
    for code, figure in form.figures.items():
        unit = figure.unit.value
        cells = []
        for area in form.areas:
            value = form[value_field(area.code, code)]
            comment = form[comment_field(area.code, code)]
            version = form[version_field(area.code, code)]
            current: ValueVersion | None = form.current.get((area.code, code))
            found = earlier.get((area.code, code))
            warning = found.warning if found is not None else None
            errors = value.errors
            cell_id = value.id_for_label
            described_by = "".join([
                f"{cell_id}_feil " if errors else "", f"{cell_id}_sjekk " if warning else "",
                f"{cell_id}_tidligere hjelp",
            ])
            cells.append(GridCell(
                area=area,
                figure=figure,
                editable=area.code in form.editable,
                label=f"{capfirst(figure.short_name)}, {area.name}",
                name=value.html_name,
                id=cell_id,
                text=grouped_input(value.value()),
                error=str(errors[0]) if errors else None,
                described_by=described_by,
                shown=shown_value(current, unit),
                version_name=version.html_name,
                version_id=version.id_for_label,
                version=str(version.value() or ""),
                comment_name=comment.html_name,
                comment_id=comment.id_for_label,
                comment=str(comment.value() or ""),
                stored_comment=current.comment if current is not None else "",
                warning=warning,
                previous=shown_value(found.previous if found else None, unit),
                last_year=shown_value(found.last_year if found else None, unit),
                history_url=history_url(area.code, code) if current is not None else None,
            ))
        rows.append((figure, cells))
    return rows
