"""Reading KOSTRA files: encodings, line ends, layouts by year, and every refusal named by line and field."""

from __future__ import annotations

from datetime import date

import pytest

from malekort.domain.kostra.layouts import Form, layout_for, record_lengths
from malekort.domain.kostra.reading import KostraFileRejected, decode, read_kostra_file
from malekort.domain.kostra.synthetic import Participant, Recipient, file_bytes, participant_line, recipient_line

MUNICIPALITIES = frozenset({"0301", "4204", "4601"})
CASEWORKER_2025 = 266  # SAKSBEHANDLER, a field we never read


def read(data: bytes):  # type: ignore[no-untyped-def]
    return read_kostra_file(data, filename="fil.dat", municipalities=lambda year: MUNICIPALITIES)


def reasons(data: bytes) -> list[str]:
    return [str(error) for error in read(data).refused]


def line(year: int = 2025, **fields: object) -> str:
    recipient = Recipient(**{"municipality": "4204", "marked": frozenset({1}), **fields})  # type: ignore[arg-type]
    return recipient_line(recipient, year)


def test_record_lengths_are_those_of_ssbs_descriptions() -> None:
    assert record_lengths(Form.SOCIAL_ASSISTANCE) == {2022: 324, 2023: 324, 2024: 324, 2025: 338, 2026: 338}
    assert record_lengths(Form.QUALIFICATION) == {2022: 139, 2023: 138, 2024: 136, 2025: 152, 2026: 152}
    assert layout_for(Form.SOCIAL_ASSISTANCE, 2021) is None


@pytest.mark.parametrize("year", [2022, 2023, 2024, 2025, 2026])
def test_each_year_is_read_in_its_own_layout(year: int) -> None:
    found = read(file_bytes([line(year, identity="01819012345", grants={3: 4200})]))
    assert (found.form, found.year, found.refused) == (Form.SOCIAL_ASSISTANCE, year, [])
    assert found.persons is not None
    row = found.persons.row(0, named=True)
    assert row["kroner_3"] == 4200 and row["received_1"] and row["received_3"] and not row["received_2"]
    assert row["birth"] == 19900101


@pytest.mark.parametrize("year", [2022, 2023, 2024, 2025])
def test_qualification_files_of_each_year(year: int) -> None:
    text = participant_line(Participant("4204", date(year - 1, 2, 3), ended=date(year, 4, 30), status="3"), year)
    found = read(file_bytes([text]))
    assert (found.form, found.year, found.refused) == (Form.QUALIFICATION, year, [])
    assert found.persons is not None
    row = found.persons.row(0, named=True)
    assert (row["started"], row["ended"]) == ((year - 1) * 10000 + 203, year * 10000 + 430)


def test_an_iso_8859_1_file_with_o_slash_in_the_caseworker_field() -> None:
    data = file_bytes([line(other={CASEWORKER_2025: "ØYVIND"})], encoding="iso-8859-1")
    assert "Ø".encode("iso-8859-1") in data
    assert read(data).refused == []


def test_a_utf_8_file_counts_characters_not_bytes() -> None:
    data = file_bytes([line(other={CASEWORKER_2025: "ØYVIND"})], encoding="utf-8")
    assert len(data) == 338 + 1 + 1  # Ø is two bytes
    assert decode(data).startswith("4204")
    assert read(data).refused == []


def test_crlf_line_ends_and_blank_lines_keep_line_numbers() -> None:
    data = file_bytes([line(journal="1"), "", "   ", line(journal="2")], newline="\r\n")
    found = read(data)
    assert found.refused == [] and found.line_count == 2
    assert found.area_lines == {"4204": (1, 4)}


def test_a_file_of_one_space_has_no_recipients() -> None:
    found = read(b" ")
    assert found.is_empty and found.refused == [] and found.form is None


def test_a_file_that_is_no_kostra_file_is_refused_whole() -> None:
    with pytest.raises(KostraFileRejected, match="passer ikke med noen postlengde"):
        read(b"period,area,code,value\n2025-01,0301,SH_MOTTAKERE,5\n")
    with pytest.raises(KostraFileRejected, match="VERSION «19»"):
        read(file_bytes([line().replace("420425", "420419", 1)]))


def test_refusals_name_line_field_and_reason() -> None:
    good = line()
    lines = [
        good,
        good[:-1],  # too short
        good[:300] + "\t" + good[301:],
        good[:4] + "24" + good[6:],
        "9999" + good[4:],
        good[:6] + "03" + good[8:],  # district outside Oslo
        "0301" + good[4:],  # Oslo without district
        good[:8] + "31022000" + good[16:],  # FODSELSDATO 31 February
        good[:59] + "03" + good[61:],  # STMND_2 holding 03
        good[:95] + "   12a0" + good[102:],  # BIDRAG_JAN not an integer
    ]
    assert reasons(file_bytes(lines)) == [
        "Linje 2: feil postlengde: 337 tegn, skal være 338 for 11F 2025.",
        "Linje 3: linjen inneholder tabulatortegn; feltene skal stå på faste plasser uten tabulator.",
        "Linje 4: VERSION «24» skal være «25» (rapporteringsår 2025).",
        "Linje 5: KOMMUNE_NR «9999» er ikke et gyldig kommunenummer i 2025.",
        "Linje 6: BYDELSNR «03» er bare tillatt for Oslo; skal være blankt for kommune 4204.",
        "Linje 7: BYDELSNR «  » er ugyldig: linjer for Oslo (0301) skal ha bydelsnummer 01–15.",
        "Linje 8: FODSELSDATO «31022000» er ikke en gyldig dato (DDMMÅÅÅÅ).",
        "Linje 9: STMND_2 «03» skal være blankt eller «02».",
        "Linje 10: BIDRAG_JAN «12a0» er ikke et heltall.",
    ]


