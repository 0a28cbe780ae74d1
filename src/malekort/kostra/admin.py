from django.contrib import admin

from malekort.kostra.models import KostraImport


@admin.register(KostraImport)
class KostraImportAdmin(admin.ModelAdmin):
    list_display = ["filename", "form", "year", "line_count", "person_count", "area_count", "imported_at",
                    "imported_by"]
    list_filter = ["form", "year"]
    readonly_fields = [f.name for f in KostraImport._meta.fields]

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False
