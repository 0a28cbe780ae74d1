"""Logging in through a real, certified OpenID provider (the npm package oidc-provider) standing in for Entra ID.

The suite starts tests/oidc/provider.mjs with Node.js on a free port; its users
and groups are in tests/oidc/users.json. Kari is in the group mapped to the
leaders of Nav Grünerløkka, Ola has a role given by NAV ident, Nils has neither.
Also here: the password lockout and the login page without local login.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from malekort.access.models import Assignment, NavIdentAssignment, Origin, Role
from malekort.login.grants import parse_group_roles

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

OIDC_DIR = Path(__file__).resolve().parents[1] / "oidc"
TEST_USERS = json.loads((OIDC_DIR / "users.json").read_text())
CLIENT_ID = "malekort-test"
CLIENT_SECRET = "test-only-client-secret"


@dataclass(frozen=True)
class Provider:
    issuer: str


@pytest.fixture(scope="session")
def oidc_provider(live_server) -> Iterator[Provider]:  # type: ignore[no-untyped-def]
    node = shutil.which("node")
    installed = (OIDC_DIR.parents[1] / "node_modules" / "oidc-provider").is_dir()
    if not node or not installed:
        if os.environ.get("CI"):
            pytest.fail("Node.js and node_modules/oidc-provider are needed (make install runs npm ci)")
        pytest.skip("Node.js or the npm package oidc-provider is not installed")
    env = {
        **os.environ,
        "OIDC_CLIENT_ID": CLIENT_ID,
        "OIDC_CLIENT_SECRET": CLIENT_SECRET,
        "OIDC_REDIRECT_URI": f"{live_server.url}/logg-inn/nav/svar/",
        "OIDC_POST_LOGOUT_REDIRECT_URI": f"{live_server.url}/logg-inn/",
        "OIDC_PORT": "0",
    }
    process = subprocess.Popen(
        [node, str(OIDC_DIR / "provider.mjs")], env=env, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )
    lines: queue.Queue[str] = queue.Queue()

    def read_output() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)

    threading.Thread(target=read_output, daemon=True).start()
    try:
        # Waiting for the provider to start, not timing it: a busy machine may take a while.
        issuer = json.loads(lines.get(timeout=120))["issuer"]
        yield Provider(issuer=issuer)
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def entra(settings, oidc_provider, seeded):  # type: ignore[no-untyped-def]
    """Point Målekort at the test provider, with the leaders' group mapped to Nav Grünerløkka."""
    settings.MALEKORT_OIDC_ISSUER = oidc_provider.issuer
    settings.MALEKORT_OIDC_CLIENT_ID = CLIENT_ID
    settings.MALEKORT_OIDC_CLIENT_SECRET = CLIENT_SECRET
    leaders = TEST_USERS["groups"]["leaders-grunerlokka"]
    settings.MALEKORT_OIDC_GROUP_ROLES = parse_group_roles(
        json.dumps({leaders: {"role": "office_leader", "office": "030102"}})
    )
    return seeded


def log_in_at_provider(page, username: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("link", name="Logg inn med NAV-konto").click()
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(TEST_USERS["users"][username]["password"])
    page.get_by_role("button", name="Logg på").click()


def test_a_leader_in_a_mapped_group_logs_in_and_sees_her_office(page, live_server, entra):
    # She follows a link to her office's page and is sent to log in first.
    page.goto(f"{live_server.url}/kontor/030102/")
    log_in_at_provider(page, "kari")

    page.get_by_role("heading", name="Nav Grünerløkka").wait_for()
    assert page.url == f"{live_server.url}/kontor/030102/"
    assert "Nordmann, Kari" in page.locator("header").inner_text()
    kari = User.objects.get(username="Z990001")
    assert (kari.email, kari.has_usable_password()) == ("", False)
    assert list(Assignment.objects.filter(user=kari).values_list("origin", "role", "office_id")) == [
        (Origin.GROUP, Role.OFFICE_LEADER, "030102")
    ]
    # Her scope is her office: another office is closed to her.
    response = page.goto(f"{live_server.url}/kontor/030101/")
    assert response is not None and response.status == 403


def test_logging_out_ends_the_session_at_the_provider_too(page, live_server, entra):
    page.goto(f"{live_server.url}/logg-inn/")
    log_in_at_provider(page, "kari")
    page.get_by_role("heading", name="Nav Grünerløkka").wait_for()

    page.get_by_role("button", name="Logg ut").click()
    page.get_by_role("button", name="Ja, logg meg ut").click()

    page.get_by_role("heading", name="Logg inn").wait_for()
    assert page.url == f"{live_server.url}/logg-inn/"
    response = page.goto(f"{live_server.url}/kontor/030102/")
    assert response is not None and "/logg-inn/" in page.url
    # On a shared machine the next person must be asked who they are, not logged in as Kari.
    page.get_by_role("link", name="Logg inn med NAV-konto").click()
    page.get_by_label("Brukernavn").wait_for()


def test_a_county_governor_by_nav_ident_logs_in_and_sees_the_county(page, live_server, entra):
    NavIdentAssignment.objects.create(nav_ident="Z990002", role=Role.COUNTY_GOVERNOR, region_id="42")

    page.goto(f"{live_server.url}/logg-inn/")
    log_in_at_provider(page, "ola")

    # Agder has one office on this map, so the county governor lands on it.
    page.get_by_role("heading", name="Nav Kristiansand").wait_for()
    ola = User.objects.get(username="Z990002")
    assert list(Assignment.objects.filter(user=ola).values_list("origin", "role", "region_id")) == [
        (Origin.NAV_IDENT, Role.COUNTY_GOVERNOR, "42")
    ]


def test_someone_with_neither_gets_a_norwegian_page_saying_whom_to_ask(page, live_server, entra):
    page.goto(f"{live_server.url}/logg-inn/")
    log_in_at_provider(page, "nils")

    page.get_by_role("heading", name="Du har ikke tilgang til Målekort").wait_for()
    text = page.locator("main").inner_text()
    assert "Z990003" in text and "Arbeids- og velferdsdirektoratet" in text
    assert not User.objects.filter(username="Z990003").exists()
    page.goto(f"{live_server.url}/")
    page.get_by_role("heading", name="Logg inn").wait_for()


def test_five_wrong_passwords_lock_the_account_with_a_norwegian_message(page, live_server, seeded):
    page.goto(f"{live_server.url}/logg-inn/")
    for _ in range(5):
        page.get_by_label("Brukernavn").fill("alice")
        page.get_by_label("Passord").fill("feil-passord")
        page.get_by_role("button", name="Logg inn").click()
        page.get_by_role("alert").wait_for()

    assert "Kontoen er midlertidig sperret" in page.get_by_role("alert").inner_text()
    # The right password no longer helps.
    page.get_by_label("Brukernavn").fill("alice")
    page.get_by_label("Passord").fill("hemmelig-passord-123")
    page.get_by_role("button", name="Logg inn").click()
    page.get_by_text("Kontoen er midlertidig sperret").wait_for()
    page.goto(f"{live_server.url}/kontor/030102/")
    page.get_by_role("heading", name="Logg inn").wait_for()


def test_without_local_login_the_page_offers_only_the_nav_account(page, live_server, entra, settings):
    settings.MALEKORT_LOCAL_LOGIN = False

    page.goto(f"{live_server.url}/logg-inn/")

    page.get_by_role("link", name="Logg inn med NAV-konto").wait_for()
    assert page.get_by_label("Passord").count() == 0
    assert page.locator("input[type=password]").count() == 0
