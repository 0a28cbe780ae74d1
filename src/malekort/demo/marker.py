"""Whether the database holds the demo's synthetic figures ("Eksempeldata")."""

from __future__ import annotations

from malekort.demo.models import DemoInfo


def is_demo_database() -> bool:
    return DemoInfo.objects.exists()
