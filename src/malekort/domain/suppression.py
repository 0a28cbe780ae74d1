"""The suppression rule of the 2023 letter: fewer than 4 cases are a dot.

This is a legal duty. Counts of 1, 2 and 3 never enter the system (they are
refused at the source and a dot is stored instead), and a kroner amount paid to
a dotted number of recipients is dotted too. Every number that leaves the
system goes through `symbol_for` or `display`.
"""

from __future__ import annotations

from malekort.domain.symbols import SUPPRESSED

DOT = "."
SUPPRESSION_THRESHOLD = 4


def ask_for_dot(count: int) -> bool:
    """Return whether a count must be registered as a dot instead of a number."""
    return 0 < count < SUPPRESSION_THRESHOLD


def must_suppress(count: int | None) -> bool:
    """Return whether a count must not be shown (a last guard for derived counts)."""
    return count is not None and ask_for_dot(count)


def must_suppress_value(value: float | None) -> bool:
    """Return whether a derived count (an average, a share of a split area) must not be shown.

    Any value strictly between 0 and 4 could reveal a count of 1–3, so it is
    suppressed before rounding.
    """
    return value is not None and 0 < value < SUPPRESSION_THRESHOLD


def display_count(count: int | None, *, is_count: bool = True) -> str:
    """Return a count as it may leave the system: the number, or SSB's ':' when suppressed."""
    if count is None:
        return ""
    if is_count and must_suppress(count):
        return SUPPRESSED
    return str(count)
