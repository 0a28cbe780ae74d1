"""`malekort clear-uploads`: delete checked files that were not imported within an hour."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from malekort.registration.staging import clear_expired_uploads


class Command(BaseCommand):
    help = "Sletter kontrollerte filer som ikke ble importert innen en time."

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = clear_expired_uploads(now=timezone.now())
        self.stdout.write(f"Slettet {deleted} kontrollerte filer eldre enn en time.")
