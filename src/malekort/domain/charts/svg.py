"""Draw a chart as standalone SVG 1.1: inline on the page, and converted by svglib for PDF reports.

svglib reads neither CSS classes nor <style>, so every element carries its own
presentation attributes. Text widths are estimated, not measured, so that the
output depends on nothing but the chart and is the same string every time.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from malekort.domain.charts.definition import Chart, ChartKind, LimitLine, Series
from malekort.domain.charts.format import Measure, decimals_of, format_number
from malekort.domain.charts.scale import nice_ticks
from malekort.domain.charts.text import describe
from malekort.domain.indicators.limits import Colour
from malekort.domain.symbols import SYMBOL_LABELS

# Aksel (NAV's design system) colours. Blue and orange first: the pair stays apart for every common colour
# vision deficiency; dash patterns tell lines apart where colours alone would not.
PALETTE = ("#0067C5", "#C77300", "#634689", "#06893A", "#707070", "#005B82")
DASHES = ("", "7 4", "2 3", "9 3 2 3", "14 4", "4 2 1 2")
TEXT = "#23262A"
SUBTLE_TEXT = "#49515E"
GRID = "#CFD3D8"
HIGHLIGHT = "#E6F0FF"
PROVISIONAL = "#F2F3F5"
PROVISIONAL_LABEL = "Foreløpig"
BAND_FILLS = {Colour.GREEN: "#CCF1D6", Colour.YELLOW: "#FFECCC", Colour.RED: "#FFE6E6"}
LINE_COLOURS = {Colour.GREEN: "#06893A", Colour.YELLOW: "#C77300", Colour.RED: "#C30000"}
# The page's font first; svglib falls through the list to Helvetica, a standard PDF font.
FONT_FAMILY = "'Source Sans 3', Arial, Helvetica, sans-serif"

CHART_SIZE = (640, 360)
SPARKLINE_SIZE = (120, 32)

_PAD = 12
_MONTH_STEPS = (1, 2, 3, 4, 6, 12)
_MIN_PLOT_HEIGHT = 80
_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
# Characters XML 1.0 forbids; a stray one in a title from a database would make the whole SVG unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render_svg(
    chart: Chart,
    *,
    id_prefix: str,
    width: int | None = None,
    height: int | None = None,
    show_title: bool = True,
    show_notes: bool = True,
    font_family: str = FONT_FAMILY,
) -> str:
    """Return the chart as a standalone SVG document, with its text alternative in <title> and <desc>.

    `id_prefix` makes the ids of <title> and <desc> unique on a page with several charts. `height` is the
    total height; it grows when title, legend and notes would leave too little room for the plot. A page
    that shows the title and notes in HTML passes show_title=False and show_notes=False.
    """
    if not _ID.match(id_prefix):
        raise ValueError(f"«{id_prefix}» cannot start an XML id")
    default_width, default_height = SPARKLINE_SIZE if chart.kind is ChartKind.SPARKLINE else CHART_SIZE
    canvas = _Canvas(width or default_width, height or default_height, font_family)
    if chart.kind is ChartKind.SPARKLINE:
        _draw_sparkline(canvas, chart)
    else:
        _draw_chart(canvas, chart, show_title=show_title, show_notes=show_notes)
    return canvas.document(id_prefix, chart.title, describe(chart))


class _Canvas:
    """Collects SVG elements; the height may grow while the layout is made."""

    def __init__(self, width: int, height: int, font_family: str) -> None:
        if width <= 0 or height <= 0:
            raise ValueError(f"A chart needs a positive size, got {width}×{height}")
        self.width = width
        self.height = height
        self.font_family = font_family
        self.elements: list[str] = []

    def add(self, tag: str, **attrs: str | float) -> None:
        self.elements.append(f"<{tag}{_attrs(attrs)}/>")

    def text(
        self, x: float, y: float, content: str, *, size: float = 12, fill: str = TEXT, anchor: str = "start",
        bold: bool = False,
    ) -> None:
        attrs: dict[str, str | float] = {
            "x": x, "y": y, "font-family": self.font_family, "font-size": size, "fill": fill,
        }
        if anchor != "start":
            attrs["text-anchor"] = anchor
        if bold:
            attrs["font-weight"] = "bold"
        self.elements.append(f"<text{_attrs(attrs)}>{_escape(content)}</text>")

    def document(self, id_prefix: str, title: str, description: str) -> str:
        size: dict[str, str | float] = {
            "width": self.width, "height": self.height, "viewBox": f"0 0 {self.width} {self.height}",
        }
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1"{_attrs(size)} role="img"'
            f' aria-labelledby="{id_prefix}-title {id_prefix}-desc">'
        )
        return "\n".join([
            head,
            f'<title id="{id_prefix}-title">{_escape(title)}</title>',
            f'<desc id="{id_prefix}-desc">{_escape(description)}</desc>',
            *self.elements,
            "</svg>",
            "",
        ])


@dataclass(frozen=True, slots=True)
class _Look:
    colour: str
    dash: str


def _looks(chart: Chart) -> list[_Look]:
    """Return the colour and dash pattern of each series, in the palette's order unless a series has its own."""
    return [
        _Look(series.colour or PALETTE[index % len(PALETTE)], DASHES[index % len(DASHES)])
        for index, series in enumerate(chart.series)
    ]


