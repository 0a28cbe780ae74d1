"""Every page carries a strict Content-Security-Policy, and satisfies it: no inline script or style."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client

import malekort

INLINE_HANDLER = re.compile(r"^on[a-z]+$")


class InlineCode(HTMLParser):
    """Collect what a CSP without 'unsafe-inline' would block."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _ in attrs}
        if tag == "script" and "src" not in names:
            self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style>")
        for name, value in attrs:
            if name == "style":
                self.found.append(f"style= on <{tag}>")
            if INLINE_HANDLER.match(name):
                self.found.append(f"{name}= on <{tag}>")
            if name in ("href", "src", "action") and value and value.strip().lower().startswith("javascript:"):
                self.found.append(f"javascript: URL on <{tag}>")


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    return parser.found


def test_the_checker_finds_inline_code() -> None:
    page = '<p style="color:red" onclick="x()">a</p><script>alert(1)</script><style>p{}</style>'
    assert inline_code(page) == ["style= on <p>", "onclick= on <p>", "<script> without src", "<style>"]
    assert inline_code('<script src="/static/app.js"></script><svg><rect fill="red"/></svg>') == []


def _pages(world) -> list[tuple[object, str]]:  # type: ignore[no-untyped-def]
    return [
        (None, "/logg-inn/"),
        (world.dina, "/"),
        (world.alice, f"/kontor/{world.grunerlokka.code}/"),
        (world.alice, f"/kontor/{world.grunerlokka.code}/2025-01/"),
        (world.alice, f"/kontor/{world.grunerlokka.code}/2025-01/endringer/"),
        (world.alice, f"/malekort/kontor/{world.grunerlokka.code}/"),
        (world.alice, "/import/"),
        (world.alice, "/eksport/"),
        (world.alice, "/indikatorer/"),
        (world.alice, f"/kontor/{world.kristiansand.code}/"),  # 403
        (world.alice, "/finnes-ikke/"),  # 404
        (world.olga, "/malekort/kommune/0301/"),
        (world.olga, "/indikatorer/kommune/0301/"),
        (world.agnes, "/statistikk/fylke/42/"),
        (world.agnes, "/oppfolging/42/"),
        (world.dina, "/statistikk/"),
        (world.dina, "/oppfolging/"),
        (world.dina, "/indikatorer/anbefalte-grenser/"),
        (world.dina, "/indikatorer/onsker/"),
    ]


def test_every_page_carries_a_strict_policy_and_no_inline_script_or_style(world) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    for user, url in _pages(world):
        if user is None:
            client.logout()
        else:
            client.force_login(user)
        response = client.get(url)
        assert response.status_code in (200, 403, 404), url
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy
        assert "script-src 'self'" in policy and "style-src 'self'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert inline_code(response.content.decode()) == [], url


def test_no_template_or_script_writes_inline_style() -> None:
    """Also the parts no test above happens to draw: templates and our JavaScript."""
    root = Path(malekort.__file__).parent
    offenders = []
    for path in [*root.rglob("*.html"), *root.rglob("*.js")]:
        text = path.read_text(encoding="utf-8")
        if re.search(r"\sstyle=|<style|<script(?![^>]*\ssrc=)|\.style\.|\.style\s*=|setAttribute\(\s*['\"]style", text):
            offenders.append(str(path.relative_to(root)))
    assert offenders == []


@pytest.mark.parametrize("name", ["reset", "tokens", "baseline", "print", "components"])
def test_no_stylesheet_asks_another_host_for_a_font(name: str) -> None:
    from django.contrib.staticfiles import finders

    for path in ("malekort/fonts.css", "malekort/app.css", f"aksel/global/{name}.css", f"aksel/{name}.css"):
        found = finders.find(path)
        if found:
            text = Path(str(found)).read_text(encoding="utf-8")
            assert "cdn.nav.no" not in text and "@import" not in text, path
