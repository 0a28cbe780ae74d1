"""`malekort export-values`: write the current values as CSV or Excel, to stdout by default."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO, Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser

from malekort.domain.periods import Period, PeriodError
from malekort.figures.transfer import export_rows, write_csv, write_xlsx


class Command(BaseCommand):
    help = (
        "Eksporterer gjeldende verdier med kolonnene "
        "period,area,code,value,comment,status,source,updated_at."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output", metavar="PATH", help="Filen som skal skrives (ellers stdout)."
        )
        parser.add_argument(
            "--format", choices=["csv", "xlsx"],
            help="Filformat; uten dette velges det ut fra filnavnet, ellers csv.",
        )
        parser.add_argument("--from", dest="first", metavar="YYYY-MM", help="Første måned.")
        parser.add_argument("--to", dest="last", metavar="YYYY-MM", help="Siste måned.")
        parser.add_argument(
            "--area", nargs="+", action="extend", metavar="CODE",
            help="Områder (med områdene under: 0301 gir Oslo og bydelene).",
        )
        parser.add_argument(
            "--code", nargs="+", action="extend", metavar="CODE", help="Nøkkeltall (koder)."
        )
        parser.add_argument(
            "--as-user", metavar="USERNAME",
            help="Eksporter det denne brukeren kan se (ellers alt).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = _user(options["as_user"]) if options["as_user"] else None
        output: str | None = options["output"]
        fmt = options["format"] or (
            "xlsx" if output and output.lower().endswith(".xlsx") else "csv"
        )
        rows = export_rows(
            user=user,
            first=_period(options["first"], "--from"),
            last=_period(options["last"], "--to"),
            area_codes=options["area"],
            figure_codes=options["code"],
        )
        if output:
            if fmt == "xlsx":
                with Path(output).open("wb") as binary:
                    count = write_xlsx(rows, binary)
            else:
                with Path(output).open("w", encoding="utf-8", newline="") as text:
                    count = write_csv(rows, text)
            self.stderr.write(f"Skrev {count} verdier til {output}.")
        elif fmt == "xlsx":
            buffer: IO[bytes] | None = getattr(self.stdout._out, "buffer", None)
            if buffer is None or sys.stdout.isatty():
                raise CommandError("Excel skrives ikke til terminalen; bruk --output FIL.xlsx.")
            write_xlsx(rows, buffer)
        else:
            try:
                write_csv(rows, self.stdout)
            except BrokenPipeError:
                # The reader stopped early (`| head`): not an error, and nothing more to say.
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _period(text: str | None, option: str) -> Period | None:
    if not text:
        return None
    try:
        return Period.parse(text)
    except PeriodError as error:
        raise CommandError(f"{option}: {error}") from None


def _user(username: str) -> User:
    try:
        return User.objects.get(username=username)
    except User.DoesNotExist:
        raise CommandError(f"Finner ingen bruker med brukernavnet «{username}».") from None
