"""Birth dates from Norwegian identity numbers, vectorised (numpy).

An identity number is DDMMYY followed by a three-digit individual number and
two check digits. A D-number adds 40 to the day, an H-number 40 to the month,
and synthetic test numbers (Skatteetaten's) add 80 to the month. The century
follows from the individual number and the two-digit year. Only the birth
date is derived; the number itself never leaves `malekort.domain.kostra`.

Dates are kept as integers YYYYMMDD: (last day − birth) // 10000 is then the
age in whole years, and comparing two dates is comparing two numbers.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import numpy.typing as npt

Ints = npt.NDArray[np.int64]
Flags = npt.NDArray[np.bool_]

_DAYS_IN_MONTH = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int64)


def date_numbers(year: Ints, month: Ints, day: Ints) -> tuple[Ints, Flags]:
    """Return YYYYMMDD and whether year, month and day make a real date (year 1800 or later)."""
    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    days = _DAYS_IN_MONTH[np.clip(month, 0, 12)] + ((month == 2) & leap)
    valid = (month >= 1) & (month <= 12) & (day >= 1) & (day <= days) & (year >= 1800)
    return year * 10000 + month * 100 + day, valid


def day_number(day: date) -> int:
    """Return a date as YYYYMMDD."""
    return day.year * 10000 + day.month * 100 + day.day


def birth_numbers(number: Ints, is_number: Flags) -> tuple[Ints, Flags]:
    """Return the birth dates (YYYYMMDD) 11-digit identity numbers encode, and whether each encodes one.

    `number` is the identity number as an integer and `is_number` whether the
    field held exactly 11 digits.
    """
    day = number // 10**9
    month = number // 10**7 % 100
    yy = number // 10**5 % 100
    individual = number // 100 % 1000
    day = np.where(day > 40, day - 40, day)
    month = np.where(month > 80, month - 80, np.where(month > 40, month - 40, month))
    # 000–499: 1900s; 500–749 with year ≥ 54: 1800s; 500–999 with year < 40: 2000s; 900–999 with year ≥ 40: 1900s.
    century = np.select(
        [individual < 500, (individual < 750) & (yy >= 54), yy < 40, individual >= 900],
        [1900, 1800, 2000, 1900],
        default=0,
    )
    birth, valid = date_numbers(century + yy, month, day)
    return birth, valid & is_number & (century > 0)


def birth_date_of(identity: str) -> date | None:
    """Return the birth date one identity number encodes (for tests and the reference computation)."""
    digits = identity.strip(" ")
    if len(digits) != 11 or not (digits.isascii() and digits.isdigit()):
        return None
    birth, valid = birth_numbers(np.array([int(digits)], dtype=np.int64), np.array([True]))
    if not valid[0]:
        return None
    found = int(birth[0])
    return date(found // 10000, found // 100 % 100, found % 100)
