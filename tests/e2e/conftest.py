"""A real browser: Playwright drives Debian's Chromium (never a downloaded one)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

# The password every user of the test world has (tests/conftest.py).
PASSWORD = "hemmelig-passord-123"

# Playwright's sync API runs an event loop; the test still talks to the database directly.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("MALEKORT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}; `make browser` installs it")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="nb-NO")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def catalogue(db):  # type: ignore[no-untyped-def]
    """Put back the catalogue the migrations seed: a transactional test before this one flushed it."""
    import importlib

    from django.apps import apps

    from malekort.figures.models import KeyFigure

    if not KeyFigure.objects.exists():
        for module in ("malekort.figures.migrations.0002_seed_key_figures",
                       "malekort.indicators.migrations.0002_seed_recommended_indicators"):
            importlib.import_module(module).seed(apps, None)


@pytest.fixture
def seeded(catalogue, world):  # type: ignore[no-untyped-def]
    """The test world with the seeded catalogue."""
    return world


@pytest.fixture
def log_in(page, live_server):  # type: ignore[no-untyped-def]
    """Return a function that logs a user of the test world in with the local login form, by keyboard."""

    def log_in_as(username: str) -> None:
        page.goto(f"{live_server.url}/logg-inn/")
        page.get_by_label("Brukernavn").fill(username)
        page.get_by_label("Passord").fill(PASSWORD)
        page.get_by_label("Passord").press("Enter")

    return log_in_as


@pytest.fixture(autouse=True)
def local_login_in_browser(settings):  # type: ignore[no-untyped-def]
    """Browser tests log in with user name and password, as the demo does (MALEKORT_LOCAL_LOGIN=1)."""
    settings.MALEKORT_LOCAL_LOGIN = True
