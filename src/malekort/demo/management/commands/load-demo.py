"""`malekort load-demo`: reference data, the demo offices, one user per role and synthetic figures."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from malekort.areas.loaders import load_default_offices
from malekort.demo.loader import (
    DEMO_PASSWORD,
    create_demo_users,
    has_values,
    load_demo_values,
    mark_demo,
    set_demo_limits,
)
from malekort.demo.marker import data_not_from_the_demo
from malekort.demo.sources import load_reference_data


class Command(BaseCommand):
    help = "Laster eksempeldata: regioner, folketall, kontorer, demobrukere og syntetiske månedstall."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--skip-values", action="store_true",
            help="Bare referansedata, kontorer og brukere, ingen månedstall.",
        )
        parser.add_argument(
            "--force", action="store_true",
            help="Last eksempeldata også når MALEKORT_DEBUG er av (aldri i produksjon).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "Eksempeldata lastes ikke når MALEKORT_DEBUG er av: demobrukerne har passordet "
                f"«{DEMO_PASSWORD}». Sett MALEKORT_DEBUG=1 på en utviklingsmaskin, eller bruk --force."
            )
        foreign = data_not_from_the_demo()
        if foreign:
            raise CommandError(
                "Databasen har data som ikke er eksempeldata (" + ", ".join(foreign) + "). "
                "Eksempeldata lastes bare i en ny database eller en som har eksempeldata fra før."
            )
        now = timezone.now()
        if has_values():
            self.stdout.write("Databasen har allerede månedstall; eksempeldata lastes ikke på nytt.")
        else:
            source = load_reference_data(stdout=self.stdout)
            self.stdout.write(f"Regioner og folketall: {source}.")
            load_default_offices()
            if not options["skip_values"]:
                load_demo_values(now=now, stdout=self.stdout)
                set_demo_limits(now=now)
            mark_demo(source, now)
        self.stdout.write(f"\nDemobrukere (passord for alle: «{DEMO_PASSWORD}»):")
        for spec, target in create_demo_users():
            self.stdout.write(f"  {spec.username:<18} {spec.role.label} – {target}")
        base_url = str(settings.MALEKORT_BASE_URL).rstrip("/")
        if base_url:
            self.stdout.write(f"\nLogg inn på {base_url}/ når serveren har startet.")
