"""What the aggregates depend on, marked in the same transaction as every write that changes it.

A write path inserts an `AggregateChange` (the months of changed values, or
"reference" for population, borders, service areas, regions and definitions)
inside its own transaction, so a change is visible exactly when its data is.
Readers then order the committed marks by one counter (`changes.sequence`):
a reader detects staleness by that committed counter, never by the ids of the
changed rows, so a transaction that commits after a later one is never missed.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone


class ChangeScope(models.TextChoices):
    VALUES = "values", "registrerte verdier"
    REFERENCE = "reference", "referansedata"


class AggregateChange(models.Model):
    """A change of something the aggregates depend on; `version` is null until a reader has ordered it."""

    scope = models.CharField("omfang", max_length=16, choices=ChangeScope.choices)
    period = models.DateField("måned", null=True, blank=True)  # the month of changed values; null for reference data
    created_at = models.DateTimeField("endret", default=timezone.now)
    version = models.BigIntegerField("versjon", null=True, blank=True)

    class Meta:
        verbose_name = "endring i grunnlaget for statistikken"
        verbose_name_plural = "endringer i grunnlaget for statistikken"
        indexes = [
            models.Index(fields=["version"], name="aggregatechange_version"),
            models.Index(fields=["id"], condition=Q(version__isnull=True), name="aggregatechange_pending"),
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.period or ''} (versjon {self.version})"


class AggregateState(models.Model):
    """The one row counting the ordered changes: the data version every process compares its aggregates with."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    version = models.BigIntegerField("versjon", default=0)
    # New at every ordering, so that a database rolled back to an earlier version number is not taken for it.
    stamp = models.CharField("merke", max_length=32, default="")
    # Changes of versions up to this one have been deleted: a process holding an older version recomputes all.
    pruned_to = models.BigIntegerField("ryddet til og med versjon", default=0)

    class Meta:
        verbose_name = "dataversjon"
        verbose_name_plural = "dataversjon"

    def __str__(self) -> str:
        return f"versjon {self.version}"


class StoredMonth(models.Model):
    """Every aggregate of one month, computed once for the installation and read by every process.

    Four frames in Arrow IPC form: the key figures' aggregates, the indicators'
    sums, each expected area's values on today's borders (for like-for-like
    changes and publication per area) and the day each expected area first had
    figures for the month (for the follow-up); with the notes on recoded areas.
    """

    month = models.DateField("måned", primary_key=True)
    version = models.BigIntegerField("dataversjon")
    stamp = models.CharField("merke", max_length=32)
    figures = models.BinaryField("nøkkeltall")
    indicators = models.BinaryField("indikatorer")
    areas = models.BinaryField("områdenes verdier")
    # (area, month, day): the day each served area first had figures for the month, on today's borders (the follow-up).
    first_days = models.BinaryField("første registrering per område", default=b"")
    notes = models.JSONField("merknader", default=list)
    # Of the content: a recompute that finds the same only gives the stored row the new version.
    digest = models.CharField("innholdssum", max_length=32, default="")

    class Meta:
        verbose_name = "lagrede aggregater for en måned"
        verbose_name_plural = "lagrede aggregater per måned"

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} (versjon {self.version})"


class RegisteredMonth(models.Model):
    """The current registered values of one month, every area and key figure, as one Arrow IPC frame.

    Kept in step with the values by the change marks: a month is read again
    from the values whenever a mark names it. A recompute of every aggregate
    after a change of reference data (population, borders, definitions) reads
    these instead of every value row, the bulk of its time otherwise. So are
    the days each code first had figures for the month. Only aggregate figures
    and dates per area, as registered; nothing about persons.
    """

    month = models.DateField("måned", primary_key=True)
    version = models.BigIntegerField("dataversjon")
    values = models.BinaryField("registrerte verdier")
    # (area, month, day): the day each code first got a number or a dot for the month, over every version.
    firsts = models.BinaryField("første registrering", default=b"")

    class Meta:
        verbose_name = "registrerte verdier for en måned"
        verbose_name_plural = "registrerte verdier per måned"

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} (versjon {self.version})"


class StoredState(models.Model):
    """The one row saying which data version and months the stored aggregates are computed for.

    Its row lock is the lock one process takes to recompute; the others wait and read its result.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    version = models.BigIntegerField("dataversjon", default=-1)
    stamp = models.CharField("merke", max_length=32, default="")
    reference = models.CharField("måneder", max_length=32, default="")  # first and last complete month
    # The data version of the last recompute of everything: regions, population and definitions are as then.
    everything_version = models.BigIntegerField("dataversjon ved full omberegning", default=-1)
    computed_at = models.DateTimeField("beregnet", null=True, blank=True)
    seconds = models.FloatField("sekunder", default=0.0)

    class Meta:
        verbose_name = "tilstand for lagrede aggregater"
        verbose_name_plural = "tilstand for lagrede aggregater"

    def __str__(self) -> str:
        return f"versjon {self.version} for {self.reference}"
