"""The population file: year,region_code,age,population (as SSB's population-by-age.csv.gz).

The file is large (close to a million lines), so it is read with polars, one
whole line per row: that keeps the line numbers exact for the error messages
and lets a line with too many or too few fields be reported instead of
stopping the read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from malekort.domain import regions
from malekort.domain.files.errors import FileRejected, LineError

COLUMNS = ("year", "region_code", "age", "population")
FIRST_YEAR, LAST_YEAR = 1800, 2200
MAX_AGE = 130
SCHEMA = {"year": pl.Int16, "region_code": pl.String, "age": pl.Int16, "population": pl.Int64}


@dataclass(frozen=True, slots=True)
class PopulationTable:
    """Population on 1 January by year, region and single year of age (columns as SCHEMA)."""

    frame: pl.DataFrame

    @property
    def years(self) -> list[int]:
        return sorted(self.frame["year"].unique().to_list())

    @property
    def region_codes(self) -> list[str]:
        return sorted(self.frame["region_code"].unique().to_list())

    def __len__(self) -> int:
        return self.frame.height


def read_population(source: Path | bytes, *, from_year: int | None = None) -> PopulationTable:
    """Return the population in a CSV file (gzip or plain), from `from_year` on if given.

    Every line is checked, also those before `from_year`; any bad line raises
    FileRejected listing them all.
    """
    try:
        # One column per line: no separator or quote can split it.
        raw = pl.read_csv(
            source, has_header=False, separator="\x1f", quote_char=None,
            infer_schema=False, new_columns=["text"],
        )
    except (OSError, pl.exceptions.PolarsError) as e:
        raise FileRejected([LineError(None, f"Kan ikke lese filen: {e}")]) from e
    lines = raw.with_row_index("line", offset=1).with_columns(
        pl.col("line").cast(pl.Int64), pl.col("text").str.strip_chars(" \r\ufeff")
    )
    if lines.height == 0:
        raise FileRejected([LineError(1, "filen er tom; første linje skal være overskriftene")])
    header = [c.strip().lower() for c in (lines["text"][0] or "").split(",")]
    if header != list(COLUMNS):
        raise FileRejected(
            [LineError(1, f"overskriftene skal være {','.join(COLUMNS)}, ikke {','.join(header)}")]
        )
    table = _checked(lines.slice(1).filter(pl.col("text").is_not_null() & (pl.col("text") != "")))
    if from_year is not None:
        table = table.filter(pl.col("year") >= from_year)
    return PopulationTable(table.select(COLUMNS))


def _checked(lines: pl.DataFrame) -> pl.DataFrame:
    fields = [*COLUMNS, "extra"]
    typed = (
        lines.with_columns(
            pl.col("text").str.splitn(",", len(fields)).struct.rename_fields(fields).alias("f")
        )
        .unnest("f")
        .with_columns(pl.col(name).str.strip_chars() for name in COLUMNS)
        .with_columns(
            pl.col(name).cast(dtype, strict=False).alias(f"{name}_value")
            for name, dtype in SCHEMA.items()
            if dtype != pl.String
        )
    )
    year, age, pop = pl.col("year_value"), pl.col("age_value"), pl.col("population_value")
    # In the order they are reported; the text is only made for the lines that fail.
    checks: list[tuple[pl.Expr, pl.Expr]] = [
        (pl.col("population").is_null() | pl.col("extra").is_not_null(),
         pl.format("har {} felt, men skal ha {}", pl.col("text").str.count_matches(",") + 1,
                   pl.lit(len(COLUMNS)))),
        (year.is_null() | ~year.is_between(FIRST_YEAR, LAST_YEAR),
         pl.format("året «{}» er ikke et årstall", pl.col("year"))),
        (~pl.col("region_code").str.contains(regions.CODE_PATTERN),
         pl.format("«{}» er ikke en regionkode", pl.col("region_code"))),
        (age.is_null() | ~age.is_between(0, MAX_AGE),
         pl.format("alderen «{}» er ikke et helt antall år (0–{})", pl.col("age"),
                   pl.lit(MAX_AGE))),
        (pop.is_null() | (pop < 0),
         pl.format("folkemengden «{}» er ikke et helt tall ≥ 0", pl.col("population"))),
    ]
    reason = pl.coalesce(pl.when(condition).then(text) for condition, text in checks)
    bad = typed.filter(pl.any_horizontal(c for c, _ in checks))
    errors = [LineError(line, text) for line, text in bad.select("line", reason).iter_rows()]

    key = ["year_value", "region_code", "age_value"]
    good = typed.join(bad.select("line"), on="line", how="anti") if errors else typed
    if good.select(pl.struct(key).n_unique()).item() < good.height:
        repeated = good.with_columns(pl.col("line").min().over(key).alias("first")).filter(
            pl.col("line") != pl.col("first")
        )
        errors += [
            LineError(line, f"samme år, region og alder står også på linje {first}")
            for line, first in repeated.select("line", "first").iter_rows()
        ]
    if errors:
        raise FileRejected(errors)
    return typed.select(
        pl.col("year_value").alias("year"), "region_code",
        pl.col("age_value").alias("age"), pl.col("population_value").alias("population"),
    )
