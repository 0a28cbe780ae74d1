"""malekort load-regions PATH | --from-ssb [--date YYYY-MM-DD]"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from malekort.areas.loaders import current_region_codes, load_regions
from malekort.areas.management.reporting import rejected
from malekort.domain.files import FileRejected
from malekort.domain.files.csvfile import read_text
from malekort.domain.files.regions import parse_regions
from malekort.ssb.klass import KlassError, fetch_regions


class Command(BaseCommand):
    help = (
        "Leser fylker, kommuner og bydeler fra en fil (code,level,name,parent_code) "
        "eller fra SSBs klassifikasjonstjeneste KLASS, og oppdaterer regiontabellen."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", type=Path, help="CSV-fil med regioner")
        parser.add_argument(
            "--from-ssb", action="store_true", help="hent fra SSBs KLASS i stedet for fra fil"
        )
        parser.add_argument(
            "--date", dest="at", type=date.fromisoformat, default=None,
            help="med --from-ssb: regionene som gjelder denne datoen (ÅÅÅÅ-MM-DD); ellers i dag",
        )

    def handle(self, *args: Any, path: Path | None, from_ssb: bool, at: date | None,
               **options: Any) -> None:
        if (path is None) == (not from_ssb):
            raise CommandError("Oppgi enten en fil eller --from-ssb, ikke begge eller ingen.")
        if at is not None and not from_ssb:
            raise CommandError("--date brukes bare sammen med --from-ssb.")
        try:
            if path is not None:
                rows = parse_regions(read_text(path), existing_codes=current_region_codes())
                source = str(path)
            else:
                at = at or timezone.localdate()
                rows = fetch_regions(at=at, base_url=settings.MALEKORT_KLASS_URL)
                source = f"SSBs KLASS ({at.isoformat()})"
            result = load_regions(rows=rows)
        except FileRejected as e:
            raise rejected(self.stderr, e) from e
        except KlassError as e:
            raise CommandError(f"{e} Ingenting er lagret.") from e
        self.stdout.write(
            f"Regioner fra {source}: {len(rows)} i alt, {result.created} nye, "
            f"{result.updated} endret, {result.unchanged} uendret."
        )