@dataclass(frozen=True, slots=True)
class _YScale:
    ticks: tuple[float, ...]
    top: float
    bottom: float
    divisor: float  # 1, or a million when kroner are shown in millions

    def __call__(self, value: float) -> float:
        low, high = self.ticks[0], self.ticks[-1]
        return self.bottom - (value - low) / (high - low) * (self.bottom - self.top)

    def labels(self) -> list[str]:
        decimals = max(decimals_of(tick / self.divisor) for tick in self.ticks)
        return [format_number(tick / self.divisor, decimals=decimals) for tick in self.ticks]


def _y_ticks(chart: Chart) -> tuple[float, ...]:
    """Return the y ticks: from 0 (or below, for negative values) to above every value, limit and band edge."""
    points = [value for series in chart.series for _, value in series.known()]
    if chart.is_stacked:
        points = [
            sum(value for series in chart.series if (value := series.values[index]) is not None)
            for index in range(len(chart.x))
        ]
    points += [line.value for line in chart.limits]
    points += [edge for band in chart.bands for edge in (band.low, band.high) if edge is not None]
    # Counts, shares and kroner are compared with zero; an axis from 2.9 would make 3.1 look like twice 3.0.
    low, high = min([0.0, *points]), max([0.0, *points])
    return nice_ticks(low, high, whole=chart.value_format.whole_steps)


@dataclass(frozen=True, slots=True)
class _Plot:
    """Where the plot area lies and how values and positions map into it."""

    left: float
    right: float
    top: float
    bottom: float
    y: _YScale
    centres: tuple[float, ...]  # the middle of each x position's slot

    @property
    def slot(self) -> float:
        return (self.right - self.left) / len(self.centres)


