from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "malekort.areas"
    verbose_name = "Områder og kontorer"
