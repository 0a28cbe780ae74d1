"""Admin edits of what the aggregates depend on mark the change in the edit's own transaction."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import transaction
from django.db.models import QuerySet
from django.forms import Form
from django.http import HttpRequest

from malekort.statistics.changes import mark_reference_changed


class MarksAggregateChanges(admin.ModelAdmin):
    """A ModelAdmin whose saves and deletes (inlines and list edits too) mark reference data as changed, atomically."""

    # The admin calls save_related after save_model in the same transaction, also for list_editable rows.
    def save_related(self, request: HttpRequest, form: Form, formsets: Any, change: bool) -> None:
        with transaction.atomic():
            super().save_related(request, form, formsets, change)
            mark_reference_changed()

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            super().delete_model(request, obj)
            mark_reference_changed()

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        with transaction.atomic():
            super().delete_queryset(request, queryset)
            mark_reference_changed()