def _draw_chart(canvas: _Canvas, chart: Chart, *, show_title: bool, show_notes: bool) -> None:
    if chart.horizontal:
        _draw_across(canvas, chart, show_title=show_title, show_notes=show_notes)
        return
    looks = _looks(chart)
    many = len(chart.series) > 1
    inner_width = canvas.width - 2 * _PAD
    ticks, divisor, axis_title = _value_axis(chart)
    tick_labels = _YScale(ticks, 0, 1, divisor).labels()
    left = _PAD + max(_text_width(label, 11) for label in tick_labels) + 8
    # Band and limit names stand right of the plot, where no data point can hide them.
    side_labels = [band.text for band in chart.bands] + [_limit_text(chart, limit) for limit in chart.limits]
    right = canvas.width - _PAD - (max(_text_width(text, 11) for text in side_labels) + 8 if side_labels else 0)
    slot = (right - left) / len(chart.x)

    title_lines, note_lines = _title_and_notes(chart, inner_width, show_title=show_title, show_notes=show_notes)
    # Every category must be named, so long names wrap (up to three lines); months are thinned out instead.
    x_label_lines = [
        [label] if chart.x.is_time or len(lines := _wrap(label, slot - 8, 11)) > 3 else lines
        for label in chart.x.labels
    ]
    legend = _legend_layout(chart, left, right) if many else []
    legend_rows = (legend[-1][2] + 1) if legend else 0
    top = _PAD + 20 * len(title_lines) + 22
    x_zone = 8 + 13 * max(len(lines) for lines in x_label_lines) + 4
    bottom_zone = x_zone + 20 * legend_rows + 15 * len(note_lines) + (6 if note_lines else 0) + _PAD
    if canvas.height - bottom_zone - top < _MIN_PLOT_HEIGHT:
        canvas.height = math.ceil(top + _MIN_PLOT_HEIGHT + bottom_zone)
    bottom = canvas.height - bottom_zone
    y = _YScale(ticks, top, bottom, divisor)
    plot = _Plot(left, right, top, bottom, y, tuple(left + slot * (index + 0.5) for index in range(len(chart.x))))

    for index, title_line in enumerate(title_lines):
        canvas.text(_PAD, _PAD + 15 + 20 * index, title_line, size=16, bold=True)
    canvas.text(_PAD, top - 10, axis_title, size=11, fill=SUBTLE_TEXT)
    _draw_backdrop(canvas, chart, plot, tick_labels)
    if chart.kind is ChartKind.LINE:
        for series, look in zip(chart.series, looks, strict=True):
            _draw_line(canvas, series.values, look, plot.centres, y, highlight=chart.highlight, width=2, dot=3.5,
                       provisional_from=chart.provisional_from)
        if not many:
            _draw_gap_symbols(canvas, chart.series[0], plot)
    elif chart.is_stacked:
        _draw_stacked_bars(canvas, chart, looks, plot)
    else:
        _draw_grouped_bars(canvas, chart, looks, plot)
    canvas.add("line", x1=left, y1=y(0.0), x2=right, y2=y(0.0), stroke=TEXT, **{"stroke-width": 1})
    _draw_x_labels(canvas, chart, plot, x_label_lines)
    _draw_legend(canvas, chart, looks, legend, bottom + x_zone)
    notes_top = bottom + x_zone + 20 * legend_rows + 6
    for index, note_line in enumerate(note_lines):
        canvas.text(_PAD, notes_top + 11 + 15 * index, note_line, size=11, fill=SUBTLE_TEXT)


def _value_axis(chart: Chart) -> tuple[tuple[float, ...], float, str]:
    """Return the value axis: its ticks, the divisor its labels use (a million for large kroner) and its title."""
    ticks = _y_ticks(chart)
    if chart.value_format.measure is Measure.KRONER and max(abs(t) for t in ticks) >= 1_000_000:
        return ticks, 1_000_000, f"{chart.y_title} (mill.)" if chart.y_title else "Mill. kroner"
    return ticks, 1, chart.axis_title


def _title_and_notes(chart: Chart, width: float, *, show_title: bool, show_notes: bool) -> tuple[list[str], list[str]]:
    """Return the title's lines and the notes' lines (with the symbol key) wrapped to the width."""
    title_lines = _wrap(chart.title, width, 16, bold=True) if show_title else []
    note_lines: list[str] = []
    if show_notes:
        for note in chart.notes:
            note_lines += _wrap(note, width, 11)
        note_lines += _wrap(_symbol_key(chart), width, 11) if chart.symbols_used() else []
    return title_lines, note_lines


def _draw_backdrop(canvas: _Canvas, chart: Chart, plot: _Plot, tick_labels: list[str]) -> None:
    """Draw what lies behind the data: limit bands, the chosen month, grid lines with their values, limit lines."""
    y, ticks = plot.y, plot.y.ticks
    for band in chart.bands:
        low = ticks[0] if band.low is None else max(band.low, ticks[0])
        high = ticks[-1] if band.high is None else min(band.high, ticks[-1])
        if high <= low:
            continue
        canvas.add("rect", x=plot.left, y=y(high), width=plot.right - plot.left, height=y(low) - y(high),
                   fill=BAND_FILLS[band.colour])
        # The band's name, so that its colour is not the only thing that tells green from red.
        if y(low) - y(high) >= 14:
            canvas.add("rect", x=plot.right, y=y(high), width=4, height=y(low) - y(high),
                       fill=LINE_COLOURS[band.colour])
            canvas.text(plot.right + 8, (y(high) + y(low)) / 2 + 4, band.text, size=11, fill=SUBTLE_TEXT)
    if chart.provisional_from is not None:
        start = plot.left + plot.slot * chart.provisional_from
        canvas.add("rect", x=start, y=plot.top, width=plot.right - start, height=plot.bottom - plot.top,
                   fill=PROVISIONAL)
        canvas.text(plot.right, plot.top - 10, PROVISIONAL_LABEL, size=11, fill=SUBTLE_TEXT, anchor="end",
                    bold=True)
    if chart.highlight is not None:
        canvas.add("rect", x=plot.left + plot.slot * chart.highlight, y=plot.top, width=plot.slot,
                   height=plot.bottom - plot.top, fill=HIGHLIGHT)
    for tick, label in zip(ticks, tick_labels, strict=True):
        canvas.add("line", x1=plot.left, y1=y(tick), x2=plot.right, y2=y(tick), stroke=GRID, **{"stroke-width": 1})
        canvas.text(plot.left - 6, y(tick) + 4, label, size=11, fill=SUBTLE_TEXT, anchor="end")
    limit_style: dict[str, str | float] = {"stroke-width": 1.5, "stroke-dasharray": "5 3"}
    for limit in chart.limits:
        colour = LINE_COLOURS[limit.colour] if limit.colour else TEXT
        canvas.add("line", x1=plot.left, y1=y(limit.value), x2=plot.right, y2=y(limit.value), stroke=colour,
                   **limit_style)
        canvas.text(plot.right + 8, y(limit.value) + 4, _limit_text(chart, limit), size=11, fill=TEXT)


