"""What may be published: the one rule every page, export, report and the API follows.

The letter of 2023 makes suppression a duty at the source (`suppression`):
counts of 1–3 are typed as a dot and never stored. What leaves the system is
decided here, for an area's own value and for a sum over areas:

1. A count of persons between 0 and 4 (exclusive) is never published
   (`Amount.shown`); that covers derived counts such as a share of a split area.
2. A figure that follows another's dots (kroner follow the recipients,
   `KeyFigure.dotted_with`) is published for an area only when the leader's
   value for the same area and month is itself a published number. A dotted,
   unreported or small leader hides it: kroner paid to an unknown number of
   people may have been paid to one.
3. A sum over areas of such a figure adds only the areas whose own value may be
   published by rule 2; an area whose leader hides it counts as a dot. So a
   county's total minus its published areas never gives a hidden area's kroner
   back (secondary disclosure), nor does the nation's total minus its counties.
4. Such a sum is dotted as a whole when the leaders behind the areas it adds
   come to less than 4 (and are not all 0), so kroner are never published for
   fewer than 4 recipients in total. Like-for-like changes follow rules 3 and 4
   over the areas compared, and a change is dotted when either sum is.

Counts need no rule 3: the system never learns the value behind a dot, so a
sum minus the published parts only gives back what the dots do not hide.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from malekort.domain.aggregation import Aggregate, AreaAmount, aggregate
from malekort.domain.amounts import DOTTED, MISSING, NOT_APPLICABLE, Amount, Status
from malekort.domain.comparison import Change, compare
from malekort.domain.keyfigures import KeyFigure
from malekort.domain.suppression import SUPPRESSION_THRESHOLD, must_suppress_value

Leaders = Mapping[str, Amount]  # area code → the leader figure's own value for the month
_Month = TypeVar("_Month", bound=Hashable)


def leader_allows(leader: Amount | None) -> bool:
    """Return whether a leader's value (recipients) lets the figure that follows it be published."""
    return leader is not None and leader.value is not None and not must_suppress_value(leader.value)


def cell(figure: KeyFigure, amount: Amount, leader: Amount | None = None) -> Amount:
    """Return one area's value of a figure for a month as it may be published (rules 1 and 2).

    `leader` is the same area's value of the figure this one follows, if any.
    """
    if figure.dotted_with is not None and amount.is_known and not leader_allows(leader):
        return DOTTED
    return amount.shown(is_count=figure.is_count)


def parts(figure: KeyFigure, areas: Iterable[AreaAmount], leaders: Leaders) -> list[AreaAmount]:
    """Return the areas with the values a sum may add: a follower is a dot where its leader hides it (rule 3)."""
    if figure.dotted_with is None:
        return list(areas)
    return [
        AreaAmount(a.code, DOTTED, a.population)
        if a.amount.is_known and not leader_allows(leaders.get(a.code)) else a
        for a in areas
    ]


def hide_followers(
    values: Mapping[tuple[str, str, _Month], Amount], figures: Mapping[str, KeyFigure]
) -> dict[tuple[str, str, _Month], Amount]:
    """Return areas' values by (area, figure, month) with a follower dotted where its leader hides it (rule 2).

    For sums and indicators over areas (scorecards): an area whose kroner are
    hidden adds a dot, never its amount. `values` must hold the leaders too.
    """
    result = dict(values)
    for (area, code, month), amount in values.items():
        figure = figures.get(code)
        if figure is not None and figure.dotted_with is not None and amount.is_known:
            leader = values.get((area, figure.dotted_with, month))
            if not leader_allows(leader):
                result[(area, code, month)] = DOTTED
    return result


@dataclass(frozen=True, slots=True)
class PublishedFigure:
    """A key figure summed over a region's areas for a month, and what of it may be published."""

    aggregate: Aggregate  # over the parts a sum may add (rule 3): dots and coverage as published
    known_sum: Amount
    lower: Amount
    upper: Amount

    @property
    def coverage(self) -> float | None:
        """Return the share of the 18–66 population living in areas whose value the sum adds."""
        return self.aggregate.coverage


