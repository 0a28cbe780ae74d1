"""The day each of today's areas first had figures for a month, for every area and month at once.

The rule is `borders.first_registered_today`, applied in one polars pass to
every month of a recompute: a day on today's own code wins; otherwise, in a
month before a border change, today's area counts as registered once every
code that fed it was, on the latest of their days. Tests check both give the
same days.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

import polars as pl

from malekort.domain.borders import ChangeRow

# A day per (area, month); month as `year × 12 + month − 1`, as in the value frames.
FIRST_DAYS_SCHEMA = pl.Schema({"area": pl.String, "month": pl.Int32, "day": pl.Date})
FEEDERS_SCHEMA = pl.Schema({"year": pl.Int32, "area": pl.String, "original": pl.String})


def feeders_table(changes: Iterable[ChangeRow], areas: Collection[str]) -> pl.DataFrame:
    """Return (year, area, original) for each code that fed one of today's areas in a year of a border change.

    From the region change rows, as `Borders.by_current` holds them.
    """
    wanted = set(areas)
    rows = [(c.year, c.current_code, c.original_code) for c in changes if c.current_code in wanted]
    return pl.DataFrame(rows, schema=FEEDERS_SCHEMA, orient="row")


def first_days_today(feeders: pl.DataFrame, firsts: pl.DataFrame, areas: Collection[str]) -> pl.DataFrame:
    """Return the day each of the areas first had figures for each month, on today's codes (`FIRST_DAYS_SCHEMA`).

    `feeders` is `feeders_table`; `firsts` holds the day each code, as
    registered, first got a number or a dot for a month (`FIRST_DAYS_SCHEMA`).
    An area without a day for a month has no row.
    """
    days = firsts.lazy()
    own = days.filter(pl.col("area").is_in(list(areas)))
    if feeders.is_empty() or firsts.is_empty():
        return own.collect()
    # Only the months that have some day: a month without any has nothing to count.
    months = days.select(pl.col("month").unique()).with_columns((pl.col("month") // 12).alias("year"))
    fed = (
        feeders.lazy().join(months, on="year")
        .join(days.rename({"area": "original"}), on=["original", "month"], how="left")
        .group_by("area", "month")
        .agg(pl.col("day").max(), pl.col("day").null_count().alias("unregistered"))
        .filter((pl.col("unregistered") == 0) & pl.col("day").is_not_null())
        .join(own, on=["area", "month"], how="anti")
        .select(*FIRST_DAYS_SCHEMA)
    )
    return pl.concat([own, fed]).collect()