def _limit_text(chart: Chart, limit: LimitLine) -> str:
    return f"{limit.text} {chart.value_format.format(limit.value)}"


def _draw_x_labels(canvas: _Canvas, chart: Chart, plot: _Plot, lines: list[list[str]]) -> None:
    for index in _labelled_positions(chart, lines, plot.slot):
        bold = index == chart.highlight
        centre = plot.centres[index]
        canvas.add("line", x1=centre, y1=plot.bottom, x2=centre, y2=plot.bottom + 4, stroke=TEXT,
                   **{"stroke-width": 1})
        for row, text in enumerate(lines[index]):
            # The first and last labels may be wider than their slot; keep them inside the picture.
            half = _text_width(text, 11, bold=bold) / 2
            x = min(max(centre, _PAD + half), canvas.width - _PAD - half)
            canvas.text(x, plot.bottom + 17 + 13 * row, text, size=11, anchor="middle", bold=bold)


def _draw_legend(
    canvas: _Canvas, chart: Chart, looks: list[_Look], legend: list[tuple[str, int, int, float]], top: float,
) -> None:
    for name, look_index, row, x in legend:
        look = looks[look_index]
        baseline = top + 14 + 20 * row
        if chart.kind is ChartKind.BAR:
            canvas.add("rect", x=x, y=baseline - 10, width=12, height=12, fill=look.colour)
            canvas.text(x + 18, baseline, name)
            continue
        attrs: dict[str, str | float] = {"stroke": look.colour, "stroke-width": 2}
        if look.dash:
            attrs["stroke-dasharray"] = look.dash
        canvas.add("line", x1=x, y1=baseline - 4, x2=x + 24, y2=baseline - 4, **attrs)
        canvas.text(x + 30, baseline, name)


def _draw_line(
    canvas: _Canvas, values: Sequence[float | None], look: _Look, xs: Sequence[float], y: _YScale | _SparkScale, *,
    highlight: int | None, width: float, dot: float, provisional_from: int | None = None,
) -> None:
    """Draw each run of known values as its own path, so that no line crosses a gap; a lone value gets a dot.

    Provisional values are joined to the last firm one by a thin dotted line and drawn as open circles.
    """
    firm = list(values) if provisional_from is None else [*values[:provisional_from],
                                                          *([None] * (len(values) - provisional_from))]
    for run in _runs(firm):
        if len(run) == 1:
            if run[0] != highlight:
                canvas.add("circle", cx=xs[run[0]], cy=y(_known(values, run[0])), r=dot, fill=look.colour)
            continue
        attrs: dict[str, str | float] = {
            "d": _path(run, values, xs, y), "fill": "none", "stroke": look.colour, "stroke-width": width,
            "stroke-linejoin": "round", "stroke-linecap": "round",
        }
        if look.dash:
            attrs["stroke-dasharray"] = look.dash
        canvas.add("path", **attrs)
    if provisional_from is not None:
        tail = [i for i in range(max(provisional_from - 1, 0), len(values)) if values[i] is not None]
        for run in _runs([values[i] if i in tail else None for i in range(len(values))]):
            if len(run) > 1:
                dotted: dict[str, str | float] = {"stroke-width": width * 0.75, "stroke-dasharray": "2 3"}
                canvas.add("path", d=_path(run, values, xs, y), fill="none", stroke=look.colour, **dotted)
        for index in tail:
            if index >= provisional_from and index != highlight:
                canvas.add("circle", cx=xs[index], cy=y(_known(values, index)), r=dot, fill="#FFFFFF",
                           stroke=look.colour, **{"stroke-width": 1.5})
    if highlight is not None and values[highlight] is not None:
        provisional = provisional_from is not None and highlight >= provisional_from
        canvas.add("circle", cx=xs[highlight], cy=y(_known(values, highlight)), r=dot + 1,
                   fill="#FFFFFF" if provisional else look.colour,
                   stroke=look.colour if provisional else "#FFFFFF", **{"stroke-width": 1.5})


