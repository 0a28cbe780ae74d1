"""A straightforward line-by-line computation of the same key figures, for comparison.

The benchmark times it against the vectorised computation and both must give
identical figures; the tests run it on synthetic files. It assumes files
already accepted by `read_kostra_file` (no line checks) and computes the
unsuppressed figures.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from malekort.domain.kostra.compute import (
    CHILDREN,
    KRONER,
    LONG_TERM,
    MAIN_SOURCE,
    PARTICIPANTS,
    RECIPIENTS,
    UNDER_25,
    UNDER_30,
)
from malekort.domain.kostra.layouts import MONTHS, Form, layout_for
from malekort.domain.kostra.reading import OSLO, decode

Figures = dict[tuple[str, int, str], int | None]


@dataclass
class _Line:
    area: str
    person: str
    birth: int | None
    children: bool
    main_source: bool
    received: list[bool]
    kroner: list[int]


def _lines(data: bytes) -> Iterable[str]:
    for text in decode(data).split("\n"):
        text = text.removesuffix("\r")
        if text.strip():
            yield text


def _birth_from_identity(identity: str) -> int | None:
    if len(identity) != 11 or not identity.isdigit():
        return None
    day, month, yy, individual = int(identity[0:2]), int(identity[2:4]), int(identity[4:6]), int(identity[6:9])
    day = day - 40 if day > 40 else day
    month = month - 80 if month > 80 else month - 40 if month > 40 else month
    if individual < 500:
        century = 1900
    elif individual < 750 and yy >= 54:
        century = 1800
    elif yy < 40:
        century = 2000
    elif individual >= 900:
        century = 1900
    else:
        return None
    return _valid(century + yy, month, day)


def _valid(year: int, month: int, day: int) -> int | None:
    if not 1 <= month <= 12 or year < 1800 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return year * 10000 + month * 100 + day


def _date(text: str, year: int) -> int | None:
    text = text.strip()
    if not text.isdigit() or len(text) not in (6, 8):
        return None
    if len(text) == 6:
        yy = int(text[4:])
        full = (2000 if yy <= year % 100 + 1 else 1900) + yy
    else:
        full = int(text[4:])
    return _valid(full, int(text[2:4]), int(text[:2]))


def _amount(text: str) -> int:
    return int(text) if text.strip() else 0


def _assistance_lines(data: bytes, year: int) -> list[_Line]:
    layout = layout_for(Form.SOCIAL_ASSISTANCE, year)
    assert layout is not None and layout.duf is not None and layout.children is not None
    assert layout.livelihood is not None
    result = []
    for text in _lines(data):
        def cut(start: int, size: int, text: str = text) -> str:
            return text[start - 1 : start - 1 + size]

        municipality = cut(1, 4)
        area = municipality + cut(7, 2) if municipality == OSLO else municipality
        identity = cut(layout.identity.position, 11).strip()
        duf = cut(layout.duf.position, 12).strip()
        journal = cut(layout.journal.position, 8).strip()
        person = "F" + identity if identity else "D" + duf if duf else "J" + journal
        birth = None
        if layout.birth_date is not None:
            birth = _date(cut(layout.birth_date.position, 8), year)
        if birth is None:
            birth = _birth_from_identity(identity)
        received, kroner = [], []
        for m in MONTHS:
            grant = _amount(cut(layout.monthly_grant(m).position, 7))
            loan = _amount(cut(layout.monthly_loan(m).position, 7))
            kroner.append(grant + loan)
            received.append(cut(layout.month_marker(m).position, 2) == f"{m:02d}" or grant + loan > 0)
        result.append(_Line(
            area, person, birth, cut(layout.children.position, 1) == "1",
            cut(layout.livelihood.position, 1) == "5", received, kroner,
        ))
    return result


def assistance_reference(data: bytes, year: int, months: Iterable[int], previous: bytes | None) -> Figures:
    """Return the 11F figures of one file, line by line, with the previous year's file when given."""
    earlier: dict[tuple[str, str], list[bool]] = {}
    municipalities: set[str] = set()
    if previous is not None:
        for line in _assistance_lines(previous, year - 1):
            months_before = earlier.setdefault((line.area, line.person), [False] * 12)
            earlier[(line.area, line.person)] = [a or b for a, b in zip(months_before, line.received, strict=True)]
            municipalities.add(line.area[:4])
    figures: Figures = {}
    lines = _assistance_lines(data, year)
    for area in {line.area for line in lines}:
        for m in months:
            for code in (RECIPIENTS, CHILDREN, MAIN_SOURCE, UNDER_30, UNDER_25, KRONER, LONG_TERM):
                figures[(area, m, code)] = 0
            if m < 12 and area[:4] not in municipalities:
                figures[(area, m, LONG_TERM)] = None
    counts: dict[tuple[str, int, str], int] = defaultdict(int)
    for line in lines:
        before = earlier.get((line.area, line.person), [False] * 12)
        for m in months:
            counts[(line.area, m, KRONER)] += line.kroner[m - 1]
            if not line.received[m - 1]:
                continue
            counts[(line.area, m, RECIPIENTS)] += 1
            counts[(line.area, m, CHILDREN)] += line.children
            counts[(line.area, m, MAIN_SOURCE)] += line.main_source
            if line.birth is not None:
                last = year * 10000 + m * 100 + calendar.monthrange(year, m)[1]
                age = (last - line.birth) // 10000
                counts[(line.area, m, UNDER_30)] += age < 30
                counts[(line.area, m, UNDER_25)] += age < 25
            window = sum(line.received[:m]) + sum(before[m:])
            counts[(line.area, m, LONG_TERM)] += line.main_source and window >= 6
    for key, value in counts.items():
        if figures.get(key, 0) is not None:
            figures[key] = value
    return figures


def qualification_reference(data: bytes, year: int, months: Iterable[int]) -> Figures:
    """Return KVP_DELTAKERE of one 11CF file, line by line."""
    layout = layout_for(Form.QUALIFICATION, year)
    assert layout is not None and layout.started is not None and layout.ended is not None
    assert layout.status is not None
    figures: Figures = {}
    for text in _lines(data):
        municipality = text[0:4]
        area = municipality + text[6:8] if municipality == OSLO else municipality
        started = _date(text[layout.started.start : layout.started.start + layout.started.size], year)
        ended = _date(text[layout.ended.start : layout.ended.start + layout.ended.size], year)
        status = text[layout.status.start]
        marked = [m for m in MONTHS if text[layout.month_marker(m).start : layout.month_marker(m).last] == f"{m:02d}"]
        for m in months:
            key = (area, m, PARTICIPANTS)
            figures.setdefault(key, 0)
            last = year * 10000 + m * 100 + calendar.monthrange(year, m)[1]
            if started is None or started > last:
                continue
            if ended is None and status in "34567":
                in_programme = bool(marked) and max(marked) >= m
            else:
                in_programme = ended is None or ended > last
            figures[key] = (figures[key] or 0) + in_programme
    return figures
