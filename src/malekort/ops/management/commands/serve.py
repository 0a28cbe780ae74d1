"""`malekort serve`: run Målekort under gunicorn, as in production."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser


def _default_workers() -> int:
    return int(os.environ.get("MALEKORT_WORKERS", "2"))


def static_files_outdated() -> bool:
    """Return whether collectstatic must run: no manifest yet, or a source file newer than it."""
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if not manifest.exists():
        return True
    collected_at = manifest.stat().st_mtime
    for finder in get_finders():
        for path, storage in finder.list([]):
            if Path(storage.path(path)).stat().st_mtime > collected_at:
                return True
    return False


class Command(BaseCommand):
    help = "Kjører Målekort med gunicorn, slik det kjører i produksjon (stopper pent ved SIGTERM)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bind", default=os.environ.get("MALEKORT_BIND", "0.0.0.0:8080"),
            help="HOST:PORT å lytte på (standard: MALEKORT_BIND eller 0.0.0.0:8080).",
        )
        parser.add_argument(
            "--workers", type=int, default=_default_workers(),
            help="Antall prosesser (standard: MALEKORT_WORKERS eller 2).",
        )
        parser.add_argument(
            "--threads", type=int, default=int(os.environ.get("MALEKORT_THREADS", "4")),
            help="Tråder per prosess (standard: MALEKORT_THREADS eller 4).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["workers"] < 1 or options["threads"] < 1:
            raise CommandError("--workers og --threads må være minst 1.")
        if not settings.DEBUG and static_files_outdated():
            self.stdout.write(f"Samler statiske filer i {settings.STATIC_ROOT} …")
            call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.flush()
        argv = [
            sys.executable, "-m", "malekort.ops.server",
            "--bind", options["bind"], "--workers", str(options["workers"]), "--threads", str(options["threads"]),
        ]
        # Replace this process: the gunicorn master gets our PID and SIGTERM from the platform directly.
        os.execv(sys.executable, argv)
