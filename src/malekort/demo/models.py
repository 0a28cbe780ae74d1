"""A marker that the database holds synthetic demo figures, and where its data came from."""

from __future__ import annotations

from django.db import models


class DemoInfo(models.Model):
    loaded_at = models.DateTimeField()
    regions_source = models.CharField(max_length=200)

    class Meta:
        verbose_name = "eksempeldata"
        verbose_name_plural = "eksempeldata"

    def __str__(self) -> str:
        return f"Eksempeldata lastet {self.loaded_at:%Y-%m-%d} ({self.regions_source})"
