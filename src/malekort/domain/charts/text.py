"""The chart in words and as a table: its text alternative and the table view one click away."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from malekort.domain import symbols
from malekort.domain.amounts import Status, worst
from malekort.domain.charts.definition import Band, Chart, ChartKind, Series

# Why a value is missing, as a clause in running text.
REASONS = {
    symbols.NOT_APPLICABLE: "ikke mulig å oppgi",
    symbols.MISSING: "ikke rapportert",
    symbols.NOT_YET_AVAILABLE: "ikke publisert ennå",
    symbols.SUPPRESSED: "vises ikke av personvernhensyn",
}

_STATUS_OF_SYMBOL = {status.symbol: status for status in Status if status is not Status.KNOWN}


def kind_label(chart: Chart) -> str:
    """Return what kind of chart this is, in Norwegian."""
    if chart.kind is ChartKind.BAR:
        return "Stablet stolpediagram" if chart.is_stacked else "Stolpediagram"
    return "Linjediagram"


def describe(chart: Chart) -> str:
    """Return the chart's text alternative: what it shows, its last, lowest and highest values and its gaps."""
    x = chart.x
    many = len(chart.series) > 1
    if x.is_time:
        span = x.labels[0] if len(x) == 1 else f"{x.labels[0]}–{x.labels[-1]}"
    else:
        span = _count(len(x), x.unit_names)
    opening = f"{kind_label(chart)}, {chart.title.strip()}, {span}"
    sentences = [f"{opening}, {len(chart.series)} serier." if many else f"{opening}."]
    for series in chart.series:
        clauses = _summary(chart, series)
        if many:
            sentences.append(f"{series.name}: {'; '.join(clauses)}.")
        else:
            sentences.extend(f"{_capitalised(clause)}." for clause in clauses)
    if chart.highlight is not None:
        sentences.append(_highlight(chart, chart.highlight))
    if chart.bands:
        sentences.append("Grenser: " + ", ".join(_band(chart, band) for band in chart.bands) + ".")
    for line in chart.limits:
        sentences.append(f"{line.text} ved {chart.value_format.format(line.value)}.")
    sentences.extend(_sentence(note) for note in chart.notes)
    return " ".join(sentences)


def _summary(chart: Chart, series: Series) -> list[str]:
    """Return the clauses that sum up one series, starting in lower case."""
    fmt, labels = chart.value_format.format, chart.x.labels
    known = series.known()
    gaps = [mark for mark in series.symbols if mark]
    if not known:
        return [f"ingen {chart.x.unit_names[1]} har tall ({_reasons(gaps)})"]
    clauses = []
    if chart.x.is_time:
        index, value = known[-1]
        clauses.append(f"siste verdi {fmt(value)} ({labels[index]})")
    if len(known) > 1:
        # The first of equal values, so that the same input always gives the same text.
        low_index, low = min(known, key=lambda point: point[1])
        high_index, high = max(known, key=lambda point: point[1])
        clauses.append(f"laveste {fmt(low)} ({labels[low_index]}), høyeste {fmt(high)} ({labels[high_index]})")
    elif not chart.x.is_time:
        index, value = known[0]
        clauses.append(f"bare {labels[index]} har tall: {fmt(value)}")
    if gaps:
        clauses.append(f"{_count(len(gaps), chart.x.unit_names)} uten tall ({_reasons(gaps)})")
    return clauses


def _reasons(gaps: list[str]) -> str:
    """Return why values are missing, with a count per reason when there is more than one reason."""
    counts = Counter(gaps)
    ordered = [mark for mark in (symbols.SUPPRESSED, symbols.MISSING, symbols.NOT_YET_AVAILABLE,
                                 symbols.NOT_APPLICABLE) if mark in counts]
    if len(ordered) == 1:
        return REASONS[ordered[0]]
    return ", ".join(f"{counts[mark]} {REASONS[mark]}" for mark in ordered)


def _highlight(chart: Chart, index: int) -> str:
    """Return the sentence about the chosen position."""
    start = f"Valgt {chart.x.unit_names[0]}: {chart.x.labels[index]}"
    cells = [_value_in_words(chart, series, index) for series in chart.series]
    if len(chart.series) == 1:
        return f"{start}, {cells[0]}."
    return f"{start}, " + ", ".join(f"{s.name} {cell}" for s, cell in zip(chart.series, cells, strict=True)) + "."


def _value_in_words(chart: Chart, series: Series, index: int) -> str:
    value = series.values[index]
    if value is None:
        return f"ingen tall ({REASONS[series.symbols[index]]})"
    return chart.value_format.format(value)


def _band(chart: Chart, band: Band) -> str:
    fmt = chart.value_format.format
    name = band.text.lower()
    if band.low is None and band.high is None:
        return f"{name} over hele aksen"
    if band.low is None:
        assert band.high is not None
        return f"{name} til {fmt(band.high)}"
    if band.high is None:
        return f"{name} fra {fmt(band.low)}"
    return f"{name} {fmt(band.low)}–{fmt(band.high)}"


def _count(number: int, names: tuple[str, str]) -> str:
    return f"{number} {names[0] if number == 1 else names[1]}"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


@dataclass(frozen=True, slots=True)
class ChartTable:
    """The chart's numbers as a table: a row per x position, a column per series, symbols where values are missing."""

    caption: str
    columns: tuple[str, ...]  # the x axis title, then one per series (and «I alt» for stacked bars)
    rows: tuple[tuple[str, ...], ...]  # the x label, then one formatted cell per column
    highlight: int | None
    notes: tuple[str, ...]
    symbols: tuple[tuple[str, str], ...]  # (symbol, explanation) for each symbol that occurs in the rows


def to_table(chart: Chart) -> ChartTable:
    """Return the table view of the chart, formatted the same way as the chart and its text alternative."""
    fmt = chart.value_format.format
    columns = (chart.x.title, *(series.name for series in chart.series))
    if chart.is_stacked:
        columns = (*columns, "I alt")
    rows = []
    for index, label in enumerate(chart.x.labels):
        cells = [fmt(v) if (v := s.values[index]) is not None else s.symbols[index] for s in chart.series]
        if chart.is_stacked:
            cells.append(_total(chart, index))
        rows.append((label, *cells))
    used = {cell for row in rows for cell in row[1:]}
    return ChartTable(
        caption=chart.title,
        columns=columns,
        rows=tuple(rows),
        highlight=chart.highlight,
        notes=chart.notes,
        symbols=tuple((mark, symbols.SYMBOL_LABELS[mark]) for mark in chart.symbols_used() if mark in used),
    )


def _total(chart: Chart, index: int) -> str:
    """Return the sum of a stack, unknown with the weightiest symbol when any part is unknown."""
    parts = [series.values[index] for series in chart.series]
    if all(part is not None for part in parts):
        return chart.value_format.format(sum(part for part in parts if part is not None))
    return worst(_STATUS_OF_SYMBOL[series.symbols[index]] for series in chart.series if series.symbols[index]).symbol
