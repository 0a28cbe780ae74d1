"""CSV, JSON-stat 2.0, Excel and PDF: the same numbers, valid files, and no count of 1–3 persons anywhere."""

from __future__ import annotations

import csv
import io
import json
import re

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook
from report_fixtures import MARCH, NOVEMBER, build_reported, register_history, small_counts

from malekort.domain.files.jsonstat import read_dataset, validate_dataset
from malekort.statistics.reports.charts import report_charts
from malekort.statistics.reports.csv_export import COLUMNS, write_csv
from malekort.statistics.reports.excel import NOTES_SHEET, write_xlsx
from malekort.statistics.reports.jsonstat_export import write_jsonstat
from malekort.statistics.reports.pdf import MARGIN, column_widths, write_pdf
from malekort.statistics.reports.tables import build_report, scope_place

# Column headings of the Excel sheets that hold no count of persons (numbers of areas, shares, bounds, changes).
NOT_COUNT_HEADINGS = {
    "Prikkede områder", "Områder uten tall", "Øvre grense", "Dekning", "Områder sammenlignet", "Endring",
    "Endring i prosent", "Områder brukt",
}


@pytest.fixture
def reported(world):
    return build_reported(world)


def csv_rows(report) -> list[dict[str, str]]:
    text = io.StringIO()
    count = write_csv(report, text)
    lines = text.getvalue().splitlines()
    assert lines[0] == ",".join(COLUMNS)
    rows = list(csv.DictReader(lines))
    assert len(rows) == count == len(report.regions) * len(report.measures)
    return rows


def jsonstat_document(report) -> dict:
    text = io.StringIO()
    write_jsonstat(report, text)
    return json.loads(text.getvalue())


def pdf_bytes(report) -> bytes:
    out = io.BytesIO()
    write_pdf(report, report_charts(report), out)
    return out.getvalue()


@pytest.fixture
def open_pdf():
    """Return a function that opens PDF bytes with pdfium; the documents are closed after the test."""
    opened = []

    def opener(data: bytes):
        opened.append(pdfium.PdfDocument(data))
        return opened[-1]

    yield opener
    for document in opened:
        document.close()


def codes(report) -> tuple[list[str], list[str]]:
    return [f.code for f in report.figures], [v.code for v in report.indicators]


def test_csv_has_a_line_per_cell_with_ssb_symbols(reported):
    rows = {(r["region"], r["contents_code"]): r for r in csv_rows(build_report(scope_place("33"), MARCH))}
    known = rows[("33", "SH_MOTTAKERE.known_sum")]
    assert (known["period"], known["value"], known["symbol"], known["unit"]) == ("2025M03", "100", "", "personer")
    assert known["region_name"] == "Buskerud"
    assert rows[("33", "SH_MOTTAKERE.coverage")]["value"] == "0.6667"
    assert rows[("33", "B.101.value")]["value"] == "1.22"
    assert (rows[("33", "SH_KRONER.upper")]["value"], rows[("33", "SH_KRONER.upper")]["symbol"]) == ("", ".")
    assert (rows[("3326", "SH_MOTTAKERE.known_sum")]["value"], rows[("3326", "SH_MOTTAKERE.known_sum")]["symbol"]) \
        == ("", ":")
    assert rows[("3330", "SH_MOTTAKERE.known_sum")]["symbol"] == ".."


def test_jsonstat_validates_and_reads_back_to_the_csv_numbers(reported):
    report = build_report(scope_place("33"), MARCH)
    document = jsonstat_document(report)
    assert validate_dataset(document) == []
    dataset = read_dataset(document)
    assert dataset.ids == ("Region", "Tid", "ContentsCode")
    assert document["role"] == {"time": ["Tid"], "geo": ["Region"], "metric": ["ContentsCode"]}
    assert dataset.dimension("Tid").codes == ("2025M03",)
    assert dataset.dimension("Region").codes == ("33", "3320", "3322", "3324", "3326", "3328", "3330")
    contents = dataset.dimension("ContentsCode")
    recipients = next(c for c in contents.categories if c.code == "SH_MOTTAKERE.known_sum")
    assert (recipients.unit.label, recipients.unit.decimals) == ("personer", 0)
    cells = {(c.categories["Region"], c.categories["ContentsCode"]): c for c in dataset.cells()}
    rows = csv_rows(report)
    assert len(cells) == len(rows)
    for row in rows:
        cell = cells[(row["region"], row["contents_code"])]
        assert cell.categories["Tid"] == row["period"]
        if row["value"]:
            assert cell.value == pytest.approx(float(row["value"]), abs=1e-9)
            assert cell.status is None
        else:
            assert cell.value is None
            assert cell.status == row["symbol"]
    # Hand-worked numbers survive the round trip.
    assert cells[("33", "SH_MOTTAKERE.known_sum")].value == 100
    assert cells[("33", "SH_MOTTAKERE.upper")].value == 103
    assert cells[("3326", "SH_MOTTAKERE.known_sum")].status == ":"
    assert any("Tegnforklaring" in note for note in dataset.note)


