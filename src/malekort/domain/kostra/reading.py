"""Reading one KOSTRA 11F or 11CF file: decoding, layout, line checks and warnings.

A file is decoded (UTF-8 when the bytes are valid UTF-8, else ISO-8859-1, the
validator's encoding), split into lines (`\\n` or `\\r\\n`, blank lines
ignored), and its layout found from the record length and `VERSION`. Every
line is checked as SSB's validator checks it; a refused line is named with its
number, field and reason in Norwegian. Only the fields the key figures need are
read; the line text is dropped as soon as they are.

The lines are read vectorised (numpy): the file's characters as one byte each,
the lines of the record length as rows of a matrix, a few thousand at a time,
and each numeric field as one 64-bit word, checked and turned into a number
eight characters at once. Only the lines that break a rule are looked at again
in plain Python, to say why in Norwegian (`_line_reasons`).

The person-level frame (`ReadFile.persons`) stays inside this package: the
figures are computed from it and it is then dropped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt
import polars as pl

from malekort.domain.files.errors import LineError
from malekort.domain.kostra.identity import birth_numbers, date_numbers
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
    characters = _characters(data)
    lines = _split(characters.codes, characters.line_breaks)
    if lines.numbers.size == 0:
        return ReadFile(filename=filename, form=None, year=None, line_count=0)
    layout, year = _identify(characters, lines, filename)
    known = municipalities(year)
    right_length = lines.lengths == layout.record_length
    records = _records(characters.codes, lines.starts[right_length], layout.record_length)
    numbers = lines.numbers[right_length]
    areas = _Areas(records, year, known)
    columns = _Columns(records.shape[0])
    checked = []
    # A few thousand lines at a time: the work stays in the processor's cache and memory is reused.
    for first in range(0, max(records.shape[0], 1), _CHUNK_LINES):
        part = slice(first, first + _CHUNK_LINES)
        fields = _Fields(records[part], layout, year, areas.refused[part], has_tab=characters.has_tab)
        columns.add(fields.columns(numbers[part], areas.index[part]))
        checked.append(fields.bad)
    bad = np.ones(lines.numbers.size, dtype=np.bool_)
    bad[right_length] = np.concatenate(checked)
    texts = [
        (int(number), characters.text(int(start), int(start + length)))
        for number, start, length in zip(
            lines.numbers[bad], lines.starts[bad], lines.lengths[bad], strict=True
        )
    ]
    del fields, records, characters  # the line texts, with every field we do not read, go here
    refused = _reasons(texts, layout, year, known)
    persons = _frame(columns.arrays(), areas)
    result = ReadFile(
        filename=filename, form=layout.form, year=year, line_count=int(lines.numbers.size), refused=refused
    )
    result.warnings = _warnings(persons, layout, year)
    result.area_lines = {
        area: tuple(numbers)
        for area, numbers in persons.group_by("area").agg(pl.col("line_no").sort()).sort("area").iter_rows()
    }
    result.persons = persons.drop("line_no", *_WARNING_ONLY, strict=False)
    return result


_CHUNK_LINES = 8192
# Character codes, one byte per character (Latin-1).
Codes = npt.NDArray[np.uint8]
Ints = npt.NDArray[np.int64]
Flags = npt.NDArray[np.bool_]

_NEWLINE, _CARRIAGE_RETURN, _TAB, _SPACE, _ZERO = 10, 13, 9, 32, 48
# What a blank line may hold besides nothing: space, tab, carriage return, form feed, vertical tab.
_BLANK = np.array([32, 9, 13, 12, 11], dtype=np.uint8)
# What is stripped around an identity, DUF or journal number: white space in Latin-1.
_WHITE_SPACE = np.array([9, 10, 11, 12, 13, 32, 0x85, 0xA0], dtype=np.uint8)
# Characters beyond Latin-1 (only in a UTF-8 file) read as «ÿ»: never a digit, space or line end. (Two
# journal numbers differing only in such a character would be taken for one person; the refusal
# messages quote the line's own text.)
_BEYOND_LATIN_1 = 0xFF


@dataclass(frozen=True)
class _Characters:
    """A file's characters as one code each (Latin-1), and how to get a stretch of them back as text."""

    codes: Codes
    text: Callable[[int, int], str]
    has_tab: bool
    line_breaks: int


