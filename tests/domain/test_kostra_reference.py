"""The vectorised figures equal a plain line-by-line computation on synthetic national files."""

from __future__ import annotations

import polars as pl

from malekort.domain.kostra.compute import assistance_figures, qualification_figures
from malekort.domain.kostra.reading import read_kostra_file
from malekort.domain.kostra.reference import Figures, assistance_reference, qualification_reference
from malekort.domain.kostra.synthetic import file_bytes, national_years

AREAS = [("4204", ""), ("3301", ""), ("4601", ""), *(("0301", f"{n:02d}") for n in range(1, 16))]
MUNICIPALITIES = frozenset({"4204", "3301", "4601", "0301"})


def as_dict(frame: pl.DataFrame) -> Figures:
    return {(area, month, figure): value for area, month, figure, value in frame.iter_rows()}


def test_vectorised_and_line_by_line_figures_agree() -> None:
    earlier, this = national_years(areas=AREAS, year=2025, recipients=3000, previous_recipients=2500,
                                   participants=400, seed=7)
    previous_data, data = file_bytes(earlier.assistance), file_bytes(this.assistance, encoding="utf-8")
    previous = read_kostra_file(previous_data, filename="p", municipalities=lambda y: MUNICIPALITIES)
    current = read_kostra_file(data, filename="c", municipalities=lambda y: MUNICIPALITIES)
    assert previous.refused == [] and current.refused == []
    assert previous.persons is not None and current.persons is not None
    months = range(1, 13)
    vectorised = assistance_figures(current.persons, year=2025, months=months, previous=previous.persons)
    assert as_dict(vectorised) == assistance_reference(data, 2025, months, previous_data)
    alone = assistance_figures(current.persons, year=2025, months=months, previous=None)
    assert as_dict(alone) == assistance_reference(data, 2025, months, None)
    assert sum(v or 0 for (_, _, code), v in as_dict(vectorised).items() if code == "SH_LANGTID") > 0

    cf_data = file_bytes(this.qualification)
    participants = read_kostra_file(cf_data, filename="cf", municipalities=lambda y: MUNICIPALITIES)
    assert participants.refused == [] and participants.persons is not None
    kvp = qualification_figures(participants.persons, year=2025, months=months)
    assert as_dict(kvp) == qualification_reference(cf_data, 2025, months)
    assert sum(v or 0 for v in as_dict(kvp).values()) > 0


def test_a_2024_layout_pair_agrees_too() -> None:
    earlier, this = national_years(areas=AREAS, year=2024, recipients=800, previous_recipients=700,
                                   participants=100, seed=3)
    previous_data, data = file_bytes(earlier.assistance), file_bytes(this.assistance)
    previous = read_kostra_file(previous_data, filename="p", municipalities=lambda y: MUNICIPALITIES)
    current = read_kostra_file(data, filename="c", municipalities=lambda y: MUNICIPALITIES)
    assert current.persons is not None and previous.persons is not None
    vectorised = assistance_figures(current.persons, year=2024, months=range(1, 8), previous=previous.persons)
    assert as_dict(vectorised) == assistance_reference(data, 2024, range(1, 8), previous_data)
    cf_data = file_bytes(this.qualification)
    participants = read_kostra_file(cf_data, filename="cf", municipalities=lambda y: MUNICIPALITIES)
    assert participants.persons is not None
    assert as_dict(qualification_figures(participants.persons, year=2024, months=range(1, 13))) == \
        qualification_reference(cf_data, 2024, range(1, 13))
