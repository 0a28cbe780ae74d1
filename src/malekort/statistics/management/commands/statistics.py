"""`malekort statistics`: a key figure for the nation or every county for one month, as CSV."""

from __future__ import annotations

import csv
import os
import sys
from pathlib import Path
from typing import IO, Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from malekort.domain.amounts import Amount
from malekort.domain.deadlines import FIRST_PERIOD, last_complete_period
from malekort.domain.files.csv_cells import neutralise
from malekort.domain.periods import Period, PeriodError, label
from malekort.domain.regions import NATION_CODE
from malekort.figures.catalogue import all_figures
from malekort.statistics.reports.tables import COVERAGE_DECIMALS, FigureSummary, counties, figure_summaries, number_text

COLUMNS = ("area", "period", "known_sum", "dotted", "missing", "lower", "upper", "coverage")
LEVELS = ("riket", "fylke")


class Command(BaseCommand):
    help = (
        "Skriver et nøkkeltall for én måned som CSV med kolonnene "
        "area,period,known_sum,dotted,missing,lower,upper,coverage: én rad for riket (område 0), eller én "
        "rad per fylke som har områder som rapporterer. known_sum er summen av tallene som er rapportert, og "
        "står tom når summen ikke kan publiseres (1–3 personer, eller bare prikker) eller ingen har rapportert. "
        "dotted og missing er antall områder med prikk og uten tall. lower er kjent sum (0 når alle som har "
        "rapportert, har prikk), upper er kjent sum pluss 3 per prikk; begge står tomme når de ville avsløre en "
        "sum på 1–3 eller ingen har rapportert, og upper står tom for kroner når noen områder er prikket (da "
        "finnes ingen øvre grense). coverage er andelen av befolkningen 18–66 år i områdene med kjent tall, "
        "med 4 desimaler."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--code", required=True, metavar="CODE", help="Nøkkeltall, for eksempel SH_MOTTAKERE.")
        parser.add_argument("--level", required=True, metavar="fylke|riket", help="riket eller fylke.")
        parser.add_argument("--period", required=True, metavar="YYYY-MM", help="Måneden, for eksempel 2025-03.")
        parser.add_argument("--output", metavar="FILE", help="Filen som skal skrives (ellers skjermen).")

    def handle(self, *args: Any, **options: Any) -> None:
        figures = all_figures()
        code: str = options["code"]
        if code not in figures:
            raise CommandError(f"Ukjent nøkkeltall «{code}». Gyldige koder: {', '.join(figures)}.")
        level: str = options["level"]
        if level not in LEVELS:
            raise CommandError(f"Ukjent nivå «{level}». Bruk «riket» eller «fylke».")
        period = _period(options["period"])
        regions = [NATION_CODE] if level == "riket" else [county.code for county in counties()]
        rows = figure_summaries(regions, figures[code], period) if regions else []
        output: str | None = options["output"]
        if output:
            with Path(output).open("w", encoding="utf-8", newline="") as out:
                write_rows(rows, period, out)
            self.stderr.write(f"Skrev {len(rows)} rader til {output}.")
            return
        try:
            write_rows(rows, period, self.stdout)
        except BrokenPipeError:
            # The reader stopped early (`| head`): not an error.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def write_rows(rows: list[FigureSummary], period: Period, out: IO[str] | Any) -> None:
    """Write the summaries as CSV with the command's columns."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        aggregate = row.aggregate
        writer.writerow([
            neutralise(row.region),
            str(period),
            _number(row.known_sum, 0),
            aggregate.dotted,
            aggregate.missing,
            _number(row.lower, 0),
            _number(row.upper, 0),
            _number(row.coverage, COVERAGE_DECIMALS),
        ])


def _number(amount: Amount, decimals: int) -> str:
    return "" if amount.value is None else number_text(amount.value, decimals)


def _period(text: str) -> Period:
    try:
        period = Period.parse(text)
    except PeriodError as error:
        raise CommandError(f"--period: {error}.") from None
    if period < FIRST_PERIOD:
        raise CommandError(f"--period: statistikken begynner i {label(FIRST_PERIOD)}.")
    last = last_complete_period(timezone.localdate())
    if period > last:
        raise CommandError(f"--period: {label(period)} er ikke over ennå; siste hele måned er {label(last)}.")
    return period
