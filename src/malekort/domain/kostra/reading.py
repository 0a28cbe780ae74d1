"""Reading one KOSTRA 11F or 11CF file: decoding, layout, line checks and warnings.

A file is decoded (UTF-8 when the bytes are valid UTF-8, else ISO-8859-1, the
validator's encoding), split into lines (`\\n` or `\\r\\n`, blank lines
ignored), and its layout found from the record length and `VERSION`. Every
line is checked as SSB's validator checks it; a refused line is named with its
number, field and reason in Norwegian. Only the fields the key figures need are
sliced out; the line text is dropped as soon as they are.

The person-level frame (`ReadFile.persons`) stays inside this package: the
figures are computed from it and it is then dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date

import polars as pl

from malekort.domain.files.errors import LineError
from malekort.domain.kostra.identity import birth_number_from_identity, date_number
from malekort.domain.kostra.layouts import FIRST_YEAR, LAST_YEAR, LAYOUTS, MONTHS, Form, Layout, Span, layout_for

OSLO = "0301"
OSLO_DISTRICTS = frozenset(f"{n:02d}" for n in range(1, 16))
MONTH_ABBREVIATIONS = ("JAN", "FEB", "MARS", "APRIL", "MAI", "JUNI", "JULI", "AUG", "SEPT", "OKT", "NOV", "DES")
# Warnings only, as in SSB's validator.
HIGH_YEAR_TOTAL = 1_000_000
LOW_YEAR_TOTAL = 200
YOUNGEST = 18
OLDEST = 96
# How many line numbers a grouped message lists before «…».
SHOWN_LINES = 10

MunicipalitiesOf = Callable[[int], AbstractSet[str]]


class KostraFileRejected(ValueError):
    """A file that is not a KOSTRA 11F or 11CF file this project can read; the message is for the user."""


@dataclass(frozen=True, slots=True)
class LineGroup:
    """A message that applies to some lines, with their numbers (a warning, or lines outside a user's scope)."""

    reason: str
    lines: tuple[int, ...]

    def __str__(self) -> str:
        return f"{self.reason} ({describe_lines(self.lines)})"


def describe_lines(lines: tuple[int, ...]) -> str:
    """Return «linje 4» or «12 linjer: 3, 5, 8 …»."""
    if len(lines) == 1:
        return f"linje {lines[0]}"
    shown = ", ".join(str(n) for n in lines[:SHOWN_LINES])
    more = " …" if len(lines) > SHOWN_LINES else ""
    return f"{len(lines)} linjer: {shown}{more}"


@dataclass
class ReadFile:
    """One read file: what it is, what was refused and warned, and (privately) its persons."""

    filename: str
    form: Form | None
    year: int | None
    line_count: int
    refused: list[LineError] = field(default_factory=list)
    warnings: list[LineGroup] = field(default_factory=list)
    # area → line numbers; for scope checks and the summary.
    area_lines: dict[str, tuple[int, ...]] = field(default_factory=dict)
    persons: pl.DataFrame | None = field(default=None, repr=False)

    @property
    def is_empty(self) -> bool:
        """Return whether the file holds no recipients (a municipality without any delivers one space)."""
        return self.line_count == 0

    @property
    def label(self) -> str:
        if self.form is None or self.year is None:
            return "KOSTRA"
        return f"{self.form.label} {self.year}"


def decode(data: bytes) -> str:
    """Return the text of a file: UTF-8 when the bytes are valid UTF-8, else ISO-8859-1."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("iso-8859-1")
    return text.removeprefix("\ufeff")


def read_kostra_file(data: bytes, *, filename: str, municipalities: MunicipalitiesOf) -> ReadFile:
    """Return the file read and checked; raise KostraFileRejected when it is no KOSTRA file we know.

    `municipalities(year)` gives the municipality codes valid in a reporting year.
    """
    lines = _lines(decode(data))
    if lines.height == 0:
        return ReadFile(filename=filename, form=None, year=None, line_count=0)
    layout = _identify(lines, filename)
    year = layout_year(lines)
    known = municipalities(year)
    fields = _fields(lines, layout, year)
    bad = _check(fields, layout, year, known)
    bad_lines = fields.filter(bad).get_column("line_no")
    texts = lines.filter(pl.col("line_no").is_in(bad_lines.implode())).select("line_no", "text").rows()
    del lines  # the line texts, with every field we do not read, go here
    refused = _reasons(texts, layout, year, known)
    persons = _persons(fields.filter(~bad), layout, year)
    del fields
    result = ReadFile(filename=filename, form=layout.form, year=year, line_count=len(bad), refused=refused)
    result.warnings = _warnings(persons, layout, year)
    result.area_lines = {
        area: tuple(numbers)
        for area, numbers in persons.group_by("area").agg(pl.col("line_no").sort()).sort("area").iter_rows()
    }
    result.persons = persons.drop("line_no", *_WARNING_ONLY, strict=False)
    return result


def _lines(text: str) -> pl.DataFrame:
    """Return the non-blank lines with their 1-based numbers and lengths in characters."""
    text = text.replace("\r\n", "\n") if "\r" in text else text
    lines = _lines_read_fast(text)
    if lines is None:
        lines = pl.Series("text", [text], dtype=pl.String).str.split("\n").explode().to_frame()
        if text.endswith("\n"):
            lines = lines.head(lines.height - 1)
    return (
        lines.with_row_index("line_no", offset=1)
        .filter(pl.col("text").str.contains(r"[^ \t\r\f\v]"))
        .with_columns(pl.col("text").str.len_chars().alias("length"))
    )


_UNUSED_SEPARATOR = "\x1f"


def _lines_read_fast(text: str) -> pl.DataFrame | None:
    """Return the lines through polars' CSV reader (one column), or None when it might miscount lines.

    The reader is several times faster than splitting, but skips empty lines
    and would split a line at the separator; such files take the slower way.
    """
    if not text or "\n\n" in text or text.startswith("\n") or _UNUSED_SEPARATOR in text:
        return None
    expected = text.count("\n") + (0 if text.endswith("\n") else 1)
    try:
        lines = pl.read_csv(
            text.encode("utf-8"), has_header=False, separator=_UNUSED_SEPARATOR, quote_char=None,
            new_columns=["text"], schema={"text": pl.String}, comment_prefix=None,
        )
    except pl.exceptions.PolarsError:
        return None
    if lines.height != expected or lines.get_column("text").null_count():
        return None
    return lines


def _identify(lines: pl.DataFrame, filename: str) -> Layout:
    """Return the layout from the commonest record length and VERSION, or refuse the file."""
    length = lines.get_column("length").mode().sort()[0]
    forms = {layout.form for layout in LAYOUTS if layout.record_length == length}
    if len(forms) != 1:
        raise KostraFileRejected(
            f"{filename}: linjene har {length} tegn, og det passer ikke med noen postlengde for "
            "KOSTRA 11F (324 eller 338 tegn) eller 11CF (136–152 tegn). Er dette en KOSTRA-fil?"
        )
    form = forms.pop()
    version = lines.get_column("text").str.slice(4, 2).mode().sort()[0]
    year = 2000 + int(version) if version.isdigit() else 0
    layout = layout_for(form, year)
    if layout is None:
        raise KostraFileRejected(
            f"{filename}: VERSION «{version}» gir ikke et rapporteringsår Målekort kan lese "
            f"({FIRST_YEAR}–{LAST_YEAR}) for {form.label}."
        )
    return layout


def layout_year(lines: pl.DataFrame) -> int:
    """Return the reporting year the commonest VERSION gives (checked by `_identify`)."""
    return 2000 + int(lines.get_column("text").str.slice(4, 2).mode().sort()[0])


def _field(span: Span) -> pl.Expr:
    return pl.col("text").str.slice(span.start, span.size)


def _blank(name: str) -> pl.Expr:
    return pl.col(name).str.strip_chars(" ") == ""


def _integer(name: str) -> pl.Expr:
    """Return an amount field as an integer: blank is 0, anything but digits null."""
    text = pl.col(name).str.strip_chars(" ")
    number = text.cast(pl.Int64, strict=False)
    # A cast takes a sign; an amount is digits only.
    return pl.when(text == "").then(0).when(~text.str.starts_with("+") & (number >= 0)).then(number)


def _date_number(name: str, year: int) -> pl.Expr:
    """Return a DDMMYYYY or DDMMYY field as YYYYMMDD (null when blank, padded or invalid).

    Two-digit years are this century unless later than the reporting year + 1.
    """
    text = pl.col(name)
    number = pl.when(text.str.contains(r"^[0-9]{6}([0-9]{2})?$")).then(text.cast(pl.Int64, strict=False))
    six = text.str.len_bytes() == 6
    yy = number % 100
    year_part = pl.when(six).then(pl.when(yy <= year % 100 + 1).then(2000 + yy).otherwise(1900 + yy)).otherwise(
        number % 10000
    )
    scale = pl.when(six).then(10**4).otherwise(10**6)
    day = number // scale
    month = number // (scale // 100) % 100
    return date_number(year_part, month, day)


def _amount_spans(layout: Layout) -> list[tuple[str, Span]]:
    if layout.grant is None or layout.loan is None:
        return []
    spans = [("BIDRAG", layout.grant), ("LAAN", layout.loan)]
    for month, name in zip(MONTHS, MONTH_ABBREVIATIONS, strict=True):
        spans += [(f"BIDRAG_{name}", layout.monthly_grant(month)), (f"LAAN_{name}", layout.monthly_loan(month))]
    return spans


def _named_spans(layout: Layout) -> list[tuple[str, Span]]:
    """Return every field this project reads from the layout, by SSB's name."""
    optional = {
        "FODSELSDATO": layout.birth_date, "PERSON_DUF": layout.duf, "BU18": layout.children,
        "VKLO": layout.livelihood, "BEGYNT_DATO": layout.started, "STATUS": layout.status,
        "AVSL_DATO": layout.ended,
    }
    return [
        ("KOMMUNE_NR", layout.municipality), ("VERSION", layout.version), ("BYDELSNR", layout.district),
        ("PERSON_JOURNALNR", layout.journal), ("PERSON_FODSELSNR", layout.identity),
        *((name, span) for name, span in optional.items() if span is not None),
        *((f"STMND_{m}", layout.month_marker(m)) for m in MONTHS),
        *_amount_spans(layout),
    ]


_DATES = (("FODSELSDATO", False), ("BEGYNT_DATO", True), ("AVSL_DATO", False))


def _fields(lines: pl.DataFrame, layout: Layout, year: int) -> pl.DataFrame:
    """Return each line's number, whether its form is wrong (length, tab), and the fields we read.

    Each field is sliced once; amounts become integers (null when not an
    integer) and dates YYYYMMDD (null when blank or invalid, with `_blank` beside).
    """
    fatal = (pl.col("length") != layout.record_length) | pl.col("text").str.contains("\t", literal=True)
    raw = lines.select(
        "line_no", fatal.alias("fatal"), *(_field(span).alias(name) for name, span in _named_spans(layout))
    )
    dates = [name for name, _ in _DATES if name in raw.columns]
    return raw.with_columns(
        *(_integer(name).alias(name) for name, _ in _amount_spans(layout)),
        *(_date_number(name, year).alias(name) for name in dates),
        *(_blank(name).alias(f"{name}_blank") for name in dates),
    )


def _check(fields: pl.DataFrame, layout: Layout, year: int, known: AbstractSet[str]) -> pl.Series:
    """Return, per line, whether it breaks one of the validator's rules."""
    municipality, district = pl.col("KOMMUNE_NR"), pl.col("BYDELSNR")
    checks = [
        pl.col("fatal"),
        pl.col("VERSION") != f"{year % 100:02d}",
        ~municipality.is_in(sorted(known)),
        pl.when(municipality == OSLO).then(~district.is_in(sorted(OSLO_DISTRICTS))).otherwise(~_blank("BYDELSNR")),
        *(pl.col(f"STMND_{m}").is_in(["  ", f"{m:02d}"]).not_() for m in MONTHS),
        *(pl.col(name).is_null() for name, _ in _amount_spans(layout)),
    ]
    for name, required in _DATES:
        if name in fields.columns:
            blank = pl.col(f"{name}_blank")
            invalid = ~blank & pl.col(name).is_null()
            checks.append(invalid | blank if required else invalid)
    return fields.select(pl.any_horizontal(checks).fill_null(True).alias("bad")).get_column("bad")


def _reasons(rows: Iterable[tuple[int, str]], layout: Layout, year: int, known: AbstractSet[str]) -> list[LineError]:
    """Return every reason each refused line was refused for (few lines, so plain Python)."""
    refused: list[LineError] = []
    form = f"{layout.form.value} {year}"
    for line_no, text in rows:
        found = _line_reasons(text, layout, year, known)
        if not found:  # cannot happen unless the two checks disagree; never let a bad line through silently
            found = [f"linjen følger ikke postbeskrivelsen for {form}."]
        refused += [LineError(line_no, reason) for reason in found]
    return refused


def _line_reasons(text: str, layout: Layout, year: int, known: AbstractSet[str]) -> list[str]:
    form = f"{layout.form.value} {year}"
    if "\t" in text:
        return ["linjen inneholder tabulatortegn; feltene skal stå på faste plasser uten tabulator."]
    if len(text) != layout.record_length:
        return [f"feil postlengde: {len(text)} tegn, skal være {layout.record_length} for {form}."]

    def cut(span: Span) -> str:
        return text[span.start : span.start + span.size]

    reasons: list[str] = []
    version = cut(layout.version)
    if version != f"{year % 100:02d}":
        reasons.append(f"VERSION «{version}» skal være «{year % 100:02d}» (rapporteringsår {year}).")
    municipality, district = cut(layout.municipality), cut(layout.district)
    if municipality not in known:
        reasons.append(f"KOMMUNE_NR «{municipality}» er ikke et gyldig kommunenummer i {year}.")
    if municipality == OSLO and district not in OSLO_DISTRICTS:
        reasons.append(f"BYDELSNR «{district}» er ugyldig: linjer for Oslo (0301) skal ha bydelsnummer 01–15.")
    elif municipality != OSLO and district.strip():
        reasons.append(
            f"BYDELSNR «{district}» er bare tillatt for Oslo; skal være blankt for kommune {municipality}."
        )
    for name, span, required in (
        ("FODSELSDATO", layout.birth_date, False),
        ("BEGYNT_DATO", layout.started, True),
        ("AVSL_DATO", layout.ended, False),
    ):
        if span is None:
            continue
        raw = cut(span)
        pattern = "DDMMÅÅÅÅ" if span.size == 8 else "DDMMÅÅ"
        if not raw.strip():
            if required:
                reasons.append(f"{name} mangler; skal være en dato ({pattern}).")
        elif _parse_date(raw, year) is None:
            reasons.append(f"{name} «{raw}» er ikke en gyldig dato ({pattern}).")
    for month in MONTHS:
        raw = cut(layout.month_marker(month))
        if raw.strip() and raw != f"{month:02d}":
            reasons.append(f"STMND_{month} «{raw}» skal være blankt eller «{month:02d}».")
    for name, span in _amount_spans(layout):
        raw = cut(span)
        if raw.strip() and not (raw.strip().isascii() and raw.strip().isdigit()):
            reasons.append(f"{name} «{raw.strip()}» er ikke et heltall.")
    return reasons


def _parse_date(raw: str, year: int) -> date | None:
    text = raw.strip()
    if len(text) != len(raw) or not (text.isascii() and text.isdigit()) or len(text) not in (6, 8):
        return None
    yyyy = int(text[4:]) if len(text) == 8 else int(text[4:]) + (2000 if int(text[4:]) <= year % 100 + 1 else 1900)
    if yyyy < 1800:
        return None
    try:
        return date(yyyy, int(text[2:4]), int(text[:2]))
    except ValueError:
        return None


# Columns kept only to compute warnings; dropped before the figures are computed.
_WARNING_ONLY = ("grant_total", "loan_total", "grant_sum", "loan_sum")


def _persons(good: pl.DataFrame, layout: Layout, year: int) -> pl.DataFrame:
    """Return one row per accepted line with only what the key figures need."""
    municipality = pl.col("KOMMUNE_NR")
    area = pl.when(municipality == OSLO).then(municipality + pl.col("BYDELSNR")).otherwise(municipality)
    identity = pl.col("PERSON_FODSELSNR").str.strip_chars()
    journal = pl.col("PERSON_JOURNALNR").str.strip_chars()
    duf = pl.col("PERSON_DUF").str.strip_chars() if layout.duf is not None else pl.lit("")
    key = (
        pl.when(identity != "").then(pl.lit("F") + identity)
        .when(duf != "").then(pl.lit("D") + duf)
        .otherwise(pl.lit("J") + journal)
    )
    birth = birth_number_from_identity(pl.col("PERSON_FODSELSNR"))
    if layout.birth_date is not None:
        birth = pl.coalesce(pl.col("FODSELSDATO"), birth)
    columns: list[pl.Expr] = [pl.col("line_no"), area.alias("area"), key.alias("person"), birth.alias("birth")]
    marks = {m: pl.col(f"STMND_{m}") == f"{m:02d}" for m in MONTHS}
    if layout.form is Form.SOCIAL_ASSISTANCE:
        names = [name for name, _ in _amount_spans(layout)]
        grants, loans = names[2::2], names[3::2]
        kroner = {m: pl.col(grants[m - 1]) + pl.col(loans[m - 1]) for m in MONTHS}
        columns += [
            (pl.col("BU18") == "1").alias("children"),
            (pl.col("VKLO") == "5").alias("main_source"),
            pl.col("BIDRAG").alias("grant_total"),
            pl.col("LAAN").alias("loan_total"),
            pl.sum_horizontal(grants).alias("grant_sum"),
            pl.sum_horizontal(loans).alias("loan_sum"),
            *(kroner[m].alias(f"kroner_{m}") for m in MONTHS),
            *((marks[m] | (kroner[m] > 0)).alias(f"received_{m}") for m in MONTHS),
        ]
        return good.select(columns)
    last_marked = pl.max_horizontal(pl.when(marks[m]).then(pl.lit(m)).otherwise(pl.lit(0)) for m in MONTHS)
    columns += [
        pl.col("BEGYNT_DATO").alias("started"),
        pl.col("AVSL_DATO").alias("ended"),
        pl.col("STATUS").alias("status"),
        last_marked.alias("last_marked"),
    ]
    return good.select(columns)


def _warnings(persons: pl.DataFrame, layout: Layout, year: int) -> list[LineGroup]:
    """Return the validator's warnings, each with the lines it applies to."""
    checks: list[tuple[str, pl.Expr]] = []
    if layout.form is Form.SOCIAL_ASSISTANCE:
        total = pl.col("grant_total") + pl.col("loan_total")
        checks += [
            ("Månedsbeløpene for bidrag summerer ikke til BIDRAG", pl.col("grant_sum") != pl.col("grant_total")),
            ("Månedsbeløpene for lån summerer ikke til LAAN", pl.col("loan_sum") != pl.col("loan_total")),
            (f"Bidrag og lån i året er over {HIGH_YEAR_TOTAL:,} kr".replace(",", " "), total > HIGH_YEAR_TOTAL),
            (f"Bidrag og lån i året er {LOW_YEAR_TOTAL} kr eller mindre", total <= LOW_YEAR_TOTAL),
        ]
    age = year - pl.col("birth") // 10000
    checks += [
        (f"Mottakeren er under {YOUNGEST} år i rapporteringsåret", age < YOUNGEST),
        (f"Mottakeren er {OLDEST} år eller eldre i rapporteringsåret", age >= OLDEST),
    ]
    if layout.form is Form.QUALIFICATION:
        checks.append((
            "STATUS 3, 4, 5 eller 7 uten AVSL_DATO; deltakeren regnes med til siste måned med STMND",
            pl.col("status").is_in(["3", "4", "5", "7"]) & pl.col("ended").is_null(),
        ))
    flags = persons.select(
        pl.col("line_no"), *(expr.fill_null(False).alias(str(n)) for n, (_, expr) in enumerate(checks))
    )
    found: list[LineGroup] = []
    for n, (reason, _) in enumerate(checks):
        lines = flags.filter(pl.col(str(n))).get_column("line_no").sort().to_list()
        if lines:
            found.append(LineGroup(reason, tuple(lines)))
    return found
