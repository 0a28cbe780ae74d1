"""Every region's aggregates for every key figure, indicator and month in one pass, with polars.

The statistics need some 15 000 aggregates (nation, fylker and kommuner with
bydeler × key figures and indicators × months since 2022) after any change of
reference data, within the 2 seconds the Directorate asks for. Calling
`aggregation.aggregate` once per region, figure and month visits each area's
value in Python several times over; here each rule is one polars expression
over all of them at once. The rules are those of `aggregation` (its docstring
says why), and the results are the same objects: tests check both ways give
the same answer.

Codes in the results are sorted, whatever order the parts were given in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import polars as pl

from malekort.domain.aggregation import Aggregate, Coverage, IndicatorAggregate, aggregate, share_value
from malekort.domain.amounts import Amount, Status
from malekort.domain.indicators.definitions import WORKING_AGE, IndicatorVersion, Term, TermKind, version_in_force
from malekort.domain.indicators.evaluation import numerator_is_count
from malekort.domain.keyfigures import KeyFigure
from malekort.domain.periods import Period

Band = tuple[int, int]
AreaKey = tuple[str, str, Period]  # (area, figure code, month)
PeopleKey = tuple[str, Band, int]  # (area, age band, year)

_KNOWN = Status.KNOWN.value
_DOTTED = Status.DOTTED.value
_MISSING = Status.MISSING.value
_NOT_YET = Status.NOT_YET.value

# One row per area, key figure and month with a value on today's codes; absent means not reported.
VALUES_SCHEMA = pl.Schema(
    {"area": pl.String, "figure": pl.String, "month": pl.Int32, "status": pl.Int8, "value": pl.Float64}
)


def month_index(month: Period) -> int:
    """Return the month as one number (year × 12 + month − 1), as the frames store it."""
    return month.year * 12 + month.month - 1


def period_of_index(index: int) -> Period:
    return Period(index // 12, index % 12 + 1)


def values_frame(amounts: Mapping[AreaKey, Amount]) -> pl.DataFrame:
    """Return (area, figure, month) → amount as a frame in `VALUES_SCHEMA`."""
    rows = [
        (area, figure, month_index(month), amount.status.value, amount.value)
        for (area, figure, month), amount in amounts.items()
    ]
    return pl.DataFrame(rows, schema=VALUES_SCHEMA, orient="row")


# An aggregate as data: what `AreaTable.figure_frame` returns, and `figure_from_row` reads.
FIGURE_ROWS = pl.Schema([
    ("region", pl.String),
    ("figure", pl.String),
    ("month", pl.Int32),
    ("known_sum", pl.Float64),
    ("known", pl.List(pl.String)),
    ("dotted", pl.List(pl.String)),
    ("missing", pl.List(pl.String)),
    ("covered", pl.Int64),
    ("total", pl.Int64),
    ("without", pl.List(pl.String)),
    ("dotted_cells", pl.Int64),
])
# An indicator's sums as data: what `AreaTable.indicator_frame` returns, and `IndicatorMaker` reads.
INDICATOR_ROWS = pl.Schema([
    ("region", pl.String),
    ("month", pl.Int32),
    ("numerator", pl.Float64),
    ("denominator", pl.Float64),
    ("used", pl.List(pl.String)),
    ("dotted", pl.List(pl.String)),
    ("missing", pl.List(pl.String)),
    ("worst", pl.Int8),
    ("covered", pl.Int64),
    ("total", pl.Int64),
    ("without", pl.List(pl.String)),
])
EMPTY_INDICATOR_ROW: dict[str, Any] = {
    "numerator": 0.0, "denominator": 0.0, "used": [], "dotted": [], "missing": [], "worst": None,
    "covered": 0, "total": 0, "without": [],
}


def figure_from_row(figure: KeyFigure, row: Mapping[str, Any]) -> Aggregate:
    """Return the aggregate a row of `FIGURE_ROWS` holds."""
    dotted = tuple(row["dotted"] or ())
    cells = row.get("dotted_cells")
    return Aggregate(
        is_count=figure.is_count,
        known_sum=float(row["known_sum"] or 0.0),
        known_codes=tuple(row["known"] or ()),
        dotted_codes=dotted,
        missing_codes=tuple(row["missing"] or ()),
        population=Coverage(int(row["covered"] or 0), int(row["total"] or 0), tuple(row["without"] or ())),
        dotted_cells=None if cells is None or cells == len(dotted) else int(cells),
    )


class IndicatorMaker:
    """Makes the `IndicatorAggregate` a row of `INDICATOR_ROWS` holds, for one version of the indicator."""

    def __init__(self, version: IndicatorVersion, catalogue: Mapping[str, KeyFigure]) -> None:
        denominator = version.denominator
        self.version = version
        self.count = denominator.kind is TermKind.CONSTANT
        self.denominator_is_count = (
            denominator.kind is TermKind.FIGURE and denominator.figure is not None
            and catalogue[denominator.figure].is_count
        )
        self.numerator_is_count = numerator_is_count(version, catalogue)

    def __call__(self, row: Mapping[str, Any]) -> IndicatorAggregate:
        used = tuple(row["used"] or ())
        numerator = float(row["numerator"] or 0.0)
        denominator = (1.0 if used else 0.0) if self.count else float(row["denominator"] or 0.0)
        worst = row["worst"]
        statuses = [] if worst is None else [Status(worst)]
        return IndicatorAggregate(
            factor=self.version.factor, is_count_indicator=self.count, numerator_is_count=self.numerator_is_count,
            denominator_is_count=self.denominator_is_count, numerator_sum=numerator,
            denominator_sum=denominator, used_codes=used, dotted_codes=tuple(row["dotted"] or ()),
            missing_codes=tuple(row["missing"] or ()), outside_codes=(),
            value=share_value(used, statuses, numerator, denominator, self.version.factor),
            population=Coverage(int(row["covered"] or 0), int(row["total"] or 0), tuple(row["without"] or ())),
        )


class AreaTable:
    """The areas' values and populations as frames, aggregated over every region.

    `values` holds each area's value on today's codes (`VALUES_SCHEMA`; other
    columns are ignored), `parts` each region's expected areas, and `people`
    the SSB population by area, age band and year (absent means not yet
    published).
    """

    def __init__(
        self,
        values: pl.DataFrame,
        parts: Mapping[str, Sequence[str]],
        people: Mapping[PeopleKey, int],
        months: Sequence[Period],
    ) -> None:
        self.parts = parts
        self.months = sorted(set(months))
        self._period = {month_index(m): m for m in self.months}
        self._people = people
        # `origins`: the codes a recoded dot was registered on; one dotted cell split onto two areas counts once.
        origins = pl.col("origins") if "origins" in values.columns else pl.lit(None, pl.List(pl.String))
        self.values = values.select(*VALUES_SCHEMA, origins.alias("origins")).filter(
            pl.col("month").is_in(list(self._period))
        )
        self.members = pl.DataFrame(
            [(region, area) for region, areas in parts.items() for area in areas],
            schema={"region": pl.String, "area": pl.String}, orient="row",
        ).sort("region", "area")

    def figure_aggregates(self, figures: Sequence[KeyFigure]) -> dict[tuple[str, str, Period], Aggregate]:
        """Return (region, figure code, month) → what is known of the figure's sum over the region's areas."""
        by_code = {f.code: f for f in figures}
        result = {
            (row["region"], row["figure"], period_of_index(row["month"])): figure_from_row(by_code[row["figure"]], row)
            for row in self.figure_frame(figures).iter_rows(named=True)
        }
        for region, areas in self.parts.items():
            if not areas:
                for figure in figures:
                    for month in self.months:
                        result[(region, figure.code, month)] = aggregate(figure, [])
        return result

    def figure_frame(self, figures: Sequence[KeyFigure]) -> pl.DataFrame:
        """Return a row per region with areas, figure and month (`FIGURE_ROWS`): the aggregates as data.

        Store or look up these rows and make an `Aggregate` of one with
        `figure_from_row` only when it is read.
        """
        if not figures or not self.months or self.members.is_empty():
            return pl.DataFrame(schema=FIGURE_ROWS)
        codes = [f.code for f in figures]
        cells = _Cells(self.values, self.members, codes, self.months)
        # One row per region, month, figure and area, in that order: each aggregate is a run of rows
        # (grouped by a sorted key, with no hashing) and its code lists come out sorted.
        grid = cells.grid(self.members, self._population(WORKING_AGE, "people"))
        known = pl.col("status") == _KNOWN
        dotted = pl.col("status") == _DOTTED
        sums = grid.group_by("group", maintain_order=True).agg(
            pl.col("value").filter(known).sum().alias("known_sum"),
            _codes(known).alias("known"),
            _codes(dotted).alias("dotted"),
            _codes(~pl.col("status").is_in([_KNOWN, _DOTTED])).alias("missing"),
            *_coverage(known),
        )
        # A dot recoded from a split code lies on each part: count the cells it came from once.
        dotted_cells = (
            grid.filter(dotted).select("group", "area", "position")
            .join(cells.origins, on="position", how="left")
            .select("group", pl.when(pl.col("origins").is_null()).then(pl.concat_list(pl.col("area").cast(pl.String)))
                    .otherwise(pl.col("origins")).alias("cell"))
            .explode("cell")
            .group_by("group").agg(pl.col("cell").drop_nulls().n_unique().alias("dotted_cells"))
        )
        return (
            cells.keys(sums.join(dotted_cells, on="group", how="left"), codes)
            .with_columns(pl.col("dotted_cells").fill_null(0))
            .select(*FIGURE_ROWS).cast(dict(FIGURE_ROWS))  # type: ignore[arg-type]
        )

    def indicator_aggregates(
        self, versions: Sequence[IndicatorVersion], catalogue: Mapping[str, KeyFigure]
    ) -> dict[tuple[str, Period], IndicatorAggregate | None]:
        """Return (region, month) → the indicator over the region's areas whose parts are known.

        None where no version was in force. As `aggregation.aggregate_share`:
        the denominator counts only areas whose numerator and denominator are known.
        """
        result: dict[tuple[str, Period], IndicatorAggregate | None] = {}
        in_force: dict[int, tuple[IndicatorVersion, list[Period]]] = {}
        for month in self.months:
            version = version_in_force(versions, month)
            if version is None:
                result.update({(region, month): None for region in self.parts})
            else:
                in_force.setdefault(id(version), (version, []))[1].append(month)
        for version, months in in_force.values():
            result.update(self._indicator(version, months, catalogue))
        return result

    def _indicator(
        self, version: IndicatorVersion, months: list[Period], catalogue: Mapping[str, KeyFigure]
    ) -> dict[tuple[str, Period], IndicatorAggregate]:
        made = IndicatorMaker(version, catalogue)
        result = {
            (row["region"], period_of_index(row["month"])): made(row)
            for row in self.indicator_frame(version, months).iter_rows(named=True)
        }
        for region, areas in self.parts.items():
            if not areas:
                for month in months:
                    result[(region, month)] = made(EMPTY_INDICATOR_ROW)
        return result

    def indicator_frames(self, versions: Sequence[IndicatorVersion]) -> pl.DataFrame:
        """Return the rows (`INDICATOR_ROWS`) of every month some version was in force, each by that version."""
        frames = [self.indicator_frame(version, months) for version, months in self._in_force(versions)]
        return pl.concat(frames) if frames else pl.DataFrame(schema=INDICATOR_ROWS)

    def _in_force(self, versions: Sequence[IndicatorVersion]) -> list[tuple[IndicatorVersion, list[Period]]]:
        in_force: dict[int, tuple[IndicatorVersion, list[Period]]] = {}
        for month in self.months:
            version = version_in_force(versions, month)
            if version is not None:
                in_force.setdefault(id(version), (version, []))[1].append(month)
        return list(in_force.values())

    def indicator_frame(self, version: IndicatorVersion, months: Sequence[Period]) -> pl.DataFrame:
        """Return a row per region with areas and month: the sums over the areas whose parts are known."""
        if not months:
            return pl.DataFrame(schema=INDICATOR_ROWS)
        grid = self._term(self._term(self._grid(months), version.numerator, "n"), version.denominator, "d")
        grid = grid.with_columns(pl.max_horizontal("n_status", "d_status").alias("status"))
        known = pl.col("status") == _KNOWN
        unknown = pl.col("status") != _KNOWN
        return grid.group_by(["region", "month"]).agg(
            pl.col("n_value").filter(known).sum().alias("numerator"),
            pl.col("d_value").filter(known).sum().alias("denominator"),
            _codes(known).alias("used"),
            _codes(pl.col("status") == _DOTTED).alias("dotted"),
            _codes(unknown & (pl.col("status") != _DOTTED)).alias("missing"),
            pl.col("status").filter(unknown).max().alias("worst"),
            *_coverage(known),
        ).select(*INDICATOR_ROWS).cast(dict(INDICATOR_ROWS))  # type: ignore[arg-type]

    def _grid(self, months: Sequence[Period]) -> pl.DataFrame:
        """Return a row per region, area and month, with the area's 18–66 population (null when unknown)."""
        calendar = pl.DataFrame(
            {"month": [month_index(m) for m in months], "year": [m.year for m in months]},
            schema={"month": pl.Int32, "year": pl.Int32},
        )
        return self.members.join(calendar, how="cross").join(
            self._population(WORKING_AGE, "people"), on=["area", "year"], how="left", maintain_order="left"
        )

    def _population(self, band: Band, column: str) -> pl.DataFrame:
        rows = [(area, year, count) for (area, b, year), count in self._people.items() if b == band]
        return pl.DataFrame(rows, schema={"area": pl.String, "year": pl.Int32, column: pl.Int64}, orient="row")

    def _term(self, grid: pl.DataFrame, term: Term, prefix: str) -> pl.DataFrame:
        """Add the term's status and value for each area and month: a key figure, a population or 1."""
        status, value = f"{prefix}_status", f"{prefix}_value"
        if term.kind is TermKind.CONSTANT:
            return grid.with_columns(pl.lit(_KNOWN, pl.Int8).alias(status), pl.lit(1.0).alias(value))
        if term.kind is TermKind.POPULATION:
            assert term.band is not None
            people = self._population(term.band, value)
            return grid.join(people, on=["area", "year"], how="left", maintain_order="left").with_columns(
                pl.when(pl.col(value).is_null()).then(_NOT_YET).otherwise(_KNOWN).cast(pl.Int8).alias(status),
                pl.col(value).cast(pl.Float64),
            )
        figure = self.values.filter(pl.col("figure") == term.figure).select(
            "area", "month", pl.col("status").alias(status), pl.col("value").alias(value)
        )
        return grid.join(figure, on=["area", "month"], how="left", maintain_order="left").with_columns(
            pl.col(status).fill_null(_MISSING)
        )