def test_excel_has_a_sheet_per_table_and_notes(reported):
    report = build_report(scope_place("33"), MARCH)
    out = io.BytesIO()
    write_xlsx(report, out)
    workbook = load_workbook(io.BytesIO(out.getvalue()))
    assert workbook.sheetnames == [*(t.key for t in report.tables), NOTES_SHEET]
    key_figures = workbook["Nøkkeltall"]
    header = [c.value for c in key_figures[1]]
    assert header == ["Kode", "Nøkkeltall", "Kjent sum", "Prikkede områder", "Områder uten tall", "Nedre grense",
                      "Øvre grense", "Dekning"]
    assert [c.value for c in key_figures[2]] == ["SH_MOTTAKERE", "Antall mottakere", 100, 1, 1, 100, 103, 0.6667]
    kroner = next(row for row in key_figures.iter_rows(values_only=True) if row[0] == "SH_KRONER")
    assert kroner[2] == 490_000 and kroner[6] == "."
    areas = {row[0]: row for row in workbook["Områder"].iter_rows(min_row=2, values_only=True)}
    assert areas["3326"][2] == ":"
    assert areas["3330"][2] == ".."
    assert areas["3320"][2] == 10
    notes = " ".join(str(c) for row in workbook[NOTES_SHEET].iter_rows(values_only=True) for c in row if c)
    for heading in ("Merknader", "Definisjoner", "Tegnforklaring", "Prikker:", "Frafall:", "Dekning:"):
        assert heading in notes


def ink_and_blue(page) -> tuple[float, int]:
    """Return the share of the page that is not white, and the number of blue pixels (the chart's line)."""
    data = page.render(scale=1.5).to_pil().convert("RGB").tobytes()
    pixels = [data[i:i + 3] for i in range(0, len(data), 3)]
    ink = sum(1 for r, g, b in pixels if r + g + b < 600)
    blue = sum(1 for r, g, b in pixels if b > 150 and b > r + 60)  # NAV blue #0067C5
    return ink / len(pixels), blue


def test_the_pdf_opens_shows_its_charts_and_headings(reported, open_pdf):
    register_history()
    report = build_report(scope_place("33"), MARCH)
    pdf = open_pdf(pdf_bytes(report))
    assert len(pdf) >= 2
    texts = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    everything = "\n".join(texts)
    for heading in ("Økonomisk sosialhjelp – månedsstatistikk", "Buskerud, mars 2025", "Figurer", "Tabeller",
                    "Nøkkeltall, Buskerud, mars 2025", "Merknader", "Definisjoner", "Tegnforklaring",
                    "B.101 Andel som har mottatt økonomisk sosialhjelp"):
        assert heading in everything, heading
    title = "Antall mottakere av økonomisk sosialhjelp, Buskerud"
    chart_page = next(i for i, text in enumerate(texts) if title in text)
    ink, blue = ink_and_blue(pdf[chart_page])
    assert ink > 0.02
    assert blue > 300


def test_the_pdf_shows_a_dot_where_a_county_sum_would_be_three(reported, open_pdf):
    report = build_report(scope_place("15"), NOVEMBER)
    pdf = open_pdf(pdf_bytes(report))
    lines = [line.strip() for i in range(len(pdf)) for line in pdf[i].get_textpage().get_text_range().splitlines()]
    # The areas side by side: 1508 knows 3.0 recipients (its share of 1507's 5), 1505 is dotted.
    for label in ("1508 Ålesund", "1505 Kristiansund", "Møre og Romsdal i alt"):
        row = next(line for line in lines if line.startswith(label))
        assert set(row[len(label):].split()) <= {":", "..", "0"}, row  # 0 with children is publishable
    recipients = next(line for line in lines if line.startswith("Antall mottakere ") and ":" in line)
    known_sum, dotted, missing, lower, upper = recipients[len("Antall mottakere "):].split()[:5]
    assert (known_sum, dotted, missing, lower, upper) == (":", "1", "0", ":", ":")
    assert not re.search(r"(?<![\d,])3(?![\d,])", " ".join(line for line in lines if line.startswith("B.151")))


