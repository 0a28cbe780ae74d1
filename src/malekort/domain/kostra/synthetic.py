"""Synthetic KOSTRA 11F and 11CF files, for tests and the benchmark.

Identity numbers are synthetic (month + 80, as in Skatteetaten's test
numbers) or synthetic D-numbers (day + 40 as well); never real ones.
`recipient_line` and `participant_line` write one line in a year's layout
from plain values, so hand-worked tests read like the domain.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from malekort.domain.kostra.layouts import MONTHS, Form, Layout, Span, layout_for

_WEIGHTS_1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_WEIGHTS_2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


@dataclass(frozen=True)
class Recipient:
    """One 11F line: a recipient of social assistance in one area and year."""

    municipality: str
    district: str = ""
    identity: str = ""
    duf: str = ""
    journal: str = "1"
    birth: date | None = None  # FODSELSDATO, written where the layout has it
    children: bool = False
    main_source: bool = False
    marked: frozenset[int] = frozenset()
    grants: Mapping[int, int] = field(default_factory=dict)
    loans: Mapping[int, int] = field(default_factory=dict)
    other: Mapping[int, str] = field(default_factory=dict)  # fields we never read, by position


@dataclass(frozen=True)
class Participant:
    """One 11CF line: a participant in the qualification programme."""

    municipality: str
    started: date
    district: str = ""
    identity: str = ""
    journal: str = "1"
    birth: date | None = None
    ended: date | None = None
    status: str = "1"
    marked: frozenset[int] = frozenset()
    other: Mapping[int, str] = field(default_factory=dict)


def _put(line: list[str], span: Span, text: str, *, right: bool = False) -> None:
    if len(text) > span.size:
        raise ValueError(f"«{text}» is wider than the field ({span.size})")
    padded = text.rjust(span.size) if right else text.ljust(span.size)
    line[span.start : span.start + span.size] = list(padded)


def _start(layout: Layout, year: int, municipality: str, district: str, other: Mapping[int, str]) -> list[str]:
    line = [" "] * layout.record_length
    for position, text in other.items():
        line[position - 1 : position - 1 + len(text)] = list(text)
    _put(line, layout.municipality, municipality)
    _put(line, layout.version, f"{year % 100:02d}")
    _put(line, layout.district, district)
    return line


def _date_text(day: date, width: int) -> str:
    return day.strftime("%d%m%Y") if width == 8 else day.strftime("%d%m%y")


def recipient_line(recipient: Recipient, year: int) -> str:
    """Return the recipient as an 11F line in the year's layout."""
    layout = layout_for(Form.SOCIAL_ASSISTANCE, year)
    assert layout is not None and layout.grant is not None and layout.loan is not None
    assert layout.children is not None and layout.livelihood is not None
    line = _start(layout, year, recipient.municipality, recipient.district, recipient.other)
    if layout.birth_date is not None and recipient.birth is not None:
        _put(line, layout.birth_date, _date_text(recipient.birth, 8))
    _put(line, layout.journal, recipient.journal)
    _put(line, layout.identity, recipient.identity)
    if layout.duf is not None:
        _put(line, layout.duf, recipient.duf)
    _put(line, layout.children, "1" if recipient.children else "2")
    _put(line, layout.livelihood, "5" if recipient.main_source else "1")
    for m in recipient.marked:
        _put(line, layout.month_marker(m), f"{m:02d}")
    _put(line, layout.grant, str(sum(recipient.grants.values())), right=True)
    _put(line, layout.loan, str(sum(recipient.loans.values())), right=True)
    for m in MONTHS:
        if recipient.grants.get(m):
            _put(line, layout.monthly_grant(m), str(recipient.grants[m]), right=True)
        if recipient.loans.get(m):
            _put(line, layout.monthly_loan(m), str(recipient.loans[m]), right=True)
    return "".join(line)


def participant_line(participant: Participant, year: int) -> str:
    """Return the participant as an 11CF line in the year's layout."""
    layout = layout_for(Form.QUALIFICATION, year)
    assert layout is not None and layout.started is not None and layout.ended is not None
    assert layout.status is not None
    line = _start(layout, year, participant.municipality, participant.district, participant.other)
    if layout.birth_date is not None and participant.birth is not None:
        _put(line, layout.birth_date, _date_text(participant.birth, 8))
    _put(line, layout.journal, participant.journal)
    _put(line, layout.identity, participant.identity)
    _put(line, layout.started, _date_text(participant.started, layout.started.size))
    if participant.ended is not None:
        _put(line, layout.ended, _date_text(participant.ended, layout.ended.size))
    _put(line, layout.status, participant.status)
    for m in participant.marked:
        _put(line, layout.month_marker(m), f"{m:02d}")
    return "".join(line)


def file_bytes(lines: Iterable[str], *, encoding: str = "iso-8859-1", newline: str = "\n") -> bytes:
    """Return lines as a file's bytes."""
    return "".join(line + newline for line in lines).encode(encoding)


