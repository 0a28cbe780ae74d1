"""Limits on a file of values, checked before parsing; encodings; a decimal comma; short quotes.

The zip bomb is a 1 MB workbook whose shared strings unpack to 1 GB: read
as it stands it kept a dry run busy for half a minute and took 6 GB. It is
refused from the archive's directory alone, with a short Norwegian reason.
"""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from malekort.domain.cells import Cell
from malekort.domain.files import limits, values_file
from malekort.domain.files.errors import FileRejected
from malekort.domain.files.values_file import ValuesFile, read_csv, read_values_file, read_xlsx
from malekort.domain.keyfigures import CATALOGUE
from zip_bomb import zip_bomb_xlsx

FIGURES = {f.code: f for f in CATALOGUE}
HEADER = "period,area,code,value,comment"


def reasons(parsed: ValuesFile) -> dict[int, str]:
    return {line.line_no: line.reason for line in parsed.refused}


def refusal(data: bytes, filename: str) -> str:
    with pytest.raises(FileRejected) as caught:
        read_values_file(data, filename, FIGURES)
    return caught.value.report()


def workbook(*rows: tuple[object, ...]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER.split(","))
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_zip_bomb_is_refused_before_it_is_unpacked() -> None:
    bomb = zip_bomb_xlsx()
    assert len(bomb) < 2 * limits.MB
    report = refusal(bomb, "tall.xlsx")
    assert "pakker seg ut til 1024 MB; grensen er 250 MB" in report
    assert len(report) < 300


def test_a_workbook_compressed_past_any_real_workbook_is_refused() -> None:
    # 20 MB of shared strings is within the size limits, but a thousand times its packed size.
    report = refusal(zip_bomb_xlsx(megabytes=20), "tall.xlsx")
    assert "pakker seg ut til" in report and "ganger sin egen størrelse" in report


def test_shared_strings_past_their_limit_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_XLSX_RATIO", 10_000)
    report = refusal(zip_bomb_xlsx(megabytes=30), "tall.xlsx")
    assert "pakker seg ut til 30 MB; grensen er 25 MB" in report


def test_a_file_past_the_size_limit_is_refused_unread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 2 * limits.MB)
    data = (HEADER + "\n" + "2024-03,0301,SH_MOTTAKERE,50,\n" * 100_000).encode()
    for name in ("tall.csv", "tall.xlsx"):
        assert "Filen er på 2,9 MB; største tillatte størrelse er 2 MB" in refusal(data, name)


def test_too_many_lines_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(values_file, "MAX_DATA_LINES", 3)
    lines = [f"2024-0{month},0301,SH_MOTTAKERE,50," for month in range(1, 5)]
    assert len(read_csv("\n".join([HEADER, *lines[:3]]).encode(), FIGURES).lines) == 3
    report = refusal("\n".join([HEADER, *lines]).encode(), "tall.csv")
    assert "mer enn 3 linjer med verdier" in report
    rows = [("2024-03", "0301", code, 50, None) for code in ("SH_MOTTAKERE", "SH_BARN", "SH_HOVEDKILDE", "SH_UNDER30")]
    assert "mer enn 3 linjer med verdier" in refusal(workbook(*rows), "tall.xlsx")


def test_a_cell_past_its_limit_refuses_its_line_without_echoing_it() -> None:
    long = "x" * 5_000
    parsed = read_csv(
        f'{HEADER}\n2024-03,0301,SH_MOTTAKERE,50,{long}\n2024-03,0301,SH_BARN,40,kort\n'.encode(), FIGURES
    )
    assert [line.comment for line in parsed.lines] == ["kort"]
    assert reasons(parsed) == {2: "feltet «comment» er lengre enn 2\u00a0000 tegn."}
    parsed = read_xlsx(workbook(("2024-03", "0301", "SH_MOTTAKERE", 50, long)), FIGURES)
    assert reasons(parsed) == {2: "feltet «comment» er lengre enn 2\u00a0000 tegn."}


