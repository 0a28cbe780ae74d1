"""A report as PDF: title, charts, the published tables, notes, definitions and the symbol legend.

Charts are drawn from the same SVG as on the web page (`domain.charts.render_svg`),
converted to reportlab drawings by svglib. Text uses Helvetica, a standard PDF
font, so the file needs no embedded fonts; the charts fall back to it too.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import IO, Any
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Table as PdfTable
from svglib.svglib import svg2rlg

from malekort.domain.charts import Chart, render_svg
from malekort.domain.charts.format import for_standard_fonts
from malekort.domain.periods import label
from malekort.statistics.reports.tables import Report, Table

MARGIN = 18 * mm
FRAME_WIDTH = A4[0] - 2 * MARGIN
HEADER_FILL = colors.HexColor("#E6F0FF")
RULE = colors.HexColor("#CFD3D8")
PADDING = 3
CHART_HEIGHT = 290  # SVG units at 640 wide: some 79 mm on the page
SOURCE = "Kilde: NAV-kontorenes registreringer i Målekort for sosiale tjenester, og SSB (befolkning 1. januar)."

_styles = getSampleStyleSheet()
TITLE = ParagraphStyle("ReportTitle", parent=_styles["Title"], fontName="Helvetica-Bold", fontSize=20, leading=24)
H1 = ParagraphStyle("ReportH1", parent=_styles["Heading1"], fontName="Helvetica-Bold", fontSize=15, spaceBefore=10,
                    keepWithNext=1)
H2 = ParagraphStyle("ReportH2", parent=_styles["Heading2"], fontName="Helvetica-Bold", fontSize=12, spaceBefore=8,
                    keepWithNext=1)
BODY = ParagraphStyle("ReportBody", parent=_styles["BodyText"], fontName="Helvetica", fontSize=9.5, leading=12.5)
SMALL = ParagraphStyle("ReportSmall", parent=BODY, fontSize=8, leading=10, textColor=colors.HexColor("#49515E"))
CELL = ParagraphStyle("ReportCell", parent=BODY, fontSize=7.5, leading=9)
HEAD = ParagraphStyle("ReportHead", parent=CELL, fontName="Helvetica-Bold")
NUMBER = ParagraphStyle("ReportNumber", parent=CELL, alignment=TA_RIGHT)
HEAD_NUMBER = ParagraphStyle("ReportHeadNumber", parent=HEAD, alignment=TA_RIGHT)


def write_pdf(report: Report, charts: Sequence[Chart], out: IO[bytes]) -> None:
    """Write the report as a PDF document."""
    document = SimpleDocTemplate(
        out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN,
        title=report.title, author="Arbeids- og velferdsdirektoratet", subject="Månedsstatistikk for sosialhjelp",
        creator="Målekort for sosiale tjenester", lang="nb-NO",
    )

    def footer(canvas: Canvas, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        canvas.setFillColor(colors.HexColor("#49515E"))
        canvas.drawString(MARGIN, MARGIN / 2, report.title)
        canvas.drawRightString(A4[0] - MARGIN, MARGIN / 2, f"Side {doc.page}")
        canvas.restoreState()

    document.build(_story(report, charts), onFirstPage=footer, onLaterPages=footer)


def _story(report: Report, charts: Sequence[Chart]) -> list[Flowable]:
    story: list[Flowable] = [
        Paragraph("Økonomisk sosialhjelp – månedsstatistikk", TITLE),
        Paragraph(_text(f"{report.scope.name}, {label(report.month)}"), H1),
        Paragraph(_text(f"Laget {report.generated.strftime('%d.%m.%Y')}. {SOURCE}"), BODY),
        Spacer(1, 4 * mm),
    ]
    if report.notes:
        story.append(Paragraph(_text(report.notes[0]), BODY))
    if charts:
        story.append(Paragraph("Figurer", H1))
        for index, chart in enumerate(charts):
            story += [_drawing(chart, index), Spacer(1, 4 * mm)]
    # A heading never stands alone at the foot of a page: it moves on with the start of its first table.
    story += [CondPageBreak(60 * mm), Paragraph("Tabeller", H1)]
    for table in report.tables:
        story += _table(table)
    story.append(Paragraph("Merknader", H1))
    story += [Paragraph(_text(note), BODY) for note in report.notes]
    story.append(Paragraph("Definisjoner", H1))
    for definition in report.definitions:
        story.append(Paragraph(f"<b>{_text(definition.code)} {_text(definition.name)}</b>", BODY))
        story.append(Paragraph(_text(definition.text), SMALL))
    story.append(Paragraph("Tegnforklaring", H1))
    legend = [[Paragraph(_text(symbol), HEAD), Paragraph(_text(text), CELL)] for symbol, text in report.symbol_legend]
    story.append(_grid(legend, [20 * mm, FRAME_WIDTH - 20 * mm], header=False))
    return story


def _drawing(chart: Chart, index: int) -> Drawing:
    """Return the chart as a reportlab drawing as wide as the text."""
    # Lower than on the web page, so that two charts fit on a page beside the title and the headings.
    svg = for_standard_fonts(render_svg(chart, id_prefix=f"chart{index}", height=CHART_HEIGHT))
    drawing = svg2rlg(io.BytesIO(svg.encode("utf-8")))
    if drawing is None:
        raise ValueError(f"svglib could not read the chart «{chart.title}»")
    factor = FRAME_WIDTH / drawing.width
    drawing.scale(factor, factor)
    drawing.width *= factor
    drawing.height *= factor
    return drawing


def column_widths(table: Table) -> list[float]:
    """Return the widths of a table's columns in points: the label column, then one per heading."""
    columns = len(table.headings)
    if not columns:
        return [FRAME_WIDTH]
    stub = max(FRAME_WIDTH * (0.3 if columns <= 6 else 0.2), FRAME_WIDTH - columns * 22 * mm)
    return [stub, *([(FRAME_WIDTH - stub) / columns] * columns)]


