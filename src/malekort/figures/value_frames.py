"""The current registered values as one polars frame, read in bulk for the aggregates.

The statistics read every current value (1.7 million with ten times the
demo's data). Django's querysets build a tuple per row; here PostgreSQL sends
them as CSV through COPY, which polars parses in one go, and SQLite hands its
rows to polars without a model in between.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date

import polars as pl
from django.db import connection

from malekort.domain.amounts import Status
from malekort.domain.first_registrations import FIRST_DAYS_SCHEMA
from malekort.domain.periods import Period
from malekort.figures.models import Source, ValueVersion

# One row per current value, on the code it was registered on; month as year × 12 + month − 1.
REGISTERED_SCHEMA = pl.Schema({
    "area": pl.String, "figure": pl.String, "month": pl.Int32, "status": pl.Int8, "value": pl.Float64,
    "label": pl.String,
})
_RAW_SCHEMA = pl.Schema({
    "area": pl.String, "figure": pl.String, "day": pl.String, "kind": pl.String, "number": pl.Int64,
    "source": pl.String,
})
_LABELS = {source.value: source.label for source in Source}


def registered_frame(
    months: Sequence[Period], area_codes: Collection[str] | None = None, figure_codes: Collection[str] | None = None,
) -> pl.DataFrame:
    """Return the current values of the months (`REGISTERED_SCHEMA`), of some areas and figures or of all."""
    if not months or (area_codes is not None and not area_codes) or (figure_codes is not None and not figure_codes):
        return pl.DataFrame(schema=REGISTERED_SCHEMA)
    table = ValueVersion._meta.db_table
    conditions = ["superseded_at IS NULL"]
    params: list[str | date] = []
    # Months listed, not a range: without statistics SQLite would otherwise walk the index on figure.
    for column, wanted in (("period", [m.first_day for m in sorted(set(months))]),
                           ("area_id", sorted(area_codes or ())), ("figure_id", sorted(figure_codes or ()))):
        if column == "period" or wanted:
            conditions.append(f"{column} IN ({', '.join(['%s'] * len(wanted))})")
            params.extend(wanted)
    columns = "area_id, figure_id, CAST(period AS TEXT), kind, number, source"
    query = f"SELECT {columns} FROM {table} WHERE {' AND '.join(conditions)}"
    raw = _postgresql_rows(query, params) if connection.vendor == "postgresql" else _rows(query, params)
    return raw.select(
        "area", "figure",
        _month_index("day"),
        pl.when(pl.col("kind") == "number").then(Status.KNOWN.value)
        .when(pl.col("kind") == "dot").then(Status.DOTTED.value)
        .otherwise(Status.MISSING.value).cast(pl.Int8).alias("status"),
        pl.when(pl.col("kind") == "number").then(pl.col("number").cast(pl.Float64)).alias("value"),
        pl.col("source").replace_strict(_LABELS, return_dtype=pl.String).alias("label"),
    )


def first_days_on_postgresql(months: Sequence[Period], zone: str) -> pl.DataFrame:
    """Return the day (in the time zone) every area first got a number or a dot in each month (`FIRST_DAYS_SCHEMA`).

    Over every version of a value, not only the current ones. PostgreSQL finds
    the days and sends them through COPY: the whole country over ten times the
    demo's months is some 230 000 rows, which Django would make a datetime each.
    """
    if not months:
        return pl.DataFrame(schema=FIRST_DAYS_SCHEMA)
    days = [m.first_day for m in sorted(set(months))]
    query = (
        "SELECT area_id, CAST(period AS TEXT), CAST(CAST(MIN(recorded_at) AT TIME ZONE %s AS DATE) AS TEXT) "
        f"FROM {ValueVersion._meta.db_table} WHERE kind <> 'empty' AND period IN ({', '.join(['%s'] * len(days))}) "
        "GROUP BY area_id, period"
    )
    schema = pl.Schema({"area": pl.String, "period": pl.String, "day": pl.String})
    raw = _postgresql_rows(query, [zone, *days], schema)
    return raw.select(
        "area",
        _month_index("period"),
        pl.col("day").str.to_date("%Y-%m-%d"),
    )


def _month_index(column: str) -> pl.Expr:
    """Return a month's first day as text (YYYY-MM-DD) as the frames' month number (`month_index`), named month."""
    text = pl.col(column)
    return (text.str.slice(0, 4).cast(pl.Int32) * 12 + text.str.slice(5, 2).cast(pl.Int32) - 1).alias("month")


def _postgresql_rows(
    query: str, params: Sequence[str | date], schema: pl.Schema = _RAW_SCHEMA
) -> pl.DataFrame:
    with connection.cursor() as cursor:
        statement = cursor.cursor.mogrify(query, params)  # COPY takes no parameters
        with cursor.cursor.copy(f"COPY ({statement}) TO STDOUT (FORMAT csv)") as copy:
            data = b"".join(bytes(chunk) for chunk in copy)
    if not data:
        return pl.DataFrame(schema=schema)
    return pl.read_csv(data, has_header=False, new_columns=list(schema), schema=schema)


def _rows(query: str, params: list[str | date]) -> pl.DataFrame:
    with connection.cursor() as cursor:
        cursor.execute(query, params)  # the month as text: no date objects to make and parse again
        rows = cursor.fetchall()
    return pl.DataFrame(rows, schema=_RAW_SCHEMA, orient="row")
