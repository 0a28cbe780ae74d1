"""Every region's aggregates at once: hand-worked figures, and the same answers as one call per region."""

import random
from dataclasses import replace

import pytest

from malekort.domain.aggregation import (
    AreaAmount,
    AreaShare,
    aggregate,
    aggregate_count_indicator,
    aggregate_share,
    components,
)
from malekort.domain.amounts import DOTTED, MISSING, Amount, Status
from malekort.domain.bulk_aggregation import AreaTable, month_index, period_of_index, values_frame
from malekort.domain.indicators.definitions import RECOMMENDED, WORKING_AGE, YOUTH, Term, TermKind
from malekort.domain.keyfigures import CATALOGUE
from malekort.domain.periods import Period

FIGURES = {f.code: f for f in CATALOGUE}
INDICATORS = {v.code: v for v in RECOMMENDED}
JAN, FEB = Period(2024, 1), Period(2024, 2)


def table(amounts, parts, people, months=(JAN,)):
    return AreaTable(values_frame(amounts), parts, people, list(months))


def test_month_index_round_trip() -> None:
    assert month_index(Period(2024, 1)) == 2024 * 12
    assert period_of_index(month_index(Period(2023, 12))) == Period(2023, 12)


def test_county_with_one_dotted_and_one_missing_area() -> None:
    # Fylke 31 with 3101 (120 recipients, 1000 aged 18–66), 3103 (dot, 300), 3105 (nothing, 700).
    amounts = {("3101", "SH_MOTTAKERE", JAN): Amount.known(120), ("3103", "SH_MOTTAKERE", JAN): DOTTED}
    people = {("3101", WORKING_AGE, 2024): 1000, ("3103", WORKING_AGE, 2024): 300, ("3105", WORKING_AGE, 2024): 700}
    areas = table(amounts, {"31": ("3101", "3103", "3105")}, people)

    county = areas.figure_aggregates([FIGURES["SH_MOTTAKERE"]])[("31", "SH_MOTTAKERE", JAN)]
    assert county.known_sum == 120
    assert (county.known, county.dotted, county.missing) == (1, 1, 1)
    assert (county.lower, county.upper) == (120, 123)  # 120 + 3 × 1 dot
    assert county.missing_codes == ("3105",)
    assert county.coverage == pytest.approx(1000 / 2000)

    share = areas.indicator_aggregates([INDICATORS["B.101"]], FIGURES)[("31", JAN)]
    assert share is not None
    # Only 3101's numerator is known: 120 / 1000 × 100 = 12 %, not 120 / 2000.
    assert share.value == Amount.known(12.0)
    assert share.denominator_sum == 1000
    assert share.used_codes == ("3101",)
    assert share.dotted_codes == ("3103",)
    assert share.missing_codes == ("3105",)


def test_kroner_with_a_dot_have_no_upper_bound() -> None:
    amounts = {("3101", "SH_KRONER", JAN): Amount.known(50_000), ("3103", "SH_KRONER", JAN): DOTTED}
    result = table(amounts, {"31": ("3101", "3103")}, {}).figure_aggregates([FIGURES["SH_KRONER"]])
    county = result[("31", "SH_KRONER", JAN)]
    assert county.known_sum == 50_000
    assert county.upper is None
    # No population known: coverage cannot be told, and the areas without it are listed.
    assert county.coverage is None
    assert county.population.without_population == ("3101", "3103")


def test_population_not_yet_published_leaves_the_share_without_a_value() -> None:
    amounts = {("3101", "SH_MOTTAKERE", JAN): Amount.known(120)}
    share = table(amounts, {"31": ("3101",)}, {}).indicator_aggregates([INDICATORS["B.101"]], FIGURES)[("31", JAN)]
    assert share is not None
    assert share.value.status is Status.NOT_YET
    assert share.missing_codes == ("3101",)


def test_count_indicator_sums_the_known_counts() -> None:
    amounts = {("3101", "KVP_DELTAKERE", JAN): Amount.known(7), ("3103", "KVP_DELTAKERE", JAN): Amount.known(5)}
    result = table(amounts, {"31": ("3101", "3103", "3105")}, {}).indicator_aggregates([INDICATORS["B.151"]], FIGURES)
    count = result[("31", JAN)]
    assert count is not None
    assert count.value == Amount.known(12)
    assert count.is_count_indicator
    assert count.denominator_sum == 1
    assert count.missing_codes == ("3105",)


def test_months_before_the_first_version_have_no_indicator() -> None:
    later = replace(INDICATORS["B.101"], valid_from=FEB)
    result = table({}, {"31": ("3101",)}, {}, [JAN, FEB]).indicator_aggregates([later], FIGURES)
    assert result[("31", JAN)] is None
    assert result[("31", FEB)] is not None


