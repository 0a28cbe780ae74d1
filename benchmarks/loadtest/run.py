"""`make loadtest`: two `malekort serve` instances on PostgreSQL with the demo, 32 users for 60 s (Locust).

    .venv/bin/python benchmarks/loadtest/run.py [--users 32] [--seconds 60] [--workers 1] [--threads 4]

Builds (once) the database `malekort_loadtest` with the full demo and one local user per
simulated person, starts two servers as production runs them (debug off; plain HTTP, since
there is no proxy here), warms each up, runs Locust headless and prints throughput,
p50/p95/p99 per request type and errors. Prints; asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
MALEKORT = [sys.executable, "-m", "malekort.cli"]
PG_BASE = os.environ.get("LOADTEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
DATABASE = "malekort_loadtest"
PASSWORD = "Ti-dager-etter-maanedsslutt-2026"

SETUP_USERS = """
import json, sys
import django; django.setup()
from django.contrib.auth.models import User
from malekort.access.actions import create_local_user
from malekort.access.models import Role
from malekort.areas.models import Office, Region, ServiceArea
from malekort.domain.deadlines import last_complete_period
from django.utils import timezone

offices = list(Office.objects.filter(code__in=ServiceArea.objects.values("office_id")).order_by("code")
               .values_list("code", flat=True))
