from django.apps import AppConfig


class FiguresConfig(AppConfig):
    name = "malekort.figures"
    verbose_name = "Nøkkeltall"