class _Cells:
    """Every (area, figure, month) of a table as a position in dense status and value columns.

    Putting each value in its place by arithmetic, instead of joining on
    (area, figure, month), makes the figure grid of every region a gather:
    with ten times the demo's data that grid has some four million rows.
    """

    def __init__(self, values: pl.DataFrame, members: pl.DataFrame, figures: Sequence[str],
                 months: Sequence[Period]) -> None:
        self.area_type = pl.Enum(sorted(set(members["area"])))
        self._areas = self.area_type.categories.to_list()
        self._figures = {code: i for i, code in enumerate(figures)}
        self._months = months
        self._first = month_index(months[0])
        self._span = month_index(months[-1]) - self._first + 1
        size = len(self._areas) * len(figures) * self._span
        placed = values.filter(
            pl.col("area").is_in(self._areas) & pl.col("figure").is_in(list(figures))
        ).with_columns(self._position(
            pl.col("area").cast(self.area_type), pl.col("figure").replace_strict(self._figures, return_dtype=pl.Int64),
        ).alias("position"))
        self.status = pl.repeat(_MISSING, size, dtype=pl.Int8, eager=True)
        self.value = pl.repeat(None, size, dtype=pl.Float64, eager=True)
        # One current value per area, figure and month: positions never repeat.
        self.status.scatter(placed["position"], placed["status"])
        self.value.scatter(placed["position"], placed["value"])
        self.origins = placed.filter(pl.col("origins").is_not_null()).select("position", "origins")
        # Regions numbered in order, for sorted group keys.
        self._regions = members.select(pl.col("region").unique().sort()).with_row_index("r").with_columns(
            pl.col("r").cast(pl.Int64)
        )

    def _position(self, area: pl.Expr, figure: pl.Expr) -> pl.Expr:
        return (
            (area.to_physical().cast(pl.Int64) * len(self._figures) + figure) * self._span
            + (pl.col("month") - self._first)
        )

    def grid(self, members: pl.DataFrame, people: pl.DataFrame) -> pl.DataFrame:
        """Return a row per region, month, figure and area, in that order, with each cell's status and value.

        `group` numbers the (region, month, figure) runs in order; `people` the area's 18–66 population.
        """
        regions = self._regions
        calendar = pl.DataFrame(
            {"month": [month_index(m) for m in self._months], "year": [m.year for m in self._months]},
            schema={"month": pl.Int32, "year": pl.Int32},
        )
        figures = pl.DataFrame({"f": range(len(self._figures))}, schema={"f": pl.Int64})
        heads = regions.select("r").join(calendar, how="cross").join(figures, how="cross").with_columns(
            ((pl.col("r") * self._span + (pl.col("month") - self._first)) * len(self._figures) + pl.col("f"))
            .alias("group")
        )
        areas = members.join(regions, on="region").select("r", pl.col("area").cast(self.area_type)).sort("r", "area")
        people = people.filter(pl.col("area").is_in(self._areas)).with_columns(pl.col("area").cast(self.area_type))
        grid = (
            heads.join(areas, on="r", maintain_order="left_right")
            .join(people, on=["area", "year"], how="left", maintain_order="left")
            .with_columns(self._position(pl.col("area"), pl.col("f")).alias("position"))
        )
        return grid.with_columns(
            pl.col("group").set_sorted(),
            self.status.gather(grid["position"]).alias("status"),
            self.value.gather(grid["position"]).alias("value"),
        )

    def keys(self, frame: pl.DataFrame, figures: Sequence[str]) -> pl.DataFrame:
        """Return the frame with `group` turned back into its region, figure code and month."""
        count = len(self._figures)
        group = frame["group"]
        # Regions and figures are numbered by their place in these lists: a gather, not a join.
        return frame.with_columns(
            self._regions["region"].gather(group // (count * self._span)).alias("region"),
            (group // count % self._span + self._first).cast(pl.Int32).alias("month"),
            pl.Series(list(figures), dtype=pl.String).gather(group % count).alias("figure"),
        )


def _codes(condition: pl.Expr) -> pl.Expr:
    """Return the codes of the group's areas that meet the condition, in the order of the rows (`_grid`: sorted)."""
    return pl.col("area").filter(condition)


def _coverage(known: pl.Expr) -> list[pl.Expr]:
    """Return the 18–66 population of the known areas, of all areas, and the areas without a population."""
    return [
        pl.col("people").filter(known).sum().alias("covered"),
        pl.col("people").sum().alias("total"),
        _codes(pl.col("people").is_null()).alias("without"),
    ]
