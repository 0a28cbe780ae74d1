"""The SVG: valid and accessible, the same every time, readable by svglib, and honest about gaps."""

import io
import re
import xml.etree.ElementTree as ET

import pytest
from svglib.svglib import svg2rlg

from malekort.domain.amounts import DOTTED, Amount
from malekort.domain.charts import (
    COUNT,
    KRONER,
    PERCENT,
    BarLayout,
    Chart,
    ChartError,
    ChartKind,
    LimitLine,
    Series,
    XAxis,
    bands_for,
    describe,
    render_svg,
)
from malekort.domain.charts.svg import PALETTE
from malekort.domain.indicators.definitions import Direction
from malekort.domain.indicators.limits import Colour, Limits
from malekort.domain.periods import Period, periods_between

SVG = "{http://www.w3.org/2000/svg}"
BLUE, ORANGE = PALETTE[0], PALETTE[1]
HALF_YEAR = XAxis.months(periods_between(Period(2025, 1), Period(2025, 6)))


def line(*series: Series, **options: object) -> Chart:
    return Chart(ChartKind.LINE, "B.101 Andel som har mottatt økonomisk sosialhjelp", HALF_YEAR, series, PERCENT,
                 **options)  # type: ignore[arg-type]


def bars(*series: Series, **options: object) -> Chart:
    return Chart(ChartKind.BAR, "Antall mottakere", HALF_YEAR, series, COUNT, **options)  # type: ignore[arg-type]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def paths(root: ET.Element, colour: str) -> list[list[tuple[float, float]]]:
    """Return the points of each path drawn in the colour."""
    return [
        [(float(x), float(y)) for x, y in re.findall(r"[ML](-?[\d.]+) (-?[\d.]+)", element.get("d", ""))]
        for element in root.iter(f"{SVG}path")
        if element.get("stroke") == colour
    ]


def shapes(root: ET.Element, tag: str, colour: str) -> list[ET.Element]:
    return [element for element in root.iter(f"{SVG}{tag}") if element.get("fill") == colour]


def plotted_bars(root: ET.Element, colour: str) -> list[ET.Element]:
    """Return the bars in the colour, leaving out the legend's swatches below the plot."""
    baseline = max(float(element.get("y1", 0)) for element in root.iter(f"{SVG}line"))
    return [element for element in shapes(root, "rect", colour) if float(element.get("y", "")) < baseline]


def texts(root: ET.Element) -> list[str]:
    return [element.text or "" for element in root.iter(f"{SVG}text")]


def test_svg_is_standalone_with_title_desc_and_labels() -> None:
    chart = line(Series("Nav Gol", (3.1, 3.2, 3.3, 3.4, 3.5, 3.6)))
    root = parse(render_svg(chart, id_prefix="b101-gol"))
    assert root.tag == f"{SVG}svg"
    assert root.get("version") == "1.1"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "b101-gol-title b101-gol-desc"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert title.get("id") == "b101-gol-title" and title.text == chart.title
    assert desc.get("id") == "b101-gol-desc" and desc.text == describe(chart)


def test_ids_follow_the_prefix_so_two_charts_on_a_page_do_not_clash() -> None:
    chart = line(Series("Nav Gol", (3.1, 3.2, 3.3, 3.4, 3.5, 3.6)))
    first, second = render_svg(chart, id_prefix="a"), render_svg(chart, id_prefix="b")
    assert 'id="a-title"' in first and 'id="b-title"' in second
    assert 'id="a-title"' not in second


@pytest.mark.parametrize("prefix", ["", "1chart", "my chart", 'x"y'])
def test_id_prefix_must_be_an_xml_name(prefix: str) -> None:
    with pytest.raises(ValueError):
        render_svg(line(Series("Nav Gol", (3.1, 3.2, 3.3, 3.4, 3.5, 3.6))), id_prefix=prefix)


