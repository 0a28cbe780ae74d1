"""Write an indicator's values for areas and months as CSV."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from malekort.access.scope import areas_not_viewable, scope_of, visible_area_filter
from malekort.areas.models import Region
from malekort.domain.periods import Period, PeriodError
from malekort.indicators.models import Indicator
from malekort.scorecard.exports import export_rows, write_csv
from malekort.scorecard.units import region_units
from malekort.statistics.compute import expected_areas


class Command(BaseCommand):
    help = (
        "Skriv indikatorverdier som CSV (indicator,area,period,numerator,denominator,value,symbol,colour). "
        "Uten --area: alle områder som rapporterer."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--indicator", required=True, help="Indikatorkode, for eksempel B.101")
        parser.add_argument("--area", nargs="*", default=[], help="Kommune- eller bydelsnummer (flere tillatt)")
        parser.add_argument("--from", dest="first", required=True, help="Første måned, ÅÅÅÅ-MM")
        parser.add_argument("--to", dest="last", required=True, help="Siste måned, ÅÅÅÅ-MM")
        parser.add_argument("--output", help="Fil å skrive til (standard: skjermen)")
        parser.add_argument("--as-user", help="Bruk tilgangen til denne brukeren")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            indicator = Indicator.objects.get(code=options["indicator"])
        except Indicator.DoesNotExist:
            raise CommandError(f"Ukjent indikator: {options['indicator']}") from None
        try:
            first, last = Period.parse(options["first"]), Period.parse(options["last"])
        except PeriodError as error:
            raise CommandError(str(error)) from None
        if last < first:
            raise CommandError("--to kan ikke være før --from.")
        user = None
        if options["as_user"]:
            from django.contrib.auth import get_user_model

            user = get_user_model().objects.filter(username=options["as_user"]).first()
            if user is None:
                raise CommandError(f"Ukjent bruker: {options['as_user']}")
            if not scope_of(user).can_view_indicator(indicator.owner_id):
                raise CommandError(f"{user} har ikke tilgang til indikatoren {indicator.code}.")
        codes = options["area"] or expected_areas()
        regions = {r.code: r for r in Region.objects.filter(code__in=codes)}
        unknown = sorted(set(codes) - set(regions))
        if unknown:
            raise CommandError(f"Ukjente områdekoder: {', '.join(unknown)}")
        if user is not None:
            if options["area"]:
                hidden = areas_not_viewable(user, codes)
                if hidden:
                    raise CommandError(f"{user} har ikke tilgang til: {', '.join(sorted(hidden))}")
            else:
                allowed = set(Region.objects.filter(visible_area_filter(user, "code")).values_list("code", flat=True))
                codes = [c for c in codes if c in allowed]
        units = region_units(regions[c] for c in codes)
        rows = export_rows(indicator, units, first, last)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8", newline="") as out:
                write_csv(rows, out)
        else:
            write_csv(rows, sys.stdout)
