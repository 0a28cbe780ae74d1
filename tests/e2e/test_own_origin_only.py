"""In a real browser: pages keep to their own origin, break no rule of their Content-Security-Policy,
and draw in Aksel's font, Source Sans 3, served with the application's static files."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from malekort.domain.cells import Cell
from malekort.domain.deadlines import last_complete_period
from malekort.figures.actions import Entry, register_values
from malekort.figures.models import Source

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_pages_ask_no_other_host_break_no_policy_and_use_the_served_font(page, log_in, live_server, seeded):
    month = last_complete_period(timezone.localdate())
    register_values(
        entries=[Entry("030102", month, "SH_MOTTAKERE", Cell.of(360))], user=None, source=Source.TYPED,
        now=timezone.now(),
    )
    origin = urlsplit(live_server.url).netloc
    elsewhere: list[str] = []
    fonts: list[str] = []
    problems: list[str] = []
    page.on("request", lambda r: elsewhere.append(r.url)
            if urlsplit(r.url).scheme in ("http", "https") and urlsplit(r.url).netloc != origin else None)
    page.on("request", lambda r: fonts.append(r.url) if r.resource_type == "font" else None)
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    log_in("alice")
    page.goto(f"{live_server.url}/kontor/030102/{month}/")
    # htmx swaps the value's history into the page: allowed by the policy without inline style.
    page.get_by_role("link", name="Historikk").first.click()
    page.locator("#historikk table, #historikk h2").first.wait_for()
    page.goto(f"{live_server.url}/malekort/kontor/030102/")
    page.wait_for_load_state("networkidle")
    font_ready = page.evaluate(
        "document.fonts.ready.then(() => document.fonts.check('16px \"Source Sans 3\"') && "
        "[...document.fonts].some(f => f.family.includes('Source Sans 3') && f.status === 'loaded'))"
    )

    assert elsewhere == []
    assert problems == []
    assert fonts and all("/static/fonts/source-sans-3-" in url for url in fonts)
    assert font_ready
