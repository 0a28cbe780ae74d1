"""Values registered on codes that have since changed, moved onto today's codes for every area at once.

The rule is `Borders.value_today`, applied to every changed area, key figure
and month in one polars pass: with ten times the demo's data that is some
half a million (area, figure, month) cells, too many to visit in Python.
Tests check both give the same amounts.

- A value on today's own code wins; such cells are left out here.
- Otherwise today's value is the weighted sum of what was registered on the
  codes that fed the area that year: known only when every part is known, a
  dot when some part is dotted (dots beat gaps), and nothing at all when no
  part was registered anywhere.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from malekort.domain.amounts import Status
from malekort.domain.borders import Borders

_KNOWN = Status.KNOWN.value
_MISSING = Status.MISSING.value
_DOTTED = Status.DOTTED.value

# What `recoded_values` returns: the cells made on today's codes, with their sources and dotted origins.
RECODED_SCHEMA = pl.Schema([
    ("area", pl.String), ("figure", pl.String), ("month", pl.Int32), ("status", pl.Int8), ("value", pl.Float64),
    ("sources", pl.List(pl.String)), ("origins", pl.List(pl.String)),
])


def feeding_table(borders: Borders, areas: Sequence[str]) -> pl.DataFrame:
    """Return (year, area, original, weight) for each of today's areas fed by other codes (or by a share) in a year."""
    wanted = set(areas)
    rows = [
        (year, area, original, weight)
        for (year, area), fed_by in borders.by_current.items()
        if area in wanted and fed_by != ((area, 1.0),)
        for original, weight in fed_by
    ]
    return pl.DataFrame(
        rows, orient="row",
        schema={"year": pl.Int32, "area": pl.String, "original": pl.String, "weight": pl.Float64},
    )


def recoded_values(
    feeding: pl.DataFrame, registered: pl.DataFrame, own: pl.DataFrame, figures: Sequence[str],
    first_month: int, last_month: int,
) -> pl.DataFrame:
    """Return the values of today's fed areas in months with nothing on today's own code (`RECODED_SCHEMA`).

    `feeding` is `feeding_table`; `registered` holds what was registered
    (area, figure, month, status, value, label; month as `year × 12 + month − 1`,
    a row with status MISSING counts as nothing); `own` the cells on today's
    codes that have a value, which win. Months run from `first_month` to
    `last_month`, both included.
    """
    if feeding.is_empty() or not figures or first_month > last_month:
        return pl.DataFrame(schema=RECODED_SCHEMA)
    years = feeding.select(pl.col("year").unique())
    calendar = (
        years.with_columns((pl.col("year") * 12 + pl.int_ranges(0, 12, dtype=pl.Int32)).alias("month"))
        .explode("month")
        .filter(pl.col("month").is_between(first_month, last_month))
    )
    # Only the fed areas' and their old codes' rows in the changed years: the join tables stay small.
    months = calendar["month"].implode()
    parts = registered.filter(
        pl.col("area").is_in(feeding["original"].unique().implode()) & pl.col("month").is_in(months)
    ).select(pl.col("area").alias("original"), "figure", "month", "status", "value", "label")
    on_todays_code = own.filter(
        pl.col("area").is_in(feeding["area"].unique().implode()) & pl.col("month").is_in(months)
    ).select("area", "figure", "month")
    cells = (
        feeding.join(calendar, on="year")
        .join(pl.DataFrame({"figure": list(figures)}, schema={"figure": pl.String}), how="cross")
        .join(on_todays_code, on=["area", "figure", "month"], how="anti")
        .join(parts, on=["original", "figure", "month"], how="left")
        .sort("area", "figure", "month", "original")
    )
    dotted = pl.col("status") == _DOTTED
    recoded = (
        cells.group_by("area", "figure", "month", maintain_order=True)
        .agg(
            pl.col("status").fill_null(_MISSING).max().alias("status"),
            (pl.col("value") * pl.col("weight")).sum().alias("sum"),
            (pl.col("status").fill_null(_MISSING) != _MISSING).any().alias("registered"),
            pl.col("label").drop_nulls().unique().sort().alias("sources"),
            pl.col("original").filter(dotted).alias("origins"),
        )
        .filter(pl.col("registered"))
    )
    return recoded.select(
        "area", "figure", "month", "status",
        pl.when(pl.col("status") == _KNOWN).then(pl.col("sum")).alias("value"),
        "sources",
        pl.when(pl.col("status") == _DOTTED).then(pl.col("origins")).alias("origins"),
    ).cast(dict(RECODED_SCHEMA))  # type: ignore[arg-type]
