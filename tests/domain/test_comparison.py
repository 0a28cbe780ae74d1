"""Like-for-like change: only the areas with a number in both months are compared."""

import pytest

from malekort.domain.aggregation import AreaAmount, AreaShare
from malekort.domain.amounts import DOTTED, MISSING, NOT_APPLICABLE, NOT_YET, Amount
from malekort.domain.comparison import Span, compare, compare_shares
from malekort.domain.keyfigures import CATALOGUE
from malekort.domain.periods import Period

FIGURES = {f.code: f for f in CATALOGUE}
RECIPIENTS = FIGURES["SH_MOTTAKERE"]
KRONER = FIGURES["SH_KRONER"]


def known(value: float) -> Amount:
    return Amount.known(value)


def test_spans() -> None:
    assert Span.MONTH.earlier(Period(2024, 1)) == Period(2023, 12)
    assert Span.YEAR.earlier(Period(2024, 3)) == Period(2023, 3)
    assert Span.YEAR.label == "endring fra samme måned i fjor"


def test_year_on_year_ignores_an_area_that_reported_in_one_month_only() -> None:
    # March 2023 and March 2024 in a fylke of four kommuner.
    earlier = [
        AreaAmount("3101", known(100), 990),
        AreaAmount("3103", known(50), 480),
        AreaAmount("3105", MISSING, 690),  # started reporting in 2024
        AreaAmount("3107", known(20), 300),
    ]
    later = [
        AreaAmount("3101", known(110), 1000),
        AreaAmount("3103", known(40), 500),
        AreaAmount("3105", known(70), 700),
        AreaAmount("3107", DOTTED, 300),
    ]
    change = compare(RECIPIENTS, earlier, later)
    # Common areas: 3101 and 3103. Earlier 100 + 50 = 150, later 110 + 40 = 150.
    # A plain sum would say 170 → 220; like for like there is no change.
    assert change.compared_codes == ("3101", "3103")
    assert change.compared == 2
    assert change.left_out_codes == ("3105", "3107")
    assert change.dotted_codes == ("3107",)
    assert change.earlier_sum == 150
    assert change.later_sum == 150
    assert change.difference == 0
    assert change.relative == 0
    # Later month's population: (1000 + 500) / (1000 + 500 + 700 + 300) = 1500 / 2500 = 0.6
    assert change.coverage == pytest.approx(0.6)
    assert change.display_earlier == known(150)
    assert change.display_later == known(150)
    assert change.display_difference == known(0)
    assert change.display_relative == known(0)


def test_month_on_month_rise() -> None:
    earlier = [AreaAmount("3101", known(100), 1000), AreaAmount("3103", known(60), 500)]
    later = [AreaAmount("3101", known(110), 1000), AreaAmount("3103", known(70), 500)]
    change = compare(RECIPIENTS, earlier, later)
    # (110 + 70) − (100 + 60) = 180 − 160 = 20; 20 / 160 = 0.125
    assert change.difference == 20
    assert change.relative == pytest.approx(0.125)
    assert change.coverage == pytest.approx(1.0)


def test_an_area_expected_in_one_month_only_is_left_out() -> None:
    earlier = [AreaAmount("3101", known(100), 1000)]
    later = [AreaAmount("3101", known(90), 1000), AreaAmount("3103", known(40), 500)]
    change = compare(RECIPIENTS, earlier, later)
    # 90 − 100 = −10, −10 / 100 = −0.1; coverage 1000 / (1000 + 500)
    assert change.left_out_codes == ("3103",)
    assert change.difference == -10
    assert change.relative == pytest.approx(-0.1)
    assert change.coverage == pytest.approx(1000 / 1500)


def test_relative_change_from_zero_is_not_applicable() -> None:
    earlier = [AreaAmount("3101", known(0), 1000)]
    later = [AreaAmount("3101", known(12), 1000)]
    change = compare(RECIPIENTS, earlier, later)
    # 12 − 0 = 12; 12 / 0 has no meaning.
    assert change.difference == 12
    assert change.relative is None
    assert change.display_relative == NOT_APPLICABLE


def test_nothing_compared_says_why() -> None:
    dotted = compare(RECIPIENTS, [AreaAmount("3101", DOTTED, 10)], [AreaAmount("3101", known(9), 10)])
    assert dotted.compared == 0
    assert dotted.relative is None
    assert dotted.display_difference == DOTTED
    assert dotted.display_relative == DOTTED
    assert dotted.coverage == 0
    missing = compare(RECIPIENTS, [AreaAmount("3101", NOT_YET, 10)], [AreaAmount("3101", known(9), 10)])
    assert missing.display_later == MISSING
    assert missing.display_difference == MISSING


