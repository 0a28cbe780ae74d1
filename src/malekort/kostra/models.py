"""The record of each KOSTRA file imported: what it was, who imported it and when; nothing person-level."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from malekort.figures.models import ImportBatch


class KostraImport(models.Model):
    """One imported 11F or 11CF file. Its values point to `batch`, as every imported value does."""

    FORM_CHOICES = [("11F", "11F – økonomisk sosialhjelp"), ("11CF", "11CF – kvalifiseringsstønad")]

    batch = models.OneToOneField(ImportBatch, on_delete=models.PROTECT, related_name="kostra")
    filename = models.CharField("filnavn", max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64)
    form = models.CharField("skjema", max_length=4, choices=FORM_CHOICES)
    year = models.PositiveSmallIntegerField("rapporteringsår")
    line_count = models.PositiveIntegerField("linjer")
    person_count = models.PositiveIntegerField("personer")
    area_count = models.PositiveIntegerField("områder")
    first_month = models.DateField("første måned")
    last_month = models.DateField("siste måned")
    imported_at = models.DateTimeField("importert")
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name="importert av",
    )

    class Meta:
        verbose_name = "KOSTRA-import"
        verbose_name_plural = "KOSTRA-importer"
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"KOSTRA {self.form} {self.year}: {self.filename} ({self.imported_at:%Y-%m-%d %H:%M})"
