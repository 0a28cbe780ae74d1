"""Honest sums over areas: known sum, dots and their bounds, missing areas, coverage."""

import pytest

from malekort.domain.aggregation import (
    AreaAmount,
    AreaShare,
    aggregate,
    aggregate_count_indicator,
    aggregate_share,
    components,
)
from malekort.domain.amounts import DOTTED, MISSING, NOT_APPLICABLE, NOT_YET, Amount, Status
from malekort.domain.keyfigures import CATALOGUE, KeyFigure

FIGURES = {f.code: f for f in CATALOGUE}
RECIPIENTS: KeyFigure = FIGURES["SH_MOTTAKERE"]
KRONER: KeyFigure = FIGURES["SH_KRONER"]


def known(value: float) -> Amount:
    return Amount.known(value)


def fylke(a: Amount, b: Amount, c: Amount, d: Amount) -> list[AreaAmount]:
    """Return the brief's fylke: A (pop 1000), B (pop 300), C (pop 700), D (pop 500)."""
    return [
        AreaAmount("3101", a, 1000),
        AreaAmount("3103", b, 300),
        AreaAmount("3105", c, 700),
        AreaAmount("3107", d, 500),
    ]


def test_count_sum_states_dots_bounds_missing_and_coverage() -> None:
    result = aggregate(RECIPIENTS, fylke(known(120), DOTTED, MISSING, known(0)))
    # known sum 120 + 0 = 120; one dot, so upper 120 + 3 × 1 = 123; C missing.
    assert result.known_sum == 120
    assert (result.expected, result.known, result.dotted, result.missing) == (4, 2, 1, 1)
    assert result.known_codes == ("3101", "3107")
    assert result.dotted_codes == ("3103",)
    assert result.missing_codes == ("3105",)
    assert result.lower == 120
    assert result.upper == 123
    assert result.has_upper_bound
    # coverage: known areas A and D, (1000 + 500) / (1000 + 300 + 700 + 500) = 1500 / 2500 = 0.6;
    # the dotted B is not known.
    assert result.coverage == pytest.approx(0.6)
    assert result.population.population_used == 1500
    assert result.population.population_total == 2500
    assert result.population.is_complete
    assert not result.is_complete
    assert result.display == known(120)
    assert result.display_upper == known(123)


def test_two_dots_widen_the_upper_bound_by_six() -> None:
    result = aggregate(RECIPIENTS, fylke(known(120), DOTTED, DOTTED, known(0)))
    # 120 + 3 × 2 = 126
    assert result.upper == 126


def test_kroner_have_no_upper_bound_when_dotted() -> None:
    result = aggregate(KRONER, fylke(known(250_000), DOTTED, MISSING, known(0)))
    # 250 000 + 0 = 250 000 known; a dotted kroner amount has no ceiling.
    assert result.known_sum == 250_000
    assert result.lower == 250_000
    assert result.upper is None
    assert not result.has_upper_bound
    assert result.display_upper == NOT_APPLICABLE
    assert result.coverage == pytest.approx(0.6)  # (1000 + 500) / 2500, as for counts


def test_kroner_without_dots_are_bounded_by_their_sum() -> None:
    result = aggregate(KRONER, fylke(known(250_000), known(40_000), MISSING, known(0)))
    # 250 000 + 40 000 + 0 = 290 000, and no dot can add anything.
    assert result.upper == 290_000
    assert result.has_upper_bound


def test_not_yet_and_not_applicable_count_as_missing() -> None:
    result = aggregate(RECIPIENTS, fylke(known(120), NOT_YET, NOT_APPLICABLE, known(8)))
    # 120 + 8 = 128; B and C add nothing known and are not dots.
    assert result.known_sum == 128
    assert (result.dotted, result.missing) == (0, 2)
    assert result.missing_codes == ("3103", "3105")
    assert result.upper == 128


def test_unknown_population_counts_as_zero_and_says_so() -> None:
    areas = [AreaAmount("3101", known(120), None), AreaAmount("3103", known(40), 300), AreaAmount("3105", MISSING, 700)]
    result = aggregate(RECIPIENTS, areas)
    # 3101's population is unknown: 300 / (300 + 700) = 0.3, an understatement.
    assert result.coverage == pytest.approx(0.3)
    assert result.population.without_population == ("3101",)
    assert not result.population.is_complete


def test_coverage_is_none_without_population() -> None:
    areas = [AreaAmount("3101", known(120), None), AreaAmount("3103", known(40), 0)]
    assert aggregate(RECIPIENTS, areas).coverage is None


