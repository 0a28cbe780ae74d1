"""malekort load-region-changes PATH"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from malekort.areas.loaders import current_region_codes, load_region_changes
from malekort.areas.management.reporting import rejected
from malekort.domain.files import FileRejected
from malekort.domain.files.csvfile import read_text
from malekort.domain.files.region_changes import parse_region_changes


class Command(BaseCommand):
    help = (
        "Leser kodeendringer (year,original_code,current_code,weight) og erstatter "
        "endringene for årene i filen. Regionene må være lastet først."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="CSV-fil med kodeendringer")

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        try:
            rows = parse_region_changes(read_text(path), current_codes=current_region_codes())
            result = load_region_changes(rows=rows)
        except FileRejected as e:
            raise rejected(self.stderr, e) from e
        years = f"{result.years[0]}–{result.years[-1]}" if result.years else "ingen år"
        self.stdout.write(
            f"Kodeendringer for {years}: {result.rows} rader, hvorav {result.added_remainders} "
            "for den delen av et område som beholdt koden sin."
        )
