"""The login page: which ways in it offers, the password lockout, and the OpenID Connect errors."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

PASSWORD = "hemmelig-passord-123"


@pytest.fixture
def oidc_configured(settings):  # type: ignore[no-untyped-def]
    # Nothing answers on port 9: the flow's first step finds no provider.
    settings.MALEKORT_OIDC_ISSUER = "http://127.0.0.1:9"
    settings.MALEKORT_OIDC_CLIENT_ID = "malekort"
    settings.MALEKORT_OIDC_CLIENT_SECRET = "s3cret"


def test_without_local_login_there_is_no_password_form_and_a_posted_password_is_not_tried(client, world,
                                                                                          oidc_configured):
    html = client.get(reverse("login")).content.decode()
    assert "Logg inn med NAV-konto" in html
    assert 'type="password"' not in html

    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})

    assert response.status_code == 403
    assert "Innlogging med passord er slått av" in response.content.decode()
    assert client.get(reverse("home")).status_code == 302


def test_with_local_login_only_the_password_form_is_offered(client, world, local_login):
    html = client.get(reverse("login")).content.decode()
    assert 'type="password"' in html and "Logg inn med NAV-konto" not in html

    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})

    assert response.status_code == 302
    assert client.get(reverse("home")).status_code in (200, 302)
    assert client.get(reverse("office-months", args=["030102"])).status_code == 200


def test_with_neither_the_page_says_whom_to_contact(client, db):
    html = client.get(reverse("login")).content.decode()
    assert "Innlogging er ikke satt opp" in html and "Arbeids- og velferdsdirektoratet" in html


def test_a_password_session_ends_when_local_login_is_turned_off(client, world, settings, local_login):
    client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert client.get(reverse("office-months", args=["030102"])).status_code == 200

    settings.MALEKORT_LOCAL_LOGIN = False

    assert client.get(reverse("office-months", args=["030102"])).status_code == 302


def test_five_wrong_passwords_lock_the_user_name_with_a_norwegian_message(client, world, local_login):
    for _ in range(4):
        response = client.post(reverse("login"), {"username": "alice", "password": "feil"})
        assert response.status_code == 200 and "Brukernavn eller passord er feil" in response.content.decode()

    response = client.post(reverse("login"), {"username": "alice", "password": "feil"})

    assert response.status_code == 429
    assert "Kontoen er midlertidig sperret" in response.content.decode()
    # Now even the right password is refused, while other users still get in.
    right = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert right.status_code == 429
    assert client.get(reverse("office-months", args=["030102"])).status_code == 302
    assert client.post(reverse("login"), {"username": "hallvard", "password": PASSWORD}).status_code == 302
    # The lockout is kept by user name only: no address is stored.
    assert list(AccessAttempt.objects.values_list("username", "ip_address")) == [("alice", None)]


def test_the_admin_has_no_login_of_its_own(client, db):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response.url == "/logg-inn/?next=/admin/"


def test_the_flow_is_absent_when_not_configured(client, db):
    assert client.get(reverse("oidc-start")).status_code == 404
    assert client.get(reverse("oidc-callback")).status_code == 404


def test_a_provider_that_does_not_answer_gives_a_norwegian_page(client, db, oidc_configured):
    response = client.get(reverse("oidc-start"))
    assert response.status_code == 503
    assert "Innloggingstjenesten svarer ikke" in response.content.decode()


def test_an_answer_that_was_not_asked_for_is_refused(client, db, oidc_configured):
    response = client.get(reverse("oidc-callback"), {"code": "stolen", "state": "forged"})
    assert response.status_code == 400
    assert "Innloggingen kunne ikke bekreftes" in response.content.decode()
    assert client.get(reverse("home")).status_code == 302


def test_a_refusal_at_the_provider_is_explained(client, db, oidc_configured):
    response = client.get(reverse("oidc-callback"), {"error": "access_denied", "state": "x"})
    assert response.status_code == 400
    assert "avbrutt eller avvist" in response.content.decode()


def test_check_deploy_warns_when_nobody_can_log_in_or_passwords_are_on(settings, oidc_configured):
    from malekort.login.checks import check_login, check_login_in_production

    assert check_login() == [] and check_login_in_production() == []
    settings.MALEKORT_LOCAL_LOGIN = True
    assert [w.id for w in check_login_in_production()] == ["malekort.W102"]
    settings.MALEKORT_LOCAL_LOGIN = False
    settings.MALEKORT_OIDC_CLIENT_SECRET = ""
    assert [e.id for e in check_login()] == ["malekort.E101"]
    assert [w.id for w in check_login_in_production()] == ["malekort.W101"]


def _signed_in_through_nav(client, user):  # type: ignore[no-untyped-def]
    client.force_login(user)
    session = client.session
    session["malekort_login_through_nav"] = True
    session.save()


def _logged_out(client) -> bool:  # type: ignore[no-untyped-def]
    response = client.get("/kontor/030102/")
    return response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_logging_out_of_a_password_session_goes_back_to_the_login_page(client, world, oidc_configured):
    client.force_login(world.alice)
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert _logged_out(client)


def test_logging_out_of_a_nav_session_ends_it_at_the_provider_too(client, world, oidc_configured, settings):
    settings.MALEKORT_OIDC_END_SESSION_ENDPOINT = "https://login.example/oauth2/v2.0/logout"
    _signed_in_through_nav(client, world.alice)

    response = client.post(reverse("logout"))

    assert response.status_code == 200
    html = response.content.decode()
    expected = ("https://login.example/oauth2/v2.0/logout?client_id=malekort&amp;post_logout_redirect_uri="
                "http%3A%2F%2Ftestserver%2Flogg-inn%2F")
    assert f'<meta http-equiv="refresh" content="0; url={expected}">' in html
    assert f'href="{expected}"' in html and "Du er logget ut av Målekort" in html
    assert _logged_out(client)  # here at once


def test_logging_out_when_the_provider_does_not_answer_still_ends_the_session_here(client, world, oidc_configured):
    _signed_in_through_nav(client, world.alice)  # the issuer on port 9 answers nothing: no discovery document
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert _logged_out(client)


def test_logging_out_takes_a_post_only(client, world):
    client.force_login(world.alice)
    assert client.get(reverse("logout")).status_code == 405
    assert not _logged_out(client)


@pytest.mark.parametrize("left_out", [True, False])
def test_someone_whose_groups_entra_left_out_is_told_why(client, world, oidc_configured, monkeypatch, left_out):
    userinfo = {"sub": "x", "NAVident": "Z990009", "name": "Mange, Grupper"}
    if left_out:
        userinfo["_claim_names"] = {"groups": "src1"}

    class Client:
        def authorize_access_token(self, request, **kwargs):  # type: ignore[no-untyped-def]
            return {"userinfo": userinfo}

    monkeypatch.setattr("malekort.login.views.oidc_client", Client)
    response = client.get(reverse("oidc-callback"), {"code": "c", "state": "s"})

    assert response.status_code == 403
    html = response.content.decode()
    assert "Du har ikke tilgang til Målekort" in html and "Z990009" in html
    assert ("Entra ID sendte ikke med hvilke grupper du er med i" in html) is left_out
