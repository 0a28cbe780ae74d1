"""Print timings for the full demo: import speed and page server times, on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/run.py [--backend sqlite|postgres|all] [--requests 100]

For each backend it builds a fresh database with the full demo (all areas,
2022-01 to the last complete month), exports it, imports the export into a
second fresh database with `malekort import-values` and prints values per
second, then times the registration, scorecard, indicator, statistics and follow-up pages
in-process (Django's test client, so the figure is server time without the
network), the full recompute of every aggregate (from every value row, and
after a change of reference data from the kept registered values) and the
refresh after one correction; then it copies the values into nine times as many earlier years
and measures the aggregates and pages again.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MALEKORT = [sys.executable, "-m", "malekort.cli"]
PG_BASE = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
# A developer's settings (load-demo refuses to run with debug off).
os.environ.setdefault("MALEKORT_DEBUG", "1")


def run(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def fresh_database(backend: str, name: str, workdir: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{workdir / (name + '.sqlite3')}"
    import psycopg

    with psycopg.connect(f"{PG_BASE}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{PG_BASE}/{name}"


def postgres_answers() -> bool:
    try:
        import psycopg

        psycopg.connect(f"{PG_BASE}/postgres", connect_timeout=2).close()
        return True
    except Exception:
        return False


def page_times(database_url: str, requests: int, first: str = "2022-01") -> None:
    """Time pages in a child process so that Django is set up against the right database."""
    code = f"""
import os, statistics, time
os.environ["DATABASE_URL"] = {database_url!r}
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "malekort.settings")
import django; django.setup()
from django.conf import settings
settings.ALLOWED_HOSTS = ["*"]
from malekort.domain import periods
from malekort.domain.periods import Period
from malekort.statistics import store
periods.EARLIEST_YEAR = 1970  # the benchmark's extra years lie before 2000, which forms refuse
store.FIRST_PERIOD = Period.parse({first!r})
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from malekort.areas.models import ServiceArea
from malekort.domain.deadlines import last_complete_period
period = str(last_complete_period(timezone.localdate()))
office = ServiceArea.objects.filter(area_id="3324").values_list("office_id", flat=True).first() \\
    or ServiceArea.objects.values_list("office_id", flat=True).first()
client = Client()
client.force_login(User.objects.get(username="direktorat"))
pages = {{
    "registration page (" + office + ", " + period + ")": "/kontor/" + office + "/" + period + "/",
    "month list (" + office + ")": "/kontor/" + office + "/",
    "scorecard (" + office + ")": "/malekort/kontor/" + office + "/",
    "indicator detail (" + office + ", B.101)": "/malekort/kontor/" + office + "/B.101/",
    "scorecard (kommune 0301 Oslo, 15 bydeler)": "/malekort/kommune/0301/",
    "national statistics": "/statistikk/",
    "county statistics (33)": "/statistikk/fylke/33/",
    "national follow-up": "/oppfolging/",
    "county follow-up (33)": "/oppfolging/33/",
    "national follow-up CSV": "/oppfolging/oppfolging.csv",
}}
for label, url in pages.items():
    assert client.get(url).status_code == 200, url
    samples = []
    for _ in range({requests}):
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    print(f"    {{label}}: median {{statistics.median(samples):.1f}} ms, p95 {{p95:.1f}} ms over {requests} requests")
"""
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


RECOMPUTE = """
import os, time
os.environ["DATABASE_URL"] = {database_url!r}
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "malekort.settings")
import django; django.setup()
from django.conf import settings
settings.DEBUG = False  # as in production: debug keeps every query's text, megabytes of it for stored frames
from django.db import connection
from django.utils import timezone
from malekort.domain import periods
from malekort.domain.periods import Period
from malekort.statistics import store
periods.EARLIEST_YEAR = 1970  # the benchmark's extra years lie before 2000, which forms refuse
first = Period.parse({first!r})
store.FIRST_PERIOD = first  # the benchmark's extra years lie before 2022
from malekort.figures.models import ValueVersion
from malekort.domain.cells import Cell
from malekort.figures.actions import Entry, register_values
from malekort.figures.models import Source
rows = ValueVersion.objects.filter(superseded_at__isnull=True).count()
import resource
from django.db import transaction
from malekort.statistics.changes import mark_reference_changed
from malekort.statistics.models import StoredMonth
start = time.perf_counter(); store.recompute_everything(); full = time.perf_counter() - start
bundle = store.current_bundle()
print(f"    {label}: {{rows:,}} current values, {{len(bundle.months)}} months")
print(f"      full recompute from every value row (first start, after a restore): {{full:.2f}} s")
def after_reference_change(every_month_new):
    if every_month_new:
        StoredMonth.objects.update(digest="")  # as if every month's aggregates had changed
    with transaction.atomic():
        mark_reference_changed()
    start = time.perf_counter(); store.current_bundle(); return time.perf_counter() - start
for every_month_new in (True, False):
    seconds = min(after_reference_change(every_month_new) for _ in range(3))
    what = "every month stored anew" if every_month_new else "no month's aggregates changed"
    print(f"      full recompute after a change of reference data, {{what}}: best of 3 {{seconds:.2f}} s")
