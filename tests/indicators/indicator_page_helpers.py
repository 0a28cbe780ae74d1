"""Helpers for the indicator page tests: form data as a browser would send it."""

from __future__ import annotations

from collections.abc import Mapping

from malekort.indicators.models import Indicator

RECOMMENDED_CODES = ["B.101", "B.102", "B.103", "B.104", "B.151"]


def pk(code: str) -> int:
    return Indicator.objects.get(code=code).pk


def choices_data(
    *, hidden: tuple[str, ...] = (), limits: Mapping[str, tuple[str, str]] | None = None,
    codes: list[str] | None = None,
) -> dict[str, str]:
    """Return the municipality form: every indicator shown except `hidden`, limits empty except `limits`."""
    data: dict[str, str] = {}
    for code in codes or RECOMMENDED_CODES:
        key = pk(code)
        if code not in hidden:
            data[f"vis_{key}"] = "on"
        if code != "B.104":  # neutral: no limits
            green, red = (limits or {}).get(code, ("", ""))
            data[f"gronn_{key}"] = green
            data[f"rod_{key}"] = red
    return data


def limits_data(limits: Mapping[str, tuple[str, str]]) -> dict[str, str]:
    """Return the recommended-limits form: limits for the given indicators, the rest empty."""
    data: dict[str, str] = {}
    for code in RECOMMENDED_CODES:
        if code == "B.104":
            continue
        green, red = limits.get(code, ("", ""))
        data[f"gronn_{pk(code)}"] = green
        data[f"rod_{pk(code)}"] = red
    return data


def version_data(**overrides: str) -> dict[str, str]:
    """Return a definition form: young recipients over persons 18–24, in per cent, from 2025-06."""
    data = {
        "name": "Andel unge som har mottatt økonomisk sosialhjelp",
        "description": "Mottakere under 25 år delt på personer 18–24 år.",
        "numerator_kind": "figure",
        "numerator_figure": "SH_UNDER25",
        "numerator_age_from": "",
        "numerator_age_to": "",
        "denominator_kind": "population",
        "denominator_figure": "",
        "denominator_age_from": "18",
        "denominator_age_to": "24",
        "factor": "100",
        "direction": "lower",
        "unit": "prosent",
        "decimals": "2",
        "valid_from": "2025-06",
    }
    data.update(overrides)
    return data