def test_small_sums_and_what_would_give_them_back_are_dotted() -> None:
    # Haram after the split: 0.5 × 5 = 2.5 in 2023, 10 in 2024; 10 − 2.5 = 7.5 would reveal 2.5.
    change = compare(RECIPIENTS, [AreaAmount("1580", known(2.5), 600)], [AreaAmount("1580", known(10), 600)])
    assert change.difference == 7.5
    assert change.display_earlier == DOTTED
    assert change.display_later == known(10)
    assert change.display_difference == DOTTED
    assert change.display_relative == DOTTED


def test_kroner_are_not_dotted_by_size() -> None:
    change = compare(KRONER, [AreaAmount("3101", known(2), 10)], [AreaAmount("3101", known(5), 10)])
    # 5 − 2 = 3 kroner
    assert change.display_earlier == known(2)
    assert change.display_difference == known(3)


def test_share_change_uses_the_common_areas_in_both_months() -> None:
    # B.101 March 2023 → March 2024; numerator SH_MOTTAKERE, denominator population 18–66.
    earlier = [
        AreaShare("3101", known(100), known(990), 990),
        AreaShare("3103", known(50), known(480), 480),
        AreaShare("3105", MISSING, known(690), 690),
    ]
    later = [
        AreaShare("3101", known(110), known(1000), 1000),
        AreaShare("3103", known(40), known(500), 500),
        AreaShare("3105", known(70), known(700), 700),
    ]
    change = compare_shares(earlier, later)
    # Earlier: (100 + 50) / (990 + 480) × 100 = 150 / 1470 × 100 ≈ 10.2041 %
    # Later, common areas only: (110 + 40) / (1000 + 500) × 100 = 10.0 %
    # (with 3105 it would be 220 / 2200 = 10 % too, but computed on other areas)
    assert change.compared_codes == ("3101", "3103")
    assert change.left_out_codes == ("3105",)
    assert change.earlier.value.value == pytest.approx(150 / 1470 * 100)
    assert change.later.value == known(10.0)
    assert change.later.outside_codes == ("3105",)
    # 10.0 − 10.2041 ≈ −0.2041 percentage points
    assert change.difference.value == pytest.approx(10.0 - 150 / 1470 * 100)
    assert change.display_difference.value == pytest.approx(-0.20408, abs=1e-4)
    # (1000 + 500) / 2200
    assert change.coverage == pytest.approx(1500 / 2200)


def test_share_change_needs_the_denominator_known_in_both_months() -> None:
    # B.104: children ÷ recipients; 3103's recipients are dotted in 2023.
    earlier = [AreaShare("3101", known(30), known(120), 1000), AreaShare("3103", known(0), DOTTED, 500)]
    later = [AreaShare("3101", known(36), known(120), 1000), AreaShare("3103", known(10), known(40), 500)]
    change = compare_shares(earlier, later, denominator_is_count=True)
    # 30 / 120 = 25 % → 36 / 120 = 30 %: +5 points on 3101 alone.
    assert change.compared_codes == ("3101",)
    assert change.difference.value == pytest.approx(5.0)
    assert change.coverage == pytest.approx(1000 / 1500)


def test_share_change_without_common_areas() -> None:
    earlier = [AreaShare("3101", DOTTED, known(1000), 1000)]
    later = [AreaShare("3101", known(40), known(1000), 1000)]
    change = compare_shares(earlier, later)
    assert change.compared == 0
    # Both restricted aggregates have nothing inside: missing, not a number.
    assert change.difference == MISSING
    assert change.display_difference == MISSING


def test_share_change_is_dotted_when_a_small_numerator_would_show() -> None:
    # Haram: 0.5 × 5 = 2.5 recipients of 600 in 2023, 12 of 600 in 2024.
    earlier = [AreaShare("1580", known(2.5), known(600), 600)]
    later = [AreaShare("1580", known(12), known(600), 600)]
    change = compare_shares(earlier, later)
    # (12 − 2.5) / 600 × 100 ≈ 1.5833 points, which with 12 and 600 would give 2.5 back.
    assert change.difference.value == pytest.approx(9.5 / 600 * 100)
    assert change.display_difference == DOTTED
