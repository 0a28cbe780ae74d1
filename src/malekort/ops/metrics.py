"""Prometheus metrics: requests, aggregate refreshes, imports.

Under `malekort serve` each gunicorn worker writes its samples to
PROMETHEUS_MULTIPROC_DIR and /metrics adds them up; under runserver and in
tests one process keeps them in memory.
"""

from __future__ import annotations

import os
import time

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client import multiprocess as _multiprocess

REQUESTS = Counter(
    "malekort_http_requests", "HTTP requests served, by view and status.", ["method", "view", "status"]
)
REQUEST_SECONDS = Histogram(
    "malekort_http_request_duration_seconds", "Time to serve an HTTP request, by view.", ["method", "view"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 2.0, 5.0, 10.0),
)
AGGREGATE_REFRESH_SECONDS = Histogram(
    "malekort_aggregate_refresh_seconds", "Time to bring the statistics aggregates up to date.", ["kind"],
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0),
)
AGGREGATE_REFRESHED_AT = Gauge(
    "malekort_aggregate_last_refresh_timestamp_seconds",
    "When the statistics aggregates were last brought up to date (Unix time); age = time() - this.",
    multiprocess_mode="max",
)
IMPORTS = Counter("malekort_imports", "Value files checked or imported.", ["outcome"])
IMPORT_LINES = Counter("malekort_import_lines", "Lines of value files, by outcome.", ["outcome"])


def observe_request(*, method: str, view: str, status: int, seconds: float) -> None:
    REQUESTS.labels(method, view, str(status)).inc()
    REQUEST_SECONDS.labels(method, view).observe(seconds)


def observe_aggregate_refresh(seconds: float, *, kind: str = "changed") -> None:
    """Record one refresh of the statistics aggregates: `kind` is "full" or "changed" (after a write)."""
    AGGREGATE_REFRESH_SECONDS.labels(kind).observe(seconds)
    AGGREGATE_REFRESHED_AT.set(time.time())


def observe_import(*, dry_run: bool, written: bool, lines: int, refused: int) -> None:
    """Record one value file: checked only, imported, or refused; and how many of its lines were refused."""
    outcome = "dry_run" if dry_run else "written" if written else "refused"
    IMPORTS.labels(outcome).inc()
    IMPORT_LINES.labels("refused").inc(refused)
    IMPORT_LINES.labels("accepted").inc(max(lines - refused, 0))


def exposition() -> tuple[bytes, str]:
    """Return every metric in Prometheus' text format, added up over the server's processes."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        _multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
