"""Birth dates from Norwegian identity numbers, as polars expressions.

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

import polars as pl


def date_number(year: pl.Expr, month: pl.Expr, day: pl.Expr) -> pl.Expr:
    """Return YYYYMMDD when year, month and day make a real date, else null."""
    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    days_in_month = (
        pl.when(month == 2).then(pl.when(leap).then(29).otherwise(28))
        .when(month.is_in([4, 6, 9, 11])).then(30)
        .otherwise(31)
    )
    valid = (month >= 1) & (month <= 12) & (day >= 1) & (day <= days_in_month) & (year >= 1800)
    return pl.when(valid).then(year * 10000 + month * 100 + day)


def day_number(day: date) -> int:
    """Return a date as YYYYMMDD."""
    return day.year * 10000 + day.month * 100 + day.day


def birth_number_from_identity(column: pl.Expr) -> pl.Expr:
    """Return the birth date (YYYYMMDD) an 11-digit identity number encodes, or null when it encodes none."""
    digits = column.str.strip_chars(" ")
    number = pl.when(digits.str.contains(r"^[0-9]{11}$")).then(digits.cast(pl.Int64, strict=False))
    day = (number // 10**9).cast(pl.Int32)
    month = (number // 10**7 % 100).cast(pl.Int32)
    yy = (number // 10**5 % 100).cast(pl.Int32)
    individual = (number // 100 % 1000).cast(pl.Int32)
    day = pl.when(day > 40).then(day - 40).otherwise(day)
    month = pl.when(month > 80).then(month - 80).when(month > 40).then(month - 40).otherwise(month)
    century = (
        pl.when(individual < 500).then(1900)
        .when((individual < 750) & (yy >= 54)).then(1800)
        .when(yy < 40).then(2000)
        .when(individual >= 900).then(1900)
    )
    return date_number(century + yy, month, day)


def birth_date_of(identity: str) -> date | None:
    """Return the birth date one identity number encodes (for tests and the reference computation)."""
    frame = pl.DataFrame({"identity": [identity]}, schema={"identity": pl.String})
    found = frame.select(birth_number_from_identity(pl.col("identity"))).item()
    if found is None:
        return None
    return date(found // 10000, found // 100 % 100, found % 100)
