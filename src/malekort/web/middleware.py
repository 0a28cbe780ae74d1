"""Refuse an address carrying a NUL character before any view reads it.

No code, month or name of ours contains one, and PostgreSQL refuses it in every
text it is given: a lookup with it raised instead of finding nothing (a 500).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from malekort.web.params import BadParameter


class RefuseNulCharacters:
    """Answer 400 for a NUL character in the path or a query parameter (forms refuse it in posted fields)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any("\x00" in key or "\x00" in value for key, value in _query(request)):
            raise BadParameter("Adressen inneholder et tegn som ikke kan brukes (NUL).")
        return self.get_response(request)


def _query(request: HttpRequest) -> list[tuple[str, str]]:
    return [(key, value) for key, values in request.GET.lists() for value in values]