def test_uses_presentation_attributes_only_because_svglib_ignores_css() -> None:
    svg = render_svg(line(Series("A", (1, 2, 3, 4, 5, 6)), Series("B", (2, 3, 4, 5, 6, 7))), id_prefix="c")
    assert "<style" not in svg and "class=" not in svg and "style=" not in svg
    root = parse(svg)
    assert all(element.get("font-family") and element.get("font-size") for element in root.iter(f"{SVG}text"))


def test_a_gap_splits_the_line_into_separate_paths() -> None:
    root = parse(render_svg(line(Series("Nav Gol", (3.1, 3.2, None, 3.3, 3.4, 3.5))), id_prefix="c"))
    segments = paths(root, BLUE)
    assert [len(points) for points in segments] == [2, 3]
    (jan, feb), (apr, _, _) = segments
    slot = feb[0] - jan[0]
    # The second path starts two slots after the first ends: nothing is drawn at March.
    assert apr[0] - feb[0] == pytest.approx(2 * slot, abs=0.02)
    assert not shapes(root, "circle", BLUE)


def test_leading_and_trailing_gaps_produce_no_point() -> None:
    root = parse(render_svg(line(Series("Nav Gol", (None, None, 3.2, 3.3, None, None))), id_prefix="c"))
    (segment,) = paths(root, BLUE)
    assert len(segment) == 2
    assert not shapes(root, "circle", BLUE)


def test_a_lone_value_between_gaps_is_a_dot() -> None:
    root = parse(render_svg(line(Series("Nav Gol", (3.1, None, 3.3, None, 3.5, 3.6))), id_prefix="c"))
    assert [len(points) for points in paths(root, BLUE)] == [2]
    assert len(shapes(root, "circle", BLUE)) == 2


def test_a_missing_value_is_never_drawn_at_zero() -> None:
    root = parse(render_svg(line(Series("Nav Gol", (3.1, 3.2, None, 3.3, 3.4, 3.5))), id_prefix="c"))
    baseline = max(float(element.get("y1", 0)) for element in root.iter(f"{SVG}line"))
    points = [point for segment in paths(root, BLUE) for point in segment]
    assert len(points) == 5
    assert all(y < baseline - 100 for _, y in points)


def test_series_differ_by_dash_as_well_as_colour_and_get_a_legend() -> None:
    root = parse(render_svg(line(Series("Nav Gol", (1, 2, 3, 4, 5, 6)), Series("Buskerud", (2, 3, 4, 5, 6, 7))),
                            id_prefix="c"))
    (first,) = [e for e in root.iter(f"{SVG}path") if e.get("stroke") == BLUE]
    (second,) = [e for e in root.iter(f"{SVG}path") if e.get("stroke") == ORANGE]
    assert first.get("stroke-dasharray") is None
    assert second.get("stroke-dasharray")
    assert {"Nav Gol", "Buskerud"} <= set(texts(root))


def test_one_series_needs_no_legend() -> None:
    root = parse(render_svg(line(Series("Nav Gol", (1, 2, 3, 4, 5, 6))), id_prefix="c"))
    assert "Nav Gol" not in texts(root)


def test_y_axis_starts_at_zero_with_round_ticks_and_a_unit() -> None:
    root = parse(render_svg(line(Series("Nav Gol", (3.1, 3.2, 3.9, 3.3, 3.4, 3.5))), id_prefix="c"))
    labels = texts(root)
    assert {"0", "1", "2", "3", "4", "Prosent"} <= set(labels)


def test_kroner_in_millions_get_decimal_comma_ticks() -> None:
    chart = Chart(ChartKind.BAR, "Kroner sosialhjelp", XAxis(("jan. 2025", "feb. 2025")),
                  (Series("Oslo", (9_000_000, 12_345_678)),), KRONER)
    labels = texts(parse(render_svg(chart, id_prefix="c")))
    assert {"Mill. kroner", "0,0", "2,5", "12,5"} <= set(labels)


