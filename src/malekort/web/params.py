"""Months and days in URLs and query strings: one parser, a Norwegian 404 or 400 when it fails.

A month in the path names a page, so a bad one is a page that does not exist (404).
A month or day in the query string is input: a malformed one is a bad request (400),
a well-formed month outside the months a page has is not found (404). The JSON
interface answers the same errors as JSON (`ParameterError.status`, `str(error)`).
The text itself is parsed by `domain.periods`, the one parser of months and days.
"""

from __future__ import annotations

from datetime import date
from typing import overload

from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest

from malekort.domain.periods import Period, PeriodError, label, parse_day


class ParameterError(Exception):
    """A request parameter a page cannot use; the message is Norwegian and may be shown to the user."""

    status: int


class BadParameter(ParameterError, BadRequest):
    """A query parameter that is not what the page reads (400)."""

    status = 400


class MonthNotFound(ParameterError, Http404):
    """A month the page does not have (404)."""

    status = 404


def _within(month: Period, first: Period | None, last: Period | None) -> Period:
    if (first is not None and month < first) or (last is not None and month > last):
        span = " ".join(
            part for part in (
                f"fra {label(first)}" if first is not None else "",
                f"til {label(last)}" if last is not None else "",
            ) if part
        )
        raise MonthNotFound(f"Det finnes ingen side for {label(month)}: velg en måned {span}.")
    return month


def month_in_path(text: str, *, first: Period | None = None, last: Period | None = None) -> Period:
    """Return the month a URL segment names; 404 if it is no month or lies outside first..last."""
    try:
        month = Period.parse(text)
    except PeriodError as error:
        raise MonthNotFound(f"Ukjent måned: {error}.") from None
    return _within(month, first, last)


@overload
def month_param(
    request: HttpRequest, name: str, *, default: Period, first: Period | None = ..., last: Period | None = ...
) -> Period: ...
@overload
def month_param(
    request: HttpRequest, name: str, *, default: None = ..., first: Period | None = ..., last: Period | None = ...
) -> Period | None: ...
def month_param(
    request: HttpRequest, name: str, *, default: Period | None = None,
    first: Period | None = None, last: Period | None = None,
) -> Period | None:
    """Return the month of ?name=YYYY-MM (default when absent or empty).

    400 if the text is no month; 404 if it lies outside first..last.
    """
    text = request.GET.get(name, "").strip()
    if not text:
        return default
    try:
        month = Period.parse(text)
    except PeriodError as error:
        raise BadParameter(f"Parameteren «{name}»: {error}.") from None
    return _within(month, first, last)


def day_param(request: HttpRequest, name: str) -> date | None:
    """Return the day of ?name=YYYY-MM-DD (None when absent or empty); 400 if it is no day in the calendar."""
    text = request.GET.get(name, "").strip()
    if not text:
        return None
    try:
        return parse_day(text)
    except PeriodError as error:
        raise BadParameter(f"Parameteren «{name}»: {error}.") from None
