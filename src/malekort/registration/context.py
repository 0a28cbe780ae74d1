"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from malekort.demo.marker import is_demo_database


def site(request: HttpRequest) -> dict[str, Any]:
    return {"is_demo": is_demo_database()}