def _characters(data: bytes) -> _Characters:
    """Return the characters of a file: UTF-8 when the bytes are valid UTF-8, else ISO-8859-1 (as `decode`).

    Positions count characters: an ASCII or ISO-8859-1 file is used as it is,
    a UTF-8 file with other characters is decoded first.
    """
    has_tab, line_breaks = b"\t" in data, int(np.count_nonzero(np.frombuffer(data, dtype=np.uint8) == _NEWLINE))
    if data.isascii():
        return _Characters(
            np.frombuffer(data, dtype=np.uint8), lambda start, end: data[start:end].decode("ascii"), has_tab,
            line_breaks,
        )
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return _Characters(
            np.frombuffer(data, dtype=np.uint8), lambda start, end: data[start:end].decode("iso-8859-1"), has_tab,
            line_breaks,
        )
    try:
        codes = np.frombuffer(text.encode("iso-8859-1"), dtype=np.uint8)
    except UnicodeEncodeError:
        wide = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        codes = np.minimum(wide, _BEYOND_LATIN_1).astype(np.uint8)
    return _Characters(codes, lambda start, end: text[start:end], has_tab, line_breaks)


@dataclass(frozen=True)
class _Lines:
    """The non-blank lines: 1-based numbers, first characters and lengths (without the line end)."""

    numbers: Ints
    starts: Ints
    lengths: Ints


_BLANK_CODES = np.zeros(256, dtype=np.bool_)
_BLANK_CODES[_BLANK] = True


def _split(codes: Codes, line_breaks: int) -> _Lines:
    """Return the non-blank lines; a line ends with `\\n` or `\\r\\n`, the last may end with the file.

    `line_breaks` is the number of `\\n` in the file: when they are all one
    record apart (the usual file), the lines are found without searching.
    """
    size = codes.size
    if size == 0:
        empty = np.zeros(0, dtype=np.int64)
        return _Lines(empty, empty, empty)
    first = np.flatnonzero(codes[:4096] == _NEWLINE)
    step = int(first[0]) + 1 if first.size else 0
    if step and size % step == 0 and line_breaks == size // step and bool((codes[step - 1 :: step] == _NEWLINE).all()):
        breaks = np.arange(step - 1, size, step, dtype=np.int64)
    else:
        breaks = np.flatnonzero(codes == _NEWLINE).astype(np.int64)
    ends = breaks if codes[-1] == _NEWLINE else np.append(breaks, size)
    starts = np.concatenate((np.zeros(1, dtype=np.int64), breaks + 1))[: ends.size]
    closed = ends < size
    carriage_return = closed & (ends > starts) & (codes[np.maximum(ends - 1, 0)] == _CARRIAGE_RETURN)
    lengths = ends - starts - carriage_return
    numbers = np.arange(1, ends.size + 1, dtype=np.int64)
    # A line is blank when it holds nothing but blank characters; only lines starting with one can be.
    maybe_blank = (lengths == 0) | _BLANK_CODES[codes[np.minimum(starts, size - 1)]]
    if not maybe_blank.any():
        return _Lines(numbers, starts, lengths)
    blank = np.zeros(ends.size, dtype=np.bool_)
    for n in np.flatnonzero(maybe_blank):
        start = int(starts[n])
        blank[n] = bool(_BLANK_CODES[codes[start : start + int(lengths[n])]].all())
    keep = ~blank
    return _Lines(numbers[keep], starts[keep], lengths[keep])


def _mode(counts: Counter[int] | Counter[str]) -> Any:
    """Return the commonest value, the smallest of those equally common."""
    most = max(counts.values())
    return min(value for value, count in counts.items() if count == most)


