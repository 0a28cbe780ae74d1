from django.apps import AppConfig


class KostraConfig(AppConfig):
    name = "malekort.kostra"
    verbose_name = "KOSTRA-filer"
