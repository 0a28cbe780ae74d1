"""Målekort as it runs in production: `check --deploy` is clean and `malekort serve` serves and stops gracefully."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

MALEKORT = str(Path(sys.executable).with_name("malekort"))
DB_PASSWORD = "hemmelig-databasepassord"


def production_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MALEKORT_", "DJANGO_"))}
    env.update(
        MALEKORT_DEBUG="0",
        MALEKORT_SECRET_KEY="k8Jx-production-like-secret-4mQz9vTq2Lr7Wc1Np5Hs3Yd6Fb0Gt8Ke2Ua9Zi",
        MALEKORT_ALLOWED_HOSTS="malekort.intern.nav.no",
        MALEKORT_OIDC_ISSUER="https://login.microsoftonline.com/nav.no/v2.0",
        MALEKORT_OIDC_CLIENT_ID="malekort",
        MALEKORT_OIDC_CLIENT_SECRET="entra-id-client-secret",
    )
    env.update(extra)
    return env


def test_check_deploy_reports_no_issues_with_production_settings() -> None:
    result = subprocess.run(
        [MALEKORT, "check", "--deploy", "--fail-level", "WARNING"],
        env=production_env(), capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_debug_is_off_unless_asked_for() -> None:
    script = "from django.conf import settings; print(settings.DEBUG, settings.SECURE_SSL_REDIRECT)"
    env = production_env()
    del env["MALEKORT_DEBUG"]
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {script}"],
        env={**env, "DJANGO_SETTINGS_MODULE": "malekort.settings"},
        capture_output=True, text=True, timeout=300,
    )
    assert result.stdout.split() == ["False", "True"], result.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode(errors="replace")


@pytest.fixture(scope="module")
def server_on_a_dead_database() -> object:
    """`malekort serve` (2 workers) whose database refuses every connection."""
    port = _free_port()
    dead = _free_port()  # nothing listens there
    env = production_env(
        MALEKORT_ALLOWED_HOSTS="127.0.0.1",
        MALEKORT_HTTPS="0",
        DATABASE_URL=f"postgres://malekort:{DB_PASSWORD}@127.0.0.1:{dead}/malekort",
    )
    process = subprocess.Popen(
        [MALEKORT, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "2"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 240  # the first run collects the static files
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if _get(f"{base}/isalive")[0] == 200:
                break
        except OSError:
            time.sleep(0.5)
    else:
        process.kill()
        pytest.fail(f"malekort serve did not start: {process.communicate()[0]}")
    yield process, base
    if process.poll() is None:
        process.kill()
        process.wait()


def test_serve_answers_alive_but_not_ready_without_a_database(server_on_a_dead_database) -> None:  # type: ignore[no-untyped-def]
    _process, base = server_on_a_dead_database
    assert _get(f"{base}/isalive")[0] == 200
    status, _headers, body = _get(f"{base}/isready")
    assert status == 503
    assert "databasen svarer ikke" in body


def test_serve_shows_the_unavailable_page_never_the_password(server_on_a_dead_database) -> None:  # type: ignore[no-untyped-def]
    _process, base = server_on_a_dead_database
    status, headers, body = _get(f"{base}/logg-inn/")
    assert status == 503
    assert "Målekort er midlertidig utilgjengelig" in body and '<html lang="nb"' in body
    assert DB_PASSWORD not in body and "Traceback" not in body and "OperationalError" not in body
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    # The page's stylesheets are served by the application itself, hashed and compressed.
    stylesheet = body.split('href="/static/malekort/app.')[1].split('"')[0]
    css_status, css_headers, _css = _get(f"{base}/static/malekort/app.{stylesheet}", **{"Accept-Encoding": "gzip"})
    assert css_status == 200
    assert css_headers.get("Content-Encoding") in ("gzip", "br")
    assert "immutable" in css_headers["Cache-Control"]


def test_serve_exposes_metrics_of_every_worker(server_on_a_dead_database) -> None:  # type: ignore[no-untyped-def]
    _process, base = server_on_a_dead_database
    for _ in range(4):
        _get(f"{base}/logg-inn/")
    status, _headers, body = _get(f"{base}/metrics")
    assert status == 200
    counts = [
        float(line.rsplit(" ", 1)[1]) for line in body.splitlines()
        if line.startswith("malekort_http_requests_total{") and 'view="login"' in line and 'status="503"' in line
    ]
    assert sum(counts) >= 4


def test_serve_stops_gracefully_on_sigterm(server_on_a_dead_database) -> None:  # type: ignore[no-untyped-def]
    process, _base = server_on_a_dead_database
    process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=120)
    assert process.returncode == 0
    assert "Shutting down: Master" in output
