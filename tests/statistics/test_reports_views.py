"""Report downloads: who may fetch which report, the formats, and 404 for what is no report."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from report_fixtures import build_reported

from malekort.domain.files.jsonstat import validate_dataset
from malekort.domain.periods import Period

pytestmark = pytest.mark.urls("report_test_urls")


@pytest.fixture
def reported(world):
    return build_reported(world)


def url(scope: str, month: str, fmt: str) -> str:
    return reverse("statistics-report", args=[scope, month, fmt])


def fetch(client, user, path):
    if user is not None:
        client.force_login(user)
    return client.get(path)


def test_the_urls():
    assert url("riket", "2025-03", "pdf") == "/statistikk/rapport/riket/2025-03.pdf"
    assert reverse("statistics-reports") == "/statistikk/rapporter/"


FORMATS = {
    "pdf": ("application/pdf", b"%PDF"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
    "csv": ("text/csv; charset=utf-8", b"region,region_name,period"),
    "json": ("application/json; charset=utf-8", b"{"),
}


def test_the_directorate_downloads_every_format(client, reported):
    client.force_login(reported.dina)
    for fmt, (content_type, start) in FORMATS.items():
        response = client.get(url("42", "2025-03", fmt))
        assert response.status_code == 200
        assert response["Content-Type"] == content_type
        assert response["Content-Disposition"] == f'attachment; filename="malekort-42-2025-03.{fmt}"'
        assert response.content.startswith(start)


def test_the_json_download_is_jsonstat(client, reported):
    response = fetch(client, reported.dina, url("riket", "2025-03", "json"))
    assert validate_dataset(json.loads(response.content)) == []


ACCESS = [
    ("dina", "riket", 200), ("dina", "33", 200),
    ("agnes", "42", 200), ("agnes", "riket", 200), ("agnes", "33", 403),
    ("alice", "riket", 200), ("alice", "03", 403),
    ("olga", "riket", 200), ("olga", "03", 403),
    ("nobody", "riket", 403),
]


def test_access(client, reported):
    # National figures for every role; a county's report for the Directorate and that county's governor.
    nobody = User.objects.create_user("nobody")  # logged in, but without a role
    for who, scope, status in ACCESS:
        client.force_login(nobody if who == "nobody" else getattr(reported, who))
        assert client.get(url(scope, "2025-03", "csv")).status_code == status, (who, scope)


def test_login_is_required(client, reported):
    response = client.get(url("riket", "2025-03", "csv"))
    assert response.status_code == 302
    assert "/logg-inn/" in response["Location"]


def this_month() -> str:
    return str(Period.of(timezone.localdate()))


NOT_FOUND = [
    ("99", "2025-03", "csv"),  # no such county
    ("0301", "2025-03", "csv"),  # a kommune is no report scope
    ("riket", "2025-13", "csv"),
    ("riket", "2025-3", "csv"),
    ("riket", "2021-12", "csv"),  # before the collection began
    ("riket", None, "csv"),  # the month has not ended
    ("riket", "2025-03", "docx"),
]


def test_what_is_no_report_is_not_found(client, reported):
    client.force_login(reported.dina)
    for scope, month, fmt in NOT_FOUND:
        assert client.get(url(scope, month or this_month(), fmt)).status_code == 404, (scope, month, fmt)


def test_the_page_lists_the_reports_the_user_may_download(client, reported):
    page = fetch(client, reported.agnes, reverse("statistics-reports") + "?periode=2025-03").content.decode()
    assert url("riket", "2025-03", "pdf") in page
    assert url("42", "2025-03", "xlsx") in page
    assert url("33", "2025-03", "pdf") not in page
    client.logout()
    page = fetch(client, reported.dina, reverse("statistics-reports") + "?periode=2025-03").content.decode()
    for scope in ("riket", "03", "15", "33", "42"):
        assert url(scope, "2025-03", "json") in page
