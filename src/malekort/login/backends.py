"""Authentication backends: sessions of users already signed in, and local passwords behind a flag."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest


def local_login_enabled() -> bool:
    """Return whether user name and password may be used (development and the demo only)."""
    return bool(getattr(settings, "MALEKORT_LOCAL_LOGIN", False))


class SessionBackend(ModelBackend):
    """Keeps users signed in through OpenID Connect; never checks a password itself."""

    def authenticate(self, request: HttpRequest | None, username: str | None = None,
                     password: str | None = None, **kwargs: Any) -> None:
        return None


class LocalPasswordBackend(ModelBackend):
    """User name and password, only while MALEKORT_LOCAL_LOGIN is on; its sessions end when it is turned off."""

    def authenticate(self, request: HttpRequest | None, username: str | None = None,
                     password: str | None = None, **kwargs: Any) -> Any:
        if not local_login_enabled():
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

    def get_user(self, user_id: Any) -> Any:
        return super().get_user(user_id) if local_login_enabled() else None


def no_client_address(request: Any) -> None:
    """Return no address to django-axes: the lockout counts by user name, and we keep no IP addresses."""
    return None