def _table(table: Table) -> list[Flowable]:
    widths = column_widths(table)
    head = _fitted(HEAD_NUMBER, table.headings, widths[-1] - 2 * PADDING)
    stub_head = ParagraphStyle(f"{head.name}Stub", parent=head, alignment=HEAD.alignment)
    header = [Paragraph(_text(table.stub), stub_head), *(Paragraph(_text(h), head) for h in table.headings)]
    rows = [
        [Paragraph(_text(row.label), CELL), *(Paragraph(_text(cell.text()), NUMBER) for cell in row.cells)]
        for row in table.rows
    ]
    parts: list[Flowable] = [Paragraph(_text(table.title), H2), _grid([header, *rows], widths, header=True)]
    if table.note:
        parts.append(Paragraph(_text(table.note), SMALL))
    # Keep a short table with its heading; a long one may break, repeating its header row.
    return [KeepTogether(parts)] if len(rows) <= 20 else parts


def _fitted(style: ParagraphStyle, headings: Sequence[str], width: float) -> ParagraphStyle:
    """Return the heading style, smaller when a word of a heading would not fit the column (never below 5.5 pt)."""
    words = [word for heading in headings for word in heading.split()]
    widest = max((stringWidth(word, style.fontName, style.fontSize) for word in words), default=0.0)
    if widest <= width or width <= 0:
        return style
    size = max(5.5, style.fontSize * width / widest)
    return ParagraphStyle(f"{style.name}{size:.1f}", parent=style, fontSize=size, leading=size * 1.2)


def _grid(data: list[list[Any]], widths: list[float], *, header: bool) -> PdfTable:
    grid = PdfTable(data, colWidths=widths, repeatRows=1 if header else 0)
    style = [
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL))
    grid.setStyle(TableStyle(style))
    return grid


def _text(text: str) -> str:
    return escape(for_standard_fonts(text))
