"""What a chart shows, independent of how it is drawn: the page, the table view and PDF reports share one definition."""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from malekort.domain import symbols
from malekort.domain.amounts import Amount
from malekort.domain.charts.format import ValueFormat, short_month_label
from malekort.domain.indicators.definitions import Direction
from malekort.domain.indicators.limits import Colour, Limits
from malekort.domain.periods import Period

# In the order SSB lists them, which is also the order explanations are shown in.
SSB_SYMBOLS = (symbols.NOT_APPLICABLE, symbols.MISSING, symbols.NOT_YET_AVAILABLE, symbols.SUPPRESSED)

_HEX_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


class ChartError(ValueError):
    """A chart definition that cannot be drawn honestly."""


class ChartKind(enum.Enum):
    LINE = "line"
    BAR = "bar"
    SPARKLINE = "sparkline"  # a small line without axes or text, for a scorecard row


class BarLayout(enum.Enum):
    GROUPED = "grouped"  # bars side by side, e.g. areas compared
    STACKED = "stacked"  # parts of a whole, e.g. reported on time / late / missing


@dataclass(frozen=True, slots=True)
class XAxis:
    """The category labels along the x axis, and what one position is called in text."""

    labels: tuple[str, ...]
    title: str = "Måned"  # the first column header of the table view
    unit_names: tuple[str, str] = ("måned", "måneder")  # singular and plural, for the text alternative
    is_time: bool = True  # positions are in time order, so «the last value» means something

    def __post_init__(self) -> None:
        object.__setattr__(self, "labels", tuple(self.labels))
        if not self.labels:
            raise ChartError("A chart needs at least one position on the x axis")

    @classmethod
    def months(cls, periods: Iterable[Period]) -> XAxis:
        """Return an axis of months with short Norwegian labels such as «jan. 2025»."""
        return cls(tuple(short_month_label(period) for period in periods))

    @classmethod
    def categories(cls, labels: Iterable[str], *, title: str, unit_names: tuple[str, str]) -> XAxis:
        """Return an axis of categories without an order in time, such as areas side by side."""
        return cls(tuple(labels), title=title, unit_names=unit_names, is_time=False)

    def __len__(self) -> int:
        return len(self.labels)


@dataclass(frozen=True, slots=True)
class Series:
    """One line or one set of bars: a value per x position, or None and the SSB symbol that says why.

    Leaving `symbols` out marks every None as not reported («..»).
    """

    name: str
    values: tuple[float | None, ...]
    symbols: tuple[str, ...] = ()
    colour: str | None = None  # a hex colour when the series has a fixed meaning; else taken from the palette

    def __post_init__(self) -> None:
        values = tuple(None if value is None else float(value) for value in self.values)
        if any(value is not None and not math.isfinite(value) for value in values):
            raise ChartError(f"«{self.name}» has a value that is not a finite number")
        marks = tuple(self.symbols) or tuple("" if value is not None else symbols.MISSING for value in values)
        if len(marks) != len(values):
            raise ChartError(f"«{self.name}» has {len(values)} values but {len(marks)} symbols")
        for value, mark in zip(values, marks, strict=True):
            # A number next to a symbol (say 2 marked «:») would put a suppressed value on the page.
            if value is not None and mark:
                raise ChartError(f"«{self.name}» has both a number and the symbol «{mark}» at one position")
            if value is None and mark not in SSB_SYMBOLS:
                raise ChartError(f"«{self.name}» has no value and no SSB symbol at one position (got «{mark}»)")
        if self.colour is not None and not _HEX_COLOUR.match(self.colour):
            raise ChartError(f"«{self.colour}» is not a colour of the form #RRGGBB")
        object.__setattr__(self, "values", values)
        object.__setattr__(self, "symbols", marks)

    @classmethod
    def from_amounts(cls, name: str, amounts: Iterable[Amount], *, colour: str | None = None) -> Series:
        """Return a series of computed amounts, each unknown amount keeping its symbol."""
        parts = tuple(amounts)
        return cls(name, tuple(a.value for a in parts), tuple(a.symbol for a in parts), colour=colour)

    def known(self) -> list[tuple[int, float]]:
        """Return the positions that have a value, with the value."""
        return [(index, value) for index, value in enumerate(self.values) if value is not None]


