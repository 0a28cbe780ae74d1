from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "malekort.demo"
    verbose_name = "Demo"