def test_a_region_without_areas_has_empty_aggregates() -> None:
    areas = table({}, {"31": ("3101",), "99": ()}, {})
    empty = areas.figure_aggregates([FIGURES["SH_MOTTAKERE"]])[("99", "SH_MOTTAKERE", JAN)]
    assert (empty.expected, empty.known_sum) == (0, 0)
    share = areas.indicator_aggregates([INDICATORS["B.101"]], FIGURES)[("99", JAN)]
    assert share is not None and share.value == MISSING


def _random_world(seed: int):
    """Return areas in two fylker and Oslo's bydeler with random values, dots, gaps and populations."""
    rng = random.Random(seed)
    expected = ["3101", "3103", "3105", "3107", "4201", "4202", "4203", "030101", "030102", "030103"]
    regions = ["0", "31", "42", "03", "0301"]
    parts = {region: components(region, expected) for region in regions}
    months = [Period(2023, 11), Period(2023, 12), JAN, FEB]
    amounts: dict = {}
    for area in expected:
        for figure in FIGURES:
            for month in months:
                roll = rng.random()
                if roll < 0.6:
                    amounts[(area, figure, month)] = Amount.known(rng.choice([0, 1, 2, 5, 17, 250, 1234.5]))
                elif roll < 0.75:
                    amounts[(area, figure, month)] = DOTTED
                elif roll < 0.8:
                    amounts[(area, figure, month)] = MISSING
    people = {}
    for area in expected:
        for year in (2023, 2024):
            for band in (WORKING_AGE, YOUTH):
                if rng.random() < 0.85:
                    people[(area, band, year)] = rng.randint(50, 5000)
    return parts, months, amounts, people


def _term(term: Term, area: str, month: Period, amounts, people) -> Amount:
    if term.kind is TermKind.CONSTANT:
        return Amount.known(1)
    if term.kind is TermKind.POPULATION:
        count = people.get((area, term.band, month.year))
        return Amount(Status.NOT_YET) if count is None else Amount.known(count)
    return amounts.get((area, term.figure, month), MISSING)


@pytest.mark.parametrize("seed", range(6))
def test_same_figures_as_one_call_per_region_and_month(seed: int) -> None:
    parts, months, amounts, people = _random_world(seed)
    bulk = AreaTable(values_frame(amounts), parts, people, months).figure_aggregates(list(FIGURES.values()))
    for region, areas in parts.items():
        for figure in FIGURES.values():
            for month in months:
                then = {a: people.get((a, WORKING_AGE, month.year)) for a in areas}
                one = aggregate(
                    figure, [AreaAmount(a, amounts.get((a, figure.code, month), MISSING), then[a]) for a in areas]
                )
                assert bulk[(region, figure.code, month)] == replace(one, known_sum=pytest.approx(one.known_sum))


@pytest.mark.parametrize("seed", range(6))
def test_same_indicators_as_one_call_per_region_and_month(seed: int) -> None:
    parts, months, amounts, people = _random_world(seed)
    areas = AreaTable(values_frame(amounts), parts, people, months)
    for version in RECOMMENDED:
        bulk = areas.indicator_aggregates([version], FIGURES)
        for region, codes in parts.items():
            for month in months:
                count = version.denominator.kind is TermKind.CONSTANT
                population = {a: people.get((a, WORKING_AGE, month.year)) for a in codes}
                if count:
                    one = aggregate_count_indicator(
                        [AreaAmount(a, _term(version.numerator, a, month, amounts, people), population[a])
                         for a in codes],
                        factor=version.factor, numerator_is_count=True,
                    )
                else:
                    denominator = version.denominator
                    one = aggregate_share(
                        [AreaShare(a, _term(version.numerator, a, month, amounts, people),
                                   _term(denominator, a, month, amounts, people), population[a]) for a in codes],
                        factor=version.factor, numerator_is_count=True,
                        denominator_is_count=denominator.kind is TermKind.FIGURE,
                    )
                found = bulk[(region, month)]
                assert found is not None
                assert found.value.status == one.value.status
                assert found.value.value == pytest.approx(one.value.value)
                assert found.display == one.display
                assert (found.used_codes, found.dotted_codes, found.missing_codes) == (
                    one.used_codes, one.dotted_codes, one.missing_codes
                )
                assert (found.numerator_sum, found.denominator_sum) == pytest.approx(
                    (one.numerator_sum, one.denominator_sum)
                )
                assert found.population == one.population
