"""malekort load-population PATH [--from-year Y] | --from-ssb (--year Y ... | --from-year Y)"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q
from django.utils import timezone

from malekort.areas.loaders import load_population
from malekort.areas.management.reporting import rejected
from malekort.areas.models import Region
from malekort.domain.files import FileRejected
from malekort.domain.files.population import read_population
from malekort.ssb import pxweb
from malekort.ssb.pxweb import PxWebError, fetch_population

SHOWN_SKIPPED_REGIONS = 20
SHOWN_MISSING_REGIONS = 20


class Command(BaseCommand):
    help = (
        "Leser folkemengde per 1. januar etter alder fra en fil (year,region_code,age,population; "
        "CSV eller CSV.gz) eller fra SSBs statistikkbank (tabell 07459 og 10826), og erstatter "
        "tallene for årene og regionene som ble lest."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", type=Path, help="CSV- eller CSV.gz-fil med folkemengde")
        parser.add_argument(
            "--from-ssb", action="store_true",
            help="hent fra SSBs statistikkbank for regionene som gjelder i dag, i stedet for fra fil",
        )
        parser.add_argument(
            "--year", dest="years", type=int, action="append", default=None,
            help="med --from-ssb: året som skal hentes; kan gis flere ganger",
        )
        parser.add_argument(
            "--from-year", type=int, default=None,
            help="last bare år fra og med dette (med --from-ssb: alle år SSB har fra og med dette)",
        )

    def handle(self, *args: Any, path: Path | None, from_ssb: bool, years: list[int] | None,
               from_year: int | None, **options: Any) -> None:
        if (path is None) == (not from_ssb):
            raise CommandError("Oppgi enten en fil eller --from-ssb, ikke begge eller ingen.")
        if years is not None and not from_ssb:
            raise CommandError("--year brukes bare sammen med --from-ssb; for en fil, bruk --from-year.")
        if from_ssb and (years is None) == (from_year is None):
            raise CommandError(
                "Oppgi hvilke år som skal hentes fra SSB: --year ÅR (en eller flere ganger) "
                "eller --from-year ÅR, ikke begge."
            )
        missing: Mapping[str, tuple[int, ...]] = {}
        try:
            if path is not None:
                table = read_population(path, from_year=from_year)
                source = ""
            else:
                codes = current_region_codes()
                if not codes:
                    raise CommandError(
                        "Regiontabellen har ingen gjeldende regioner. Last regionene først "
                        "(malekort load-regions). Ingenting er lagret."
                    )
                fetched = fetch_population(
                    region_codes=codes, years=years, from_year=from_year,
                    base_url=getattr(settings, "MALEKORT_SSB_PXWEB_URL", pxweb.DEFAULT_URL),
                )
                table, missing = fetched.table, fetched.missing
                source = f" fra SSB (tabell {pxweb.KOMMUNE_TABLE.table_id} og {pxweb.BYDEL_TABLE.table_id})"
            result = load_population(table=table)
        except FileRejected as e:
            raise rejected(self.stderr, e) from e
        except PxWebError as e:
            raise CommandError(f"{e} Ingenting er lagret.") from e
        span = (
            "ingen år" if not result.years
            else str(result.years[0]) if len(result.years) == 1
            else f"{result.years[0]}–{result.years[-1]}"
        )
        self.stdout.write(
            f"Folkemengde{source} for {span}: {result.rows} rader for {result.regions} regioner."
        )
        if result.skipped_rows:
            codes_text = ", ".join(result.skipped_regions[:SHOWN_SKIPPED_REGIONS])
            more = len(result.skipped_regions) - SHOWN_SKIPPED_REGIONS
            self.stdout.write(
                f"Hoppet over {result.skipped_rows} rader for {len(result.skipped_regions)} "
                f"regioner som ikke er i regiontabellen: {codes_text}"
                + (f" og {more} til." if more > 0 else ".")
            )
        if missing:
            shown = [f"{code} ({', '.join(map(str, y))})" for code, y in list(missing.items())[:SHOWN_MISSING_REGIONS]]
            more = len(missing) - SHOWN_MISSING_REGIONS
            self.stdout.write(
                f"SSB har ikke tall for {len(missing)} regioner (år i parentes); de har ikke fått ny "
                f"folkemengde: {', '.join(shown)}" + (f" og {more} til." if more > 0 else ".")
            )


def current_region_codes() -> list[str]:
    """Return the codes of the regions in force today (no end date, or one in the future)."""
    today = timezone.localdate()
    return list(
        Region.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=today)).values_list("code", flat=True)
    )
