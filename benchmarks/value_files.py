"""Print how long the value-file reader takes, and how much memory it holds, for large and hostile files.

    .venv/bin/python benchmarks/value_files.py

A demo-sized file (180,000 lines) as CSV and as Excel, and the zip bomb of
tests/zip_bomb.py (a 1 MB workbook whose shared strings unpack to 1 GB), which
the limits refuse before anything is unpacked. Each file is read in a fresh
process so that its peak memory is its own.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_CHILD = """
import io, resource, sys, time
sys.path.insert(0, {tests!r})
from malekort.domain.files.errors import FileRejected
from malekort.domain.files.values_file import ExportRow, read_values_file, write_xlsx
from malekort.domain.keyfigures import CATALOGUE
from zip_bomb import zip_bomb_xlsx

kind = {kind!r}
figures = {{f.code: f for f in CATALOGUE}}
codes = list(figures)
rows = [
    ("%d-%02d" % (2022 + n // 60_000, 1 + n // 5_000 % 12), "%04d" % (300 + n // 8 % 600), codes[n % 8], 40 + n % 50)
    for n in range(180_000)
]
if kind == "csv":
    name = "tall.csv"
    data = ("period,area,code,value,comment\\n" + "".join("%s,%s,%s,%d,\\n" % r for r in rows)).encode()
elif kind == "xlsx":
    name = "tall.xlsx"
    out = io.BytesIO()
    write_xlsx((ExportRow(*r, "", "", "typed", "") for r in rows), out)
    data = out.getvalue()
else:
    name, data = "bombe.xlsx", zip_bomb_xlsx()
start = time.perf_counter()
try:
    parsed = read_values_file(data, name, figures)
    outcome = "%d lines, %d refused" % (len(parsed.lines), len(parsed.refused))
except FileRejected as rejected:
    outcome = "refused: " + rejected.errors[0].reason[:70]
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print("%-6s %5.1f MB on disk  %6.2f s  peak %4.0f MB  %s" % (kind, len(data) / 2**20, seconds, peak, outcome))
"""


def main() -> None:
    for kind in ("csv", "xlsx", "bomb"):
        code = _CHILD.format(tests=str(ROOT / "tests"), kind=kind)
        subprocess.run([sys.executable, "-c", code], check=True)


if __name__ == "__main__":
    main()
