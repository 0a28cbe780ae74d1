from __future__ import annotations

from django.contrib import admin

from malekort.access.models import Assignment


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "office", "region"]
    list_filter = ["role"]
    search_fields = ["user__username", "office__name", "region__name"]
    autocomplete_fields = ["office", "region"]
