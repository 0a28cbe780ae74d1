"""The monthly key figures of each area from the persons of KOSTRA files (polars, vectorised).

For area a and month m of the file's year, with last(m) the last day of m:
a person is a recipient in m when STMND_m is marked or BIDRAG_m + LAAN_m > 0;
SH_MOTTAKERE counts recipients, SH_BARN those with BU18 = 1, SH_HOVEDKILDE
those with VKLO = 5, SH_UNDER30/SH_UNDER25 those younger than 30/25 on
last(m), SH_KRONER sums BIDRAG_m + LAAN_m, SH_LANGTID counts recipients with
VKLO = 5 who received in at least 6 of the 12 months ending with m (months
before January from the previous year's file, same area and person), and
KVP_DELTAKERE counts 11CF participants in the programme at the end of m.

The result holds area-month counts only: the person frames go no further.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence

import polars as pl

from malekort.domain.kostra.layouts import MONTHS
from malekort.domain.suppression import SUPPRESSION_THRESHOLD

RECIPIENTS = "SH_MOTTAKERE"
CHILDREN = "SH_BARN"
MAIN_SOURCE = "SH_HOVEDKILDE"
UNDER_30 = "SH_UNDER30"
UNDER_25 = "SH_UNDER25"
KRONER = "SH_KRONER"
LONG_TERM = "SH_LANGTID"
PARTICIPANTS = "KVP_DELTAKERE"
ASSISTANCE_FIGURES = (RECIPIENTS, CHILDREN, MAIN_SOURCE, UNDER_30, KRONER, UNDER_25, LONG_TERM)
LONG_TERM_MONTHS = 6
# Status 6: moved to another Oslo district.
MOVED_DISTRICT = "6"

FIGURES_SCHEMA = {"area": pl.String, "month": pl.Int8, "figure": pl.String, "value": pl.Int64}


def _last_day_number(year: int, month: int) -> int:
    """Return last(m) as YYYYMMDD, so that (last − birth) // 10000 is the age on that day."""
    return year * 10000 + month * 100 + calendar.monthrange(year, month)[1]


def _long(wide: pl.DataFrame, figures: Sequence[str], months: Sequence[int]) -> pl.DataFrame:
    """Return `area, month, figure, value` from columns named FIGURE|m."""
    columns = [f"{figure}|{m}" for figure in figures for m in months]
    return (
        wide.unpivot(index="area", on=columns, variable_name="key", value_name="value")
        .with_columns(pl.col("key").str.split_exact("|", 1).struct.rename_fields(["figure", "month"]))
        .unnest("key")
        .select(
            "area",
            pl.col("month").cast(pl.Int8),
            "figure",
            pl.col("value").cast(pl.Int64),
        )
    )


def assistance_figures(
    persons: pl.DataFrame,
    *,
    year: int,
    months: Sequence[int],
    previous: pl.DataFrame | None,
    previous_areas: Mapping[str, Sequence[str]] | None = None,
) -> pl.DataFrame:
    """Return the 11F key figures per area and covered month, `value` null where not computed.

    `previous` is the previous year's 11F persons (any layout, already read);
    `previous_areas` maps its area codes that changed onto this year's codes.
    """
    if not months:
        return pl.DataFrame(schema=FIGURES_SCHEMA)
    frame = _with_previous_months(persons, previous, previous_areas)
    # Months received this year up to m, and last year up to m: the 12 months ending with m are this
    # year's months 1..m and last year's months m+1..12.
    this_year = pl.cum_sum_horizontal(
        *(pl.col(f"received_{m}").cast(pl.Int8).alias(f"this_{m}") for m in MONTHS)
    ).alias("this_year")
    last_year = pl.cum_sum_horizontal(
        *(pl.col(f"previous_{m}").cast(pl.Int8).alias(f"last_{m}") for m in MONTHS)
    ).alias("last_year")
    indicators: list[pl.Expr] = []
    for m in months:
        received = pl.col(f"received_{m}")
        window = pl.col(f"this_{m}") + pl.col("last_12") - pl.col(f"last_{m}")
        # age (last(m) − birth) // 10000 below 30 is birth after last(m) − 30 years, and so for 25.
        last = _last_day_number(year, m)
        indicators += [
            received.alias(f"{RECIPIENTS}|{m}"),
            (received & pl.col("children")).alias(f"{CHILDREN}|{m}"),
            (received & pl.col("main_source")).alias(f"{MAIN_SOURCE}|{m}"),
            (received & (pl.col("birth") > last - 30 * 10000).fill_null(False)).alias(f"{UNDER_30}|{m}"),
            (received & (pl.col("birth") > last - 25 * 10000).fill_null(False)).alias(f"{UNDER_25}|{m}"),
            pl.col(f"kroner_{m}").alias(f"{KRONER}|{m}"),
            (received & pl.col("main_source") & (window >= LONG_TERM_MONTHS)).alias(f"{LONG_TERM}|{m}"),
        ]
    wide = (
        frame.lazy()
        .with_columns(this_year, last_year)
        .unnest("this_year", "last_year")
        .select("area", "has_previous", *indicators)
        .group_by("area")
        .agg(pl.col("has_previous").any(), pl.exclude("area", "has_previous").sum())
        .collect()
    )
    figures = _long(wide, ASSISTANCE_FIGURES, months).join(wide.select("area", "has_previous"), on="area")
    # Without the previous year's months only December has its twelve months.
    not_computed = (pl.col("figure") == LONG_TERM) & (pl.col("month") < 12) & ~pl.col("has_previous")
    return figures.with_columns(
        pl.when(not_computed).then(None).otherwise(pl.col("value")).alias("value")
    ).drop("has_previous").sort("area", "month", "figure")


