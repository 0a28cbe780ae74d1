"""How far behind the committed data a request may see the aggregates.

Checking for changes costs three queries, and a change found means ordering the
marks and refreshing the stored aggregates under a lock. On the 10th of the
month saves come several a second, and readers that each looked again would
queue behind each other's refreshes. So a process serving requests looks again
at most once every `settings.MALEKORT_AGGREGATES_LAG_SECONDS` (one second by
default): a change committed by any process shows on every process within
that, plus the refresh. Past the lag, one request thread of a process looks
while the others are served what the process had, instead of all of them
waiting for the same refresh. The user who made the change sees it at once: a
request that marked a change records that in its session, and that session's
requests look again on every read until the lag has passed.

Outside a request (commands, the reminder job, tests calling the store) every
read looks again, and so does every request after a change marked outside one
in the same process.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse

# The session key holding when (Unix time) the session's last request that marked a change ended.
MARKED_AT = "malekort_marked_at"


@dataclass
class _Request:
    may_lag: bool
    marked: bool = False


_request: ContextVar[_Request | None] = ContextVar("malekort_aggregates_request", default=None)
# When (time.monotonic) this process last marked a change outside a request (a command, a job, a test).
_marked_outside = 0.0


def seconds() -> float:
    return float(settings.MALEKORT_AGGREGATES_LAG_SECONDS)


def may_serve_stale(checked_at: float) -> bool:
    """Return whether this read may be served aggregates last found current at `checked_at` (time.monotonic).

    Only in a request whose session marked no change within the lag, and when
    this process marked no change outside a request since; for how long,
    `may_lag` says.
    """
    current = _request.get()
    return current is not None and current.may_lag and seconds() > 0 and checked_at > _marked_outside


def may_lag(checked_at: float) -> bool:
    """Return whether this read may be served aggregates last found current at `checked_at`, without looking."""
    return may_serve_stale(checked_at) and time.monotonic() - checked_at < seconds()


def note_marked() -> None:
    """Record that this request marked a change: its own later reads, and its session's, look again."""
    global _marked_outside
    current = _request.get()
    if current is not None:
        current.may_lag = False
        current.marked = True
    else:
        _marked_outside = time.monotonic()


@contextmanager
def serving(request: HttpRequest) -> Iterator[_Request]:
    """Serve one request: it may lag unless its session marked a change within the lag."""
    session = getattr(request, "session", None)
    marked_at = session.get(MARKED_AT) if session is not None and session.session_key else None
    recent = isinstance(marked_at, int | float) and time.time() - marked_at < seconds()
    state = _Request(may_lag=not recent)
    token = _request.set(state)
    try:
        yield state
    finally:
        _request.reset(token)


class AggregatesLagMiddleware:
    """Let a request see aggregates up to the lag old, unless its session has just marked a change."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with serving(request) as state:
            response = self.get_response(request)
            if state.marked and getattr(request, "session", None) is not None:
                request.session[MARKED_AT] = time.time()
        return response
