"""Indicators in versions, and each municipality's choices, limits and requests, all with their history.

Nothing here is edited in place: a new definition version closes the previous
one, and a new choice or limit supersedes the previous record, so that every
change can be seen afterwards with who made it and when (like value changes).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from malekort.domain.indicators import definitions as d
from malekort.domain.indicators.limits import Limits
from malekort.domain.periods import Period

DIRECTION_CHOICES = [(x.value, x.label) for x in d.Direction]
TERM_CHOICES = [(x.value, x.label) for x in d.TermKind]


class Indicator(models.Model):
    """An indicator code; the Directorate's recommended ones have no owner, a municipality's own have one."""

    code = models.CharField("kode", max_length=20, unique=True)
    owner = models.ForeignKey(
        "areas.Region", verbose_name="kommunens egen indikator", null=True, blank=True,
        on_delete=models.PROTECT, related_name="own_indicators",
    )
    sort_order = models.PositiveSmallIntegerField("rekkefølge", default=100)
    created_at = models.DateTimeField("opprettet", auto_now_add=True)

    class Meta:
        verbose_name = "indikator"
        verbose_name_plural = "indikatorer"
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.code

    @property
    def is_recommended(self) -> bool:
        return self.owner_id is None


class IndicatorVersion(models.Model):
    """One version of a definition, in force from `valid_from` to `valid_to` (first days of months)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="versions")
    valid_from = models.DateField("gjelder fra")
    valid_to = models.DateField("gjelder til", null=True, blank=True)
    name = models.CharField("navn", max_length=300)
    description = models.TextField("beskrivelse", blank=True)
    numerator_kind = models.CharField("teller", max_length=12, choices=TERM_CHOICES)
    numerator_figure = models.ForeignKey(
        "figures.KeyFigure", verbose_name="teller: nøkkeltall", null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    numerator_age_from = models.PositiveSmallIntegerField("teller: fra alder", null=True, blank=True)
    numerator_age_to = models.PositiveSmallIntegerField("teller: til alder", null=True, blank=True)
    denominator_kind = models.CharField("nevner", max_length=12, choices=TERM_CHOICES)
    denominator_figure = models.ForeignKey(
        "figures.KeyFigure", verbose_name="nevner: nøkkeltall", null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    denominator_age_from = models.PositiveSmallIntegerField("nevner: fra alder", null=True, blank=True)
    denominator_age_to = models.PositiveSmallIntegerField("nevner: til alder", null=True, blank=True)
    factor = models.PositiveIntegerField("faktor", default=100)
    direction = models.CharField("retning", max_length=8, choices=DIRECTION_CHOICES)
    unit = models.CharField("enhet", max_length=40)
    decimals = models.PositiveSmallIntegerField("desimaler", default=1)
    created_at = models.DateTimeField("registrert")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="registrert av", null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )

    class Meta:
        verbose_name = "indikatorversjon"
        verbose_name_plural = "indikatorversjoner"
        ordering = ["indicator", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "valid_from"], name="unique_indicator_version_start"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} fra {self.valid_from:%Y-%m}"

    def to_domain(self, code: str) -> d.IndicatorVersion:
        return d.IndicatorVersion(
            code=code,
            name=self.name,
            description=self.description,
            numerator=_term(self.numerator_kind, self.numerator_figure_id, self.numerator_age_from,
                            self.numerator_age_to),
            denominator=_term(self.denominator_kind, self.denominator_figure_id, self.denominator_age_from,
                              self.denominator_age_to),
            factor=self.factor,
            direction=d.Direction(self.direction),
            unit=self.unit,
            valid_from=Period.of(self.valid_from),
            valid_to=Period.of(self.valid_to) if self.valid_to else None,
            decimals=self.decimals,
        )


def _term(kind: str, figure: str | None, age_from: int | None, age_to: int | None) -> d.Term:
    return d.Term(d.TermKind(kind), figure=figure, age_from=age_from, age_to=age_to)


class Recorded(models.Model):
    """A record in a history: current until a later record supersedes it."""

    recorded_at = models.DateTimeField("registrert")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="registrert av", null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    superseded_at = models.DateTimeField("erstattet", null=True, blank=True)

    class Meta:
        abstract = True


class IndicatorChoice(Recorded):
    """Whether a municipality's scorecards show an indicator."""

    municipality = models.ForeignKey("areas.Region", on_delete=models.CASCADE, related_name="indicator_choices")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="choices")
    shown = models.BooleanField("vises")

    class Meta:
        verbose_name = "valg av indikator"
        verbose_name_plural = "valg av indikatorer"
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "indicator"], condition=models.Q(superseded_at__isnull=True),
                name="one_current_indicator_choice",
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.indicator_id}: {'vises' if self.shown else 'vises ikke'}"


class IndicatorLimits(Recorded):
    """Green and red limits; without a municipality they are the Directorate's recommendation.

    A record without limits (both empty) removes earlier limits, so that the
    removal has a place in the history too.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="limits")
    municipality = models.ForeignKey(
        "areas.Region", null=True, blank=True, on_delete=models.CASCADE, related_name="indicator_limits"
    )
    green = models.FloatField("grense for grønn", null=True, blank=True)
    red = models.FloatField("grense for rød", null=True, blank=True)

    class Meta:
        verbose_name = "grenseverdier"
        verbose_name_plural = "grenseverdier"
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "municipality"], condition=models.Q(superseded_at__isnull=True),
                name="one_current_indicator_limits",
            ),
            models.UniqueConstraint(
                fields=["indicator"], condition=models.Q(superseded_at__isnull=True, municipality__isnull=True),
                name="one_current_recommended_limits",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.municipality_id or 'anbefalt'}: {self.green}/{self.red}"

    def to_domain(self) -> Limits | None:
        if self.green is None or self.red is None:
            return None
        return Limits(green=self.green, red=self.red)


class RequestStatus(models.TextChoices):
    PENDING = "pending", "Til behandling"
    ACCEPTED = "accepted", "Godtatt"
    DECLINED = "declined", "Avslått"


class IndicatorRequest(models.Model):
    """A municipality's request to the Directorate for a new indicator, and the answer."""

    municipality = models.ForeignKey("areas.Region", on_delete=models.CASCADE, related_name="indicator_requests")
    text = models.TextField("ønsket indikator")
    created_at = models.DateTimeField("sendt")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField("status", max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING)
    answer = models.TextField("svar fra direktoratet", blank=True)
    answered_at = models.DateTimeField("besvart", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "ønske om ny indikator"
        verbose_name_plural = "ønsker om nye indikatorer"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.municipality_id}: {self.text[:40]}"
