from typing import Any

from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running in production: the server, health, metrics, logs and error pages."""

    name = "malekort.ops"
    label = "ops"
    verbose_name = "drift"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        user_logged_in.connect(_touch_at_login, dispatch_uid="malekort.ops.touch_at_login")


def _touch_at_login(sender: object, request: Any, **kwargs: Any) -> None:
    from malekort.ops.middleware import touch_session

    session = getattr(request, "session", None)
    if session is not None:
        touch_session(session)