def test_no_export_contains_a_count_between_one_and_three(reported):
    for slug, month in (("15", NOVEMBER), ("riket", NOVEMBER), ("42", MARCH), ("riket", MARCH)):
        check_exports(build_report(scope_place(slug), month))


def is_count_column(heading: str, row_code: str) -> bool:
    """Return whether a table column holds counts of persons in this row (the rule the Excel and PDF scans share)."""
    share = "(%)" in heading or (heading == "Verdi" and row_code != "B.151")
    return heading not in NOT_COUNT_HEADINGS and not share


def box_of(text, needle: str):
    """Return the (left, bottom, right, top) box of the first character of `needle` on the page, or None."""
    hit = text.search(needle, match_case=True).get_next()
    return text.get_charbox(hit[0]) if hit else None


def pdf_columns(data: bytes, report) -> dict[tuple[str, str], list[str]]:
    """Return the cells the PDF shows in each table column, read back by position: (table, heading) → cell texts.

    A table lies between the bottom of its title and the top of the next thing below it (its note, the next
    table's title or the «Merknader» heading); a column is the strip of the page that `column_widths` gives it.
    """
    pdf = pdfium.PdfDocument(data)
    result: dict[tuple[str, str], list[str]] = {}
    needles = [*(t.title for t in report.tables), *(t.note[:30] for t in report.tables if t.note), "Merknader"]
    for number in range(len(pdf)):
        text = pdf[number].get_textpage()
        tops = [box[3] for needle in needles if (box := box_of(text, needle))]
        for table in report.tables:
            title = box_of(text, table.title)
            if title is None:
                continue
            top = title[1] - 3
            # pdfium's bounds take in characters a little outside them: keep clear of the text below.
            bottom = max((t for t in tops if t < top), default=0.0) + 3
            widths = column_widths(table)
            left = MARGIN + widths[0]
            for heading, width in zip(table.headings, widths[1:], strict=True):
                lines = [line.strip() for line in text.get_text_bounded(left, bottom, left + width, top).splitlines()]
                left += width
                wanted, seen = heading.replace(" ", ""), ""
                while lines and not wanted.startswith(lines[0].replace(" ", "")):
                    lines.pop(0)  # the end of the title above, which pdfium's bounds take in generously
                while lines and seen != wanted:
                    seen += lines.pop(0).replace(" ", "")
                assert seen == wanted, (table.key, heading, seen)
                result[(table.key, heading)] = [line for line in lines if line]
    pdf.close()
    return result


def check_pdf(report) -> None:
    columns = pdf_columns(pdf_bytes(report), report)
    assert {key for key, _ in columns} == {t.key for t in report.tables}
    for table in report.tables:
        for heading in table.headings:
            cells = columns[(table.key, heading)]
            assert len(cells) == len(table.rows), (table.key, heading, " | ".join(cells))
            for row, cell in zip(table.rows, cells, strict=True):
                if cell in (":", "..", "...", ".") or not is_count_column(heading, row.code):
                    continue
                value = float(cell.replace(" ", "").replace("\xa0", "").replace(",", ".").rstrip("%"))
                assert not 0 < value < 4, (table.key, row.label, heading, cell)


def check_exports(report):
    figures, indicators = codes(report)
    from_csv = [(r["region"], r["contents_code"], float(r["value"]) if r["value"] else None) for r in csv_rows(report)]
    assert small_counts(from_csv, figures, indicators) == []
    dataset = read_dataset(jsonstat_document(report))
    from_json = [(c.categories["Region"], c.categories["ContentsCode"], c.value) for c in dataset.cells()]
    assert small_counts(from_json, figures, indicators) == []

    out = io.BytesIO()
    write_xlsx(report, out)
    workbook = load_workbook(io.BytesIO(out.getvalue()))
    for sheet in workbook.worksheets:
        if sheet.title == NOTES_SHEET:
            continue
        rows = list(sheet.iter_rows(values_only=True))
        for row in rows[1:]:
            for heading, value in zip(rows[0], row, strict=True):
                if not isinstance(value, int | float) or not 0 < value < 4:
                    continue
                assert not is_count_column(heading, row[0]), (sheet.title, row[0], heading, value)
    check_pdf(report)
