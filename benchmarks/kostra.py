"""Print the speed of importing national-size KOSTRA files, and check it against a line-by-line computation.

    .venv/bin/python benchmarks/kostra.py [--recipients 130000] [--previous 96000] [--participants 9000]

Synthetic files for every municipality and Oslo district (identity numbers
with month + 80, never real ones): 11F and 11CF for 2025 and 2024, in their
own layouts. It prints
- `malekort import-kostra --dry-run` of the four files as a child process on a
  fresh SQLite database with the regions loaded: wall and CPU time, start-up
  included, and peak memory (the goal: at most 2 s and under 1.5 GB). One
  untimed run first lets Python compile the project's modules to bytecode, as
  an installed package has them (PYTHONDONTWRITEBYTECODE is not passed on);
- the figures computed in-process, vectorised (numpy, polars) and line by line in
  plain Python (`domain/kostra/reference.py`), their times and the speed-up
  (the goal: at least 5 times), after checking the two give identical figures;
- national sums of the unsuppressed figures per month.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from malekort.domain.kostra.compute import assistance_figures, qualification_figures  # noqa: E402
from malekort.domain.kostra.reading import read_kostra_file  # noqa: E402
from malekort.domain.kostra.reference import assistance_reference, qualification_reference  # noqa: E402
from malekort.domain.kostra.synthetic import file_bytes, national_years  # noqa: E402

MALEKORT = [sys.executable, "-m", "malekort.cli"]
YEAR = 2025
MONTHS = range(1, 13)
RUNS = 5


def regions_file() -> Path:
    """Return SSB's regions (the shared reference data beside the checkout, else the demo's small sample)."""
    folder = Path(os.environ.get("MALEKORT_SSB_DIR", ROOT.parent.parent / "shared" / "data" / "ssb"))
    for candidate in (folder / "regions-2024.csv", ROOT.parent / "shared" / "data" / "ssb" / "regions-2024.csv",
                      Path("/work/shared/data/ssb/regions-2024.csv")):
        if candidate.exists():
            return candidate
    return ROOT / "src" / "malekort" / "demo" / "sample" / "regions.csv"


def areas_of(path: Path) -> list[tuple[str, str]]:
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    kommuner = [(r["code"], "") for r in rows if r["level"] == "kommune" and r["code"] != "0301"]
    return kommuner + [("0301", f"{n:02d}") for n in range(1, 16)]


def as_dict(frame: pl.DataFrame) -> dict[tuple[str, int, str], int | None]:
    return {(a, m, f): v for a, m, f, v in frame.select("area", "month", "figure", "value").iter_rows()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--recipients", type=int, default=130_000)
    parser.add_argument("--previous", type=int, default=96_000)
    parser.add_argument("--participants", type=int, default=9_000)
    args = parser.parse_args()
    regions = regions_file()
    areas = areas_of(regions)
    print(f"Regioner: {regions} ({len(areas)} områder)")
    started = time.perf_counter()
    earlier, this = national_years(areas=areas, year=YEAR, recipients=args.recipients,
                                   previous_recipients=args.previous, participants=args.participants)
    print(f"Syntetiske filer laget på {time.perf_counter() - started:.1f} s")
    with tempfile.TemporaryDirectory(prefix="kostra-bench-") as folder:
        work = Path(folder)
        files = {
            "11F_2025.dat": file_bytes(this.assistance, encoding="utf-8"),
            "11F_2024.dat": file_bytes(earlier.assistance),
            "11CF_2025.dat": file_bytes(this.qualification),
            "11CF_2024.dat": file_bytes(earlier.qualification, newline="\r\n"),
        }
        for name, data in files.items():
            (work / name).write_bytes(data)
            lines = data.count(b"\n")
            print(f"  {name}: {lines} linjer, {len(data) / 1e6:.1f} MB")
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{work / 'bench.sqlite3'}", "MALEKORT_DEBUG": "0",
               "MALEKORT_SECRET_KEY": "benchmark-only", "MALEKORT_LOCAL_LOGIN": "1"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([*MALEKORT, "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)
        subprocess.run([*MALEKORT, "load-regions", str(regions)], env=env, check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL)
        command = [*MALEKORT, "import-kostra", *(str(work / n) for n in files), "--dry-run", "--through", "2025-12"]
        subprocess.run(command, env=env, cwd=ROOT, capture_output=True, check=False)  # compiles the bytecode
        times, cpu = [], []
        for _ in range(RUNS):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
            times.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
            if done.returncode != 0:
                print(done.stdout[-3000:], done.stderr[-3000:])
                raise SystemExit("import-kostra --dry-run failed")
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        summary = [line for line in done.stdout.splitlines() if line.startswith("==") or "Prøvekjøring" in line]
        print("\n".join(summary))
        print(f"import-kostra --dry-run (4 filer, oppstart medregnet): beste {min(times):.2f} s, "
              f"median {sorted(times)[RUNS // 2]:.2f} s, alle {', '.join(f'{t:.2f}' for t in times)} s; mål ≤ 2 s")
        print(f"  CPU-tid (bruker + system, alle tråder): beste {min(cpu):.2f} s, "
              f"alle {', '.join(f'{c:.2f}' for c in cpu)} s; "
              f"last nå: {os.getloadavg()[0]:.1f} på {os.cpu_count()} kjerner")
        print(f"Største minnebruk i en barneprosess: {peak_mb:.0f} MB; mål < 1536 MB")

    known = {code for code, _ in areas}
    start, start_cpu = time.perf_counter(), time.process_time()
    current = read_kostra_file(files["11F_2025.dat"], filename="c", municipalities=lambda year: known)
    previous = read_kostra_file(files["11F_2024.dat"], filename="p", municipalities=lambda year: known)
    kvp = read_kostra_file(files["11CF_2025.dat"], filename="k", municipalities=lambda year: known)
    assert current.persons is not None and previous.persons is not None and kvp.persons is not None
    vectorised = pl.concat([
        assistance_figures(current.persons, year=YEAR, months=MONTHS, previous=previous.persons),
        qualification_figures(kvp.persons, year=YEAR, months=MONTHS),
    ])
    fast, fast_cpu = time.perf_counter() - start, time.process_time() - start_cpu
    start, start_cpu = time.perf_counter(), time.process_time()
    reference = assistance_reference(files["11F_2025.dat"], YEAR, MONTHS, files["11F_2024.dat"])
    reference |= qualification_reference(files["11CF_2025.dat"], YEAR, MONTHS)
    slow, slow_cpu = time.perf_counter() - start, time.process_time() - start_cpu
    same = as_dict(vectorised) == reference
    print(f"Vektorisert (numpy og polars), lese og beregne 2025 med 2024: {fast:.2f} s "
          f"(CPU {fast_cpu:.2f} s, alle tråder)")
    print(f"Linje for linje i Python, de samme tallene: {slow:.2f} s (CPU {slow_cpu:.2f} s)")
    print(f"Like tall: {'ja' if same else 'NEI'} ({len(reference)} verdier); {slow / fast:.1f} ganger raskere "
          f"(CPU-tid: {slow_cpu / fast_cpu:.1f} ganger); mål ≥ 5; last nå: {os.getloadavg()[0]:.1f}")
    if not same:
        raise SystemExit("the vectorised and the line-by-line figures differ")
    national = (
        vectorised.group_by("month", "figure").agg(pl.col("value").sum()).sort("month")
        .pivot(on="figure", index="month", values="value")
    )
    with pl.Config(tbl_rows=13, tbl_cols=10, tbl_width_chars=160):
        print("Hele landet (summer før prikking; tellinger av personer per område, ikke unike personer):")
        print(national)


if __name__ == "__main__":
    main()
