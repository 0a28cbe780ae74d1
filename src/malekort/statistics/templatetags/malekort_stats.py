"""Formatting of published statistics: symbols where there is no number, Norwegian numbers otherwise."""

from __future__ import annotations

from django import template

from malekort.domain.amounts import Amount
from malekort.domain.charts import format_number
from malekort.domain.indicators.definitions import IndicatorVersion
from malekort.domain.publication import PublishedChange
from malekort.scorecard.presentation import value_text
from malekort.statistics.pages import amount_text, percent_text

register = template.Library()


@register.simple_tag
def amount(value: Amount, kroner: bool = False) -> str:
    return amount_text(value, kroner=kroner)


@register.simple_tag
def share(value: float | None) -> str:
    return percent_text(value)


@register.simple_tag
def indicator_value(value: Amount, version: IndicatorVersion) -> str:
    return value_text(value, version)


@register.simple_tag
def change(value: PublishedChange, kroner: bool = False) -> str:
    """Return a like-for-like change with the number of areas compared, e.g. «+12 (40 områder)»."""
    difference = value.difference
    if difference.value is None:
        text = difference.symbol
    else:
        number = format_number(difference.value)
        text = ("+" if difference.value > 0 else "") + number + ("\u00a0kr" if kroner else "")
    return f"{text} ({value.compared} områder)"
