"""/isalive, /isready and /metrics for the platform; a request id and JSON lines for the logs."""

from __future__ import annotations

import io
import json
import logging
import sys
from collections.abc import Iterator
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

from malekort.ops import health, metrics
from malekort.ops.logs import JsonFormatter, RequestIdFilter


def test_alive_answers_without_a_known_host_or_https(client: Client) -> None:
    response = client.get("/isalive", HTTP_HOST="10.0.3.17:8080")
    assert response.status_code == 200
    assert response.content.decode().strip() == "Lever."


def test_ready_when_the_database_answers_and_is_migrated(db: None, client: Client) -> None:
    health._migrations_seen_complete = False
    response = client.get("/isready", HTTP_HOST="10.0.3.17:8080")
    assert response.status_code == 200
    assert response.content.decode().strip() == "Klar."


def test_not_ready_when_the_database_does_not_answer(db: None, client: Client) -> None:
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("down")):
        response = client.get("/isready")
    assert response.status_code == 503
    assert "databasen svarer ikke" in response.content.decode()


def test_not_ready_while_migrations_are_missing(db: None, client: Client) -> None:
    health._migrations_seen_complete = False
    with mock.patch("django.db.migrations.executor.MigrationExecutor.migration_plan", return_value=[("m", False)] * 2):
        response = client.get("/isready")
    assert response.status_code == 503
    assert "2 databasemigreringer er ikke kjørt" in response.content.decode()


def _sample(text: str, name: str, **labels: str) -> float:
    wanted = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    for line in text.splitlines():
        if line.startswith(f"{name}{{") or line.startswith(f"{name} "):
            series, value = line.rsplit(" ", 1)
            found = series[len(name):].strip("{}")
            if ",".join(sorted(found.split(","))) == wanted:
                return float(value)
    return 0.0


def test_metrics_count_requests_by_view_and_status(client: Client, world) -> None:  # type: ignore[no-untyped-def]
    before = client.get("/metrics").content.decode()
    client.force_login(world.alice)
    client.get(f"/kontor/{world.grunerlokka.code}/")
    client.get(f"/kontor/{world.kristiansand.code}/")
    response = client.get("/metrics")
    assert response["Content-Type"].startswith("text/plain")
    after = response.content.decode()
    for status in ("200", "403"):
        labels = {"method": "GET", "view": "office-months", "status": status}
        assert _sample(after, "malekort_http_requests_total", **labels) == (
            _sample(before, "malekort_http_requests_total", **labels) + 1
        )
    assert "malekort_http_request_duration_seconds_bucket" in after


def test_metrics_of_aggregate_refreshes_and_imports(client: Client) -> None:
    before = client.get("/metrics").content.decode()
    metrics.observe_aggregate_refresh(0.2, kind="full")
    metrics.observe_import(dry_run=False, written=False, lines=10, refused=3)
    after = client.get("/metrics").content.decode()
    assert _sample(after, "malekort_aggregate_refresh_seconds_count", kind="full") == (
        _sample(before, "malekort_aggregate_refresh_seconds_count", kind="full") + 1
    )
    assert _sample(after, "malekort_aggregate_last_refresh_timestamp_seconds") > 0
    assert _sample(after, "malekort_imports_total", outcome="refused") == (
        _sample(before, "malekort_imports_total", outcome="refused") + 1
    )
    assert _sample(after, "malekort_import_lines_total", outcome="refused") == (
        _sample(before, "malekort_import_lines_total", outcome="refused") + 3
    )


def test_a_request_id_is_honoured_or_made_and_returned(db: None, client: Client) -> None:
    assert client.get("/logg-inn/", headers={"X-Request-ID": "abc-123"})["X-Request-ID"] == "abc-123"
    made = client.get("/logg-inn/", headers={"X-Request-ID": "not valid <script>"})["X-Request-ID"]
    assert len(made) == 32 and made.isalnum()


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    """The log as the settings' handler writes it: JSON lines with the request id."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logging.getLogger().addHandler(handler)
    yield stream
    logging.getLogger().removeHandler(handler)


def test_each_request_is_one_json_line_with_its_id_and_no_query_or_user(
    client: Client, world, log_lines: io.StringIO  # type: ignore[no-untyped-def]
) -> None:
    client.force_login(world.alice)
    client.get(f"/kontor/{world.grunerlokka.code}/?per=2025-01-05", headers={"X-Request-ID": "req-42"})
    lines = [json.loads(line) for line in log_lines.getvalue().splitlines()]
    request_lines = [line for line in lines if line.get("message") == "request"]
    assert len(request_lines) == 1
    line = request_lines[0]
    assert line["request_id"] == "req-42"
    assert line["path"] == f"/kontor/{world.grunerlokka.code}/"
    assert line["status"] == 200 and line["level"] == "INFO"
    assert "alice" not in json.dumps(lines) and "2025-01-05" not in json.dumps(lines)


def test_an_exception_is_logged_by_type_and_stack_never_by_its_message() -> None:
    formatter = JsonFormatter()
    value = 1638
    detail = f"DETAIL: Key (value)=({value}) already exists"
    try:
        raise ValueError(detail)
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", None, exc_info=sys.exc_info())
    RequestIdFilter().filter(record)
    line = json.loads(formatter.format(record))
    assert line["message"] == "failed"
    assert "builtins.ValueError (message left out)" in line["exc_info"]
    assert "1638" not in json.dumps(line)


def test_an_import_counts_its_outcome_and_refused_lines(client: Client, world) -> None:  # type: ignore[no-untyped-def]
    from malekort.figures.transfer import import_values

    before = client.get("/metrics").content.decode()
    csv_file = io.BytesIO(
        b"period,area,code,value,comment\n2025-01,030102,SH_MOTTAKERE,10,\n2025-01,4204,SH_MOTTAKERE,12,\n"
    )
    report = import_values(path_or_file=csv_file, filename="tall.csv", user=world.alice, valid_only=False,
                           dry_run=True)
    assert len(report.refused) == 1
    after = client.get("/metrics").content.decode()
    assert _sample(after, "malekort_imports_total", outcome="dry_run") == (
        _sample(before, "malekort_imports_total", outcome="dry_run") + 1
    )
    assert _sample(after, "malekort_import_lines_total", outcome="refused") == (
        _sample(before, "malekort_import_lines_total", outcome="refused") + 1
    )
    assert _sample(after, "malekort_import_lines_total", outcome="accepted") == (
        _sample(before, "malekort_import_lines_total", outcome="accepted") + 1
    )


def test_a_recompute_of_the_aggregates_is_timed(client: Client, world) -> None:  # type: ignore[no-untyped-def]
    from malekort.statistics import store

    before = client.get("/metrics").content.decode()
    store.recompute_everything()
    after = client.get("/metrics").content.decode()
    assert _sample(after, "malekort_aggregate_refresh_seconds_count", kind="full") == (
        _sample(before, "malekort_aggregate_refresh_seconds_count", kind="full") + 1
    )


def test_a_refused_parameter_is_logged_without_a_traceback(
    client: Client, world, log_lines: io.StringIO  # type: ignore[no-untyped-def]
) -> None:
    client.force_login(world.dina)
    response = client.get("/oppfolging/?maned=2025-99")
    assert response.status_code == 400
    lines = [json.loads(line) for line in log_lines.getvalue().splitlines()]
    refused = [line for line in lines if line.get("logger") == "django.request"]
    assert refused and all(line["level"] == "WARNING" for line in refused)
    assert not any("exc_info" in line for line in refused)  # the client erred, not the code: no stack
