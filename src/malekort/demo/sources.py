"""Where the demo's regions and population come from: SSB's files or a built-in sample."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from time import perf_counter
from typing import Protocol

import polars as pl
from django.conf import settings
from django.db import transaction

from malekort.areas.loaders import (
    current_region_codes,
    load_population,
    load_region_changes,
    load_regions,
)
from malekort.demo.sample import population as sample_population
from malekort.domain.files.csvfile import read_text
from malekort.domain.files.population import SCHEMA, PopulationTable, read_population
from malekort.domain.files.region_changes import parse_region_changes
from malekort.domain.files.regions import parse_regions
from malekort.domain.regions import NATION_CODE, Level, level_of

REGIONS_FILE = "regions-2024.csv"
CHANGES_FILE = "region-changes.csv"
POPULATION_FILE = "population-by-age.csv.gz"
# The demo registers figures from 2022 on, so earlier population is not needed.
FIRST_YEAR = 2022
SAMPLE_DIR = Path(__file__).resolve().parent / "sample"


class Writer(Protocol):
    def write(self, text: str, /) -> object: ...


def ssb_files_dir() -> Path | None:
    """Return the folder with SSB's files ($MALEKORT_SSB_DIR or ../shared/data/ssb), if present."""
    folder = (
        Path(settings.MALEKORT_SSB_DIR) if settings.MALEKORT_SSB_DIR
        else settings.PROJECT_DIR.parent / "shared" / "data" / "ssb"
    )
    present = all((folder / name).is_file() for name in (REGIONS_FILE, POPULATION_FILE))
    return folder if present else None


def load_reference_data(*, stdout: Writer) -> str:
    """Load regions, region changes and population; return a sentence naming the source."""
    with transaction.atomic():
        folder = ssb_files_dir()
        if folder is not None:
            _load_ssb_files(folder, stdout)
            return f"SSB-filer i {folder}"
        if settings.MALEKORT_SSB_DIR:
            stdout.write(f"Fant ikke {REGIONS_FILE} og {POPULATION_FILE} i "
                         f"MALEKORT_SSB_DIR={settings.MALEKORT_SSB_DIR}.\n")
        # SSB's open APIs belong here: `load-regions --from-ssb` (KLASS) followed by
        # `load-population --from-ssb --from-year FIRST_YEAR` (PxWeb tables 07459 and
        # 10826) give the regions and the indicators' denominators without files.
        _load_sample(stdout)
        return "innebygd fiktivt utvalg"


def _load_ssb_files(folder: Path, stdout: Writer) -> None:
    started = perf_counter()
    regions = load_regions(rows=parse_regions(read_text(folder / REGIONS_FILE)))
    stdout.write(f"Regioner: {regions.created} nye, {regions.updated} endret.\n")
    if (folder / CHANGES_FILE).is_file():
        text = read_text(folder / CHANGES_FILE)
        changes = load_region_changes(
            rows=parse_region_changes(text, current_codes=current_region_codes())
        )
        stdout.write(f"Kodeendringer: {changes.rows} rader.\n")
    population = load_population(
        table=read_population(folder / POPULATION_FILE, from_year=FIRST_YEAR)
    )
    stdout.write(
        f"Folkemengde: {population.rows} rader for {population.regions} regioner "
        f"({perf_counter() - started:.1f} s i alt).\n"
    )


def _load_sample(stdout: Writer) -> None:
    regions = load_regions(rows=parse_regions(read_text(SAMPLE_DIR / "regions.csv")))
    population = load_population(table=sample_population_table())
    stdout.write(
        f"Innebygd fiktivt utvalg: {regions.created} regioner, {population.rows} rader "
        "folkemengde.\n"
    )


def sample_population_table() -> PopulationTable:
    """Return the sample's fictional population, with fylker and the nation as sums."""
    return PopulationTable(pl.DataFrame(list(_sample_rows()), schema=SCHEMA, orient="row"))


def _sample_rows() -> Iterator[tuple[int, str, int, int]]:
    sums: dict[tuple[str, int], int] = defaultdict(int)
    for code, per_age in sample_population.PER_AGE.items():
        for (first, last), persons in zip(sample_population.AGE_BANDS, per_age, strict=True):
            for age in range(first, last + 1):
                for year in sample_population.YEARS:
                    yield year, code, age, persons
                if level_of(code) is Level.KOMMUNE:
                    sums[(code[:2], age)] += persons
                    sums[(NATION_CODE, age)] += persons
    for (code, age), persons in sums.items():
        for year in sample_population.YEARS:
            yield year, code, age, persons