def publish_figure(
    figure: KeyFigure,
    areas: Sequence[AreaAmount],
    leaders: Leaders | None = None,
    *,
    computed: Aggregate | None = None,
) -> PublishedFigure:
    """Return the sum of a figure over a region's areas as it may be published.

    `areas` are the region's areas with their own values; `leaders` the values
    of the figure it follows for the same areas (needed when it follows one).
    `computed`, the aggregate of `areas` computed elsewhere, is used as it is
    when no area must be taken out of the sum; for a figure that follows none
    it is all that is needed, and `areas` may then be empty.
    """
    if figure.dotted_with is None:
        computed = computed if computed is not None else aggregate(figure, areas)
        leaders = {}
    else:
        if leaders is None:
            raise ValueError(f"{figure.code} følger prikkene til {figure.dotted_with}: oppgi verdiene for det")
        usable = parts(figure, areas, leaders)
        if computed is None or any(a is not b for a, b in zip(usable, areas, strict=True)):
            computed = aggregate(figure, usable)
    known_sum = computed.display
    if known_sum.is_known and few_behind(figure, computed.known_codes, leaders):
        known_sum = DOTTED
    return PublishedFigure(computed, known_sum, _lower(computed, known_sum), _upper(computed, known_sum))


@dataclass(frozen=True, slots=True)
class PublishedChange:
    """A like-for-like change of a figure's sum between two months, and what of it may be published."""

    change: Change  # over the parts a sum may add in both months
    earlier_sum: Amount
    later_sum: Amount
    difference: Amount
    relative: Amount  # a fraction: 0.1 is 10 %

    @property
    def compared(self) -> int:
        """Return the number of areas compared."""
        return self.change.compared

    @property
    def compared_codes(self) -> tuple[str, ...]:
        return self.change.compared_codes


def publish_change(
    figure: KeyFigure,
    earlier: Sequence[AreaAmount],
    later: Sequence[AreaAmount],
    earlier_leaders: Leaders | None = None,
    later_leaders: Leaders | None = None,
) -> PublishedChange:
    """Return the change of a figure's sum from `earlier` to `later` over the areas known in both, as published."""
    earlier_leaders = earlier_leaders or {}
    later_leaders = later_leaders or {}
    change = compare(figure, parts(figure, earlier, earlier_leaders), parts(figure, later, later_leaders))
    earlier_sum = change.display_earlier
    later_sum = change.display_later
    if earlier_sum.is_known and few_behind(figure, change.compared_codes, earlier_leaders):
        earlier_sum = DOTTED
    if later_sum.is_known and few_behind(figure, change.compared_codes, later_leaders):
        later_sum = DOTTED
    if Status.DOTTED in (earlier_sum.status, later_sum.status):
        # A difference and one sum give the other, suppressed, sum back.
        return PublishedChange(change, earlier_sum, later_sum, DOTTED, DOTTED)
    return PublishedChange(change, earlier_sum, later_sum, change.display_difference, change.display_relative)


def few_behind(figure: KeyFigure, codes: Iterable[str], leaders: Leaders) -> bool:
    """Return whether a following figure's sum over `codes` lies on fewer than 4 known leaders (rule 4).

    Only known leaders count towards the 4; a sum over leaders that are all 0
    is published (nobody was paid), unless some leader is unknown.
    """
    if figure.dotted_with is None:
        return False
    total = 0.0
    unknown = False
    for code in codes:
        leader = leaders.get(code, MISSING)
        unknown = unknown or leader.value is None
        total += leader.value or 0.0
    return must_suppress_value(total) or (total < SUPPRESSION_THRESHOLD and unknown)


def _lower(computed: Aggregate, known_sum: Amount) -> Amount:
    """Return the lower bound: the published known sum, or 0 when every reporting area has a dot."""
    if not computed.known_codes and computed.dotted_codes:
        return Amount.known(0)
    return known_sum


def _upper(computed: Aggregate, known_sum: Amount) -> Amount:
    """Return the upper bound: not applicable for kroner with dots, dotted when the known sum is."""
    if computed.upper is None:
        return NOT_APPLICABLE
    if not computed.known_codes and not computed.dotted_codes:
        return MISSING
    if known_sum.status is Status.DOTTED and computed.known_codes:
        return DOTTED
    return computed.display_upper