def _identify(characters: _Characters, lines: _Lines, filename: str) -> tuple[Layout, int]:
    """Return the layout and year from the commonest record length and VERSION, or refuse the file."""
    values, counts = np.unique(lines.lengths, return_counts=True)
    length = int(_mode(Counter(dict(zip(values.tolist(), counts.tolist(), strict=True)))))
    forms = {layout.form for layout in LAYOUTS if layout.record_length == length}
    if len(forms) != 1:
        raise KostraFileRejected(
            f"{filename}: linjene har {length} tegn, og det passer ikke med noen postlengde for "
            "KOSTRA 11F (324 eller 338 tegn) eller 11CF (136–152 tegn). Er dette en KOSTRA-fil?"
        )
    form = forms.pop()
    version = _mode(_versions(characters, lines))
    year = 2000 + int(version) if version.isascii() and version.isdigit() else 0
    layout = layout_for(form, year)
    if layout is None:
        raise KostraFileRejected(
            f"{filename}: VERSION «{version}» gir ikke et rapporteringsår Målekort kan lese "
            f"({FIRST_YEAR}–{LAST_YEAR}) for {form.label}."
        )
    return layout, year


def _versions(characters: _Characters, lines: _Lines) -> Counter[str]:
    """Return how many lines hold each VERSION text (positions 5–6, shorter on a short line)."""
    codes, start = characters.codes, Layout.version.start
    long = lines.lengths >= start + Layout.version.size
    first = lines.starts[long] + start
    pairs = codes[first].astype(np.uint16) << 8 | codes[first + 1]
    values, counts = np.unique(pairs, return_counts=True)
    found: Counter[str] = Counter({
        bytes((value >> 8, value & 0xFF)).decode("iso-8859-1"): count
        for value, count in zip(values.tolist(), counts.tolist(), strict=True)
    })
    for line_start, length in zip(lines.starts[~long].tolist(), lines.lengths[~long].tolist(), strict=True):
        found[characters.text(line_start + min(start, length), line_start + length)] += 1
    return found


def _records(codes: Codes, starts: Ints, length: int) -> Codes:
    """Return the lines of the record length as rows of a matrix (a view when they lie evenly apart)."""
    count = starts.size
    if count == 0:
        return np.zeros((0, length), dtype=np.uint8)
    steps = np.diff(starts)
    step = int(steps[0]) if count > 1 else length
    if step >= length and (count == 1 or bool((steps == step).all())):
        return np.lib.stride_tricks.as_strided(
            codes[int(starts[0]) :], shape=(count, length), strides=(step, 1), writeable=False
        )
    rows = np.empty((count, length), dtype=np.uint8)
    offsets = np.arange(length, dtype=np.int64)
    chunk = 4096
    for first in range(0, count, chunk):
        rows[first : first + chunk] = codes[starts[first : first + chunk, None] + offsets]
    return rows


def _bytes(byte: int) -> np.uint64:
    """Return a 64-bit word holding `byte` eight times."""
    return np.uint64(int.from_bytes(bytes([byte]) * 8, "little"))


_EIGHT_SPACES = _bytes(_SPACE)
_EIGHT_ZEROS = _bytes(_ZERO)


def _integers(block: Codes) -> tuple[Ints, Flags, Flags, Flags]:
    """Return fields of digits (characters on the last axis) as integers, blank as 0.

    Also whether each is an integer (digits, with spaces around only), all
    digits, and all spaces. A field of at most eight characters is read as
    one 64-bit word (spaces in front of it); see `_integer_words`.
    """
    shape, width = block.shape[:-1], block.shape[-1]
    fields = block.reshape(-1, width)
    if width > 8:
        value, integer, digits = _integers_by_position(fields)
        blank = (fields == _SPACE).all(axis=1)
        return value.reshape(shape), integer.reshape(shape), digits.reshape(shape), blank.reshape(shape)
    padded = np.full((fields.shape[0], 8), _SPACE, dtype=np.uint8)
    padded[:, 8 - width :] = fields
    found = _integer_words(padded.view("<u8").ravel(), width)
    return tuple(column.reshape(shape) for column in found)  # type: ignore[return-value]


def _read_integers(records: Codes, spans: list[Span]) -> tuple[Ints, Flags, Flags, Flags]:
    """Return fields of one width as integers (lines, fields), as `_integers`."""
    words = _field_words(records, spans)
    if words is None:
        return _integers(_fields_block(records, spans))
    shape = words.shape
    found = _integer_words(words, spans[0].size)
    return tuple(column.reshape(shape) for column in found)  # type: ignore[return-value]


