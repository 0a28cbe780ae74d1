"""A record of every reminder sent, so that no office gets the same one twice."""

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

