"""Which role a user has, and for which office or region."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models


class Role(models.TextChoices):
    OFFICE_LEADER = "office_leader", "NAV-leder"
    MUNICIPALITY = "municipality", "Kommune"
    COUNTY_GOVERNOR = "county_governor", "Statsforvalter"
    DIRECTORATE = "directorate", "Arbeids- og velferdsdirektoratet"


class Origin(models.TextChoices):
    """Where an assignment comes from; the last two are rebuilt by the login and never edited by hand."""

    LOCAL = "local", "Gitt her"
    GROUP = "group", "Fra gruppe i Entra ID"
    NAV_IDENT = "nav_ident", "Fra tilgang etter NAV-ident"


class Grant(models.Model):
    """A role and what it covers (an office, or a kommune or fylke), given to a user or to a NAV ident."""

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
        abstract = True


class Assignment(Grant):
    """A user's role: leader of an office, a municipality, a county governor or the Directorate."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments"
    )
    origin = models.CharField("kilde", max_length=12, choices=Origin.choices, default=Origin.LOCAL)

    class Meta:
        verbose_name = "tilgang"
        verbose_name_plural = "tilganger"

    def __str__(self) -> str:
        target = self.office or self.region or ""
        return f"{self.user} – {self.get_role_display()} {target}".strip()

    def clean(self) -> None:
        _check_target(self.role, self.office_id, self.region_id)


def _check_target(role: str, office_id: str | None, region_id: str | None) -> None:
    if role == Role.OFFICE_LEADER and not office_id:
        raise ValidationError("En NAV-leder må ha et kontor.")
    if role == Role.MUNICIPALITY and (not region_id or len(region_id) != 4):
        raise ValidationError("En kommunebruker må ha en kommune (4 siffer).")
    if role == Role.COUNTY_GOVERNOR and (not region_id or len(region_id) != 2):
        raise ValidationError("En statsforvalter må ha et fylke (2 siffer).")


NAV_IDENT_PATTERN = r"^[A-Za-z][0-9]{6}$"


def normalised_nav_ident(value: str) -> str:
    """Return a NAV ident as the identity provider writes it: one capital letter and six digits."""
    return value.strip().upper()


class NavIdentAssignment(Grant):
    """A role given to a NAV employee by NAV ident, before or after their first login through Entra ID.

    The login copies these onto the user's assignments; a change here reaches a
    user who is already known at once (access/actions.py).
    """

    nav_ident = models.CharField(
        "NAV-ident", max_length=7, db_index=True,
        validators=[RegexValidator(NAV_IDENT_PATTERN, "En NAV-ident er én bokstav og seks sifre, som Z990123.")],
    )

    class Meta:
        verbose_name = "tilgang etter NAV-ident"
        verbose_name_plural = "tilganger etter NAV-ident"
        ordering = ["nav_ident", "role"]

    def __str__(self) -> str:
        target = self.office or self.region or ""
        return f"{self.nav_ident} – {self.get_role_display()} {target}".strip()

    def clean(self) -> None:
        self.nav_ident = normalised_nav_ident(self.nav_ident or "")
        _check_target(self.role, self.office_id, self.region_id)