municipalities = list(Region.objects.filter(level="kommune").order_by("code").values_list("code", flat=True))
counties = list(Region.objects.filter(level="fylke").order_by("code").values_list("code", flat=True))
leaders, readers = int(sys.argv[1]), int(sys.argv[2])
step = max(len(offices) // max(leaders, 1), 1)
people = [dict(username=f"last-leder-{i:02d}", role="office_leader", office=offices[(i * step) % len(offices)])
          for i in range(leaders)]
for i in range(readers):
    if i % 2 == 0:
        people.append(dict(username=f"last-direktorat-{i:02d}", role="directorate", region=""))
    else:
        people.append(dict(username=f"last-statsforvalter-{i:02d}", role="county_governor",
                           region=counties[i % len(counties)]))
for person in people:
    existing = User.objects.filter(username=person["username"]).first()
    if existing is not None:  # made by an earlier run: its password is this run's
        existing.set_password(sys.argv[3])
        existing.save()
    else:
        create_local_user(username=person["username"], role=Role(person["role"]), password=sys.argv[3],
                          office=person.get("office"), region=person.get("region") or None)
    if person["role"] == "county_governor":
        person["offices"] = list(ServiceArea.objects.filter(area__code__startswith=person["region"])
                                 .values_list("office_id", flat=True).distinct()) or offices
        person["municipalities"] = [m for m in municipalities if m.startswith(person["region"])] or municipalities
    else:
        person["offices"], person["municipalities"] = offices, municipalities
print(json.dumps(dict(people=people, period=str(last_complete_period(timezone.localdate())))))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def ensure_database(fresh: bool) -> str:
    import psycopg

    with psycopg.connect(f"{PG_BASE}/postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone()
        if exists and fresh:
            connection.execute(f"DROP DATABASE {DATABASE} WITH (FORCE)")
            exists = None
        if not exists:
            connection.execute(f"CREATE DATABASE {DATABASE}")
    return f"{PG_BASE}/{DATABASE}"


def production_env(database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MALEKORT_", "DJANGO_"))}
    env.update(
        DATABASE_URL=database_url,
        MALEKORT_DEBUG="0",
        MALEKORT_HTTPS="0",  # no TLS proxy on this machine
        MALEKORT_SECRET_KEY="loadtest-only-" + "x" * 50,
        MALEKORT_ALLOWED_HOSTS="127.0.0.1",
        MALEKORT_LOCAL_LOGIN="1",
        MALEKORT_LOG_LEVEL="WARNING",
    )
    return env


def prepare(database_url: str, users: int) -> dict[str, object]:
    dev = {**os.environ, "DATABASE_URL": database_url, "MALEKORT_DEBUG": "1"}
    print("== Database with the demo (loaded once; --fresh starts over)", flush=True)
    subprocess.run([*MALEKORT, "migrate", "--noinput", "-v", "0"], env=dev, check=True, cwd=ROOT)
    subprocess.run([*MALEKORT, "load-demo"], env=dev, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    leaders = round(users * 3 / 4)
    result = subprocess.run(
        [sys.executable, "-c", SETUP_USERS, str(leaders), str(users - leaders), PASSWORD],
        env={**dev, "DJANGO_SETTINGS_MODULE": "malekort.settings"},
        check=False, cwd=ROOT, capture_output=True, text=True,
    )
    if result.returncode:
        raise SystemExit(f"could not make the load test's users:\n{result.stderr}")
    setup: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    print("== Static files", flush=True)
    subprocess.run([*MALEKORT, "collectstatic", "--noinput", "-v", "0"], env=production_env(database_url),
                   check=True, cwd=ROOT)
    return setup


Server = tuple["subprocess.Popen[bytes]", str]


def start_servers(database_url: str, count: int, workers: int, threads: int) -> list[Server]:
    servers = []
    for _ in range(count):
        port = free_port()
        process = subprocess.Popen(
            [*MALEKORT, "serve", "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--threads", str(threads)],
            env=production_env(database_url), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        servers.append((process, f"http://127.0.0.1:{port}"))
    for process, base in servers:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{base}/isready", timeout=5).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if process.poll() is not None:
                raise SystemExit(f"a server stopped at start (exit {process.returncode})")
            time.sleep(0.5)
        else:
            raise SystemExit(f"{base} was not ready within 120 s")
    return servers


def log_in(base: str, username: str) -> requests.Session:
    session = requests.Session()
    login = session.get(f"{base}/logg-inn/", timeout=120)
    token = login.text.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    response = session.post(f"{base}/logg-inn/", data={"username": username, "password": PASSWORD,
                                                       "csrfmiddlewaretoken": token},
                            headers={"Referer": f"{base}/logg-inn/"}, timeout=120, allow_redirects=False)
    if response.status_code != 302:
        raise SystemExit(f"{username} could not log in ({response.status_code})")
    return session


def warm_up(session: requests.Session, base: str, pages: list[str]) -> None:
    """Open the heaviest pages, so every worker has built what it keeps in memory."""
    for _ in range(2):
        for page in pages:
            session.get(f"{base}{page}", timeout=300)


def report(prefix: Path, seconds: int) -> None:
    with open(f"{prefix}_stats.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    print(f"\n== Results: {seconds} s")
    print(f"{'request':<26}{'count':>7}{'fails':>7}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}")
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "ALL"
        print(f"{name:<26}{row['Request Count']:>7}{row['Failure Count']:>7}{float(row['Requests/s']):>8.1f}"
              f"{row['50%']:>8}{row['95%']:>8}{row['99%']:>8}")
    pages = [r for r in rows if r["Name"] not in ("Aggregated", "save")]
    saves = [r for r in rows if r["Name"] == "save"]
    total = next(r for r in rows if r["Name"] == "Aggregated")
    if saves:
        share = int(saves[0]["Request Count"]) / max(sum(int(r["Request Count"]) for r in [*pages, *saves]), 1)
        print(f"\nsaves: {share:.0%} of page reads and saves")
    with open(f"{prefix}_failures.csv", encoding="utf-8") as f:
        failures = list(csv.DictReader(f))
    print(f"errors: {total['Failure Count']} of {total['Request Count']} requests")
    for failure in failures:
        print(f"  {failure['Occurrences']:>5} × {failure['Method']} {failure['Name']}: {failure['Error']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=32)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--servers", type=int, default=2)
    parser.add_argument("--workers", type=int, default=1, help="gunicorn processes per server")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--fresh", action="store_true", help="drop and load the database again")
    args = parser.parse_args()

    database_url = ensure_database(args.fresh)
    setup = prepare(database_url, args.users)
    people = setup["people"]
    assert isinstance(people, list)
    print(f"== {args.servers} × `malekort serve --workers {args.workers} --threads {args.threads}`", flush=True)
    servers = start_servers(database_url, args.servers, args.workers, args.threads)
    try:
        print(f"== Logging in {len(people)} users (before the clock starts)", flush=True)
        for person in people:
            session = log_in(servers[0][1], person["username"])
            person["cookies"] = session.cookies.get_dict()
        reader = next(p for p in people if p["role"] == "directorate")
        for _process, base in servers:
            session = requests.Session()
            session.cookies.update(reader["cookies"])
            warm_up(session, base, ["/statistikk/", "/statistikk/fylke/03/", "/oppfolging/03/",
                                    "/malekort/kommune/0301/"])
        with tempfile.TemporaryDirectory() as tmp:
            users_file = Path(tmp) / "users.json"
            users_file.write_text(json.dumps(people), encoding="utf-8")
            prefix = Path(tmp) / "stats"
            env = {
                **os.environ,
                "LOADTEST_USERS_FILE": str(users_file),
                "LOADTEST_HOSTS": ",".join(base for _p, base in servers),
                "LOADTEST_PERIOD": str(setup["period"]),
            }
            print(f"== Locust: {args.users} users, {args.seconds} s, month {setup['period']}", flush=True)
            subprocess.run(
                [str(BIN / "locust"), "-f", str(Path(__file__).with_name("locustfile.py")), "--headless",
                 "-u", str(args.users), "-r", str(args.users), "-t", f"{args.seconds}s", "--only-summary",
                 "--csv", str(prefix), "--host", servers[0][1], "--loglevel", "WARNING"],
                env=env, cwd=ROOT, check=False, stdout=subprocess.DEVNULL,
            )
            report(prefix, args.seconds)
    finally:
        for process, _base in servers:
            process.send_signal(signal.SIGTERM)
        for process, _base in servers:
            process.wait(timeout=60)


if __name__ == "__main__":
    main()
