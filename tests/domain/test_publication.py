"""What may be published, against cases worked out by hand: counts 1–3 never, kroner beside published recipients."""

from __future__ import annotations

import pytest

from malekort.domain import publication
from malekort.domain.aggregation import AreaAmount, aggregate
from malekort.domain.amounts import DOTTED, MISSING, NOT_APPLICABLE, Amount, Status
from malekort.domain.keyfigures import CATALOGUE
from malekort.domain.periods import Period

FIGURES = {f.code: f for f in CATALOGUE}
RECIPIENTS = FIGURES["SH_MOTTAKERE"]
KRONER = FIGURES["SH_KRONER"]
KVP = FIGURES["KVP_DELTAKERE"]


def known(value: float) -> Amount:
    return Amount.known(value)


def areas(values: dict[str, Amount], population: int = 1000) -> list[AreaAmount]:
    return [AreaAmount(code, amount, population) for code, amount in values.items()]


# One area's own value (rules 1 and 2)


@pytest.mark.parametrize("value", [1.0, 2.0, 3.0, 0.4, 3.99])
def test_a_count_between_0_and_4_is_never_published(value):
    assert publication.cell(RECIPIENTS, known(value)) == DOTTED


@pytest.mark.parametrize("value", [0.0, 4.0, 12.0])
def test_a_count_of_0_or_at_least_4_is_published(value):
    assert publication.cell(RECIPIENTS, known(value)) == known(value)


@pytest.mark.parametrize("leader", [known(12), known(4), known(0)])
def test_kroner_beside_published_recipients_are_published(leader):
    assert publication.cell(KRONER, known(50_000), leader) == known(50_000)


@pytest.mark.parametrize("leader", [DOTTED, MISSING, known(3.0), known(2.5), None])
def test_kroner_beside_dotted_small_or_unknown_recipients_are_dotted(leader):
    # A dot, an unreported count or a derived 3.0 may all be one person.
    assert publication.cell(KRONER, known(50_000), leader) == DOTTED


def test_kroner_that_are_no_number_keep_their_symbol():
    assert publication.cell(KRONER, MISSING, DOTTED) == MISSING
    assert publication.cell(KRONER, DOTTED, known(12)) == DOTTED


def test_a_large_kroner_amount_is_no_count():
    assert publication.cell(KRONER, known(3), known(10)) == known(3)


# Sums over areas (rules 3 and 4)


def test_a_county_adds_only_kroner_whose_recipients_are_published():
    # A: 10 recipients, 100 000 kr. B: a dot beside 50 000 kr (left by a race). C: 20 recipients, no kroner.
    # The report used to publish 150 000 here (10 known recipients behind); 150 000 − A's 100 000 is B's amount.
    recipients = {"A": known(10), "B": DOTTED, "C": known(20)}
    kroner = {"A": known(100_000), "B": known(50_000), "C": MISSING}
    got = publication.publish_figure(KRONER, areas(kroner), recipients)
    assert got.known_sum == known(100_000)
    assert (got.aggregate.known_codes, got.aggregate.dotted_codes, got.aggregate.missing_codes) == (
        ("A",), ("B",), ("C",),
    )
    assert got.lower == known(100_000)
    assert got.upper == NOT_APPLICABLE  # kroner behind a dot have no ceiling
    # Only A's people count as covered: 1 000 of 3 000.
    assert got.coverage == pytest.approx(1 / 3)


def test_no_hidden_kroner_follow_from_a_total_minus_its_published_areas():
    recipients = {"A": known(10), "B": DOTTED, "C": MISSING, "D": known(3.0), "E": known(8)}
    kroner = {"A": known(100_000), "B": known(50_000), "C": known(20_000), "D": known(7_000), "E": known(9_000)}
    total = publication.publish_figure(KRONER, areas(kroner), recipients).known_sum
    shown = [publication.cell(KRONER, kroner[c], recipients[c]) for c in kroner]
    assert total.value is not None
    assert total.value - sum(a.value for a in shown if a.value is not None) == 0
    # And the nation over two such counties is the sum of the two published totals.
    other = {"F": known(40)}, {"F": known(300_000)}
    nation = publication.publish_figure(
        KRONER, areas({**kroner, **other[1]}), {**recipients, **other[0]}
    ).known_sum
    county_f = publication.publish_figure(KRONER, areas(other[1]), other[0]).known_sum
    assert nation == known(total.value + 300_000)
    assert county_f == known(300_000)