def test_oslo_district_16_is_refused() -> None:
    assert reasons(file_bytes([line(municipality="0301", district="16")])) == [
        "Linje 1: BYDELSNR «16» er ugyldig: linjer for Oslo (0301) skal ha bydelsnummer 01–15."
    ]


def test_qualification_dates_are_checked() -> None:
    text = participant_line(Participant("4204", date(2024, 2, 3)), 2024)
    layout = layout_for(Form.QUALIFICATION, 2024)
    assert layout is not None and layout.started is not None
    start = layout.started.start
    data = file_bytes([text[:start] + "320224" + text[start + 6 :], text[:start] + "      " + text[start + 6 :]])
    assert reasons(data) == [
        "Linje 1: BEGYNT_DATO «320224» er ikke en gyldig dato (DDMMÅÅ).",
        "Linje 2: BEGYNT_DATO mangler; skal være en dato (DDMMÅÅ).",
    ]


def test_warnings_are_reported_not_refused() -> None:
    good = line(grants={1: 500}, birth=date(1990, 1, 1))
    lines = [
        good[:81] + "    600" + good[88:],  # BIDRAG 600, months add up to 500
        line(grants={1: 600_000, 2: 500_000}),
        line(grants={1: 150}),
        line(birth=date(2010, 5, 1)),
        line(birth=date(1925, 5, 1)),
    ]
    found = read(file_bytes(lines))
    assert found.refused == []
    assert [str(w) for w in found.warnings] == [
        "Månedsbeløpene for bidrag summerer ikke til BIDRAG (linje 1)",
        "Bidrag og lån i året er over 1 000 000 kr (linje 2)",
        "Bidrag og lån i året er 200 kr eller mindre (3 linjer: 3, 4, 5)",
        "Mottakeren er under 18 år i rapporteringsåret (linje 4)",
        "Mottakeren er 96 år eller eldre i rapporteringsåret (linje 5)",
    ]


def test_only_the_fields_we_need_are_kept() -> None:
    found = read(file_bytes([line(identity="01819012345", other={CASEWORKER_2025: "ØYVIND"})]))
    assert found.persons is not None
    assert set(found.persons.columns) == {
        "area", "person", "birth", "children", "main_source",
        *(f"kroner_{m}" for m in range(1, 13)), *(f"received_{m}" for m in range(1, 13)),
    }


@pytest.mark.parametrize(
    ("identity", "born"),
    [
        ("01019012345", date(1990, 1, 1)),  # ordinary number, individual number < 500: 1900s
        ("41019012345", date(1990, 1, 1)),  # D-number: day + 40
        ("01419012345", date(1990, 1, 1)),  # H-number: month + 40
        ("01819012345", date(1990, 1, 1)),  # synthetic: month + 80
        ("01010550012", date(2005, 1, 1)),  # individual number 500–999, year < 40: 2000s
        ("01017595012", date(1975, 1, 1)),  # individual number 900–999, year ≥ 40: 1900s
        ("01017575012", None),  # 750–899 with a year ≥ 40 is not in use
        ("31029012345", None),  # 31 February
        ("0101901234", None),  # too short
        ("", None),
    ],
)
def test_birth_dates_from_identity_numbers(identity: str, born: date | None) -> None:
    from malekort.domain.kostra.identity import birth_date_of

    assert birth_date_of(identity) == born


def test_amounts_right_aligned_left_aligned_or_zero_padded_read_alike() -> None:
    good = line(grants={1: 4200})
    start = 95  # BIDRAG_JAN, positions 96–102 in 2025
    lines = [good[:start] + text + good[start + 7 :] for text in ("   4200", "4200   ", "0004200", " 4200  ")]
    found = read(file_bytes(lines))
    assert found.refused == []
    assert found.persons is not None
    assert found.persons.get_column("kroner_1").to_list() == [4200] * 4
    wrong = [good[:start] + text + good[start + 7 :] for text in ("42 00  ", "-0     ")]
    assert reasons(file_bytes(wrong)) == [
        "Linje 1: BIDRAG_JAN «42 00» er ikke et heltall.",
        "Linje 2: BIDRAG_JAN «-0» er ikke et heltall.",
    ]


def test_lines_of_uneven_length_and_no_final_line_end() -> None:
    good = line(identity="01819012345")
    data = file_bytes([good, good[:-1], good]).rstrip(b"\n")
    found = read(data)
    assert [str(error) for error in found.refused] == [
        "Linje 2: feil postlengde: 337 tegn, skal være 338 for 11F 2025."
    ]
    assert found.area_lines == {"4204": (1, 3)}
