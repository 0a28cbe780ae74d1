"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from malekort.access.scope import scope_of
from malekort.demo.marker import is_demo_database


def site(request: HttpRequest) -> dict[str, Any]:
    """Return the demo marker and what the menu offers this user."""
    context: dict[str, Any] = {"is_demo": is_demo_database()}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        scope = scope_of(user)
        context["menu_municipalities"] = sorted(scope.municipality_codes)
        context["menu_statistics"] = scope.everything or bool(scope.county_codes)
        context["menu_upload"] = scope.may_register
        context["menu_kostra"] = scope.may_register
    return context
