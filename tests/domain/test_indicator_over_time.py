"""Quarter and year views combine each key figure by its own rule before the indicator is computed."""

import pytest

from malekort.domain.amounts import DOTTED, MISSING, NOT_YET, Amount, Status
from malekort.domain.indicators.definitions import RECOMMENDED, Term
from malekort.domain.indicators.evaluation import UnitData, evaluate, sum_areas, term_amount
from malekort.domain.indicators.over_time import Span, combine, previous_window, window_for
from malekort.domain.keyfigures import CATALOGUE, OverTime
from malekort.domain.periods import Period

B101, B102, B103, B104, B151 = RECOMMENDED
FIGURES = {f.code: f for f in CATALOGUE}
K = Amount.known


def test_persons_average_kroner_add_up_and_kvp_takes_the_last_month():
    months = [K(100), K(110), K(120)]
    assert combine(months, OverTime.AVERAGE) == K(110)
    assert combine(months, OverTime.SUM) == K(330)
    assert combine(months, OverTime.LAST) == K(120)


def test_a_dotted_or_missing_month_makes_the_average_unknown():
    assert combine([K(100), DOTTED, K(120)], OverTime.AVERAGE).symbol == ":"
    assert combine([K(100), MISSING, K(120)], OverTime.SUM).symbol == ".."
    # Only the last month counts for KVP participants.
    assert combine([DOTTED, K(9)], OverTime.LAST) == K(9)


def test_windows_stop_at_the_last_month_that_has_ended():
    last = Period(2026, 10)
    q = window_for(Span.QUARTER, Period(2026, 8), last)
    assert (q.first, q.last, q.complete, q.label) == (Period(2026, 7), Period(2026, 9), True, "3. kvartal 2026")
    y = window_for(Span.YEAR, Period(2026, 3), last)
    assert (y.first, y.last, y.complete) == (Period(2026, 1), Period(2026, 10), False)
    assert y.label == "2026 (til og med oktober)"
    assert window_for(Span.QUARTER, Period(2026, 11), last).last == Period(2026, 10)
    assert window_for(Span.MONTH, Period(2026, 11), last) is None
    # Last year's window covers the same months, so a partial year compares like with like.
    before = y.shift_years(-1)
    assert (before.first, before.last) == (Period(2025, 1), Period(2025, 10))
    assert previous_window(q).first == Period(2026, 4)


def test_b101_for_a_quarter_uses_the_average_of_its_months():
    # Recipients 100, 110, 120 → average 110; 18–66 population 10 000 → 1.10 %.
    q = window_for(Span.QUARTER, Period(2025, 2), Period(2025, 6))
    data = UnitData(
        figures={("SH_MOTTAKERE", Period(2025, m)): K(v) for m, v in [(1, 100), (2, 110), (3, 120)]},
        population={((18, 66), 2025): K(10_000)},
    )
    version, result = evaluate([B101], q, data, FIGURES)
    assert version is B101
    assert result.numerator == K(110)
    assert result.value.value == pytest.approx(1.10)


def test_the_population_of_a_year_not_yet_published_is_not_yet_available():
    month = window_for(Span.MONTH, Period(2027, 1), Period(2027, 1))
    data = UnitData(figures={("SH_MOTTAKERE", Period(2027, 1)): K(100)}, population={((18, 66), 2026): K(9000)})
    _, result = evaluate([B101], month, data, FIGURES)
    assert result.value.symbol == "..."


def test_an_office_sums_its_areas_and_a_dot_in_one_area_suppresses_the_office_figure():
    per_area = {
        ("3320", "SH_MOTTAKERE", Period(2025, 1)): K(40),
        ("3322", "SH_MOTTAKERE", Period(2025, 1)): K(25),
        ("3320", "SH_BARN", Period(2025, 1)): K(10),
        ("3322", "SH_BARN", Period(2025, 1)): DOTTED,
    }
    summed = sum_areas(per_area, ["3320", "3322"], ["SH_MOTTAKERE", "SH_BARN", "SH_LANGTID"], [Period(2025, 1)])
    assert summed[("SH_MOTTAKERE", Period(2025, 1))] == K(65)
    assert summed[("SH_BARN", Period(2025, 1))].symbol == ":"
    assert summed[("SH_LANGTID", Period(2025, 1))].symbol == ".."


@pytest.mark.parametrize("figure", [f.code for f in CATALOGUE])
@pytest.mark.parametrize("amount", [K(7), Amount(Status.KNOWN, 7), K(0), DOTTED, MISSING, NOT_YET])
def test_a_one_month_window_gives_what_combining_that_month_gives(figure, amount):
    month = Period(2024, 3)
    window = window_for(Span.MONTH, month, month)
    data = UnitData({(figure, month): amount})
    found = term_amount(Term.of_figure(figure), window, data, FIGURES)
    expected = combine([amount], FIGURES[figure].over_time)
    assert found == expected
    assert type(found.value) is type(expected.value)
