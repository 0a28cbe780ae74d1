from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "malekort.followup"
    verbose_name = "Oppfølging av rapportering"
