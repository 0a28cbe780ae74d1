from __future__ import annotations

from django.contrib import admin
from django.db import transaction

from malekort.access.actions import apply_nav_ident_assignments
from malekort.access.models import Assignment, NavIdentAssignment


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "office", "region", "origin"]
    list_filter = ["role", "origin"]
    readonly_fields = ["origin"]
    search_fields = ["user__username", "office__name", "region__name"]
    autocomplete_fields = ["office", "region"]


@admin.register(NavIdentAssignment)
class NavIdentAssignmentAdmin(admin.ModelAdmin):
    """Roles for NAV employees who log in through Entra ID, given by NAV ident; applied at once."""

    list_display = ["nav_ident", "role", "office", "region"]
    list_filter = ["role"]
    search_fields = ["nav_ident", "office__name", "region__name"]
    autocomplete_fields = ["office", "region"]

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        with transaction.atomic():
            previous = NavIdentAssignment.objects.filter(pk=obj.pk).values_list("nav_ident", flat=True).first()
            super().save_model(request, obj, form, change)
            for ident in {obj.nav_ident, previous} - {None}:
                apply_nav_ident_assignments(ident)

    def delete_model(self, request, obj):  # type: ignore[no-untyped-def]
        with transaction.atomic():
            super().delete_model(request, obj)
            apply_nav_ident_assignments(obj.nav_ident)

    def delete_queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        with transaction.atomic():
            idents = set(queryset.values_list("nav_ident", flat=True))
            super().delete_queryset(request, queryset)
            for ident in idents:
                apply_nav_ident_assignments(ident)
