"""malekort load-population PATH [--from-year Y]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from malekort.areas.loaders import load_population
from malekort.areas.management.reporting import rejected
from malekort.domain.files import FileRejected
from malekort.domain.files.population import read_population

SHOWN_SKIPPED_REGIONS = 20


class Command(BaseCommand):
    help = (
        "Leser folkemengde per 1. januar etter alder (year,region_code,age,population; "
        "CSV eller CSV.gz) og erstatter tallene for årene og regionene i filen."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="CSV- eller CSV.gz-fil med folkemengde")
        parser.add_argument(
            "--from-year", type=int, default=None, help="last bare år fra og med dette"
        )

    def handle(self, *args: Any, path: Path, from_year: int | None, **options: Any) -> None:
        try:
            result = load_population(table=read_population(path, from_year=from_year))
        except FileRejected as e:
            raise rejected(self.stderr, e) from e
        years = f"{result.years[0]}–{result.years[-1]}" if result.years else "ingen år"
        self.stdout.write(
            f"Folkemengde for {years}: {result.rows} rader for {result.regions} regioner."
        )
        if result.skipped_rows:
            codes = ", ".join(result.skipped_regions[:SHOWN_SKIPPED_REGIONS])
            more = len(result.skipped_regions) - SHOWN_SKIPPED_REGIONS
            self.stdout.write(
                f"Hoppet over {result.skipped_rows} rader for {len(result.skipped_regions)} "
                f"regioner som ikke er i regiontabellen: {codes}"
                + (f" og {more} til." if more > 0 else ".")
            )