def test_suppressed_value_never_appears_as_a_number() -> None:
    # Gol had fewer than 4 recipients in March: the chart has a gap and a «:», never a number or a zero bar.
    known = Amount.known
    chart = bars(Series.from_amounts("Nav Gol", [known(12), known(9), DOTTED, known(14), known(11), known(10)]),
                 highlight=2)
    svg = render_svg(chart, id_prefix="c")
    root = parse(svg)
    assert len(shapes(root, "rect", BLUE)) == 5
    assert ":" in texts(root)
    description = describe(chart)
    assert "Valgt måned: mars 2025, ingen tall (vises ikke av personvernhensyn)." in description
    # Every number in the text is a value shown elsewhere, a year or a count of months: none is 0–3.
    assert not re.search(r"(?<![\d,])[0-3](?![\d,])", description.replace("1 måned", ""))


def test_bars_leave_a_symbol_not_a_bar_where_a_value_is_missing() -> None:
    root = parse(render_svg(bars(Series("Nav Gol", (12, None, 0, 14, None, 10), ("", "..", "", "", ":", ""))),
                            id_prefix="c"))
    # A real zero is a bar of no height; a missing value is no bar at all.
    heights = [float(element.get("height", "")) for element in shapes(root, "rect", BLUE)]
    assert len(heights) == 4 and heights.count(0) == 1
    assert {"..", ":"} <= set(texts(root))


def test_stacked_bars_stop_at_an_unknown_part() -> None:
    chart = bars(
        Series("I tide", (40, 41, None, 38, 42, 43), ("", "", ":", "", "", "")),
        Series("For sent", (5, 4, 6, 7, 3, 2)),
        bar_layout=BarLayout.STACKED,
    )
    root = parse(render_svg(chart, id_prefix="c"))
    assert len(plotted_bars(root, BLUE)) == 5
    # The late reports of March are in the table, but where their bar would start is unknown.
    assert len(plotted_bars(root, ORANGE)) == 5


def test_text_is_escaped_everywhere() -> None:
    chart = Chart(
        ChartKind.LINE, 'Lønn <over> & "under"', HALF_YEAR,
        (Series("A & B <x>", (1, 2, 3, 4, 5, 6)), Series("C", (2, 3, 4, 5, 6, 7))), COUNT,
        notes=("Merk: 1 < 2 & 3 > 2",), limits=(LimitLine(5, label="<Landet>"),),
    )
    svg = render_svg(chart, id_prefix="c")
    root = parse(svg)
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == 'Lønn <over> & "under"'
    assert "&lt;over&gt; &amp;" in svg
    assert "A & B <x>" in texts(root)
    assert any("1 < 2 & 3 > 2" in text for text in texts(root))


def test_characters_xml_forbids_are_dropped() -> None:
    chart = line(Series("Nav Gol", (1, 2, 3, 4, 5, 6)))
    chart = Chart(ChartKind.LINE, "B.101\x00\x1b", chart.x, chart.series, PERCENT)
    root = parse(render_svg(chart, id_prefix="c"))
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == "B.101"


def test_same_chart_same_string() -> None:
    def build() -> Chart:
        return line(
            Series("Nav Gol", (3.1, None, 3.3, 3.35, None, 3.6), ("", ":", "", "", "..", "")),
            Series("Buskerud", (2.9, 3.0, 3.1, 3.2, 3.3, 3.4)),
            highlight=3, notes=("Foreløpige tall",),
            bands=bands_for(Limits(green=3.0, red=4.0), Direction.LOWER_IS_BETTER),
        )

    assert render_svg(build(), id_prefix="c") == render_svg(build(), id_prefix="c")


def test_height_grows_to_keep_room_for_the_plot() -> None:
    chart = line(Series("Nav Gol", (1, 2, 3, 4, 5, 6)), notes=tuple(f"Merknad {n}" for n in range(12)))
    root = parse(render_svg(chart, id_prefix="c", width=400, height=200))
    assert float(root.get("height", "")) > 200
    assert root.get("viewBox") == f"0 0 400 {root.get('height')}"


