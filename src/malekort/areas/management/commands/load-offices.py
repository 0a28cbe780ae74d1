"""malekort load-offices PATH | --default"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from malekort.areas.loaders import current_region_codes, load_default_offices, load_offices
from malekort.areas.management.reporting import rejected
from malekort.domain.files import FileRejected
from malekort.domain.files.csvfile import read_text
from malekort.domain.files.offices import parse_offices


class Command(BaseCommand):
    help = (
        "Leser NAV-kontorer (office_code,office_name,area_code; én linje per område kontoret "
        "betjener), eller lager eksempelets kontorer fra regiontabellen med --default."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", type=Path, help="CSV-fil med kontorer")
        parser.add_argument(
            "--default", action="store_true",
            help="ett kontor per kommune, bydelskontorer i Oslo, Bergen og Trondheim, "
                 "og Nav Hallingdal",
        )

    def handle(self, *args: Any, path: Path | None, default: bool, **options: Any) -> None:
        if (path is None) == (not default):
            raise CommandError("Oppgi enten en fil eller --default, ikke begge eller ingen.")
        try:
            if path is not None:
                rows = parse_offices(read_text(path), known_areas=current_region_codes())
                result = load_offices(rows=rows)
            else:
                result = load_default_offices()
        except FileRejected as e:
            raise rejected(self.stderr, e) from e
        self.stdout.write(
            f"Kontorer: {result.created} nye, {result.updated} fikk nytt navn; "
            f"de betjener {result.areas_served} områder."
        )
