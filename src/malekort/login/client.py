"""The OpenID Connect client, built from the settings.

Authlib, not mozilla-django-oidc: Authlib reads the provider's discovery document
(Entra ID needs only its issuer), sends PKCE (S256), and validates the ID token
as OpenID Connect Core 3.1.3.7 asks (signature from the provider's keys, issuer,
audience, expiry, nonce). mozilla-django-oidc has no discovery and does not check
the ID token's issuer or audience (its issue #340), which we would have to add
and keep up ourselves. The Django views around the client are ours (views.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from django.conf import settings

from malekort.login.grants import GroupRoles

TIMEOUT_SECONDS = 10


@dataclass(frozen=True)
class OidcConfig:
    """Where the provider is and who we are to it, from the MALEKORT_OIDC_* settings."""

    issuer: str
    client_id: str
    client_secret: str
    discovery_url: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    scopes: str
    redirect_uri: str
    ident_claim: str
    groups_claim: str
    end_session_endpoint: str = ""
    post_logout_redirect_uri: str = ""

    @property
    def explicit_endpoints(self) -> bool:
        return bool(self.authorization_endpoint and self.token_endpoint and self.jwks_uri)

    @property
    def complete(self) -> bool:
        where = self.discovery_url or (self.explicit_endpoints and self.issuer)
        return bool(self.client_id and self.client_secret and where)

    @property
    def id_token_claims_options(self) -> dict[str, Any] | None:
        """Return Authlib's claim rules: the issuer must be the configured one when one is configured."""
        return {"iss": {"essential": True, "values": [self.issuer]}} if self.issuer else None


def oidc_config() -> OidcConfig:
    """Return the OpenID Connect configuration as the settings hold it now."""
    issuer = settings.MALEKORT_OIDC_ISSUER
    discovery = settings.MALEKORT_OIDC_DISCOVERY_URL or (
        f"{issuer.rstrip('/')}/.well-known/openid-configuration" if issuer else ""
    )
    return OidcConfig(
        issuer=issuer,
        client_id=settings.MALEKORT_OIDC_CLIENT_ID,
        client_secret=settings.MALEKORT_OIDC_CLIENT_SECRET,
        discovery_url=discovery,
        authorization_endpoint=settings.MALEKORT_OIDC_AUTHORIZATION_ENDPOINT,
        token_endpoint=settings.MALEKORT_OIDC_TOKEN_ENDPOINT,
        jwks_uri=settings.MALEKORT_OIDC_JWKS_URI,
        scopes=settings.MALEKORT_OIDC_SCOPES,
        redirect_uri=settings.MALEKORT_OIDC_REDIRECT_URI,
        ident_claim=settings.MALEKORT_OIDC_IDENT_CLAIM,
        groups_claim=settings.MALEKORT_OIDC_GROUPS_CLAIM,
        end_session_endpoint=settings.MALEKORT_OIDC_END_SESSION_ENDPOINT,
        post_logout_redirect_uri=settings.MALEKORT_OIDC_POST_LOGOUT_REDIRECT_URI,
    )


def oidc_enabled() -> bool:
    """Return whether the login page offers «Logg inn med NAV-konto»."""
    return oidc_config().complete


def group_roles() -> GroupRoles:
    return settings.MALEKORT_OIDC_GROUP_ROLES


def oidc_client() -> Any:
    """Return the Authlib client for the configuration in force (one per configuration and process)."""
    return _client_for(oidc_config())


@lru_cache(maxsize=4)
def _client_for(config: OidcConfig) -> Any:
    # Authlib is imported here, not with the module: the system checks read the configuration at every
    # `malekort` command, and only a login needs the client.
    from authlib.integrations.django_client import OAuth

    # The discovery document and the provider's keys are fetched on first use and kept.
    oauth = OAuth()
    endpoints: dict[str, Any] = {}
    if config.explicit_endpoints:
        endpoints = {
            "authorize_url": config.authorization_endpoint,
            "access_token_url": config.token_endpoint,
            "jwks_uri": config.jwks_uri,
            "issuer": config.issuer,
        }
    else:
        endpoints = {"server_metadata_url": config.discovery_url}
    return oauth.register(
        name="entra",
        client_id=config.client_id,
        client_secret=config.client_secret,
        client_kwargs={
            "scope": config.scopes,
            "code_challenge_method": "S256",
            "default_timeout": TIMEOUT_SECONDS,
        },
        **endpoints,
    )


def end_session_url(config: OidcConfig, post_logout_redirect_uri: str) -> str | None:
    """Return where to send the browser to end the user's session at the provider, or None if it has no such place.

    OpenID Connect RP-Initiated Logout: the provider's end_session_endpoint
    (configured, else from its discovery document) with our client id and
    where to come back to. No id_token_hint: we do not keep the ID token.
    """
    endpoint = config.end_session_endpoint
    if not endpoint and not config.explicit_endpoints:
        endpoint = str(oidc_client().load_server_metadata().get("end_session_endpoint") or "")
    if not endpoint:
        return None
    query = urlencode({"client_id": config.client_id, "post_logout_redirect_uri": post_logout_redirect_uri})
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"
