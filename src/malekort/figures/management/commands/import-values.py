"""`malekort import-values PATH`: register the values of a CSV or Excel file as one import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser

from malekort.access.scope import scope_of
from malekort.domain.files.errors import FileRejected
from malekort.figures.actions import ConcurrentEditError, RegistrationError
from malekort.figures.models import Source
from malekort.figures.transfer import import_values

SOURCES = {"file": Source.FILE, "arena": Source.ARENA}


class Command(BaseCommand):
    help = (
        "Importerer verdier fra en CSV- eller Excel-fil med kolonnene "
        "period,area,code,value,comment. Avvises en linje, lagres ingenting "
        "(med mindre --valid-only er gitt)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="Filen som skal importeres (.csv eller .xlsx).")
        parser.add_argument(
            "--dry-run", action="store_true",
            help="Sjekk filen og vis hva som ville skjedd, uten å lagre noe.",
        )
        parser.add_argument(
            "--valid-only", action="store_true",
            help="Lagre de gyldige linjene selv om andre linjer avvises.",
        )
        parser.add_argument(
            "--as-user", metavar="USERNAME",
            help="Importer som denne brukeren: bare områdene brukeren kan endre godtas.",
        )
        parser.add_argument(
            "--source", choices=sorted(SOURCES), default="file",
            help="Kilden verdiene registreres med: file (en fil, standard) eller arena (direktoratets "
            "uttrekk av KVP-deltakere fra Arena; bare for direktoratet).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = _user(options["as_user"]) if options["as_user"] else None
        path = Path(options["path"])
        source = SOURCES[options["source"]]
        if source is Source.ARENA and not scope_of(user).everything:
            raise CommandError("Bare direktoratet kan registrere verdier med Arena som kilde.")
        try:
            report = import_values(
                path_or_file=path,
                filename=path.name,
                user=user,
                valid_only=options["valid_only"],
                dry_run=options["dry_run"],
                source=source,
            )
        except FileRejected as error:
            raise CommandError(error.report()) from error
        except (ConcurrentEditError, RegistrationError) as error:
            raise CommandError(
                "Noen endret de samme månedene mens filen ble lagret; ingenting ble lagret. "
                "Prøv igjen."
            ) from error
        for text in report.summary():
            self.stdout.write(text)
        if report.refused:
            count = len(report.refused)
            raise CommandError(f"{count} {'linje' if count == 1 else 'linjer'} ble avvist.")


def _user(username: str) -> User:
    try:
        return User.objects.get(username=username)
    except User.DoesNotExist:
        raise CommandError(f"Finner ingen bruker med brukernavnet «{username}».") from None
