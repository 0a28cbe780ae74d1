from django.apps import AppConfig


class ScorecardConfig(AppConfig):
    name = "malekort.scorecard"
    verbose_name = "Målekort"