bundle = store.current_bundle()
latest = bundle.months[-1]
one = ValueVersion.objects.filter(superseded_at__isnull=True, kind="number", period=latest.first_day).first()
entry = Entry(one.area_id, latest, one.figure_id, Cell.of(one.number + 10))
start = time.perf_counter()
register_values(entries=[entry], user=None, source=Source.TYPED, now=timezone.now())
saved = time.perf_counter() - start
start = time.perf_counter(); store.current_bundle(); refresh = time.perf_counter() - start
print(f"      after one correction: saved in {{saved * 1000:.0f}} ms, aggregates current again in {{refresh:.2f}} s"
      " (once for every process)")
print(f"      peak memory of this process: {{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}} MB")
"""

FIRST_PAGE = """
import os, resource, time
os.environ["DATABASE_URL"] = {database_url!r}
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "malekort.settings")
import django; django.setup()
from django.conf import settings
settings.ALLOWED_HOSTS = ["*"]
from malekort.domain import periods
from malekort.domain.periods import Period
from malekort.statistics import store
periods.EARLIEST_YEAR = 1970  # the benchmark's extra years lie before 2000, which forms refuse
store.FIRST_PERIOD = Period.parse({first!r})
from django.contrib.auth.models import User
from django.test import Client
client = Client()
client.force_login(User.objects.get(username="direktorat"))
client.get("/logg-inn/")  # the imports a started worker has done before its first request
start = time.perf_counter()
assert client.get("/statistikk/").status_code == 200
print(f"      first national statistics page of a fresh process: {{time.perf_counter() - start:.2f}} s,"
      f" peak memory {{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}} MB")
"""


def recompute_times(database_url: str, label: str, first: str) -> None:
    """Time a full recompute of the aggregates and the refresh after one correction."""
    code = RECOMPUTE.format(database_url=database_url, label=label, first=first)
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
    code = FIRST_PAGE.format(database_url=database_url, first=first)
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def add_years(database_url: str, copies: int) -> str:
    """Copy the current values `copies` times into the years before, making the data (copies + 1) times larger."""
    code = f"""
import os
os.environ["DATABASE_URL"] = {database_url!r}
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "malekort.settings")
import django; django.setup()
from django.db import connection, transaction
from malekort.domain.periods import Period
from malekort.figures.models import ValueVersion
months = ValueVersion.objects.dates("period", "month")
span = (len(months) + 11) // 12 * 12
columns = "area_id, figure_id, kind, number, comment, source, batch_id, recorded_at, recorded_by_id, late"
with transaction.atomic(), connection.cursor() as cursor:
    for copy in range(1, {copies} + 1):
        shift = span * copy
        if connection.vendor == "sqlite":
            period = f"date(period, '-{{shift}} months')"
        else:
            period = f"(period - interval '{{shift}} months')::date"
        cursor.execute(
            f"INSERT INTO figures_valueversion (period, {{columns}}) SELECT {{period}}, {{columns}} "
            "FROM figures_valueversion WHERE superseded_at IS NULL AND period >= '2022-01-01'"
        )
print(Period(2022, 1).shift(-span * {copies}))
"""
    result = subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, capture_output=True, text=True)
    return result.stdout.strip().splitlines()[-1]


def bench(backend: str, requests: int) -> None:
    print(f"== {backend}")
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        env = {**os.environ, "DATABASE_URL": fresh_database(backend, "malekort_bench_demo", workdir)}
        run([*MALEKORT, "migrate", "--noinput"], env)
        seconds = run([*MALEKORT, "load-demo"], env)
        print(f"    load-demo (reference data, offices, synthetic values): {seconds:.1f} s")
        export = workdir / "demo.csv"
        run([*MALEKORT, "export-values", "--output", str(export)], env)
        lines = sum(1 for _ in export.open(encoding="utf-8")) - 1

        target = {**os.environ, "DATABASE_URL": fresh_database(backend, "malekort_bench_import", workdir)}
        run([*MALEKORT, "migrate", "--noinput"], target)
        run([*MALEKORT, "load-demo", "--skip-values"], target)
        seconds = run([*MALEKORT, "import-values", str(export)], target)
        print(f"    import-values: {lines} values in {seconds:.1f} s = {lines / seconds:,.0f} values/s"
              " (whole command, including start-up)")
        seconds = run([*MALEKORT, "import-values", str(export)], target)
        print(f"    import-values again (all unchanged): {seconds:.1f} s = {lines / seconds:,.0f} values/s")
        page_times(env["DATABASE_URL"], requests)
        recompute_times(env["DATABASE_URL"], "aggregates, full demo", "2022-01")
        first = add_years(env["DATABASE_URL"], 9)
        recompute_times(env["DATABASE_URL"], f"aggregates, ten times the data ({first} on)", first)
        print("    pages with ten times the data:")
        page_times(env["DATABASE_URL"], requests, first)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres", "all"], default="all")
    parser.add_argument("--requests", type=int, default=100)
    options = parser.parse_args()
    backends = ["sqlite", "postgres"] if options.backend == "all" else [options.backend]
    for backend in backends:
        if backend == "postgres" and not postgres_answers():
            print("== postgres: no server answers; skipped")
            continue
        bench(backend, options.requests)


if __name__ == "__main__":
    main()