def _check_digits(nine: str) -> str | None:
    digits = [int(c) for c in nine]
    k1 = 11 - sum(w * d for w, d in zip(_WEIGHTS_1, digits, strict=True)) % 11
    k1 = 0 if k1 == 11 else k1
    k2 = 11 - sum(w * d for w, d in zip(_WEIGHTS_2, [*digits, k1], strict=True)) % 11
    k2 = 0 if k2 == 11 else k2
    if k1 == 10 or k2 == 10:
        return None
    return f"{k1}{k2}"


def synthetic_identity(birth: date, rng: random.Random, *, d_number: bool = False) -> str:
    """Return a synthetic identity number (month + 80; day + 40 as well for a D-number)."""
    day = birth.day + (40 if d_number else 0)
    first, last = (0, 499) if birth.year < 2000 else (500, 999)
    while True:
        individual = rng.randint(first, last)
        nine = f"{day:02d}{birth.month + 80:02d}{birth.year % 100:02d}{individual:03d}"
        check = _check_digits(nine)
        if check is not None:
            return nine + check


@dataclass
class SyntheticYear:
    """The 11F and 11CF lines of one reporting year."""

    year: int
    assistance: list[str]
    qualification: list[str]


@dataclass
class _Person:
    identity: str
    duf: str
    journal: str
    birth: date
    children: bool
    main_source: bool
    area: tuple[str, str]
    start_month: int
    length: int


def national_years(
    *,
    areas: Sequence[tuple[str, str]],
    year: int,
    recipients: int,
    previous_recipients: int,
    participants: int,
    seed: int = 2025,
) -> tuple[SyntheticYear, SyntheticYear]:
    """Return (previous year, this year) for areas given as (municipality, Oslo district or "").

    Most of this year's recipients who started late last year continue, so
    SH_LANGTID from the previous year's file is not trivial.
    """
    rng = random.Random(seed)
    previous_people = [_person(rng, areas, n) for n in range(previous_recipients)]
    carried = [p for p in previous_people if rng.random() < 0.6][:recipients]
    people = carried + [_person(rng, areas, previous_recipients + n) for n in range(recipients - len(carried))]
    for person in carried:
        if rng.random() < 0.05:  # a mover
            person.area = areas[rng.randrange(len(areas))]
        person.start_month, person.length = 1, rng.randint(1, 12)
    earlier = SyntheticYear(
        year - 1,
        [_recipient_text(p, year - 1, rng) for p in previous_people],
        [_participant_text(p, year - 1, rng) for p in previous_people[:participants]],
    )
    this = SyntheticYear(
        year,
        [_recipient_text(p, year, rng) for p in people],
        [_participant_text(p, year, rng) for p in people[:participants]],
    )
    return earlier, this


def _person(rng: random.Random, areas: Sequence[tuple[str, str]], n: int) -> _Person:
    birth = date(1940, 1, 1) + timedelta(days=rng.randrange(365 * 66))
    kind = rng.random()
    identity = synthetic_identity(birth, rng, d_number=kind < 0.08) if kind < 0.97 else ""
    duf = f"{rng.randrange(10**12):012d}" if not identity else ""
    return _Person(
        identity=identity,
        duf=duf,
        journal=f"{n % 10**8:08d}",
        birth=birth,
        children=rng.random() < 0.3,
        main_source=rng.random() < 0.5,
        area=areas[rng.randrange(len(areas))],
        start_month=rng.randint(1, 12),
        length=rng.randint(1, 12),
    )


def _months_of(person: _Person) -> list[int]:
    return [m for m in MONTHS if person.start_month <= m < person.start_month + person.length]


def _recipient_text(person: _Person, year: int, rng: random.Random) -> str:
    months = _months_of(person)
    grants = {m: rng.randint(500, 15_000) for m in months if rng.random() < 0.9}
    loans = {m: rng.randint(500, 5_000) for m in months if rng.random() < 0.1}
    marked = frozenset(m for m in months if rng.random() < 0.95)
    return recipient_line(
        Recipient(
            municipality=person.area[0], district=person.area[1], identity=person.identity, duf=person.duf,
            journal=person.journal, birth=person.birth if year >= 2025 else None,
            children=person.children, main_source=person.main_source, marked=marked,
            grants=grants, loans=loans, other={266: "Saksbeh Ø"} if year >= 2025 else {},
        ),
        year,
    )


def _participant_text(person: _Person, year: int, rng: random.Random) -> str:
    started = date(year - 1, 1, 1) + timedelta(days=rng.randrange(700))
    ended = started + timedelta(days=rng.randrange(200, 700)) if rng.random() < 0.4 else None
    if ended is not None and ended.year > year:
        ended = None
    status = rng.choice("34") if ended is not None else "1"
    marked = frozenset(
        m for m in MONTHS
        if date(year, m, 1) >= date(started.year, started.month, 1) and (ended is None or date(year, m, 1) <= ended)
    )
    return participant_line(
        Participant(
            municipality=person.area[0], district=person.area[1], identity=person.identity,
            journal=person.journal, birth=person.birth if year >= 2025 else None,
            started=started, ended=ended, status=status, marked=marked,
        ),
        year,
    )
