"""System checks: a login that cannot work is reported by `malekort check`, not found by a user."""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, Tags, Warning, register

from malekort.login.backends import local_login_enabled
from malekort.login.client import oidc_config


@register(Tags.security)
def check_login(app_configs: Any = None, **kwargs: Any) -> list[Any]:
    config = oidc_config()
    problems: list[Any] = []
    started = config.client_id or config.client_secret or config.issuer or config.explicit_endpoints
    if started and not config.complete:
        problems.append(Error(
            "OpenID Connect is only partly configured.",
            hint="Set MALEKORT_OIDC_CLIENT_ID, MALEKORT_OIDC_CLIENT_SECRET and MALEKORT_OIDC_ISSUER "
                 "(or the three endpoints and the issuer).",
            id="malekort.E101",
        ))
    return problems


@register(Tags.security, deploy=True)
def check_login_in_production(app_configs: Any = None, **kwargs: Any) -> list[Any]:
    config = oidc_config()
    if local_login_enabled():
        return [Warning(
            "MALEKORT_LOCAL_LOGIN is on: users can log in with a password instead of their NAV account.",
            hint="Leave it off in production; it is meant for development and the demo.",
            id="malekort.W102",
        )]
    if not config.complete:
        return [Warning(
            "Nobody can log in: OpenID Connect is not configured and MALEKORT_LOCAL_LOGIN is off.",
            hint="Configure MALEKORT_OIDC_* for Entra ID, or set MALEKORT_LOCAL_LOGIN=1 for development.",
            id="malekort.W101",
        )]
    return []
