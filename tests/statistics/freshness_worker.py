"""A separate process of the application for the freshness tests: reads aggregates and registers values.

Run as `python freshness_worker.py` with DATABASE_URL set. Each line on
standard input is a command; each answer is one line on standard output:

    figure REGION CODE MONTH          → the known sum and the missing areas, from this process's aggregates
    register AREA MONTH CODE VALUE    → registers and commits; answers "committed"
    hold AREA MONTH CODE VALUE        → registers inside a transaction left open; answers "registered"
    commit                            → commits the open transaction; answers "committed"
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "malekort.settings")

import django

django.setup()

from django.db import transaction  # noqa: E402

from malekort.domain.cells import Cell  # noqa: E402
from malekort.domain.periods import Period  # noqa: E402
from malekort.figures.actions import Entry, register_values  # noqa: E402
from malekort.figures.models import Source  # noqa: E402
from malekort.statistics.store import current_bundle  # noqa: E402

NOW = datetime(2026, 1, 5, 12, tzinfo=UTC)


def _register(area: str, month: str, code: str, value: str) -> None:
    entry = Entry(area, Period.parse(month), code, Cell.of(int(value)))
    register_values(entries=[entry], user=None, source=Source.TYPED, now=NOW)


def main() -> None:
    open_transaction = None
    for line in sys.stdin:
        command, *args = line.split()
        if command == "figure":
            region, code, month = args
            aggregate = current_bundle().figure(region, code, Period.parse(month))
            answer = "none" if aggregate is None else f"{aggregate.known_sum:.0f} {aggregate.missing}"
        elif command == "register":
            _register(*args)
            answer = "committed"
        elif command == "hold":
            open_transaction = transaction.atomic()
            open_transaction.__enter__()
            _register(*args)
            answer = "registered"
        elif command == "commit":
            assert open_transaction is not None
            open_transaction.__exit__(None, None, None)
            open_transaction = None
            answer = "committed"
        else:
            answer = f"unknown command {command}"
        print(answer, flush=True)


if __name__ == "__main__":
    main()