def _field_words(records: Codes, spans: list[Span]) -> npt.NDArray[np.uint64] | None:
    """Return fields of one width (at most 8) that follow each other as 64-bit words, and the width.

    Each word is read straight from the lines: the field's characters with
    those in front of it made spaces. None when the fields are not so placed.
    """
    first, width = spans[0], spans[0].size
    pad = 8 - width
    evenly = all(span.size == width and span.start == first.start + n * width for n, span in enumerate(spans))
    if not evenly or width > 8 or first.start < pad or records.strides[1] != 1:
        return None
    lines = records[:, first.start - pad :]
    characters = np.lib.stride_tricks.as_strided(
        lines, shape=(records.shape[0], len(spans), 8), strides=(records.strides[0], width, 1), writeable=False
    )
    words = np.ascontiguousarray(characters.view("<u8")[..., 0])
    if pad:
        front = np.uint64((1 << (8 * pad)) - 1)
        words = (words & ~front) | (_EIGHT_SPACES & front)
    return words


def _integer_words(words: npt.NDArray[np.uint64], width: int) -> tuple[Ints, Flags, Flags, Flags]:
    """Return fields given as 64-bit words (the `width` characters last, spaces in front) as integers.

    Also whether each is an integer, all digits, and blank. Blank, or spaces
    then digits (the usual right-aligned or zero-padded number), is read
    eight characters at once; any other field character by character.
    """
    words = words.ravel()
    blank = words == _EIGHT_SPACES
    written = np.flatnonzero(~blank)
    word = words[written]
    # 0xFF in each byte that is a space (exact, no carries between bytes), then spaces made zeros.
    other = word ^ _EIGHT_SPACES
    seven = _bytes(0x7F)
    not_space = (((other & seven) + seven) | other) & _bytes(0x80)
    spaces = ((~not_space & _bytes(0x80)) >> np.uint64(7)) * np.uint64(0xFF)
    leading = (spaces & (spaces + np.uint64(1))) == 0  # the spaces are all in front (low bytes come first)
    filled = (word & ~spaces) | (spaces & _EIGHT_ZEROS)
    # Every byte 0x30–0x39 (simdjson's eight-digit test), then the eight digits combined.
    high = _bytes(0xF0)
    made_of_digits = ((filled & high) | (((filled + _bytes(0x06)) & high) >> np.uint64(4))) == _bytes(0x33)
    fast = leading & made_of_digits
    number = filled - _EIGHT_ZEROS
    number = ((number & _bytes(0x0F)) * np.uint64(2561)) >> np.uint64(8)
    number = ((number & np.uint64(0x00FF00FF00FF00FF)) * np.uint64(6553601)) >> np.uint64(16)
    number = ((number & np.uint64(0x0000FFFF0000FFFF)) * np.uint64(42949672960001)) >> np.uint64(32)
    value = np.zeros(words.size, dtype=np.int64)
    value[written] = number
    integer = blank.copy()
    integer[written] = fast
    all_digits = np.zeros(words.size, dtype=np.bool_)
    all_digits[written] = fast & ((spaces >> np.uint64(8 * (8 - width))) == 0)
    slow = written[~fast]
    if slow.size:
        characters = np.ascontiguousarray(words[slow]).view(np.uint8).reshape(-1, 8)[:, 8 - width :]
        value[slow], integer[slow], _ = _integers_by_position(characters)
    return value, integer, all_digits, blank


def _digits(records: Codes, span: Span) -> tuple[Ints, Flags]:
    """Return a field of up to 16 characters as integers, and whether each is all digits."""
    pieces = [span] if span.size <= 8 else [Span(span.position, span.size - 8), Span(span.last - 7, 8)]
    value, digits = np.zeros(records.shape[0], dtype=np.int64), np.ones(records.shape[0], dtype=np.bool_)
    for piece in pieces:
        number, _, piece_digits, _ = _read_integers(records, [piece])
        value = value * 10**piece.size + number[:, 0]
        digits &= piece_digits[:, 0]
    return value, digits


