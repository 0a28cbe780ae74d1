"""The month form: one column per area, one row per key figure."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from django import forms

from malekort.areas.models import Region
from malekort.domain.cells import Cell, CellError, parse_cell
from malekort.domain.consistency import check_area_month
from malekort.domain.keyfigures import KeyFigure
from malekort.domain.periods import Period
from malekort.figures.actions import Entry, Key
from malekort.figures.models import ValueVersion


def value_field(area: str, figure: str) -> str:
    return f"v_{area}_{figure}"


def comment_field(area: str, figure: str) -> str:
    return f"c_{area}_{figure}"


_VERSION_ID = re.compile(r"[0-9]{1,18}")


def version_field(area: str, figure: str) -> str:
    return f"k_{area}_{figure}"


class MonthForm(forms.Form):
    def __init__(
        self,
        *args: Any,
        areas: Sequence[Region],
        editable: frozenset[str],
        figures: Mapping[str, KeyFigure],
        period: Period,
        current: Mapping[tuple[str, str], ValueVersion],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.areas = list(areas)
        self.editable = editable
        self.figures = dict(figures)
        self.period = period
        self.current = current
        self.cells: dict[tuple[str, str], Cell] = {}
        for area in self.areas:
            for code in self.figures:
                version = current.get((area.code, code))
                disabled = area.code not in editable
                self.fields[value_field(area.code, code)] = forms.CharField(
                    required=False, max_length=20, disabled=disabled, strip=True,
                    initial=version.cell.as_text() if version else "",
                )
                self.fields[comment_field(area.code, code)] = forms.CharField(
                    required=False, max_length=2000, disabled=disabled,
                    widget=forms.Textarea(attrs={"rows": 2}),
                    initial=version.comment if version else "",
                )
                self.fields[version_field(area.code, code)] = forms.CharField(
                    required=False, disabled=disabled, widget=forms.HiddenInput,
                    initial=str(version.pk) if version else "",
                )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for area in self.areas:
            if area.code not in self.editable:
                continue
            month: dict[str, Cell] = {}
            for code, figure in self.figures.items():
                name = value_field(area.code, code)
                if name in self.errors:
                    continue
                try:
                    month[code] = parse_cell(data.get(name), figure)
                except CellError as error:
                    self.add_error(name, str(error))
            for code, reason in check_area_month(month, self.figures).items():
                self.add_error(value_field(area.code, code), reason)
            for code, cell in month.items():
                self.cells[(area.code, code)] = cell
        return data

    def entries(self) -> list[Entry]:
        """Return the values to register, for the areas the user may change."""
        return [
            Entry(
                area=area,
                period=self.period,
                figure=code,
                cell=cell,
                comment=(self.cleaned_data.get(comment_field(area, code)) or "").strip(),
            )
            for (area, code), cell in self.cells.items()
        ]

    def expected_versions(self) -> dict[Key, int | None]:
        """Return, per editable value, the version the user saw when the page was drawn."""
        expected: dict[Key, int | None] = {}
        for area in self.areas:
            if area.code not in self.editable:
                continue
            for code in self.figures:
                raw = self.data.get(version_field(area.code, code), "")
                # A version id is a few ASCII digits; anything else (a tampered field, «²») is "saw no value".
                expected[(area.code, self.period, code)] = int(raw) if _VERSION_ID.fullmatch(str(raw)) else None
        return expected
