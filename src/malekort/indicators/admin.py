"""Indicators in the admin: definitions and histories are read-only here.

Definitions change only through a new version (the «Ny versjon» page), and
choices, limits and answers only through `malekort.indicators.actions`, so
that every change keeps its history. The admin shows them and lets the
Directorate order the indicators.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from malekort.indicators.models import Indicator, IndicatorChoice, IndicatorLimits, IndicatorRequest, IndicatorVersion
from malekort.statistics.admin import MarksAggregateChanges


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


VERSION_FIELDS = (
    "valid_from", "valid_to", "name", "numerator_kind", "numerator_figure", "numerator_age_from",
    "numerator_age_to", "denominator_kind", "denominator_figure", "denominator_age_from",
    "denominator_age_to", "factor", "direction", "unit", "decimals", "created_at", "created_by",
)


class IndicatorVersionInline(admin.TabularInline):
    model = IndicatorVersion
    extra = 0
    can_delete = False
    ordering = ["valid_from"]
    fields = VERSION_FIELDS
    readonly_fields = VERSION_FIELDS

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Indicator)
class IndicatorAdmin(MarksAggregateChanges):
    list_display = ["code", "owner", "sort_order", "created_at"]
    list_editable = ["sort_order"]
    list_filter = [("owner", admin.EmptyFieldListFilter)]
    search_fields = ["code", "versions__name"]
    readonly_fields = ["code", "owner", "created_at"]
    fields = ["code", "owner", "sort_order", "created_at"]
    inlines = [IndicatorVersionInline]
    list_select_related = ["owner"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # An indicator is created with its first version through the pages, never without one.
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Values and histories refer to the indicator; it is never deleted.
        return False


@admin.register(IndicatorChoice)
class IndicatorChoiceAdmin(ReadOnlyAdmin):
    list_display = ["municipality", "indicator", "shown", "recorded_at", "recorded_by", "superseded_at"]
    list_filter = ["shown", "indicator"]
    search_fields = ["municipality__code", "municipality__name"]
    date_hierarchy = "recorded_at"
    list_select_related = ["municipality", "indicator", "recorded_by"]


@admin.register(IndicatorLimits)
class IndicatorLimitsAdmin(ReadOnlyAdmin):
    list_display = ["indicator", "municipality", "green", "red", "recorded_at", "recorded_by", "superseded_at"]
    list_filter = ["indicator", ("municipality", admin.EmptyFieldListFilter)]
    search_fields = ["municipality__code", "municipality__name"]
    date_hierarchy = "recorded_at"
    list_select_related = ["municipality", "indicator", "recorded_by"]


@admin.register(IndicatorRequest)
class IndicatorRequestAdmin(ReadOnlyAdmin):
    """Requests are answered on the «Ønsker om nye indikatorer» page, so that the answer is recorded properly."""

    list_display = ["municipality", "created_at", "status", "answered_at", "answered_by"]
    list_filter = ["status"]
    search_fields = ["municipality__code", "municipality__name", "text", "answer"]
    date_hierarchy = "created_at"
    list_select_related = ["municipality", "answered_by"]
