"""Norwegian error pages: refused (403), failed (500) and unavailable (503), never a traceback.

A page is drawn with the user's menu when the database answers; when it does
not (or drawing fails), the same page is drawn without anything that needs it.
"""

from __future__ import annotations

import logging
import sys

from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from malekort.ops.logs import request_id

logger = logging.getLogger("malekort.errors")

_LAST_RESORT = (
    '<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Feil – Målekort</title></head>'
    '<body><h1>Noe gikk galt</h1><p>Prøv igjen om litt. <a href="/">Gå til forsiden</a></p></body></html>'
)


# A lost database connection: the page says "try again later" (503), not "we failed" (500).
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def _page(request: HttpRequest, template: str, status: int, context: dict[str, object], *, menu: bool) -> HttpResponse:
    # A failure's page shows the request's id, so that a user's report can be found in the log.
    context = {**context, "request_id": request_id.get() if status >= 500 else "", "status": status}
    if menu:
        try:
            return render(request, template, context, status=status)
        except Exception:  # the database or the menu failed: draw the page without them
            logger.warning("error page drawn without menu", exc_info=True)
    try:
        body: str = render_to_string(template, context)
    except Exception:
        logger.exception("error page could not be drawn")
        body = _LAST_RESORT
    response = HttpResponse(body, status=status)
    response["Cache-Control"] = "no-store"
    return response


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """403: what the user may not do, said in Norwegian, with the menu."""
    reason = str(exception) if isinstance(exception, PermissionDenied) and exception.args else ""
    return _page(request, "403.html", 403, {"reason": reason}, menu=True)


def service_unavailable(request: HttpRequest) -> HttpResponse:
    """503: the database does not answer; say so and ask to try again."""
    response = _page(request, "503.html", 503, {}, menu=False)
    response["Retry-After"] = "30"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """500, or 503 when what failed was the database connection."""
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        return service_unavailable(request)
    return _page(request, "500.html", 500, {}, menu=True)
