"""A session ends after an hour without requests; requests renew it, writing it at most once a minute."""

from __future__ import annotations

from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client


def test_a_request_renews_the_session_once_a_minute(client: Client, world) -> None:  # type: ignore[no-untyped-def]
    assert settings.SESSION_COOKIE_AGE == 60 * 60
    client.force_login(world.alice)  # logging in counts as a use
    again = client.get(f"/kontor/{world.grunerlokka.code}/")
    assert again.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in again.cookies  # not written again within the minute

    session = client.session
    session["_malekort_touched"] = 0  # as if the last renewal was long ago
    session.save()
    expiry_before = Session.objects.get(session_key=session.session_key).expire_date
    later = client.get(f"/kontor/{world.grunerlokka.code}/")
    assert settings.SESSION_COOKIE_NAME in later.cookies
    assert int(later.cookies[settings.SESSION_COOKIE_NAME]["max-age"]) == 60 * 60
    assert Session.objects.get(session_key=session.session_key).expire_date > expiry_before
