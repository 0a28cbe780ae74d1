from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    name = "malekort.statistics"
    label = "malekort_statistics"
    verbose_name = "Statistikk"