def test_sparkline_is_small_and_without_axes_or_text() -> None:
    chart = Chart(ChartKind.SPARKLINE, "B.101", HALF_YEAR, (Series("Nav Gol", (3.1, 3.2, None, 3.3, 3.4, 3.5)),),
                  PERCENT)
    root = parse(render_svg(chart, id_prefix="spark"))
    assert (root.get("width"), root.get("height")) == ("120", "32")
    assert texts(root) == []
    assert [len(points) for points in paths(root, BLUE)] == [2, 3]
    # The latest value is marked, since the scorecard row prints it beside the line.
    assert len(shapes(root, "circle", BLUE)) == 1


CHARTS = {
    "line": Chart(
        ChartKind.LINE, "B.101 Andel som har mottatt økonomisk sosialhjelp", HALF_YEAR,
        (Series("Nav Gol", (3.1, None, 3.3, 3.35, None, 3.6), ("", ":", "", "", "..", "")),
         Series("Buskerud", (2.9, 3.0, 3.1, 3.2, 3.3, 3.4))),
        PERCENT, highlight=3, notes=("Tall for 2022–2023 er omregnet til dagens grenser",),
        bands=bands_for(Limits(green=3.0, red=4.0), Direction.LOWER_IS_BETTER),
        limits=(LimitLine(3.5, Colour.RED),),
    ),
    "bar": Chart(
        ChartKind.BAR, "Rapportering", HALF_YEAR,
        (Series("I tide", (40, 41, None, 38, 42, 43)), Series("For sent", (5, 4, 6, 7, 3, 2))),
        COUNT, bar_layout=BarLayout.STACKED,
    ),
    "sparkline": Chart(ChartKind.SPARKLINE, "B.101", HALF_YEAR, (Series("Nav Gol", (3.1, 3.2, None, 3.3, 3.4, 3.5)),),
                       PERCENT),
}


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_svglib_reads_the_svg_for_pdf_reports(name: str) -> None:
    svg = render_svg(CHARTS[name], id_prefix=name)
    drawing = svg2rlg(io.BytesIO(svg.encode("utf-8")))
    assert drawing is not None
    assert drawing.width > 0 and drawing.height > 0
    assert drawing.contents


def test_month_labels_are_thinned_to_whole_quarters_counted_from_the_last_month() -> None:
    months = XAxis.months(periods_between(Period(2024, 1), Period(2025, 12)))
    chart = Chart(ChartKind.LINE, "B.101", months, (Series("Nav Gol", tuple(3.0 for _ in range(24))),), PERCENT)
    labels = [text for text in texts(parse(render_svg(chart, id_prefix="c"))) if text[-4:] in ("2024", "2025")]
    # 24 labels of about 60 px do not fit 600 px, so every third month, ending with the latest.
    assert labels == ["mars 2024", "juni 2024", "sep. 2024", "des. 2024", "mars 2025", "juni 2025", "sep. 2025",
                      "des. 2025"]


COUNTIES = (
    "Oslo", "Rogaland", "Møre og Romsdal", "Nordland", "Østfold", "Akershus", "Buskerud", "Innlandet", "Vestfold",
    "Telemark", "Agder", "Vestland", "Trøndelag", "Troms", "Finnmark",
)


def across(values: tuple[float | None, ...], **options: object) -> Chart:
    return Chart(
        ChartKind.BAR, "Antall mottakere etter fylke",
        XAxis.categories(COUNTIES, title="Fylke", unit_names=("fylke", "fylker")),
        (Series("Antall mottakere", values),), COUNT, horizontal=True, **options,  # type: ignore[arg-type]
    )


def test_bars_across_name_every_category_and_write_each_value() -> None:
    values: tuple[float | None, ...] = (1400, 60, 55, 990, 500, 1000, None, 880, 980, 230, 225, 1350, 350, 90, 100)
    root = parse(render_svg(across(values), id_prefix="c"))
    written = texts(root)
    # The vertical layout named 4 of 15 counties; across, every one is named, and each value is written too.
    assert all(county in written for county in COUNTIES)
    assert "1\u00a0400" in written and "90" in written
    bars_drawn = shapes(root, "rect", BLUE)
    assert len(bars_drawn) == 14  # Buskerud has no value: a symbol, not a bar
    assert ".." in written
    # Bars start at zero and grow to the right in proportion: 1 400 is 14 times as long as 100.
    widths = sorted(float(bar.get("width", "")) for bar in bars_drawn)
    assert widths[-1] / widths[0] == pytest.approx(1400 / 55, rel=0.01)
    assert len({bar.get("x") for bar in bars_drawn}) == 1