def test_a_sum_of_one_to_three_is_dotted_on_display() -> None:
    # A split kommune's half: 0.5 × 5 = 2.5 recipients in 1580, 0 in 3101: sum 2.5, suppressed.
    areas = [AreaAmount("1580", known(2.5), 600), AreaAmount("3101", known(0), 1000)]
    result = aggregate(RECIPIENTS, areas)
    assert result.known_sum == 2.5
    assert result.display == DOTTED
    # 2.5 + 3 × 0 would give the suppressed sum back.
    assert result.display_upper == DOTTED


@pytest.mark.parametrize(("value", "status"), [(1.0, Status.DOTTED), (3.0, Status.DOTTED), (0.4, Status.DOTTED)])
def test_small_counts_are_dotted(value: float, status: Status) -> None:
    result = aggregate(RECIPIENTS, [AreaAmount("3101", known(value), 10)])
    assert result.display.status is status


def test_zero_and_four_are_shown() -> None:
    assert aggregate(RECIPIENTS, [AreaAmount("3101", known(0), 10)]).display == known(0)
    # 2 + 2 = 4 (two halves of split areas): no longer fewer than 4.
    areas = [AreaAmount("1508", known(2), 10), AreaAmount("1580", known(2), 10)]
    assert aggregate(RECIPIENTS, areas).display == known(4)


def test_small_kroner_are_not_dotted_by_size() -> None:
    assert aggregate(KRONER, [AreaAmount("3101", known(3), 10)]).display == known(3)


def test_nothing_known_displays_why() -> None:
    assert aggregate(RECIPIENTS, fylke(DOTTED, MISSING, MISSING, MISSING)).display == DOTTED
    assert aggregate(RECIPIENTS, fylke(MISSING, MISSING, NOT_YET, MISSING)).display == MISSING
    assert aggregate(RECIPIENTS, []).display == MISSING
    # Only dots: between 0 and 3 × 2 = 6, which reveals nothing.
    result = aggregate(RECIPIENTS, fylke(DOTTED, DOTTED, MISSING, MISSING))
    assert result.display_upper == known(6)


def test_kroner_follow_a_suppressed_recipient_sum() -> None:
    # 0.5 × 5 = 2.5 recipients and 0.5 × 20 000 = 10 000 kroner in Haram after the split.
    recipients = aggregate(RECIPIENTS, [AreaAmount("1580", known(2.5), 600)])
    kroner = aggregate(KRONER, [AreaAmount("1580", known(10_000), 600)])
    assert kroner.display == known(10_000)
    assert kroner.display_following(recipients) == DOTTED
    many = aggregate(RECIPIENTS, [AreaAmount("1580", known(25), 600)])
    assert kroner.display_following(many) == known(10_000)


def test_an_area_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="3101"):
        aggregate(RECIPIENTS, [AreaAmount("3101", known(5), 1), AreaAmount("3101", known(5), 1)])


def test_population_share_uses_only_areas_with_known_numerator() -> None:
    # B.101 at fylke level: numerator SH_MOTTAKERE, denominator the 18–66 population.
    areas = [
        AreaShare("3101", known(120), known(1000), 1000),
        AreaShare("3103", DOTTED, known(300), 300),
        AreaShare("3105", MISSING, known(700), 700),
        AreaShare("3107", known(0), known(500), 500),
    ]
    result = aggregate_share(areas)
    # (120 + 0) / (1000 + 500) × 100 = 8.0 %; the dotted B and missing C are not in the denominator.
    assert result.numerator_sum == 120
    assert result.denominator_sum == 1500
    assert result.value == known(8.0)
    assert result.used == 2
    assert result.used_codes == ("3101", "3107")
    assert result.dotted_codes == ("3103",)
    assert result.missing_codes == ("3105",)
    assert result.expected == 4
    assert result.coverage == pytest.approx(0.6)  # 1500 / 2500
    assert result.display == known(8.0)
    assert result.display_numerator == known(120)
    assert result.display_denominator == known(1500)


def test_figure_share_needs_both_parts_known() -> None:
    # B.104 = SH_BARN ÷ SH_MOTTAKERE.
    areas = [
        AreaShare("3101", known(30), known(120), 1000),
        AreaShare("3103", known(0), DOTTED, 300),  # 0 children, but the recipients are dotted
        AreaShare("3105", known(10), MISSING, 700),
        AreaShare("3107", known(8), known(40), 500),
    ]
    result = aggregate_share(areas, denominator_is_count=True)
    # (30 + 8) / (120 + 40) × 100 = 38 / 160 × 100 = 23.75 %
    assert result.numerator_sum == 38
    assert result.denominator_sum == 160
    assert result.value.value == pytest.approx(23.75)
    assert result.used_codes == ("3101", "3107")
    assert result.dotted_codes == ("3103",)
    assert result.missing_codes == ("3105",)
    assert result.coverage == pytest.approx(0.6)  # (1000 + 500) / 2500


