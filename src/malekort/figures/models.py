"""The key-figure catalogue and every version of every registered value."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from malekort.domain import keyfigures
from malekort.domain.cells import Cell, CellKind
from malekort.domain.periods import Period
from malekort.domain.suppression import SUPPRESSION_THRESHOLD

UNIT_LOCKED = (
    "Enheten kan ikke endres når det er registrert verdier for nøkkeltallet: de ble kontrollert "
    "etter den gamle enheten. Lag et nytt nøkkeltall i stedet."
)
RULE_LOCKED = (
    "Regelen kan ikke endres når det er registrert verdier for nøkkeltallet: de ble kontrollert "
    "etter den gamle regelen. Lag et nytt nøkkeltall i stedet."
)


class KeyFigure(models.Model):
    """A key figure the offices register monthly; the Directorate may add more."""

    UNIT_CHOICES = [(u.value, u.label) for u in keyfigures.Unit]
    OVER_TIME_CHOICES = [(o.value, o.label) for o in keyfigures.OverTime]

    code = models.CharField("kode", max_length=40, primary_key=True)
    name = models.CharField("navn", max_length=400)
    short_name = models.CharField("kort navn", max_length=80)
    unit = models.CharField("enhet", max_length=10, choices=UNIT_CHOICES)
    over_time = models.CharField("over tid", max_length=10, choices=OVER_TIME_CHOICES)
    at_most = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="bounds_of",
        verbose_name="kan ikke være større enn",
    )
    dotted_with = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name="prikkes sammen med",
    )
    sort_order = models.PositiveSmallIntegerField("rekkefølge", default=0)
    active = models.BooleanField("i bruk", default=True)

    class Meta:
        verbose_name = "nøkkeltall"
        verbose_name_plural = "nøkkeltall"
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.code

    def clean(self) -> None:
        """Refuse a change of unit or dot rule once values are registered: they were checked by the old rules.

        A count stored while the figure said kroner could be 1–3 (issue 9,
        finding 2); the database refuses those too, but the rules of a
        month already stored would no longer be the rules it was checked by.
        """
        super().clean()
        if self._state.adding:
            return
        before = KeyFigure.objects.filter(pk=self.pk).values("unit", "dotted_with_id").first()
        if before is None:
            return
        errors = {}
        if before["unit"] != self.unit:
            errors["unit"] = UNIT_LOCKED
        if before["dotted_with_id"] != self.dotted_with_id:
            errors["dotted_with"] = RULE_LOCKED
        if errors and self.has_values():
            raise ValidationError(errors)

    def has_values(self) -> bool:
        """Return whether any value (current or past) is registered for the figure."""
        return ValueVersion.objects.filter(figure_id=self.pk).exists()

    def to_domain(self) -> keyfigures.KeyFigure:
        """Return the plain definition the domain rules work on."""
        return keyfigures.KeyFigure(
            code=self.code,
            name=self.name,
            short_name=self.short_name,
            unit=keyfigures.Unit(self.unit),
            over_time=keyfigures.OverTime(self.over_time),
            at_most=tuple(sorted(f.code for f in self.at_most.all())),
            dotted_with=self.dotted_with_id,
        )


class Source(models.TextChoices):
    TYPED = "typed", "Registrert i skjema"
    FILE = "file", "Fil"
    API = "api", "API"
    DEMO = "demo", "Eksempeldata"
    # The Directorate's loads of KVP participants from NAV's case system Arena.
    ARENA = "arena", "Arena"
    # KOSTRA individual files, one source per form and reporting year (see malekort.kostra).
    KOSTRA_11F_2022 = "k11f2022", "KOSTRA 11F 2022"
    KOSTRA_11F_2023 = "k11f2023", "KOSTRA 11F 2023"
    KOSTRA_11F_2024 = "k11f2024", "KOSTRA 11F 2024"
    KOSTRA_11F_2025 = "k11f2025", "KOSTRA 11F 2025"
    KOSTRA_11F_2026 = "k11f2026", "KOSTRA 11F 2026"
    KOSTRA_11CF_2022 = "k11c2022", "KOSTRA 11CF 2022"
    KOSTRA_11CF_2023 = "k11c2023", "KOSTRA 11CF 2023"
    KOSTRA_11CF_2024 = "k11c2024", "KOSTRA 11CF 2024"
    KOSTRA_11CF_2025 = "k11c2025", "KOSTRA 11CF 2025"
    KOSTRA_11CF_2026 = "k11c2026", "KOSTRA 11CF 2026"


class ImportBatch(models.Model):
    """One import of a file, so each value can say which file it came from."""

    filename = models.CharField("filnavn", max_length=255)
    imported_at = models.DateTimeField("importert")
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "filimport"
        verbose_name_plural = "filimporter"

    def __str__(self) -> str:
        return f"{self.filename} ({self.imported_at:%Y-%m-%d %H:%M})"


class ValueVersion(models.Model):
    """One version of the value of a key figure for an area and month.

    Versions are never changed or deleted, only superseded: the current value
    is the version with no `superseded_at`, and the registration as it stood at
    time t is the versions recorded at or before t and not superseded by then.
    """

    KIND_CHOICES = [(k.value, label) for k, label in
                    ((CellKind.NUMBER, "Tall"), (CellKind.DOT, "Prikk"), (CellKind.EMPTY, "Tomt"))]

    area = models.ForeignKey("areas.Region", on_delete=models.PROTECT, related_name="+")
    period = models.DateField("periode")  # first day of the month
    figure = models.ForeignKey(KeyFigure, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("type", max_length=6, choices=KIND_CHOICES)
    number = models.BigIntegerField("tall", null=True, blank=True)
    comment = models.TextField("kommentar", blank=True)
    source = models.CharField("kilde", max_length=8, choices=Source.choices)
    batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("registrert")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    late = models.BooleanField("etter fristen", default=False)
    superseded_at = models.DateTimeField("erstattet", null=True, blank=True)

    class Meta:
        verbose_name = "verdi (versjon)"
        verbose_name_plural = "verdier (versjoner)"
        constraints = [
            models.UniqueConstraint(
                fields=["area", "period", "figure"],
                condition=Q(superseded_at__isnull=True),
                name="one_current_version",
            ),
            models.CheckConstraint(
                condition=(Q(kind="number", number__gte=0) | (~Q(kind="number") & Q(number__isnull=True))),
                name="number_only_for_numbers",
            ),
            # The last guard of the suppression rule: no stored number is 1, 2 or 3,
            # whatever the catalogue says a figure's unit is now or was then. Every
            # figure, not only counts: a guard that read the unit would trust the
            # catalogue it guards against, and kroner are never 1–3 (a kroner number
            # means at least 4 recipients; see domain/plausibility.py).
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(number=0) | Q(number__gte=SUPPRESSION_THRESHOLD),
                name="never_one_to_three",
            ),
        ]
        indexes = [
            models.Index(fields=["period", "area"], name="version_period_area"),
            models.Index(fields=["area", "period", "figure", "recorded_at"], name="version_history"),
        ]

    def __str__(self) -> str:
        return f"{self.area_id} {self.period:%Y-%m} {self.figure_id}: {self.cell.as_text() or '–'}"

    @property
    def cell(self) -> Cell:
        return Cell(CellKind(self.kind), self.number)

    @property
    def period_value(self) -> Period:
        return Period.of(self.period)


def period_date(period: Period) -> date:
    """Return the date a period is stored as."""
    return period.first_day
