"""Each demo user walks every page of the menu and one link further: no server error, no console error, no English.

Set MALEKORT_SCREENSHOTS to a folder to keep a screenshot of every menu page, to look at before a release.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO_USERS = ("leder", "leder-hallingdal", "kommune", "statsforvalter", "direktorat")
# Words that are English and never Norwegian: one of them on a page means text that escaped translation.
ENGLISH = re.compile(
    r"\b(the|of|with|please|error|errors|forbidden|not found|server error|required|invalid|submit|password|"
    r"username|loading|page|yes|cancel|save|delete|search|january|february|march|june|july|october|december|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|this field)\b",
    re.IGNORECASE,
)
DOWNLOADS = re.compile(r"\.(pdf|xlsx|csv|json)(\?|$)|/eksport/.+|format=")
FURTHER_PER_PAGE = 12


@pytest.fixture
def demo(catalogue, settings, tmp_path):
    # The built-in sample (no SSB files in this folder) keeps the walk short; the pages are the same.
    settings.MALEKORT_SSB_DIR = str(tmp_path)
    call_command("load-demo", "--force", stdout=open(os.devnull, "w"))


def _same_origin_links(page, base: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    found = []
    for href in hrefs:
        url = urljoin(page.url, href)
        parts = urlsplit(url)
        if parts.netloc != urlsplit(base).netloc or parts.path.startswith(("/logg-ut", "/static/")) or "#" in href[:1]:
            continue
        found.append(parts._replace(fragment="").geturl())
    return list(dict.fromkeys(found))


def _check(page, response, url: str, problems: list[str], console: list[str]) -> None:
    status = response.status if response else 0
    if status >= 500 or status == 0:
        problems.append(f"{url}: svar {status}")
        return
    if page.evaluate("document.documentElement.lang") != "nb":
        problems.append(f"{url}: lang er ikke nb")
    text = page.evaluate("document.body ? document.body.innerText : ''")
    english = sorted({m.group(0).lower() for m in ENGLISH.finditer(text)})
    if english:
        problems.append(f"{url}: engelske ord {english}")
    if console:
        problems.append(f"{url}: konsollfeil {console[:3]}")
    console.clear()


@pytest.mark.parametrize("username", DEMO_USERS)
def test_demo_user_walks_the_menu_and_one_link_further(browser, live_server, demo, username):
    context = browser.new_context(locale="nb-NO")
    page = context.new_page()
    page.set_default_timeout(20_000)
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: console.append(str(e)))
    base = live_server.url
    page.goto(f"{base}/logg-inn/")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill("demo")
    page.get_by_label("Passord").press("Enter")
    page.wait_for_load_state()
    assert "/logg-inn/" not in page.url, f"{username} kom ikke inn"

    menu = [urljoin(base, href) for href in page.eval_on_selector_all(
        "nav[aria-label=Hovedmeny] a[href]", "links => links.map(a => a.getAttribute('href'))")]
    assert menu, "ingen meny"
    problems: list[str] = []
    seen: set[str] = set()
    shots = os.environ.get("MALEKORT_SCREENSHOTS")
    for index, url in enumerate(menu):
        response = page.goto(url)
        seen.add(url)
        _check(page, response, url, problems, console)
        if shots:
            Path(shots).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{shots}/{username}-{index}.png", full_page=True)
        further = [link for link in _same_origin_links(page, base) if link not in seen][:FURTHER_PER_PAGE]
        for link in further:
            seen.add(link)
            if DOWNLOADS.search(link):
                download = context.request.get(link)
                if download.status >= 500:
                    problems.append(f"{link}: svar {download.status}")
                continue
            _check(page, page.goto(link), link, problems, console)
    context.close()
    assert problems == [], "\n".join(problems)