def test_bars_across_grow_the_picture_to_fit_every_row() -> None:
    svg = render_svg(across(tuple(float(n) for n in range(15))), id_prefix="c", height=200)
    assert float(parse(svg).get("height", "")) >= 15 * 22


def test_only_grouped_bars_can_be_drawn_across() -> None:
    with pytest.raises(ChartError):
        line(Series("Nav Gol", (1, 2, 3, 4, 5, 6)), horizontal=True)
    with pytest.raises(ChartError):
        bars(Series("I tide", (1, 2, 3, 4, 5, 6)), bar_layout=BarLayout.STACKED, horizontal=True)


def test_band_and_limit_names_stand_right_of_the_plot_clear_of_the_last_point() -> None:
    chart = line(
        Series("Nav Gol", (3.1, 3.2, 3.3, 3.35, 3.5, 3.6)),
        bands=bands_for(Limits(green=3.0, red=4.0), Direction.LOWER_IS_BETTER), limits=(LimitLine(3.5, Colour.RED),),
    )
    root = parse(render_svg(chart, id_prefix="c"))
    last_x = max(x for points in paths(root, BLUE) for x, _ in points)
    labels = [t for t in root.iter(f"{SVG}text") if (t.text or "").startswith(("Grønn", "Gul", "Rød"))]
    assert {(t.text or "").split()[0] for t in labels} == {"Grønn", "Gul", "Rød"}
    assert all(float(t.get("x", "")) > last_x + 10 and t.get("text-anchor") is None for t in labels)


def test_provisional_months_are_drawn_apart_so_a_half_reported_month_is_no_cliff() -> None:
    chart = line(Series("Hele landet", (90_000, 91_000, 92_000, 90_500, 91_500, 8_000)), provisional_from=5)
    root = parse(render_svg(chart, id_prefix="c"))
    solid = [p for p in root.iter(f"{SVG}path") if p.get("stroke") == BLUE and p.get("stroke-dasharray") is None]
    dotted = [p for p in root.iter(f"{SVG}path") if p.get("stroke") == BLUE and p.get("stroke-dasharray") == "2 3"]
    # The firm line ends at the fifth month; the sixth is joined by a dotted line and marked «Foreløpig».
    assert [len(points) for points in (re.findall("[ML]", p.get("d", "")) for p in solid)] == [5]
    assert [len(re.findall("[ML]", p.get("d", ""))) for p in dotted] == [2]
    assert "Foreløpig" in texts(root)
    assert any(c.get("fill") == "#FFFFFF" and c.get("stroke") == BLUE for c in root.iter(f"{SVG}circle"))


def test_provisional_bars_are_pale_with_an_outline() -> None:
    chart = bars(Series("Antall", (10, 11, 12, 13, 14, 2)), provisional_from=5)
    root = parse(render_svg(chart, id_prefix="c"))
    outlined = [r for r in root.iter(f"{SVG}rect") if r.get("stroke") == BLUE]
    assert len(outlined) == 1 and outlined[0].get("fill") != BLUE
    assert len(plotted_bars(root, BLUE)) == 5


def test_provisional_start_must_lie_on_the_axis() -> None:
    with pytest.raises(ChartError):
        line(Series("Nav Gol", (1, 2, 3, 4, 5, 6)), provisional_from=6)


def test_negative_values_are_written_with_the_minus_sign() -> None:
    chart = bars(Series("Endring", (-250, 10, 20, 30, 40, 50)))
    written = " ".join(texts(parse(render_svg(chart, id_prefix="c"))))
    assert "\u2212" in written and "-2" not in written
