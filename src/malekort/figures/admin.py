"""The Directorate maintains the key-figure catalogue here; values are read-only (history is never edited)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from malekort.figures.models import RULE_LOCKED, ImportBatch, KeyFigure, ValueVersion
from malekort.statistics.admin import MarksAggregateChanges


class KeyFigureForm(forms.ModelForm):
    """The model refuses a new unit or dot rule once values exist; this refuses new bounds (`at_most`) too."""

    class Meta:
        model = KeyFigure
        fields = ["code", "name", "short_name", "unit", "over_time", "at_most", "dotted_with", "sort_order", "active"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        figure = self.instance
        if not figure._state.adding and "at_most" in data:
            before = set(figure.at_most.values_list("pk", flat=True))
            after = {bound.pk for bound in data["at_most"]}
            if before != after and figure.has_values():
                self.add_error("at_most", RULE_LOCKED)
        return data


@admin.register(KeyFigure)
class KeyFigureAdmin(MarksAggregateChanges):
    form = KeyFigureForm
    list_display = ["code", "short_name", "unit", "over_time", "active", "sort_order"]
    list_editable = ["active", "sort_order"]
    filter_horizontal = ["at_most"]
    search_fields = ["code", "name"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Registered values refer to the figure; retire it with «i bruk» instead.
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ValueVersion)
class ValueVersionAdmin(ReadOnlyAdmin):
    list_display = [
        "area", "period", "figure", "kind", "number", "source", "recorded_at", "recorded_by", "late",
        "superseded_at",
    ]
    list_filter = ["source", "late", "figure"]
    search_fields = ["area__code", "area__name"]
    date_hierarchy = "recorded_at"
    list_select_related = ["area", "figure", "recorded_by"]


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdmin):
    list_display = ["filename", "imported_at", "imported_by", "created", "updated", "unchanged"]
