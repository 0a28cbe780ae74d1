from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from malekort.followup.models import ReminderSent


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    """The record of sent reminders: read only; deleting a row lets the next run send it again."""

    list_display = ["office", "period", "stage", "sent_at", "recipients"]
    list_filter = ["stage", "period"]
    search_fields = ["office__name", "office__code", "recipients"]
    date_hierarchy = "sent_at"
    list_select_related = ["office"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
