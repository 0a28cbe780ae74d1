"""The key figures (nøkkeltall) an area registers each month.

The catalogue below is the starting set of the 2023 and 2014 letters; the
database holds the live catalogue so that the Directorate can extend it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Unit(enum.Enum):
    PERSONS = "persons"
    NOK = "nok"

    @property
    def label(self) -> str:
        return {Unit.PERSONS: "personer", Unit.NOK: "kroner"}[self]


class OverTime(enum.Enum):
    """How monthly values combine into a quarter or a year."""

    AVERAGE = "average"
    SUM = "sum"
    LAST = "last"

    @property
    def label(self) -> str:
        return {
            OverTime.AVERAGE: "gjennomsnitt per måned",
            OverTime.SUM: "sum",
            OverTime.LAST: "siste verdi i perioden",
        }[self]


@dataclass(frozen=True, slots=True)
class KeyFigure:
    code: str
    name: str
    short_name: str
    unit: Unit
    over_time: OverTime
    # Figures this one can never exceed for the same area and month.
    at_most: tuple[str, ...] = ()
    # The figure whose dot this one must follow (kroner paid to < 4 people).
    dotted_with: str | None = None

    @property
    def is_count(self) -> bool:
        """Return whether the figure counts people, so that 1–3 must be dotted."""
        return self.unit is Unit.PERSONS


RECIPIENTS = "SH_MOTTAKERE"

CATALOGUE: tuple[KeyFigure, ...] = (
    KeyFigure(
        RECIPIENTS,
        "Antall mottakere av økonomisk sosialhjelp i løpet av måneden",
        "antall mottakere",
        Unit.PERSONS, OverTime.AVERAGE,
    ),
    KeyFigure(
        "SH_BARN",
        "Antall mottakere av økonomisk sosialhjelp i løpet av måneden som har "
        "forsørgeransvar for barn under 18 år",
        "mottakere med barn under 18",
        Unit.PERSONS, OverTime.AVERAGE, at_most=(RECIPIENTS,),
    ),
    KeyFigure(
        "SH_HOVEDKILDE",
        "Antall mottakere av økonomisk sosialhjelp i løpet av måneden som har "
        "sosialhjelp som viktigste kilde til livsopphold",
        "sosialhjelp som hovedkilde",
        Unit.PERSONS, OverTime.AVERAGE, at_most=(RECIPIENTS,),
    ),
    KeyFigure(
        "SH_UNDER30",
        "Antall mottakere av økonomisk sosialhjelp, under 30 år, i løpet av måneden",
        "mottakere under 30 år",
        Unit.PERSONS, OverTime.AVERAGE, at_most=(RECIPIENTS,),
    ),
    KeyFigure(
        "SH_KRONER",
        "Kroner sosialhjelp totalt (bidrag og lån etter §§ 18 og 19 i sosialtjenesteloven)",
        "kroner sosialhjelp",
        Unit.NOK, OverTime.SUM, dotted_with=RECIPIENTS,
    ),
    KeyFigure(
        "KVP_DELTAKERE",
        "Antall deltakere i kvalifiseringsprogrammet ved utgangen av måneden",
        "deltakere i KVP",
        Unit.PERSONS, OverTime.LAST,
    ),
    KeyFigure(
        "SH_UNDER25",
        "Antall mottakere av økonomisk sosialhjelp under 25 år i løpet av måneden",
        "mottakere under 25 år",
        Unit.PERSONS, OverTime.AVERAGE, at_most=(RECIPIENTS, "SH_UNDER30"),
    ),
    KeyFigure(
        "SH_LANGTID",
        "Antall som har mottatt økonomisk sosialhjelp i minst seks av de siste tolv "
        "månedene, og som har sosialhjelp som viktigste kilde til livsopphold",
        "langtidsmottakere",
        Unit.PERSONS, OverTime.AVERAGE, at_most=(RECIPIENTS,),
    ),
)