def test_a_value_quoted_in_a_message_is_cut_short() -> None:
    value = "9" * 10 + "x" * 1_000
    parsed = read_csv(f"{HEADER}\n2024-03,{value},SH_MOTTAKERE,50,\n".encode(), FIGURES)
    reason = reasons(parsed)[2]
    assert f"«{value[:60]}…»" in reason
    assert len(reason) < 200
    report = refusal(f"period,area,code,value,{'k' * 1_000}\n".encode(), "tall.csv")
    assert f"ukjent kolonne «{'k' * 60}…»" in report
    assert len(report) < 300


def test_an_unterminated_quote_is_refused_with_a_hint() -> None:
    data = f'{HEADER}\n2024-03,0301,SH_MOTTAKERE,50,"ingen slutt\n'.encode() + b"y" * 200_000
    assert "Mangler et avsluttende anførselstegn" in refusal(data, "tall.csv")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf_16_and_32_are_refused_naming_the_encoding(encoding: str) -> None:
    text = f"{HEADER}\n2024-03,0301,SH_MOTTAKERE,50,Økt\n"
    data = text.encode(encoding)
    if encoding == "utf-16-le":
        data = b"\xff\xfe" + data
    report = refusal(data, "tall.csv")
    assert "UTF-16" in report and "UTF-8" in report
    assert "ukjent kolonne" not in report


def test_utf_16_without_a_byte_order_mark_is_refused_too() -> None:
    report = refusal(f"{HEADER}\n".encode("utf-16-le"), "tall.csv")
    assert "nulltegn" in report and "UTF-16" in report


def test_a_workbook_named_csv_is_refused_with_a_hint() -> None:
    assert "Gi den endelsen .xlsx" in refusal(workbook(), "tall.csv")


def test_windows_1252_and_utf_8_with_bom_are_read() -> None:
    text = f"{HEADER}\n2024-03,0301,SH_MOTTAKERE,50,Økt – se notat\n"
    for data in (text.encode("cp1252"), b"\xef\xbb\xbf" + text.encode("utf-8")):
        assert read_csv(data, FIGURES).lines[0].comment == "Økt – se notat"


def test_a_decimal_comma_with_the_comment_last_is_refused_not_read_as_a_comment() -> None:
    parsed = read_csv(
        f"{HEADER}\n2024-03,0301,SH_MOTTAKERE,12,5\n2024-03,0301,SH_BARN,4,to barn\n".encode(), FIGURES
    )
    assert [(line.figure, line.cell) for line in parsed.lines] == [("SH_BARN", Cell.of(4))]
    assert reasons(parsed) == {
        2: "verdien og kommentaren ser ut som ett tall skrevet med komma («12,5»), men et tall kan ikke "
        "ha komma, verken som desimaltegn eller mellom tusener. Skriv et helt tall (tusener kan skilles "
        "med mellomrom). Er det en kommentar, skriv den med ord."
    }


def test_a_decimal_comma_without_a_comment_column_is_refused_as_too_many_fields() -> None:
    parsed = read_csv(
        b"period,area,code,value\n2024-03,0301,SH_MOTTAKERE,12,5\n2024-03,0301,SH_BARN,4\n", FIGURES
    )
    assert [line.line_no for line in parsed.lines] == [3]
    assert reasons(parsed) == {
        2: "linjen har 5 felt, men overskriften har 4. Står det desimalkomma i verdien («12,5»)? "
        "Skriv et helt tall uten desimaler."
    }


def test_a_comment_of_digits_in_a_semicolon_file_or_an_export_is_a_comment() -> None:
    parsed = read_csv(f"{HEADER.replace(',', ';')}\n2024-03;0301;SH_MOTTAKERE;12;5\n".encode(), FIGURES)
    assert parsed.lines[0].comment == "5"
    export = "period,area,code,value,comment,status,source,updated_at\n2024-03,0301,SH_MOTTAKERE,12,5,,typed,\n"
    assert read_csv(export.encode(), FIGURES).lines[0].comment == "5"


def test_lines_ending_in_a_carriage_return_alone_are_read() -> None:
    text = HEADER + "\r" + "\r".join(f"2024-03,{1000 + n},SH_MOTTAKERE,{n},{'x' * 100}" for n in range(4, 200)) + "\r"
    assert len(read_csv(text.encode(), FIGURES).lines) == 196
