"""`malekort import-kostra PATH...`: the key figures of KOSTRA 11F and 11CF files, computed and stored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser

from malekort.domain.kostra.importing import KostraInput
from malekort.domain.periods import Period, PeriodError
from malekort.kostra.imports import apply_import, plan_import
from malekort.kostra.summary import plan_text


class Command(BaseCommand):
    # The import reads files and the database only; the system checks would import every view and URL
    # (a second of start-up, as long as the import itself). `malekort check` runs them.
    requires_system_checks: list[str] = []
    help = (
        "Leser KOSTRA-filer (11F økonomisk sosialhjelp og 11CF kvalifiseringsstønad, 2022–2026) og lagrer "
        "nøkkeltallene per område og måned. Gi gjerne fjorårets 11F-fil også: den trengs for SH_LANGTID. "
        "En fil med en avvist linje lagrer ingenting."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="KOSTRA-filer, i hvilken som helst rekkefølge.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Beregn og vis hva som ville blitt lagret, uten å lagre noe."
        )
        parser.add_argument(
            "--through", metavar="YYYY-MM", help="Siste måned som skal lagres (standard: siste avsluttede måned)."
        )
        parser.add_argument(
            "--as-user", metavar="USERNAME",
            help="Importer som denne brukeren: en fil med linjer for områder brukeren ikke kan endre, avvises.",
        )
        parser.add_argument(
            "--all-changes", action="store_true", help="Vis alle verdier som endres, ikke bare de første.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = _user(options["as_user"]) if options["as_user"] else None
        through = None
        if options["through"]:
            try:
                through = Period.parse(options["through"])
            except PeriodError as error:
                raise CommandError(f"--through: {error}") from None
        inputs = []
        for name in options["paths"]:
            path = Path(name)
            try:
                inputs.append(KostraInput(path.name, path.read_bytes()))
            except OSError as error:
                raise CommandError(f"Kan ikke lese {name}: {error.strerror}") from None
        plan = plan_import(inputs, user=user, through=through)
        del inputs  # the files' bytes are not kept
        if not options["dry_run"]:
            plan = apply_import(plan, user=user)
        for line in plan_text(plan, dry_run=options["dry_run"], all_changes=options["all_changes"]):
            self.stdout.write(line)
        refused = [f.summary.filename for f in plan.files if f.refused]
        if refused:
            raise CommandError(f"Avvist: {', '.join(refused)}. Ingenting fra disse filene ble lagret.")


def _user(username: str) -> User:
    try:
        return User.objects.get(username=username)
    except User.DoesNotExist:
        raise CommandError(f"Finner ingen bruker med brukernavnet «{username}».") from None
