"""A record of every reminder sent, so that no office gets the same one twice; the stored first registrations."""

from __future__ import annotations

from django.db import models

from malekort.domain.reporting import ReminderStage


class ReminderSent(models.Model):
    """A reminder or notice sent to an office about a month; at most one per office, month and stage."""

    STAGE_CHOICES = [(stage.value, stage.label) for stage in ReminderStage]

    office = models.ForeignKey(
        "areas.Office", on_delete=models.CASCADE, related_name="+", verbose_name="kontor"
    )
    period = models.DateField("periode")  # first day of the month
    stage = models.CharField("type", max_length=10, choices=STAGE_CHOICES)
    sent_at = models.DateTimeField("sendt")
    recipients = models.TextField("mottakere")  # comma-separated addresses

    class Meta:
        verbose_name = "sendt påminnelse"
        verbose_name_plural = "sendte påminnelser"
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["office", "period", "stage"], name="unique_reminder_per_stage")
        ]

    def __str__(self) -> str:
        return f"{self.office_id} {self.period:%Y-%m} {self.get_stage_display()}"


class FirstRegistrationMonth(models.Model):
    """The day each served area first had figures for one month, on today's borders, stored for every process.

    Computed once for the installation (`followup.store`) and recomputed when
    a change of the month's values or of reference data is marked after the
    data version it was computed at. No person data: only a date per area.
    """

    month = models.DateField("måned", primary_key=True)
    version = models.BigIntegerField("dataversjon")
    stamp = models.CharField("merke", max_length=32)
    # Ids of changes that waited for a version when the row was computed; their values are included.
    pending = models.JSONField("ventende endringer", default=list)
    # A fingerprint of the served areas the row was computed for.
    areas = models.CharField("områder", max_length=64)
    # {area code: "YYYY-MM-DD"}; an area without figures for the month is absent.
    days = models.JSONField("første registrering", default=dict)

    class Meta:
        verbose_name = "første registrering per område for en måned"
        verbose_name_plural = "første registreringer per måned"

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} (versjon {self.version})"
