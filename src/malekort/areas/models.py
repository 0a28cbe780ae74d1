"""Regions (fylke, kommune, bydel), the NAV offices that serve them, and population."""

from __future__ import annotations

from django.db import models

from malekort.domain import regions


class Region(models.Model):
    """An SSB area code with its name; codes no longer in use keep their validity period.

    `name` is the Norwegian name (`regions.norwegian_name`), set where regions
    are loaded, so that every reader gets it; `ssb_name` keeps SSB's own.
    """

    LEVEL_CHOICES = [(lv.value, lv.label) for lv in regions.Level]

    code = models.CharField("kode", max_length=6, primary_key=True)
    level = models.CharField("nivå", max_length=8, choices=LEVEL_CHOICES)
    # The Norwegian name, which every page, chart, report and export shows («Oslo»).
    name = models.CharField("navn", max_length=200)
    # The name as SSB writes it, in every language it has («Oslo-Oslove»).
    ssb_name = models.CharField("navn hos SSB", max_length=200, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name="overordnet", null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    valid_from = models.DateField("gyldig fra", null=True, blank=True)
    valid_to = models.DateField("gyldig til", null=True, blank=True)

    class Meta:
        verbose_name = "region"
        verbose_name_plural = "regioner"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class RegionChange(models.Model):
    """How an area code in use in `year` maps onto today's codes (share `weight`)."""

    year = models.PositiveSmallIntegerField("år")
    original_code = models.CharField("opprinnelig kode", max_length=6)
    current_code = models.CharField("gjeldende kode", max_length=6)
    weight = models.FloatField("vekt")

    class Meta:
        verbose_name = "regionendring"
        verbose_name_plural = "regionendringer"
        constraints = [
            models.UniqueConstraint(
                fields=["year", "original_code", "current_code"], name="unique_region_change"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.original_code} → {self.current_code} ({self.weight:.3f})"


class Office(models.Model):
    """A NAV office; it registers figures for each area it serves."""

    code = models.CharField("kontornummer", max_length=10, primary_key=True)
    name = models.CharField("navn", max_length=200)
    email = models.EmailField("e-post", blank=True)
    areas = models.ManyToManyField(Region, through="ServiceArea", related_name="offices")

    class Meta:
        verbose_name = "NAV-kontor"
        verbose_name_plural = "NAV-kontorer"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ServiceArea(models.Model):
    """An area an office serves, and is therefore expected to report for every month."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="service_areas")
    area = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="service_areas")

    class Meta:
        verbose_name = "område kontoret betjener"
        verbose_name_plural = "områder kontoret betjener"
        constraints = [models.UniqueConstraint(fields=["office", "area"], name="unique_service_area")]

    def __str__(self) -> str:
        return f"{self.office} – {self.area}"


class Population(models.Model):
    """SSB's population on 1 January of `year`, by single year of age."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="population")
    year = models.PositiveSmallIntegerField("år")
    age = models.PositiveSmallIntegerField("alder")
    population = models.PositiveIntegerField("folkemengde")

    class Meta:
        verbose_name = "folkemengde"
        verbose_name_plural = "folkemengde"
        constraints = [
            models.UniqueConstraint(fields=["region", "year", "age"], name="unique_population")
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.year} {self.age} år: {self.population}"