def _integers_by_position(fields: Codes) -> tuple[Ints, Flags, Flags]:
    """Return fields (lines, characters) as integers, whether each is an integer, and whether all digits."""
    positions = np.ascontiguousarray(fields.T)
    numbers = positions - np.uint8(_ZERO)  # wraps below «0», so one comparison finds a digit
    digit = numbers < 10
    space = positions == _SPACE
    count = positions.shape[1]
    seen = np.zeros(count, dtype=np.bool_)  # a digit so far
    after = np.zeros(count, dtype=np.bool_)  # a space after a digit so far
    split = np.zeros(count, dtype=np.bool_)  # a digit after that: two numbers
    value = np.zeros(count, dtype=np.int64)
    for k in range(positions.shape[0]):
        split |= digit[k] & after
        after |= space[k] & seen
        seen |= digit[k]
        value = np.where(digit[k], value * 10 + numbers[k], value)
    integer: Flags = (digit | space).all(axis=0) & ~split
    digits: Flags = np.logical_and.reduce(digit, axis=0)
    return value, integer, digits


def _columns(records: Codes, span: Span) -> Codes:
    return records[:, span.start : span.start + span.size]


def _fields_block(records: Codes, spans: list[Span]) -> Codes:
    """Return fields of one width as (lines, fields, characters); one slice when they follow each other."""
    first, width = spans[0], spans[0].size
    if all(span.size == width and span.start == first.start + n * width for n, span in enumerate(spans)):
        return _columns(records, Span(first.position, width * len(spans))).reshape(-1, len(spans), width)
    return np.stack([_columns(records, span) for span in spans], axis=1)


_WHITE_SPACE_CODES = np.zeros(256, dtype=np.bool_)
_WHITE_SPACE_CODES[_WHITE_SPACE] = True


def _stripped(block: Codes) -> tuple[Codes, Ints]:
    """Return fields (lines, characters) with white space stripped, left-aligned and padded with zeros.

    Also their lengths. The fields are worked on one character position at a time.
    """
    positions = np.ascontiguousarray(block.T)
    width = positions.shape[0]
    white = _WHITE_SPACE_CODES[positions]
    trailing = np.empty_like(white)  # white space to the end of the field
    run = np.ones(positions.shape[1], dtype=np.bool_)
    for k in range(width - 1, -1, -1):
        run &= white[k]
        trailing[k] = run
    lengths = width - trailing.sum(axis=0)
    if (white[0] & ~trailing[0]).any():  # white space in front of a number: shift it left
        first = np.argmax(~white, axis=0)
        lengths -= first
        shift = np.minimum(first[None, :] + np.arange(width)[:, None], width - 1)
        positions = np.take_along_axis(positions, shift, axis=0)
        trailing = np.arange(width)[:, None] >= lengths[None, :]
    return np.where(trailing, np.uint8(0), positions).T, lengths


