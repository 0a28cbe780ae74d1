"""`malekort send-reminders`: e-mail the offices that have not reported, before and after the deadline.

Meant to run once a day (cron or a scheduled job). A reminder goes out from
MALEKORT_REMINDER_DAYS_BEFORE days before the 10th up to the deadline, a
notice from MALEKORT_NOTICE_DAYS_AFTER days after it; each office gets each
at most once per month, however often the command runs.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.dateparse import parse_date

from malekort.domain.periods import label
from malekort.followup.reminders import Outcome, send_reminders


class Command(BaseCommand):
    help = (
        "Sender påminnelse før fristen og varsel etter fristen til NAV-kontor som ikke har registrert "
        "nøkkeltallene for måneden. Hvert kontor får hver melding bare én gang."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today", metavar="YYYY-MM-DD",
            help="Kjør som om dagens dato var denne (norsk tid); for testing og etterkjøring.",
        )
        parser.add_argument(
            "--dry-run", action="store_true",
            help="Vis hvem som ville fått e-post, uten å sende eller lagre noe.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = _day(options["today"]) if options["today"] else timezone.localdate()
        try:
            results = send_reminders(
                today,
                days_before=int(settings.MALEKORT_REMINDER_DAYS_BEFORE),
                days_after=int(settings.MALEKORT_NOTICE_DAYS_AFTER),
                dry_run=options["dry_run"],
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        if not results:
            self.stdout.write(
                f"Ingenting å sende {today:%Y-%m-%d}: ingen frist er nær, eller alle kontorer har "
                "rapportert eller allerede fått meldingen."
            )
            return
        for result in results:
            line = (
                f"{result.stage.label}, {label(result.period)}: {result.office_name} ({result.office_code}) – "
                f"{result.outcome.label}"
            )
            if result.recipients:
                line += f" til {', '.join(result.recipients)}"
            if result.error:
                line += f": {result.error}"
            self.stdout.write(line)
        failed = [r for r in results if r.outcome is Outcome.FAILED]
        if failed:
            raise CommandError(f"{len(failed)} e-poster kunne ikke sendes; de prøves igjen ved neste kjøring.")


def _day(text: str) -> date:
    try:
        day = parse_date(text)
    except ValueError:
        day = None
    if day is None:
        raise CommandError(f"--today: «{text}» er ikke en dato på formen ÅÅÅÅ-MM-DD.")
    return day
