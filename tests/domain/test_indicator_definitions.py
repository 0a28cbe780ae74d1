"""Indicator definitions: the 2014 table, versions and validity."""

import pytest

from malekort.domain.indicators.definitions import (
    RECOMMENDED,
    DefinitionError,
    IndicatorVersion,
    Term,
    TermKind,
    check_no_overlap,
    next_versions,
    version_in_force,
)
from malekort.domain.periods import Period

B101, B102, B103, B104, B151 = RECOMMENDED


def test_the_2014_table():
    assert [v.code for v in RECOMMENDED] == ["B.101", "B.102", "B.103", "B.104", "B.151"]
    assert (B101.numerator.figure, B101.denominator.band, B101.factor) == ("SH_MOTTAKERE", (18, 66), 100)
    assert (B102.numerator.figure, B102.denominator.band, B102.factor) == ("SH_LANGTID", (18, 66), 100)
    assert (B103.numerator.figure, B103.denominator.band, B103.factor) == ("SH_UNDER25", (18, 24), 100)
    assert (B104.numerator.figure, B104.denominator.figure, B104.factor) == ("SH_BARN", "SH_MOTTAKERE", 100)
    assert (B151.numerator.figure, B151.denominator.kind, B151.factor) == ("KVP_DELTAKERE", TermKind.CONSTANT, 1)
    assert B151.is_count and not B101.is_count


def youth_from_2025() -> IndicatorVersion:
    return IndicatorVersion(
        code="B.103", name=B103.name, description="Under 30 år delt på 18–29 år",
        numerator=Term.of_figure("SH_UNDER30"),
        denominator=Term.population(18, 29), factor=100, direction=B103.direction, unit="prosent",
        valid_from=Period(2025, 1),
    )


def test_a_new_version_closes_the_old_one_the_month_before():
    versions, closed = next_versions([B103], youth_from_2025())
    assert closed is not None and closed.valid_to == Period(2024, 12)
    check_no_overlap(versions)
    assert version_in_force(versions, Period(2024, 12)).numerator.figure == "SH_UNDER25"
    assert version_in_force(versions, Period(2025, 1)).numerator.figure == "SH_UNDER30"
    assert version_in_force(versions, Period(2021, 12)) is None


def test_a_change_may_not_start_before_the_current_version():
    with pytest.raises(DefinitionError, match="etter 2022-01"):
        next_versions([B103], IndicatorVersion(**{**{s: getattr(B103, s) for s in B103.__slots__}}))


def test_overlapping_versions_are_refused():
    with pytest.raises(DefinitionError, match="samme måned"):
        check_no_overlap([B103, youth_from_2025()])


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Term.population(30, 18), "fra-alder"),
        (lambda: Term.population(18, 120), "mellom 0 og 105"),
        (lambda: Term(TermKind.FIGURE), "nøkkeltall"),
    ],
)
def test_terms_are_checked(build, message):
    with pytest.raises(DefinitionError, match=message):
        build()


def test_term_descriptions():
    assert Term.population(18, 66).describe() == "Personer 18–66 år i området (SSB, 1. januar)"
    assert Term.of_figure("SH_BARN").describe({"SH_BARN": "Mottakere med barn"}) == "Mottakere med barn (SH_BARN)"