def test_share_of_zero_is_not_applicable() -> None:
    areas = [AreaShare("3101", known(0), known(0), 1000), AreaShare("3103", DOTTED, DOTTED, 300)]
    result = aggregate_share(areas, denominator_is_count=True)
    assert result.value == NOT_APPLICABLE
    assert result.display == NOT_APPLICABLE


def test_share_with_nothing_usable_says_why() -> None:
    dotted = [AreaShare("3101", DOTTED, known(1000), 1000), AreaShare("3103", MISSING, known(300), 300)]
    assert aggregate_share(dotted).value == DOTTED
    missing = [AreaShare("3101", MISSING, known(1000), 1000)]
    assert aggregate_share(missing).value == MISSING
    # The numerator is known but SSB has not published the population yet.
    not_yet = [AreaShare("3101", known(40), NOT_YET, 1000)]
    assert aggregate_share(not_yet).value == NOT_YET
    assert aggregate_share([]).value == MISSING


def test_share_is_dotted_when_its_numerator_sum_is_small() -> None:
    # A split half: 0.5 × 5 = 2.5 recipients of 600 people; 2.5 / 600 × 100 would give 2.5 back.
    result = aggregate_share([AreaShare("1580", known(2.5), known(600), 600)])
    assert result.value.value == pytest.approx(2.5 / 600 * 100)
    assert result.display_numerator == DOTTED
    assert result.display_denominator == known(600)
    assert result.display == DOTTED


def test_share_is_dotted_when_its_recipient_denominator_is_small() -> None:
    # B.104 in a split half: 0 children of 0.5 × 6 = 3 recipients.
    result = aggregate_share([AreaShare("1580", known(0), known(3), 600)], denominator_is_count=True)
    assert result.value == known(0)
    assert result.display_denominator == DOTTED
    assert result.display == DOTTED


def test_count_indicator_sums_the_known_counts() -> None:
    # B.151: KVP participants, denominator the constant 1.
    result = aggregate_count_indicator(fylke(known(12), DOTTED, MISSING, known(0)))
    # 12 + 0 = 12, over A and D; coverage (1000 + 500) / 2500 = 0.6.
    assert result.value == known(12)
    assert result.denominator_sum == 1
    assert result.used == 2
    assert result.coverage == pytest.approx(0.6)
    assert result.display == known(12)
    assert result.display_denominator == known(1)


def test_count_indicator_is_dotted_when_small() -> None:
    # 2.5 + 0 = 2.5 participants: fewer than 4.
    result = aggregate_count_indicator([AreaAmount("1580", known(2.5), 600), AreaAmount("3101", known(0), 9)])
    assert result.display == DOTTED
    nothing = aggregate_count_indicator([AreaAmount("3101", DOTTED, 9)])
    assert nothing.value == DOTTED
    assert nothing.display_denominator == DOTTED


def test_within_sets_other_areas_aside() -> None:
    areas = [
        AreaShare("3101", known(120), known(1000), 1000),
        AreaShare("3103", known(30), known(300), 300),
        AreaShare("3105", DOTTED, known(700), 700),
    ]
    result = aggregate_share(areas, within={"3101"})
    # 120 / 1000 × 100 = 12 %; 3103 is known but outside, 3105 is set aside as well.
    assert result.value == known(12.0)
    assert result.outside_codes == ("3103", "3105")
    assert result.dotted_codes == ()
    assert result.expected == 3
    assert result.coverage == pytest.approx(0.5)  # 1000 / 2000


OSLO_AND_VIKEN = ["030101", "030102", "0301", "3101", "3103", "3201", "460101", "32", "0"]


@pytest.mark.parametrize(
    ("region", "parts"),
    [
        # Oslo is made of its bydeler, never also of itself.
        ("0301", ("030101", "030102")),
        ("03", ("030101", "030102")),
        ("030102", ("030102",)),
        ("3101", ("3101",)),
        ("31", ("3101", "3103")),
        ("32", ("3201",)),
        # Bergen's bydel reports, Bergen kommune itself is not expected.
        ("4601", ("460101",)),
        ("46", ("460101",)),
        ("3105", ()),
        ("0", ("030101", "030102", "3101", "3103", "3201", "460101")),
    ],
)
def test_components(region: str, parts: tuple[str, ...]) -> None:
    assert components(region, OSLO_AND_VIKEN) == parts


def test_components_of_a_kommune_without_expected_bydeler_is_the_kommune() -> None:
    assert components("0301", ["0301", "3101"]) == ("0301",)
    assert components("03", ["0301", "3101"]) == ("0301",)
