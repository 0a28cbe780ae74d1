"""A request may see the aggregates up to the lag old; whoever made a change sees it at once.

Reads in one process look for changes at most once a lag
(`MALEKORT_AGGREGATES_LAG_SECONDS`), so that saves arriving several a second do
not make every reader refresh. A change must still show everywhere within the
lag, at once to the session that made it, and at once outside requests.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from malekort.domain.periods import Period
from malekort.statistics import lag, store
from registered import register

MARCH = Period(2025, 3)


class Clock:
    """time.monotonic and time.time, moved on by hand."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.offset = 0.0
        monotonic, wall = time.monotonic, time.time
        monkeypatch.setattr(time, "monotonic", lambda: monotonic() + self.offset)
        monkeypatch.setattr(time, "time", lambda: wall() + self.offset)

    def advance(self, seconds: float) -> None:
        self.offset += seconds


@pytest.fixture
def clock(monkeypatch, settings) -> Clock:
    settings.MALEKORT_AGGREGATES_LAG_SECONDS = 1.0
    return Clock(monkeypatch)


@pytest.fixture
def reported(agder):
    register("4204", "2025-03", SH_MOTTAKERE=300)
    store.forget()
    return agder


def session() -> SessionStore:
    made = SessionStore()
    made.create()
    return made


def in_request(of: SessionStore, work: Callable[[], object]) -> object:
    """Do the work as a request of the session, through the middleware; return what it gave."""
    found: list[object] = []

    def view(request: HttpRequest) -> HttpResponse:
        found.append(work())
        return HttpResponse()

    request = RequestFactory().get("/statistikk/")
    request.session = of
    lag.AggregatesLagMiddleware(view)(request)
    of.save()  # as SessionMiddleware does after the response
    return found[0]


def county() -> float:
    aggregate = store.current_bundle().figure("42", "SH_MOTTAKERE", MARCH)
    assert aggregate is not None
    return aggregate.known_sum


def test_another_users_change_shows_within_the_lag(reported, clock):
    reader, writer = session(), session()
    assert in_request(reader, county) == 300
    in_request(writer, lambda: register("4204", "2025-03", SH_MOTTAKERE=400))

    clock.advance(0.5)
    assert in_request(reader, county) == 300  # looked 0.5 s ago: not again yet
    clock.advance(0.6)
    assert in_request(reader, county) == 400


def test_the_user_who_made_a_change_sees_it_at_once(reported, clock):
    writer = session()
    assert in_request(writer, county) == 300

    def save_and_read() -> float:
        register("4204", "2025-03", SH_MOTTAKERE=400)
        return county()

    assert in_request(writer, save_and_read) == 400  # in the same request
    in_request(session(), lambda: register("4204", "2025-03", SH_MOTTAKERE=450))
    clock.advance(0.3)
    assert in_request(writer, county) == 450  # the session changed something within the lag: it looks every time


def test_a_session_looks_again_on_every_read_only_while_its_change_is_recent(reported, clock):
    writer, other = session(), session()
    in_request(writer, lambda: register("4204", "2025-03", SH_MOTTAKERE=400))
    clock.advance(1.5)
    assert in_request(writer, county) == 400
    in_request(other, lambda: register("4204", "2025-03", SH_MOTTAKERE=450))
    assert in_request(writer, county) == 400  # its own change is 1.5 s old: it may lag like anyone


def test_reads_outside_a_request_and_after_a_change_outside_one_always_look(reported, clock):
    reader = session()
    assert in_request(reader, county) == 300
    register("4204", "2025-03", SH_MOTTAKERE=400)  # a command in this process
    assert in_request(reader, county) == 400
    in_request(session(), lambda: register("4204", "2025-03", SH_MOTTAKERE=450))
    assert county() == 450  # outside a request


def test_no_lag_when_set_to_zero(reported, clock, settings):
    settings.MALEKORT_AGGREGATES_LAG_SECONDS = 0
    reader = session()
    assert in_request(reader, county) == 300
    in_request(session(), lambda: register("4204", "2025-03", SH_MOTTAKERE=400))
    assert in_request(reader, county) == 400


def test_past_the_lag_one_thread_looks_and_the_others_are_served_what_the_process_had(reported, clock):
    reader = session()
    assert in_request(reader, county) == 300
    in_request(session(), lambda: register("4204", "2025-03", SH_MOTTAKERE=400))
    clock.advance(1.1)
    with store._looking:  # another request thread of this process is looking for changes
        assert in_request(reader, county) == 300
        writer = session()
        in_request(writer, lambda: register("4204", "2025-03", SH_MOTTAKERE=450))
        assert in_request(writer, county) == 450  # whoever changed something looks themselves
    assert in_request(reader, county) == 450
