"""Named reads of indicator definitions, choices and limits."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from malekort.domain.indicators import definitions as d
from malekort.domain.indicators.limits import Limits
from malekort.indicators.models import Indicator, IndicatorChoice, IndicatorLimits, IndicatorVersion


def versions_by_code(indicators: Iterable[Indicator]) -> dict[str, list[d.IndicatorVersion]]:
    """Return every version of each indicator, oldest first."""
    by_id = {i.pk: i.code for i in indicators}
    versions: dict[str, list[d.IndicatorVersion]] = defaultdict(list)
    for row in IndicatorVersion.objects.filter(indicator_id__in=list(by_id)).order_by("valid_from"):
        code = by_id[row.indicator_id]
        versions[code].append(row.to_domain(code))
    return dict(versions)


def available_indicators(municipality_codes: Iterable[str]) -> list[Indicator]:
    """Return the recommended indicators and the municipalities' own ones, in display order."""
    return list(
        Indicator.objects.filter(Q(owner__isnull=True) | Q(owner_id__in=list(municipality_codes)))
        .select_related("owner")
        .order_by("sort_order", "code")
    )


_SERIES = re.compile(r"B\.1([0-9]{2})")


def next_recommended_code() -> str:
    """Return the code after the highest B.1nn in use (B.152 after B.151), or "" when B.199 is taken.

    Gaps such as B.105–B.150 are not filled: the numbers seem to group indicators by subject.
    """
    numbers = [
        int(match.group(1))
        for code in Indicator.objects.filter(code__startswith="B.1").values_list("code", flat=True)
        if (match := _SERIES.fullmatch(code))
    ]
    following = max(numbers, default=0) + 1
    return f"B.1{following:02d}" if following <= 99 else ""


def current_choices(municipality_codes: Iterable[str]) -> dict[tuple[str, int], bool]:
    """Return each municipality's current choice by (municipality, indicator id); no entry means never chosen."""
    rows = IndicatorChoice.objects.filter(
        municipality_id__in=list(municipality_codes), superseded_at__isnull=True
    ).values_list("municipality_id", "indicator_id", "shown")
    return {(m, i): shown for m, i, shown in rows}


def shown_indicators(municipality_codes: Iterable[str]) -> list[Indicator]:
    """Return the indicators any of the municipalities shows; recommended ones show until a municipality says no."""
    codes = list(municipality_codes)
    choices = current_choices(codes)
    shown = []
    for indicator in available_indicators(codes):
        owners = [indicator.owner_id] if indicator.owner_id else codes
        if any(choices.get((m, indicator.pk), True) for m in owners):
            shown.append(indicator)
    return shown


@dataclass(frozen=True)
class LimitsInForce:
    limits: Limits | None
    source: str  # "kommunen", "direktoratet" or "" when there are none

    @property
    def label(self) -> str:
        return {
            "kommunen": "Kommunens egne grenseverdier",
            "direktoratet": "Direktoratets anbefalte grenseverdier",
        }.get(self.source, "Ingen grenseverdier satt")


NO_LIMITS = LimitsInForce(None, "")


def limits_in_force(municipality_code: str | None, indicators: Iterable[Indicator]) -> dict[int, LimitsInForce]:
    """Return the limits that colour each indicator: the municipality's own, else the Directorate's, else none."""
    return limits_in_force_for([municipality_code], indicators)[municipality_code]


def limits_in_force_for(
    municipality_codes: Iterable[str | None], indicators: Iterable[Indicator]
) -> dict[str | None, dict[int, LimitsInForce]]:
    """Return the limits in force for several municipalities at once (None: none of them), in one query."""
    codes = set(municipality_codes)
    ids = [i.pk for i in indicators]
    rows = IndicatorLimits.objects.filter(indicator_id__in=ids, superseded_at__isnull=True).filter(
        Q(municipality__isnull=True) | Q(municipality_id__in=[c for c in codes if c is not None])
    )
    recorded: dict[tuple[str | None, int], Limits | None] = {
        (row.municipality_id, row.indicator_id): row.to_domain() for row in rows
    }
    result: dict[str | None, dict[int, LimitsInForce]] = {}
    for code in codes:
        chosen = {}
        for pk in ids:
            own = recorded.get((code, pk)) if code is not None else None
            recommended = recorded.get((None, pk))
            if own is not None:
                chosen[pk] = LimitsInForce(own, "kommunen")
            elif recommended is not None:
                chosen[pk] = LimitsInForce(recommended, "direktoratet")
            else:
                chosen[pk] = NO_LIMITS
        result[code] = chosen
    return result


def limits_history(indicator: Indicator, municipality_code: str | None) -> list[IndicatorLimits]:
    """Return every record of the limits, newest first."""
    return list(
        IndicatorLimits.objects.filter(indicator=indicator, municipality_id=municipality_code)
        .select_related("recorded_by")
        .order_by("-recorded_at", "-pk")
    )


def choice_history(municipality_code: str) -> list[IndicatorChoice]:
    """Return every choice the municipality has made, newest first."""
    return list(
        IndicatorChoice.objects.filter(municipality_id=municipality_code)
        .select_related("recorded_by", "indicator")
        .order_by("-recorded_at", "-pk")
    )