def _runs(values: Sequence[float | None]) -> list[list[int]]:
    """Return the runs of consecutive positions that have a value."""
    runs: list[list[int]] = []
    for index, value in enumerate(values):
        if value is None:
            continue
        if runs and runs[-1][-1] == index - 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    return runs


def _path(run: Sequence[int], values: Sequence[float | None], xs: Sequence[float], y: _YScale | _SparkScale) -> str:
    return " ".join(f"{'M' if n == 0 else 'L'}{_num(xs[i])} {_num(y(_known(values, i)))}" for n, i in enumerate(run))


def _draw_gap_symbols(canvas: _Canvas, series: Series, plot: _Plot) -> None:
    """Write the SSB symbol where a value is missing, so that a gap never reads as zero or as an oversight."""
    for index, mark in enumerate(series.symbols):
        if mark and _text_width(mark, 11) <= plot.slot:
            canvas.text(plot.centres[index], plot.y(0.0) - 5, mark, size=11, fill=SUBTLE_TEXT, anchor="middle",
                        bold=True)


def _draw_grouped_bars(canvas: _Canvas, chart: Chart, looks: list[_Look], plot: _Plot) -> None:
    count = len(chart.series)
    group = plot.slot * (0.6 if count == 1 else 0.8)
    bar = group / count
    y, zero = plot.y, plot.y(0.0)
    for index, centre in enumerate(plot.centres):
        for position, (series, look) in enumerate(zip(chart.series, looks, strict=True)):
            left = centre - group / 2 + bar * position
            value = series.values[index]
            if value is None:
                if _text_width(series.symbols[index], 11) <= bar + 4:
                    canvas.text(left + bar / 2, zero - 5, series.symbols[index], size=11, fill=SUBTLE_TEXT,
                                anchor="middle", bold=True)
                continue
            top, bottom = sorted((y(value), zero))
            canvas.add("rect", x=left + 0.5, y=top, width=max(bar - 1, 1), height=bottom - top,
                       **_bar_paint(look, provisional=chart.is_provisional(index)))


def _draw_stacked_bars(canvas: _Canvas, chart: Chart, looks: list[_Look], plot: _Plot) -> None:
    """Stack the parts from the bottom; above an unknown part nothing more is drawn, since its base is unknown."""
    bar, y = plot.slot * 0.6, plot.y
    for index, centre in enumerate(plot.centres):
        level = 0.0
        for series, look in zip(chart.series, looks, strict=True):
            value = series.values[index]
            if value is None:
                canvas.text(centre, y(level) - 5, series.symbols[index], size=11, fill=SUBTLE_TEXT, anchor="middle",
                            bold=True)
                break
            paint = _bar_paint(look, provisional=chart.is_provisional(index))
            paint.setdefault("stroke", "#FFFFFF")
            canvas.add("rect", x=centre - bar / 2, y=y(level + value), width=bar,
                       height=y(level) - y(level + value), **paint, **{"stroke-width": 0.5})
            level += value


def _bar_paint(look: _Look, *, provisional: bool) -> dict[str, str | float]:
    """Return a bar's fill: a provisional bar is a pale tint with an outline in the series' colour."""
    if not provisional:
        return {"fill": look.colour}
    return {"fill": _tint(look.colour), "stroke": look.colour}


