"""Small KOSTRA files for the Django tests, written with the synthetic line builders."""

from __future__ import annotations

from datetime import date

from malekort.domain.kostra.synthetic import Participant, Recipient, file_bytes, participant_line, recipient_line

# Synthetic identity numbers (month + 80) and DUF numbers: never real ones.
IDENTITIES = ["01819012345", "02829112346", "03839212347", "04849312348", "05859412349"]
DUFS = ["201012345678", "201112345679"]


def oslo_file(*districts: str, year: int = 2025, months: frozenset[int] = frozenset({1, 2, 3})) -> bytes:
    """Return an 11F file: in each district the five identity numbers and two DUF-only persons."""
    lines = []
    for district in districts:
        for n, identity in enumerate(IDENTITIES):
            lines.append(recipient_line(Recipient(
                "0301", district, identity=identity, journal=f"J{n}", main_source=n < 4, children=n % 2 == 0,
                marked=months, grants=dict.fromkeys(months, 1000 * (n + 1)),
                birth=date(1990 + n, 1, 1) if year >= 2025 else None,
                other={266: "ØYVIND"} if year >= 2025 else {},
            ), year))
        for n, duf in enumerate(DUFS):
            lines.append(recipient_line(Recipient(
                "0301", district, duf=duf, journal=f"D{n}", marked=months,
            ), year))
    return file_bytes(lines)


def municipality_file(code: str, *, year: int, people: int = 5, months: frozenset[int] = frozenset({1})) -> bytes:
    return file_bytes(
        recipient_line(Recipient(code, journal=f"J{n}", marked=months), year) for n in range(people)
    )


def qualification_file(district: str, *, year: int = 2025, people: int = 4) -> bytes:
    return file_bytes(
        participant_line(Participant("0301", date(year - 1, 9, 1), district=district, journal=f"K{n}",
                                     identity=IDENTITIES[n], marked=frozenset(range(1, 13))), year)
        for n in range(people)
    )
