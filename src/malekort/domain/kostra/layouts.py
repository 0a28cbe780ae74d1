"""The fixed-width layouts of the KOSTRA forms 11F and 11CF, per reporting year.

Facts from SSB's field descriptions (kostra-kontrollprogram), restricted to the
fields the key figures need: every other field of a line (caseworker,
conditions, housing, …) is never read. Positions are 1-based and inclusive, as
SSB writes them; `Span.start` is the 0-based offset used for slicing.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

FIRST_YEAR = 2022
LAST_YEAR = 2026
MONTHS = tuple(range(1, 13))


class Form(enum.Enum):
    SOCIAL_ASSISTANCE = "11F"  # økonomisk sosialhjelp
    QUALIFICATION = "11CF"  # kvalifiseringsstønad

    @property
    def label(self) -> str:
        return f"KOSTRA {self.value}"


@dataclass(frozen=True, slots=True)
class Span:
    """A field's place on the line: 1-based first position and width."""

    position: int
    size: int

    @property
    def start(self) -> int:
        return self.position - 1

    @property
    def last(self) -> int:
        return self.position + self.size - 1


@dataclass(frozen=True)
class Layout:
    """The fields of one form in one reporting year that this project reads."""

    form: Form
    years: tuple[int, ...]
    record_length: int
    birth_date: Span | None  # FODSELSDATO, DDMMYYYY (from 2025)
    journal: Span  # PERSON_JOURNALNR
    identity: Span  # PERSON_FODSELSNR
    first_month: Span  # STMND_1; STMND_m follows every 2 characters
    duf: Span | None = None  # PERSON_DUF (11F only)
    children: Span | None = None  # BU18 (11F)
    livelihood: Span | None = None  # VKLO (11F)
    grant: Span | None = None  # BIDRAG (11F)
    loan: Span | None = None  # LAAN (11F)
    first_monthly_amount: Span | None = None  # BIDRAG_JAN; then LAAN_JAN, BIDRAG_FEB, … every 7
    started: Span | None = None  # BEGYNT_DATO (11CF)
    status: Span | None = None  # STATUS (11CF)
    ended: Span | None = None  # AVSL_DATO (11CF)

    municipality = Span(1, 4)  # KOMMUNE_NR
    version = Span(5, 2)  # VERSION: reporting year − 2000
    district = Span(7, 2)  # BYDELSNR: Oslo districts 01–15, blank elsewhere

    def month_marker(self, month: int) -> Span:
        """Return STMND_m."""
        return Span(self.first_month.position + 2 * (month - 1), 2)

    def monthly_grant(self, month: int) -> Span:
        """Return BIDRAG for the month (JAN … DES)."""
        assert self.first_monthly_amount is not None
        return Span(self.first_monthly_amount.position + 14 * (month - 1), 7)

    def monthly_loan(self, month: int) -> Span:
        """Return LAAN for the month (JAN … DES)."""
        assert self.first_monthly_amount is not None
        return Span(self.first_monthly_amount.position + 14 * (month - 1) + 7, 7)

    @property
    def date_pattern_width(self) -> int:
        """Return the width of BEGYNT_DATO and AVSL_DATO: 6 (DDMMYY) until 2024, 8 (DDMMYYYY) after."""
        assert self.started is not None
        return self.started.size


_F_2022 = Layout(
    form=Form.SOCIAL_ASSISTANCE, years=(2022, 2023), record_length=324, birth_date=None,
    journal=Span(11, 8), identity=Span(19, 11), duf=Span(30, 12), children=Span(44, 1),
    livelihood=Span(47, 1), first_month=Span(52, 2), grant=Span(76, 7), loan=Span(83, 7),
    first_monthly_amount=Span(90, 7),
)
_F_2024 = Layout(
    form=Form.SOCIAL_ASSISTANCE, years=(2024,), record_length=324, birth_date=None,
    journal=Span(9, 8), identity=Span(17, 11), duf=Span(28, 12), children=Span(42, 1),
    livelihood=Span(45, 1), first_month=Span(50, 2), grant=Span(74, 7), loan=Span(81, 7),
    first_monthly_amount=Span(88, 7),
)
_F_2025 = Layout(
    form=Form.SOCIAL_ASSISTANCE, years=(2025, 2026), record_length=338, birth_date=Span(9, 8),
    journal=Span(17, 8), identity=Span(25, 11), duf=Span(36, 12), children=Span(50, 1),
    livelihood=Span(53, 1), first_month=Span(58, 2), grant=Span(82, 7), loan=Span(89, 7),
    first_monthly_amount=Span(96, 7),
)
_CF_2022 = Layout(
    form=Form.QUALIFICATION, years=(2022,), record_length=139, birth_date=None,
    journal=Span(11, 8), identity=Span(19, 11), started=Span(47, 6), first_month=Span(70, 2),
    status=Span(101, 1), ended=Span(102, 6),
)
_CF_2023 = Layout(
    form=Form.QUALIFICATION, years=(2023,), record_length=138, birth_date=None,
    journal=Span(11, 8), identity=Span(19, 11), started=Span(47, 6), first_month=Span(69, 2),
    status=Span(100, 1), ended=Span(101, 6),
)
_CF_2024 = Layout(
    form=Form.QUALIFICATION, years=(2024,), record_length=136, birth_date=None,
    journal=Span(9, 8), identity=Span(17, 11), started=Span(45, 6), first_month=Span(67, 2),
    status=Span(98, 1), ended=Span(99, 6),
)
_CF_2025 = Layout(
    form=Form.QUALIFICATION, years=(2025, 2026), record_length=152, birth_date=Span(9, 8),
    journal=Span(17, 8), identity=Span(25, 11), started=Span(57, 8), first_month=Span(81, 2),
    status=Span(112, 1), ended=Span(113, 8),
)

LAYOUTS: tuple[Layout, ...] = (_F_2022, _F_2024, _F_2025, _CF_2022, _CF_2023, _CF_2024, _CF_2025)


def layout_for(form: Form, year: int) -> Layout | None:
    """Return the layout of a form in a reporting year, or None when there is none."""
    for layout in LAYOUTS:
        if layout.form is form and year in layout.years:
            return layout
    return None


def layouts_of_length(length: int) -> list[Layout]:
    """Return the layouts whose record length is `length`."""
    return [layout for layout in LAYOUTS if layout.record_length == length]


def record_lengths(form: Form) -> dict[int, int]:
    """Return the record length of each reporting year of a form."""
    return {year: layout.record_length for layout in LAYOUTS if layout.form is form for year in layout.years}