_MONTH_MARKERS = np.array([[_ZERO + m // 10, _ZERO + m % 10] for m in MONTHS], dtype=np.uint8)
_DATES = (("FODSELSDATO", False), ("BEGYNT_DATO", True), ("AVSL_DATO", False))
# One-character texts by code, for STATUS.
_CHARACTERS = pl.Series([chr(code) for code in range(256)], dtype=pl.String)


class _Fields:
    """The fields of the lines of the record length, checked as the validator checks them.

    Every field is read in one pass over a matrix of characters (one row per
    line); `bad` says which lines break a rule, and `persons` returns one row
    per other line with only what the key figures need.
    """

    def __init__(self, records: Codes, layout: Layout, year: int, wrong_area: Flags, *, has_tab: bool) -> None:
        self.layout = layout
        bad = wrong_area.copy()
        if has_tab:
            bad |= (records == _TAB).any(axis=1)
        markers = _fields_block(records, [layout.month_marker(m) for m in MONTHS])
        tens, ones = markers[..., 0], markers[..., 1]
        self.marked = (tens == _MONTH_MARKERS[:, 0]) & (ones == _MONTH_MARKERS[:, 1])
        bad |= ~(self.marked | ((tens == _SPACE) & (ones == _SPACE))).all(axis=1)
        self.amounts: Ints | None = None
        spans = _amount_spans(layout)
        if spans:
            self.amounts, integer, _, _ = _read_integers(records, [span for _, span in spans])
            bad |= ~integer.all(axis=1)
        self.dates: dict[str, npt.NDArray[np.int64]] = {}
        self.valid_dates: dict[str, Flags] = {}
        for name, required in _DATES:
            span = {"FODSELSDATO": layout.birth_date, "BEGYNT_DATO": layout.started, "AVSL_DATO": layout.ended}[name]
            if span is None:
                continue
            number, valid, blank = _dates(records, span, year)
            self.dates[name], self.valid_dates[name] = number, valid
            bad |= ~blank & ~valid
            if required:
                bad |= blank
        identity, eleven_digits = _digits(records, layout.identity)
        self.birth, self.has_birth = birth_numbers(identity, eleven_digits)
        self.person = _person_keys(records, layout)
        self.children = _columns(records, layout.children)[:, 0] == ord("1") if layout.children else None
        self.main_source = _columns(records, layout.livelihood)[:, 0] == ord("5") if layout.livelihood else None
        self.status = _columns(records, layout.status)[:, 0] if layout.status else None
        self.bad = bad

    def columns(self, line_numbers: Ints, area: Ints) -> dict[str, Any]:
        """Return, per accepted line, only what the key figures need: arrays by column name.

        A column that may be empty is a pair (values, whether each is given);
        the area is an index into `_Areas.codes`.
        """
        keep: Any = ~self.bad if self.bad.any() else slice(None)
        birth, has_birth = self.birth, self.has_birth
        if "FODSELSDATO" in self.dates:
            given = self.valid_dates["FODSELSDATO"]
            birth, has_birth = np.where(given, self.dates["FODSELSDATO"], birth), given | has_birth
        columns: dict[str, Any] = {
            "line_no": line_numbers[keep],
            "area": area[keep],
            "person": self.person[keep],
            "birth": (birth[keep], has_birth[keep]),
        }
        marked = self.marked[keep]
        if self.layout.form is Form.SOCIAL_ASSISTANCE:
            assert self.amounts is not None and self.children is not None and self.main_source is not None
            amounts = self.amounts[keep]
            grants, loans = amounts[:, 2::2], amounts[:, 3::2]
            kroner = (grants + loans).T
            received = marked.T | (kroner > 0)
            columns |= {
                "children": self.children[keep],
                "main_source": self.main_source[keep],
                "grant_total": amounts[:, 0],
                "loan_total": amounts[:, 1],
                "grant_sum": grants.sum(axis=1),
                "loan_sum": loans.sum(axis=1),
                **{f"kroner_{m}": kroner[m - 1] for m in MONTHS},
                **{f"received_{m}": received[m - 1] for m in MONTHS},
            }
            return columns
        assert self.status is not None
        return columns | {
            "started": (self.dates["BEGYNT_DATO"][keep], self.valid_dates["BEGYNT_DATO"][keep]),
            "ended": (self.dates["AVSL_DATO"][keep], self.valid_dates["AVSL_DATO"][keep]),
            "status": self.status[keep],
            "last_marked": np.where(marked, np.arange(1, 13, dtype=np.int8), np.int8(0)).max(axis=1, initial=0),
        }


class _Areas:
    """Each line's area from KOMMUNE_NR and BYDELSNR, and whether they or VERSION refuse the line.

    KOMMUNE_NR, VERSION and BYDELSNR (positions 1–8) take few values in a
    file: each value is checked once.
    """

    def __init__(self, records: Codes, year: int, known: AbstractSet[str]) -> None:
        heads = np.ascontiguousarray(records[:, :8]).view("<u8").ravel()
        values, index = np.unique(heads, return_inverse=True)
        self.index: Ints = index.reshape(-1)
        self.codes: list[str] = []
        refused = []
        for value in values.tolist():
            head = int(value).to_bytes(8, "little").decode("iso-8859-1")
            municipality, version, district = head[0:4], head[4:6], head[6:8]
            if municipality == OSLO:
                wrong_district = district not in OSLO_DISTRICTS
            else:
                wrong_district = district.strip(" ") != ""
            refused.append(version != f"{year % 100:02d}" or municipality not in known or wrong_district)
            self.codes.append(municipality + district if municipality == OSLO else municipality)
        self.refused: Flags = np.array(refused, dtype=np.bool_)[self.index]


class _Columns:
    """The accepted lines' columns, filled part by part into arrays made once."""

    def __init__(self, lines: int) -> None:
        self.lines = lines
        self.filled = 0
        self.columns: dict[str, Any] = {}

    def add(self, part: dict[str, Any]) -> None:
        count = len(part["line_no"])
        for name, given in part.items():
            arrays = given if isinstance(given, tuple) else (given,)
            if name not in self.columns:
                self.columns[name] = tuple(np.empty((self.lines, *a.shape[1:]), dtype=a.dtype) for a in arrays)
            for into, values in zip(self.columns[name], arrays, strict=True):
                into[self.filled : self.filled + count] = values
        self.filled += count

    def arrays(self) -> dict[str, Any]:
        """Return each column (a pair of values and whether given, for a column that may be empty)."""
        return {
            name: tuple(a[: self.filled] for a in arrays) if len(arrays) == 2 else arrays[0][: self.filled]
            for name, arrays in self.columns.items()
        }


def _frame(columns: dict[str, Any], areas: _Areas) -> pl.DataFrame:
    """Return the persons frame from the accepted lines' columns."""
    for name, given in columns.items():
        if isinstance(given, tuple):
            columns[name] = _nullable(*given)
    columns["area"] = pl.Series(areas.codes, dtype=pl.String).gather(columns["area"])
    person = np.ascontiguousarray(columns["person"])
    columns["person"] = pl.Series(person.view(f"S{person.shape[1]}").ravel())
    if "status" in columns:
        columns["status"] = _CHARACTERS.gather(columns["status"])
    return pl.DataFrame(columns)


def _nullable(values: Ints, valid: Flags) -> pl.Series:
    """Return the values as an Int64 column, null where not valid."""
    return pl.select(pl.when(pl.lit(pl.Series(valid))).then(pl.lit(pl.Series(values, dtype=pl.Int64)))).to_series()


def _dates(records: Codes, span: Span, year: int) -> tuple[Ints, Flags, Flags]:
    """Return DDMMYYYY or DDMMYY fields as YYYYMMDD, whether each is a valid date, and whether it is blank.

    Two-digit years are this century unless later than the reporting year + 1.
    """
    numbers, _, all_digits, blanks = _read_integers(records, [span])
    number, digits, blank = numbers[:, 0], all_digits[:, 0], blanks[:, 0]
    if span.size == 6:
        yy = number % 100
        day, month, full_year = number // 10**4, number // 100 % 100, np.where(yy <= year % 100 + 1, 2000, 1900) + yy
    else:
        day, month, full_year = number // 10**6, number // 10**4 % 100, number % 10**4
    found, valid = date_numbers(full_year, month, day)
    return found, valid & digits, blank


def _person_keys(records: Codes, layout: Layout) -> Codes:
    """Return each line's person: identity number, else DUF number, else journal number, as a row of codes.

    A key is the kind (F, D, J), the length and the stripped number, so that
    two different numbers never make the same key.
    """
    identity, identity_length = _stripped(_columns(records, layout.identity))
    journal, journal_length = _stripped(_columns(records, layout.journal))
    width = 12
    if layout.duf is not None:
        duf, duf_length = _stripped(_columns(records, layout.duf))
    else:
        duf, duf_length = np.zeros((records.shape[0], width), dtype=np.uint8), np.zeros(records.shape[0], np.int64)

    def padded(block: Codes) -> Codes:
        return np.pad(block, ((0, 0), (0, width - block.shape[1])))

    has_identity, has_duf = identity_length > 0, duf_length > 0
    kind = np.where(has_identity, ord("F"), np.where(has_duf, ord("D"), ord("J")))
    length = np.where(has_identity, identity_length, np.where(has_duf, duf_length, journal_length))
    number = np.where(
        has_identity[:, None], padded(identity), np.where(has_duf[:, None], padded(duf), padded(journal))
    )
    return np.ascontiguousarray(np.column_stack((kind, length, number)).astype(np.uint8))


def _amount_spans(layout: Layout) -> list[tuple[str, Span]]:
    if layout.grant is None or layout.loan is None:
        return []
    spans = [("BIDRAG", layout.grant), ("LAAN", layout.loan)]
    for month, name in zip(MONTHS, MONTH_ABBREVIATIONS, strict=True):
        spans += [(f"BIDRAG_{name}", layout.monthly_grant(month)), (f"LAAN_{name}", layout.monthly_loan(month))]
    return spans


# Columns kept only to compute warnings; dropped before the figures are computed.
_WARNING_ONLY = ("grant_total", "loan_total", "grant_sum", "loan_sum")


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