def test_the_report_case_kroner_of_a_split_area_with_3_recipients():
    # Møre og Romsdal, October 2023: 1508 has 3.0 recipients (its share of 1507's 5) and 24 000 kr;
    # 1505 reported 20 recipients and no kroner. The 23 recipients may be published, the kroner not.
    recipients = {"1508": known(3.0), "1505": known(20)}
    kroner = {"1508": known(24_000), "1505": MISSING}
    counted = publication.publish_figure(RECIPIENTS, areas(recipients), computed=aggregate(RECIPIENTS,
                                                                                            areas(recipients)))
    assert counted.known_sum == known(23)
    got = publication.publish_figure(KRONER, areas(kroner), recipients)
    assert got.known_sum == DOTTED
    assert (got.aggregate.dotted, got.aggregate.missing) == (1, 1)
    assert got.lower == known(0)
    assert got.upper == NOT_APPLICABLE


def test_kroner_to_nobody_are_published():
    got = publication.publish_figure(KRONER, areas({"A": known(0), "B": known(0)}), {"A": known(0), "B": known(0)})
    assert got.known_sum == known(0)


def test_a_count_sum_between_0_and_4_is_dotted_with_its_bounds():
    parts = areas({"A": known(2.5), "B": DOTTED})
    got = publication.publish_figure(RECIPIENTS, parts)
    assert got.known_sum == DOTTED
    assert got.lower == DOTTED
    assert got.upper == DOTTED  # 2.5 + 3 would give the 2.5 back


def test_a_count_sum_uses_the_aggregate_computed_elsewhere():
    parts = areas({"A": known(10), "B": DOTTED, "C": MISSING})
    got = publication.publish_figure(KVP, (), computed=aggregate(KVP, parts))
    assert (got.known_sum, got.lower, got.upper) == (known(10), known(10), known(13))


def test_a_following_figure_needs_its_leaders():
    with pytest.raises(ValueError):
        publication.publish_figure(KRONER, areas({"A": known(1)}))


@pytest.mark.parametrize(
    ("leaders", "few"),
    [
        ({"A": known(2.0)}, True),
        ({"A": known(0), "B": known(0)}, False),
        ({"A": known(0), "B": MISSING}, True),
        ({"A": known(10)}, False),
        ({"A": known(1.5), "B": known(1.5)}, True),
    ],
)
def test_few_recipients_behind_a_kroner_sum(leaders, few):
    assert publication.few_behind(KRONER, leaders, leaders) is few
    assert publication.few_behind(RECIPIENTS, leaders, leaders) is False


# Like-for-like changes


def test_a_kroner_change_compares_only_areas_published_in_both_months():
    # B's recipients are dotted in the later month: B's kroner leave the comparison, so the
    # change is A's alone: 100 000 → 110 000.
    earlier = areas({"A": known(100_000), "B": known(40_000)})
    later = areas({"A": known(110_000), "B": known(45_000)})
    got = publication.publish_change(
        KRONER, earlier, later, {"A": known(10), "B": known(5)}, {"A": known(11), "B": DOTTED}
    )
    assert got.compared_codes == ("A",)
    assert (got.earlier_sum, got.later_sum, got.difference) == (known(100_000), known(110_000), known(10_000))
    assert got.relative.value == pytest.approx(0.1)


def test_a_change_from_a_suppressed_sum_is_dotted():
    earlier = areas({"A": known(2.0)})
    later = areas({"A": known(10)})
    got = publication.publish_change(RECIPIENTS, earlier, later)
    assert got.earlier_sum == DOTTED
    assert (got.difference.status, got.relative.status) == (Status.DOTTED, Status.DOTTED)


# Sums for scorecards


def test_hide_followers_dots_kroner_beside_a_dotted_or_missing_leader():
    march, april = Period(2025, 3), Period(2025, 4)
    values = {
        ("A", "SH_MOTTAKERE", march): known(10), ("A", "SH_KRONER", march): known(100_000),
        ("A", "SH_MOTTAKERE", april): DOTTED, ("A", "SH_KRONER", april): known(50_000),
        ("B", "SH_KRONER", march): known(20_000),
    }
    got = publication.hide_followers(values, FIGURES)
    assert got[("A", "SH_KRONER", march)] == known(100_000)
    assert got[("A", "SH_KRONER", april)] == DOTTED
    assert got[("B", "SH_KRONER", march)] == DOTTED
    assert got[("A", "SH_MOTTAKERE", april)] == DOTTED
