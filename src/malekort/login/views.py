"""The login page, the two legs of the OpenID Connect flow, and the lockout page."""

from __future__ import annotations

import logging
from typing import Any

import requests
from authlib.common.errors import AuthlibBaseError
from django.conf import settings
from django.contrib import auth
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from joserfc.errors import JoseError

from malekort.login.actions import UnusableClaims, sign_in_with_claims
from malekort.login.backends import local_login_enabled
from malekort.login.client import end_session_url, group_roles, oidc_client, oidc_config, oidc_enabled

log = logging.getLogger(__name__)

NEXT_KEY = "malekort_login_next"
# Set in the session of a user who logged in through the NAV account: logging out ends the provider's session too.
THROUGH_NAV_KEY = "malekort_login_through_nav"
SESSION_BACKEND = "malekort.login.backends.SessionBackend"

# What can go wrong between us and the provider: refused or forged answers, bad tokens, no answer.
PROVIDER_ERRORS = (AuthlibBaseError, JoseError, ValueError, KeyError)


def _login_context() -> dict[str, Any]:
    return {
        "oidc_enabled": oidc_enabled(),
        "local_login": local_login_enabled(),
        "contact": settings.MALEKORT_ACCESS_CONTACT,
    }


class LoginPage(auth_views.LoginView):
    """«Logg inn med NAV-konto» when OpenID Connect is set up; the password form only with local login on."""

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), **_login_context()}

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not local_login_enabled():
            context = {**self.get_context_data(), "password_refused": True}
            return self.render_to_response(context, status=403)
        return super().post(request, *args, **kwargs)


def locked_out(request: HttpRequest, original_response: HttpResponse | None = None,
               credentials: dict[str, Any] | None = None) -> HttpResponse:
    """Return the login page saying the account is locked (django-axes calls this after 5 failures)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {**_login_context(), "locked_out": True, "lockout_minutes": minutes}
    return render(request, "registration/login.html", context, status=429)


@never_cache
@require_GET
def oidc_start(request: HttpRequest) -> HttpResponse:
    """Send the browser to the provider with a fresh state, nonce and PKCE challenge."""
    config = oidc_config()
    if not config.complete:
        raise Http404("Innlogging med NAV-konto er ikke satt opp.")
    next_url = request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure())
    request.session[NEXT_KEY] = next_url if safe else ""
    redirect_uri = config.redirect_uri or request.build_absolute_uri(reverse("oidc-callback"))
    try:
        return oidc_client().authorize_redirect(request, redirect_uri)  # type: ignore[no-any-return]
    except (*PROVIDER_ERRORS, RuntimeError, requests.RequestException) as error:
        log.warning("OpenID Connect: the provider's discovery document could not be read: %s",
                    type(error).__name__)
        return _failed(request, "Innloggingstjenesten svarer ikke nå. Prøv igjen om litt.", status=503)


@never_cache
@require_GET
def oidc_callback(request: HttpRequest) -> HttpResponse:
    """Take the provider's answer: check it, find the user's roles, and log in or say why not."""
    config = oidc_config()
    if not config.complete:
        raise Http404("Innlogging med NAV-konto er ikke satt opp.")
    if request.GET.get("error"):
        log.info("OpenID Connect: the provider answered %s", request.GET["error"][:64])
        return _failed(request, "Innloggingen ble avbrutt eller avvist hos NAV-kontoen.", status=400)
    try:
        token = oidc_client().authorize_access_token(request, claims_options=config.id_token_claims_options)
    except requests.RequestException as error:
        log.warning("OpenID Connect: no answer from the provider: %s", type(error).__name__)
        return _failed(request, "Innloggingstjenesten svarer ikke nå. Prøv igjen om litt.", status=503)
    except PROVIDER_ERRORS as error:
        log.warning("OpenID Connect: refused the provider's answer: %s", type(error).__name__)
        return _failed(request, "Innloggingen kunne ikke bekreftes. Start innloggingen på nytt.", status=400)
    claims = token.get("userinfo")
    if not claims:
        log.warning("OpenID Connect: the token response held no ID token")
        return _failed(request, "Innloggingen kunne ikke bekreftes. Start innloggingen på nytt.", status=400)
    try:
        result = sign_in_with_claims(claims=claims, group_roles=group_roles(),
                                     ident_claim=config.ident_claim, groups_claim=config.groups_claim)
    except UnusableClaims:
        log.warning("OpenID Connect: the ID token has no usable %s claim", config.ident_claim)
        return _failed(request, "NAV-kontoen din ga oss ikke NAV-identen din, så vi vet ikke hvem du er.",
                       status=403)
    next_url = request.session.pop(NEXT_KEY, "")
    if result.user is None:
        auth.logout(request)
        context = {"nav_ident": result.nav_ident, "contact": settings.MALEKORT_ACCESS_CONTACT,
                   "groups_left_out": result.groups_left_out}
        return render(request, "login/no_access.html", context, status=403)
    auth.login(request, result.user, backend=SESSION_BACKEND)
    request.session[THROUGH_NAV_KEY] = True
    return redirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))


@never_cache
@require_POST
def log_out(request: HttpRequest) -> HttpResponse:
    """End the session here and, for a user who came through the NAV account, at the provider too.

    Otherwise the next «Logg inn med NAV-konto» on a shared machine would log
    the same person in again without asking. If the provider cannot be
    reached, the session here is ended all the same.
    """
    through_nav = request.session.get(THROUGH_NAV_KEY) is True
    auth.logout(request)
    login_page = resolve_url(settings.LOGOUT_REDIRECT_URL)
    config = oidc_config()
    if through_nav and config.complete:
        back = config.post_logout_redirect_uri or request.build_absolute_uri(login_page)
        try:
            url = end_session_url(config, back)
        except (*PROVIDER_ERRORS, RuntimeError, requests.RequestException) as error:
            log.warning("OpenID Connect: could not find where to end the provider's session: %s",
                        type(error).__name__)
            url = None
        if url:
            # A page that moves on by itself, not a redirect: the browser would block the logout form's
            # redirect to another origin (the Content-Security-Policy's form-action is 'self').
            return render(request, "login/logging_out.html", {"end_session_url": url})
    return redirect(login_page)


def _failed(request: HttpRequest, reason: str, *, status: int) -> HttpResponse:
    context = {"reason": reason, **_login_context()}
    return render(request, "login/failed.html", context, status=status)