def _with_previous_months(
    frame: pl.DataFrame,
    previous: pl.DataFrame | None,
    previous_areas: Mapping[str, Sequence[str]] | None,
) -> pl.DataFrame:
    """Return the persons with `previous_m` (received in month m last year) and `has_previous`.

    An area has the previous year when its municipality is in the previous
    year's file; its persons not found there received nothing then.
    """
    if previous is None:
        return frame.with_columns(
            *(pl.lit(False).alias(f"previous_{m}") for m in MONTHS), pl.lit(False).alias("has_previous")
        )
    earlier = previous.select("area", "person", *(pl.col(f"received_{m}").alias(f"previous_{m}") for m in MONTHS))
    if previous_areas:
        mapping = pl.DataFrame(
            [(old, new) for old, news in previous_areas.items() for new in news],
            schema={"old": pl.String, "new": pl.String},
            orient="row",
        )
        earlier = (
            earlier.join(mapping, left_on="area", right_on="old", how="left")
            .with_columns(pl.coalesce("new", "area").alias("area"))
            .drop("new")
        )
    # A person appears once per area in a file, except across changed area codes: then the months are merged.
    if earlier.select(pl.struct("area", "person").is_duplicated().any()).item():
        earlier = earlier.group_by("area", "person").agg(pl.col(f"previous_{m}").any() for m in MONTHS)
    municipalities = earlier.select(pl.col("area").str.slice(0, 4).unique()).get_column("area").to_list()
    joined = frame.join(earlier, on=["area", "person"], how="left").with_columns(
        *(pl.col(f"previous_{m}").fill_null(False) for m in MONTHS),
        pl.col("area").str.slice(0, 4).is_in(municipalities).alias("has_previous"),
    )
    return joined


def qualification_figures(persons: pl.DataFrame, *, year: int, months: Sequence[int]) -> pl.DataFrame:
    """Return KVP_DELTAKERE per area and covered month from 11CF persons.

    A participant counts in m when the programme began on or before last(m)
    and had not ended by last(m): AVSL_DATO blank or after last(m). Status 6
    (moved to another Oslo district) without AVSL_DATO ends with the last
    month STMND is marked, as does status 3, 4, 5 or 7 without the required date.
    """
    if not months:
        return pl.DataFrame(schema=FIGURES_SCHEMA)
    ends_with_marks = pl.col("ended").is_null() & pl.col("status").is_in([MOVED_DISTRICT, "3", "4", "5", "7"])
    aggregations = []
    for m in months:
        last = _last_day_number(year, m)
        begun = pl.col("started") <= last
        not_ended = pl.when(ends_with_marks).then(pl.col("last_marked") >= m).otherwise(
            pl.col("ended").is_null() | (pl.col("ended") > last)
        )
        aggregations.append((begun & not_ended).fill_null(False).sum().alias(f"{PARTICIPANTS}|{m}"))
    wide = persons.group_by("area").agg(aggregations)
    return _long(wide, (PARTICIPANTS,), months).sort("area", "month")


def suppressed(figures: pl.DataFrame) -> pl.DataFrame:
    """Return the figures with `dotted` set by the 1–3 rule and the kroner rule.

    A count of 1–3 is a dot; SH_KRONER is a dot when SH_MOTTAKERE of the same
    area and month is 1–3. A dotted value's number is dropped here, so that it
    never leaves the computation.
    """
    # The same threshold as a typed figure: 1, 2 and 3 never leave the system as numbers.
    few = (pl.col("value") > 0) & (pl.col("value") < SUPPRESSION_THRESHOLD)
    recipients = figures.filter(pl.col("figure") == RECIPIENTS).select(
        "area", "month", few.alias("few_recipients")
    )
    marked = figures.join(recipients, on=["area", "month"], how="left").with_columns(
        pl.when(pl.col("figure") == KRONER)
        .then(pl.col("few_recipients").fill_null(False))
        .otherwise(few.fill_null(False))
        .alias("dotted")
    )
    return marked.select(
        "area",
        "month",
        "figure",
        pl.when(pl.col("dotted")).then(None).otherwise(pl.col("value")).alias("value"),
        "dotted",
    )
