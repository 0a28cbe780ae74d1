from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "malekort.indicators"
    verbose_name = "Indikatorer"