def _tint(colour: str, share: float = 0.3) -> str:
    """Return the colour mixed with white, keeping `share` of the colour."""
    channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - (255 - c) * share):02X}" for c in channels)


def _draw_across(canvas: _Canvas, chart: Chart, *, show_title: bool, show_notes: bool) -> None:
    """Draw bars across the picture, one row per category with its whole name beside it, values at the bar ends."""
    looks = _looks(chart)
    many = len(chart.series) > 1
    inner_width = canvas.width - 2 * _PAD
    ticks, divisor, axis_title = _value_axis(chart)
    tick_labels = _YScale(ticks, 0, 1, divisor).labels()
    name_room = min(max(_text_width(label, 11) for label in chart.x.labels) + 10, inner_width * 0.4)
    names = [(_wrap(label, name_room - 10, 11) or [label])[:3] for label in chart.x.labels]
    written = [
        chart.value_format.format(value) if value is not None else series.symbols[index]
        for series in chart.series for index, value in enumerate(series.values)
    ]
    left = _PAD + name_room
    right = canvas.width - _PAD - max(_text_width(text, 11) for text in written) - 8
    bar = 14.0
    rows = [max(13.0 * len(lines) + 8, bar * len(chart.series) + 8) for lines in names]

    title_lines, note_lines = _title_and_notes(chart, inner_width, show_title=show_title, show_notes=show_notes)
    legend = _legend_layout(chart, _PAD, canvas.width - _PAD) if many else []
    legend_rows = (legend[-1][2] + 1) if legend else 0
    top = _PAD + 20.0 * len(title_lines) + 22
    bottom = top + sum(rows)
    canvas.height = math.ceil(bottom + 22 + 20 * legend_rows + 15 * len(note_lines) + (6 if note_lines else 0) + _PAD)
    low, high = ticks[0], ticks[-1]

    def x(value: float) -> float:
        return left + (value - low) / (high - low) * (right - left)

    for index, title_line in enumerate(title_lines):
        canvas.text(_PAD, _PAD + 15 + 20 * index, title_line, size=16, bold=True)
    canvas.text(left, top - 10, axis_title, size=11, fill=SUBTLE_TEXT)
    row_top = top
    for index, height in enumerate(rows):
        if index == chart.highlight:
            canvas.add("rect", x=_PAD, y=row_top, width=inner_width, height=height, fill=HIGHLIGHT)
        row_top += height
    for tick, label in zip(ticks, tick_labels, strict=True):
        canvas.add("line", x1=x(tick), y1=top, x2=x(tick), y2=bottom, stroke=GRID, **{"stroke-width": 1})
        canvas.text(x(tick), bottom + 15, label, size=11, fill=SUBTLE_TEXT, anchor="middle")
    zero = x(0.0)
    row_top = top
    for index, (lines, height) in enumerate(zip(names, rows, strict=True)):
        first_line = row_top + height / 2 - 13 * (len(lines) - 1) / 2 + 4
        for number, line in enumerate(lines):
            canvas.text(_PAD, first_line + 13 * number, line, size=11, bold=index == chart.highlight)
        bars_top = row_top + (height - bar * len(chart.series)) / 2
        for position, (series, look) in enumerate(zip(chart.series, looks, strict=True)):
            y_bar = bars_top + bar * position
            value = series.values[index]
            if value is None:
                canvas.text(zero + 4, y_bar + bar - 3, series.symbols[index], size=11, fill=SUBTLE_TEXT, bold=True)
                continue
            start, end = sorted((zero, x(value)))
            canvas.add("rect", x=start, y=y_bar + 1, width=max(end - start, 1), height=bar - 2,
                       **_bar_paint(look, provisional=chart.is_provisional(index)))
            canvas.text(end + 4, y_bar + bar - 3, chart.value_format.format(value), size=11)
        row_top += height
    canvas.add("line", x1=zero, y1=top, x2=zero, y2=bottom, stroke=TEXT, **{"stroke-width": 1})
    _draw_legend(canvas, chart, looks, legend, bottom + 22)
    notes_top = bottom + 22 + 20 * legend_rows + 6
    for index, note_line in enumerate(note_lines):
        canvas.text(_PAD, notes_top + 11 + 15 * index, note_line, size=11, fill=SUBTLE_TEXT)


