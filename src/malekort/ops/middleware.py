"""Health and metrics ahead of everything; a request id, metrics, a log line and a 503 page for every request."""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest, HttpResponse

from malekort.ops import errors, health, metrics
from malekort.ops.logs import request_id

logger = logging.getLogger("malekort.requests")

Handler = Callable[[HttpRequest], HttpResponse]
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def _static_prefix() -> str:
    url = str(settings.STATIC_URL)
    return url if url.startswith("/") else f"/{url}"


def _plain(text: str, status: int) -> HttpResponse:
    response = HttpResponse(f"{text}\n", status=status, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


class HealthMiddleware:
    """Answer /isalive, /isready and /metrics before host checks, redirects, sessions and logs.

    Kubernetes probes and Prometheus come by the pod's IP over plain HTTP, so
    these three must not depend on ALLOWED_HOSTS, the HTTPS redirect or the session.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in ("GET", "HEAD"):
            if request.path == "/isalive":
                return _plain("Lever.", 200)
            if request.path == "/isready":
                state = health.readiness()
                return _plain(state.reason, 200 if state.ready else 503)
            if request.path == "/metrics":
                body, content_type = metrics.exposition()
                return HttpResponse(body, content_type=content_type)
        return self.get_response(request)


class RequestMiddleware:
    """Give each request an id (X-Request-ID, honoured when well-formed), count it, time it and log it."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        rid = incoming if _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = request_id.set(rid)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            seconds = time.perf_counter() - started
            match = getattr(request, "resolver_match", None)
            is_static = request.path.startswith(_static_prefix())
            view = "static" if is_static else match.view_name if match is not None else "unresolved"
            metrics.observe_request(
                method=request.method or "", view=view, status=response.status_code, seconds=seconds
            )
            response["X-Request-ID"] = rid
            if not is_static:
                logger.info(
                "request",
                    extra={
                        "method": request.method, "path": request.path, "view": view,
                        "status": response.status_code, "duration_ms": round(seconds * 1000, 1),
                    },
                )
            return response
        finally:
            request_id.reset(token)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, errors.DATABASE_UNAVAILABLE) and not settings.DEBUG:
            logger.error("database unavailable", exc_info=exception)
            return errors.service_unavailable(request)
        return None


class SessionIdleMiddleware:
    """End a session after SESSION_COOKIE_AGE without requests, writing the session at most once a minute.

    Django's SESSION_SAVE_EVERY_REQUEST would write the session row on every
    request; touching it once a minute moves the expiry (and the cookie's) just
    the same, give or take that minute.
    """

    TOUCH_EVERY_SECONDS = 60

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.session_key is not None and not session.is_empty():
            if time.time() - int(session.get(_TOUCHED, 0)) >= self.TOUCH_EVERY_SECONDS:
                touch_session(session)
        return response


_TOUCHED = "_malekort_touched"


def touch_session(session: SessionBase) -> None:
    """Mark the session as used now, so it is saved with a new expiry (logging in counts as use)."""
    session[_TOUCHED] = int(time.time())