@dataclass(frozen=True, slots=True)
class LimitLine:
    """A horizontal line at a threshold, such as the red limit or the national average."""

    value: float
    colour: Colour | None = None
    label: str = ""

    @property
    def text(self) -> str:
        """Return the label shown beside the line."""
        if self.label:
            return self.label
        return f"{self.colour.label} grense" if self.colour else "Grense"


@dataclass(frozen=True, slots=True)
class Band:
    """A background band between two values (None: to the edge of the axis) in green, yellow or red."""

    colour: Colour
    low: float | None = None
    high: float | None = None
    label: str = ""

    def __post_init__(self) -> None:
        if self.low is not None and self.high is not None and not self.low < self.high:
            raise ChartError(f"A band must have its low value below its high value, got {self.low} and {self.high}")

    @property
    def text(self) -> str:
        """Return the band's name, for example «Grønn»."""
        return self.label or self.colour.label


def bands_for(limits: Limits, direction: Direction) -> tuple[Band, ...]:
    """Return the green, yellow and red bands that a municipality's limits mean for an indicator.

    A neutral indicator has no bands: no colour would mean anything.
    """
    if direction is Direction.NEUTRAL:
        return ()
    if direction is Direction.LOWER_IS_BETTER:
        return (
            Band(Colour.GREEN, None, limits.green),
            Band(Colour.YELLOW, limits.green, limits.red),
            Band(Colour.RED, limits.red, None),
        )
    return (
        Band(Colour.RED, None, limits.red),
        Band(Colour.YELLOW, limits.red, limits.green),
        Band(Colour.GREEN, limits.green, None),
    )


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart: its kind, title, x axis, series and how values are written, plus optional decorations."""

    kind: ChartKind
    title: str
    x: XAxis
    series: tuple[Series, ...]
    value_format: ValueFormat
    notes: tuple[str, ...] = ()  # shown under the chart, e.g. «Tall for 2022–2023 er omregnet til dagens grenser»
    highlight: int | None = None  # the x position of the chosen month
    limits: tuple[LimitLine, ...] = ()
    bands: tuple[Band, ...] = ()
    bar_layout: BarLayout = BarLayout.GROUPED
    y_title: str = ""  # the unit over the y axis; empty means «Prosent», «Antall» or «Kroner»
    # Bars across the picture, one named row per category: every name is readable however many there are.
    horizontal: bool = False
    # From this x position on the values are provisional (the month is still open, or few have reported):
    # drawn apart, so that a half-reported last month does not read as a fall.
    provisional_from: int | None = None

    def __post_init__(self) -> None:
        for name in ("series", "notes", "limits", "bands"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        if not self.title.strip():
            raise ChartError("A chart needs a title: it is the start of its text alternative")
        if not self.series:
            raise ChartError(f"«{self.title}» has no series")
        for series in self.series:
            if len(series.values) != len(self.x):
                raise ChartError(
                    f"«{series.name}» has {len(series.values)} values for {len(self.x)} positions on the x axis"
                )
        if self.highlight is not None and not 0 <= self.highlight < len(self.x):
            raise ChartError(f"The highlighted position {self.highlight} is outside the x axis")
        if any(not math.isfinite(line.value) for line in self.limits):
            raise ChartError("A limit line needs a finite value")
        if self.is_stacked and any(value < 0 for series in self.series for _, value in series.known()):
            raise ChartError("Stacked bars cannot show negative values")
        if self.horizontal and (self.kind is not ChartKind.BAR or self.is_stacked):
            raise ChartError("Only grouped bar charts can be drawn across")
        if self.provisional_from is not None and not 0 <= self.provisional_from < len(self.x):
            raise ChartError(f"The first provisional position {self.provisional_from} is outside the x axis")

    def is_provisional(self, index: int) -> bool:
        """Return whether the value at the x position is provisional."""
        return self.provisional_from is not None and index >= self.provisional_from

    @property
    def is_stacked(self) -> bool:
        return self.kind is ChartKind.BAR and self.bar_layout is BarLayout.STACKED

    @property
    def axis_title(self) -> str:
        return self.y_title or self.value_format.measure.axis_title

    def symbols_used(self) -> tuple[str, ...]:
        """Return the SSB symbols that stand in for a value somewhere in the chart, in SSB's order."""
        used = {mark for series in self.series for mark in series.symbols}
        return tuple(mark for mark in SSB_SYMBOLS if mark in used)