def _labelled_positions(chart: Chart, lines: list[list[str]], slot: float) -> list[int]:
    """Return the x positions that get a label: every k-th counted back from the last, and the highlighted one."""
    widest = max((_text_width(text, 11) for label in lines for text in label), default=0.0) + 8
    step = max(1, math.ceil(widest / slot))
    if chart.x.is_time:
        # Months labelled every quarter, half year or year line up with the calendar as readers count it.
        step = next((months for months in _MONTH_STEPS if months >= step), 12 * math.ceil(step / 12))
    count = len(chart.x)
    shown = {index for index in range(count) if (count - 1 - index) % step == 0}
    if chart.highlight is not None:
        shown = {index for index in shown if abs(index - chart.highlight) >= step}
        shown.add(chart.highlight)
    return sorted(shown)


def _legend_layout(chart: Chart, left: float, right: float) -> list[tuple[str, int, int, float]]:
    """Return (name, series index, row, x) for each legend entry, wrapping entries onto new rows."""
    swatch = 18 if chart.kind is ChartKind.BAR else 30
    entries = []
    row, x = 0, left
    for index, series in enumerate(chart.series):
        width = swatch + _text_width(series.name, 12) + 18
        if x > left and x + width > right:
            row, x = row + 1, left
        entries.append((series.name, index, row, x))
        x += width
    return entries


def _symbol_key(chart: Chart) -> str:
    """Return the explanation of the SSB symbols the chart uses."""
    entries = [f"«{mark}» {SYMBOL_LABELS[mark][:1].lower()}{SYMBOL_LABELS[mark][1:]}" for mark in chart.symbols_used()]
    return "Tegnforklaring: " + ", ".join(entries) + "."


@dataclass(frozen=True, slots=True)
class _SparkScale:
    low: float
    high: float
    top: float
    bottom: float

    def __call__(self, value: float) -> float:
        return self.bottom - (value - self.low) / (self.high - self.low) * (self.bottom - self.top)


def _draw_sparkline(canvas: _Canvas, chart: Chart) -> None:
    """Draw the shape of the series without axes: the range is the data's own, which the row's numbers state."""
    pad = 3.0
    known = [value for series in chart.series for _, value in series.known()]
    low, high = (min(known), max(known)) if known else (0.0, 1.0)
    if low == high:
        low, high = low - 1, high + 1
    y = _SparkScale(low, high, pad, canvas.height - pad)
    count = len(chart.x)
    step = (canvas.width - 2 * pad) / (count - 1) if count > 1 else 0.0
    xs = [pad + step * index if count > 1 else canvas.width / 2 for index in range(count)]
    if chart.highlight is not None:
        band = max(step, 3.0)
        canvas.add("rect", x=xs[chart.highlight] - band / 2, y=0, width=band, height=canvas.height, fill=HIGHLIGHT)
    for series, look in zip(chart.series, _looks(chart), strict=True):
        _draw_line(canvas, series.values, look, xs, y, highlight=chart.highlight, width=1.5, dot=1.75,
                   provisional_from=chart.provisional_from)
        points = series.known()
        if points and points[-1][0] != chart.highlight:
            # The latest value is the one the scorecard row prints beside the line.
            last = points[-1][0]
            canvas.add("circle", cx=xs[last], cy=y(points[-1][1]), r=2.25, fill=look.colour)


def _known(values: Sequence[float | None], index: int) -> float:
    value = values[index]
    assert value is not None
    return value


def _wrap(text: str, width: float, size: float, *, bold: bool = False) -> list[str]:
    """Return the text broken into lines at spaces so that each line fits the width, as far as words allow."""
    lines: list[str] = []
    for word in text.split():
        if lines and _text_width(f"{lines[-1]} {word}", size, bold=bold) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Return a generous estimate of the text's width: Helvetica, the widest font it may end up in, averages this."""
    return len(text) * size * (0.6 if bold else 0.53)


def _num(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _attrs(attrs: dict[str, str | float]) -> str:
    parts = []
    for name, value in attrs.items():
        shown = _num(value) if isinstance(value, int | float) else value
        parts.append(f' {name}="{_escape(shown, attribute=True)}"')
    return "".join(parts)


def _escape(text: str, *, attribute: bool = False) -> str:
    cleaned = _NOT_XML.sub("", text)
    return escape(cleaned, {'"': "&quot;"}) if attribute else escape(cleaned)
