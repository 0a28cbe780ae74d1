from django.apps import AppConfig


class RegistrationConfig(AppConfig):
    name = "malekort.registration"
    verbose_name = "Registrering"
