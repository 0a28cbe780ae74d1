"""The fewer-than-4 rule and what may leave the system."""

import pytest

from malekort.domain.suppression import (
    DOT,
    SUPPRESSION_THRESHOLD,
    ask_for_dot,
    display_count,
    must_suppress,
)
from malekort.domain.symbols import MISSING, NOT_APPLICABLE, NOT_YET_AVAILABLE, SUPPRESSED


def test_constants() -> None:
    assert DOT == "."
    assert SUPPRESSION_THRESHOLD == 4
    assert SUPPRESSED == ":"


@pytest.mark.parametrize(
    ("count", "expected"), [(0, False), (1, True), (2, True), (3, True), (4, False), (250, False)]
)
def test_ask_for_dot(count: int, expected: bool) -> None:
    assert ask_for_dot(count) is expected


@pytest.mark.parametrize(
    ("count", "expected"), [(None, False), (0, False), (1, True), (3, True), (4, False)]
)
def test_must_suppress(count: int | None, expected: bool) -> None:
    assert must_suppress(count) is expected


@pytest.mark.parametrize(
    ("count", "shown"),
    [(None, ""), (0, "0"), (1, ":"), (2, ":"), (3, ":"), (4, "4"), (12345, "12345")],
)
def test_display_count(count: int | None, shown: str) -> None:
    assert display_count(count) == shown


def test_display_amount_is_not_suppressed_by_size() -> None:
    assert display_count(2, is_count=False) == "2"
    assert display_count(0, is_count=False) == "0"
    assert display_count(None, is_count=False) == ""


def test_ssb_symbols_are_distinct() -> None:
    symbols = {NOT_APPLICABLE, MISSING, NOT_YET_AVAILABLE, SUPPRESSED}
    assert symbols == {".", "..", "...", ":"}
