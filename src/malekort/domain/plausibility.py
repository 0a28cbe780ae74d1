"""How large (and how small) a registered number can be and still be believed.

A value is stored as a 64-bit integer, so anything longer is refused before it
reaches the database. Within that, a count of people can be no larger than the
area's population (SSB's population on 1 January of the month's year, all
ages, when the system holds it; else no larger than `MAX_PERSONS`), and kroner
for one area and month no more than `MAX_KRONER`.

A monthly kroner total of 1, 2 or 3 kroner is refused too. It cannot be right
(kroner are only a number when at least 4 people received them, so that is
less than one krone each), and refusing it lets the database forbid every
stored number from 1 to 3, whatever a figure's unit says: see
`figures.models.ValueVersion`.
"""

from __future__ import annotations

from malekort.domain.keyfigures import KeyFigure
from malekort.domain.suppression import SUPPRESSION_THRESHOLD

# The largest number the database holds (a signed 64-bit integer), and its digits.
MAX_STORABLE = 2**63 - 1
MAX_DIGITS = len(str(MAX_STORABLE))

# More than Norway's whole population (5.6 million in 2025): no area can count more people.
MAX_PERSONS = 10_000_000

# One area's social assistance in one month. All of Norway paid about 8 billion
# kroner in a whole year (2023), some 0.7 billion a month.
MAX_KRONER = 1_000_000_000


def _grouped(number: int) -> str:
    """Return a number with Norwegian thousands spaces (no-break), as 1 000 000."""
    return f"{number:,}".replace(",", "\u00a0")


TOO_LONG = "Tallet er for stort til å kunne stemme. Kontroller tallet."


def number_error(number: int, figure: KeyFigure) -> str | None:
    """Return why a number cannot be a figure's monthly value for any area, or None."""
    if number > MAX_STORABLE:
        return TOO_LONG
    if figure.is_count:
        if number > MAX_PERSONS:
            return (
                f"{_grouped(number)} personer er flere enn det bor i hele Norge. Kontroller tallet."
            )
        return None
    if 0 < number < SUPPRESSION_THRESHOLD:
        return (
            f"Et beløp på {number} kroner for en hel måned kan ikke stemme. "
            "Skriv beløpet i hele kroner."
        )
    if number > MAX_KRONER:
        return (
            f"Beløpet er over {_grouped(MAX_KRONER)} kroner for én måned i ett område "
            "og kan ikke stemme. Kontroller beløpet."
        )
    return None


def population_error(number: int, figure: KeyFigure, population: int | None, year: int) -> str | None:
    """Return why a count is more people than live in the area, or None (also when the population is unknown)."""
    if not figure.is_count or population is None or number <= population:
        return None
    return (
        f"{_grouped(number)} er flere personer enn det bodde i området 1. januar {year} "
        f"({_grouped(population)}). Kontroller tallet."
    )
