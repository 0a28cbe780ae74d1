from django.apps import AppConfig


class LoginConfig(AppConfig):
    name = "malekort.login"
    label = "login"
    verbose_name = "Innlogging"

    def ready(self) -> None:
        from malekort.login import checks  # noqa: F401  (registers the system checks)
