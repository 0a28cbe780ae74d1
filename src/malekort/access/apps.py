from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "malekort.access"
    verbose_name = "Tilganger"
