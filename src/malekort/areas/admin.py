from __future__ import annotations

from django.contrib import admin

from malekort.areas.models import Office, Region, RegionChange, ServiceArea
from malekort.statistics.admin import MarksAggregateChanges


class ServiceAreaInline(admin.TabularInline):
    model = ServiceArea
    autocomplete_fields = ["area"]
    extra = 1


@admin.register(Office)
class OfficeAdmin(MarksAggregateChanges):
    list_display = ["code", "name", "email"]
    search_fields = ["code", "name"]
    inlines = [ServiceAreaInline]


@admin.register(Region)
class RegionAdmin(MarksAggregateChanges):
    list_display = ["code", "name", "ssb_name", "level", "parent", "valid_from", "valid_to"]
    list_filter = ["level"]
    search_fields = ["code", "name", "ssb_name"]


@admin.register(RegionChange)
class RegionChangeAdmin(MarksAggregateChanges):
    list_display = ["year", "original_code", "current_code", "weight"]
    list_filter = ["year"]
    search_fields = ["original_code", "current_code"]
