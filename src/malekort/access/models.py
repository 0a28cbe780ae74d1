"""Which role a user has, and for which office or region."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models


class Role(models.TextChoices):
    OFFICE_LEADER = "office_leader", "NAV-leder"
    MUNICIPALITY = "municipality", "Kommune"
    COUNTY_GOVERNOR = "county_governor", "Statsforvalter"
    DIRECTORATE = "directorate", "Arbeids- og velferdsdirektoratet"


class Assignment(models.Model):
    """A user's role: leader of an office, a municipality, a county governor or the Directorate."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments"
    )
    role = models.CharField("rolle", max_length=20, choices=Role.choices)
    office = models.ForeignKey(
        "areas.Office", null=True, blank=True, on_delete=models.CASCADE, related_name="+",
        verbose_name="kontor",
    )
    region = models.ForeignKey(
        "areas.Region", null=True, blank=True, on_delete=models.CASCADE, related_name="+",
        verbose_name="kommune eller fylke",
    )

    class Meta:
        verbose_name = "tilgang"
        verbose_name_plural = "tilganger"

    def __str__(self) -> str:
        target = self.office or self.region or ""
        return f"{self.user} – {self.get_role_display()} {target}".strip()

    def clean(self) -> None:
        if self.role == Role.OFFICE_LEADER and not self.office_id:
            raise ValidationError("En NAV-leder må ha et kontor.")
        if self.role == Role.MUNICIPALITY and (not self.region_id or len(self.region_id) != 4):
            raise ValidationError("En kommunebruker må ha en kommune (4 siffer).")
        if self.role == Role.COUNTY_GOVERNOR and (not self.region_id or len(self.region_id) != 2):
            raise ValidationError("En statsforvalter må ha et fylke (2 siffer).")
