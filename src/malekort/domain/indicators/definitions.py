"""What an indicator is: a numerator over a denominator, in versions that each hold for a span of months.

"Use will show whether the wording, numerator or denominator must change"
(2014 letter), so a definition never changes in place: a new version starts
from a month and the old one ends the month before. A value is always computed
with the version in force for its month.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from malekort.domain.periods import Period

# The age band of the letters' population denominators.
WORKING_AGE = (18, 66)
YOUTH = (18, 24)
MAX_AGE = 105


class DefinitionError(ValueError):
    """A definition that cannot be used; the message is for the user."""


class Direction(enum.Enum):
    HIGHER_IS_BETTER = "higher"
    LOWER_IS_BETTER = "lower"
    NEUTRAL = "neutral"

    @property
    def label(self) -> str:
        return {
            Direction.HIGHER_IS_BETTER: "Høyere verdi er bedre",
            Direction.LOWER_IS_BETTER: "Lavere verdi er bedre",
            Direction.NEUTRAL: "Verken høyere eller lavere er bedre",
        }[self]


class TermKind(enum.Enum):
    FIGURE = "figure"
    POPULATION = "population"
    CONSTANT = "constant"

    @property
    def label(self) -> str:
        return {
            TermKind.FIGURE: "Nøkkeltall",
            TermKind.POPULATION: "Befolkning i aldersgruppe (SSB)",
            TermKind.CONSTANT: "Tallet 1 (antall)",
        }[self]


@dataclass(frozen=True, slots=True)
class Term:
    """A numerator or a denominator: a key figure, a population age band, or the constant 1."""

    kind: TermKind
    figure: str | None = None
    age_from: int | None = None
    age_to: int | None = None

    def __post_init__(self) -> None:
        if self.kind is TermKind.FIGURE and not self.figure:
            raise DefinitionError("Velg et nøkkeltall.")
        if self.kind is TermKind.POPULATION:
            if self.age_from is None or self.age_to is None:
                raise DefinitionError("Oppgi både fra- og til-alder for befolkningsgruppen.")
            if not 0 <= self.age_from <= self.age_to <= MAX_AGE:
                raise DefinitionError(f"Aldersgruppen må ligge mellom 0 og {MAX_AGE} år, og fra-alder kan ikke være "
                                      "høyere enn til-alder.")

    @classmethod
    def of_figure(cls, code: str) -> Term:
        return cls(TermKind.FIGURE, figure=code)

    @classmethod
    def population(cls, age_from: int, age_to: int) -> Term:
        return cls(TermKind.POPULATION, age_from=age_from, age_to=age_to)

    @classmethod
    def one(cls) -> Term:
        return cls(TermKind.CONSTANT)

    @property
    def band(self) -> tuple[int, int] | None:
        if self.age_from is None or self.age_to is None:
            return None
        return (self.age_from, self.age_to)

    def describe(self, figure_names: dict[str, str] | None = None) -> str:
        """Return the term in words, for example «Personer 18–66 år i området (SSB)»."""
        if self.kind is TermKind.FIGURE:
            assert self.figure is not None
            name = (figure_names or {}).get(self.figure)
            return f"{name} ({self.figure})" if name else self.figure
        if self.kind is TermKind.POPULATION:
            return f"Personer {self.age_from}–{self.age_to} år i området (SSB, 1. januar)"
        return "1"


@dataclass(frozen=True, slots=True)
class IndicatorVersion:
    code: str
    name: str
    description: str
    numerator: Term
    denominator: Term
    factor: int
    direction: Direction
    unit: str
    valid_from: Period
    valid_to: Period | None = None
    decimals: int = 1

    def __post_init__(self) -> None:
        if self.numerator.kind is TermKind.CONSTANT:
            raise DefinitionError("Telleren må være et nøkkeltall eller en befolkningsgruppe.")
        if self.factor <= 0:
            raise DefinitionError("Faktoren må være et positivt tall (100 for prosent, 1 for antall).")
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise DefinitionError("En versjon kan ikke slutte før den begynner.")

    def in_force(self, period: Period) -> bool:
        return self.valid_from <= period and (self.valid_to is None or period <= self.valid_to)

    @property
    def is_count(self) -> bool:
        """Return whether the value is a count of people (so 1–3 must be suppressed)."""
        return self.denominator.kind is TermKind.CONSTANT and self.factor == 1

    @property
    def is_share(self) -> bool:
        return self.factor == 100

    def figures(self) -> set[str]:
        """Return the key figures the version reads."""
        return {t.figure for t in (self.numerator, self.denominator) if t.figure is not None}

    def bands(self) -> set[tuple[int, int]]:
        """Return the population age bands the version reads."""
        return {b for b in (self.numerator.band, self.denominator.band) if b is not None}


def version_in_force(versions: Iterable[IndicatorVersion], period: Period) -> IndicatorVersion | None:
    """Return the version in force for the month, or None when the indicator did not exist then."""
    for version in versions:
        if version.in_force(period):
            return version
    return None


def check_no_overlap(versions: Sequence[IndicatorVersion]) -> None:
    """Raise DefinitionError when two versions hold for the same month."""
    ordered = sorted(versions, key=lambda v: v.valid_from)
    for before, after in itertools.pairwise(ordered):
        if before.valid_to is None or before.valid_to >= after.valid_from:
            raise DefinitionError(
                f"Versjonene fra {before.valid_from} og {after.valid_from} gjelder for samme måned."
            )


def next_versions(
    versions: Sequence[IndicatorVersion], new: IndicatorVersion
) -> tuple[list[IndicatorVersion], IndicatorVersion | None]:
    """Return the versions after adding `new` from its month, and the version that was closed to make room.

    Earlier months keep their version: the one in force is closed the month
    before `new` starts. A change may not start on or before the start of the
    latest version, since that would rewrite months already computed with it.
    """
    latest = max(versions, key=lambda v: v.valid_from, default=None)
    if latest is None:
        return [new], None
    if new.valid_from <= latest.valid_from:
        raise DefinitionError(
            f"En ny versjon må gjelde fra en måned etter {latest.valid_from}, da gjeldende versjon startet. "
            "Tidligere måneder beregnes alltid med den versjonen som gjaldt da."
        )
    closed = replace(latest, valid_to=new.valid_from.previous)
    kept = [v for v in versions if v is not latest]
    return [*kept, closed, new], closed


# The five indicators the Directorate recommended on 11 February 2014, worded as in the letter.
FIRST_PERIOD = Period(2022, 1)
RECOMMENDED: tuple[IndicatorVersion, ...] = (
    IndicatorVersion(
        code="B.101",
        name="Andel som har mottatt økonomisk sosialhjelp",
        description=(
            "Antall personer som har mottatt økonomisk sosialhjelp i løpet av måneden, delt på antall "
            "personer 18–66 år i kommunen/bydelen (SSB-tall per 1. januar)."
        ),
        numerator=Term.of_figure("SH_MOTTAKERE"),
        denominator=Term.population(*WORKING_AGE),
        factor=100, direction=Direction.LOWER_IS_BETTER, unit="prosent", valid_from=FIRST_PERIOD, decimals=2,
    ),
    IndicatorVersion(
        code="B.102",
        name="Andel som er langtidsmottakere med økonomisk sosialhjelp som viktigste kilde til livsopphold",
        description=(
            "Antall som har mottatt økonomisk sosialhjelp i minst seks måneder av de siste tolv, og som har "
            "sosialhjelp som viktigste kilde til livsopphold, delt på antall personer 18–66 år i "
            "kommunen/bydelen (SSB-tall per 1. januar)."
        ),
        numerator=Term.of_figure("SH_LANGTID"),
        denominator=Term.population(*WORKING_AGE),
        factor=100, direction=Direction.LOWER_IS_BETTER, unit="prosent", valid_from=FIRST_PERIOD, decimals=2,
    ),
    IndicatorVersion(
        code="B.103",
        name="Andel unge som har mottatt økonomisk sosialhjelp",
        description=(
            "Antall mottakere av økonomisk sosialhjelp under 25 år i løpet av måneden, delt på antall "
            "personer 18–24 år bosatt i kommunen/bydelen (SSB-tall per 1. januar)."
        ),
        numerator=Term.of_figure("SH_UNDER25"),
        denominator=Term.population(*YOUTH),
        factor=100, direction=Direction.LOWER_IS_BETTER, unit="prosent", valid_from=FIRST_PERIOD, decimals=2,
    ),
    IndicatorVersion(
        code="B.104",
        name=(
            "Andel mottakere av økonomisk sosialhjelp med forsørgelsesplikt for barn under 18 år i husholdningen"
        ),
        description=(
            "Antall som har mottatt økonomisk sosialhjelp i løpet av måneden og som har barn under 18 år som "
            "bor i husholdningen og som mottaker har forsørgelsesplikt for, delt på antall personer som har "
            "mottatt økonomisk sosialhjelp i løpet av måneden."
        ),
        numerator=Term.of_figure("SH_BARN"),
        denominator=Term.of_figure("SH_MOTTAKERE"),
        factor=100, direction=Direction.NEUTRAL, unit="prosent", valid_from=FIRST_PERIOD, decimals=1,
    ),
    IndicatorVersion(
        code="B.151",
        name="Antall deltakere i kvalifiseringsprogram",
        description=(
            "Antall deltakere i kvalifiseringsprogram ved utgangen av måneden. Direktoratet henter tallet fra "
            "Arena; kontorene kan også registrere det selv. Kilden vises ved tallet."
        ),
        numerator=Term.of_figure("KVP_DELTAKERE"),
        denominator=Term.one(),
        factor=1, direction=Direction.HIGHER_IS_BETTER, unit="personer", valid_from=FIRST_PERIOD, decimals=0,
    ),
)
