"""The 400 and 404 pages: Norwegian, within the site's layout, with the reason when it is ours to tell."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import Resolver404

from malekort.web.params import ParameterError


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Return the 400 page; only our own parameter errors say why (others may echo hostile input)."""
    reason = str(exception) if isinstance(exception, ParameterError) else ""
    return render(request, "400.html", {"reason": reason}, status=400)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Return the 404 page with the reason the view gave, when it gave one in words."""
    return render(request, "404.html", {"reason": _reason(exception)}, status=404)


def _reason(exception: Exception | None) -> str:
    # A URL no pattern matches carries the tried patterns, and get_object_or_404 an English sentence:
    # neither is for the user. The views' own Http404 messages are Norwegian.
    if not isinstance(exception, Http404) or isinstance(exception, Resolver404) or not exception.args:
        return ""
    message = exception.args[0]
    if not isinstance(message, str) or message.endswith("matches the given query."):
        return ""
    return message
