"""Limits on a file of values, checked before it is parsed, and quoting of its text in messages.

A small file can unpack to a great deal: an .xlsx is a zip archive, and a
1 MB workbook whose shared strings unpack to 1 GB once kept the server busy
for half a minute and took 6 GB of memory. So the size of the file, the
uncompressed size and compression ratio of an Excel archive, the number of
lines and the length of a line and of a cell are checked first, each with a
Norwegian reason; no reader gets to see a file past them. The limits leave
room for ten times the largest file the demo produces (an export of every
value: 180,000 lines, 6 MB as CSV, 5 MB as Excel unpacking to 74 MB).

A value quoted back to the user in a message is cut to `QUOTE_CHARS`
characters, so a refusal is never as large as the file it refuses.
"""

from __future__ import annotations

import zipfile
from io import BytesIO

from malekort.domain.files.errors import FileRejected, LineError

MB = 1024 * 1024
MAX_FILE_BYTES = 50 * MB
MAX_DATA_LINES = 500_000
MAX_LINE_CHARS = 10_000
MAX_CELL_CHARS = 2_000  # as the month form's comment field
MAX_XLSX_UNCOMPRESSED_BYTES = 250 * MB
MAX_XLSX_SHARED_STRINGS_BYTES = 25 * MB  # openpyxl holds every shared string in memory
MAX_XLSX_RATIO = 100  # a worksheet compresses 15 times; a zip bomb a thousand times
MAX_XLSX_MEMBERS = 1_000
_RATIO_FROM_BYTES = MB  # tiny members (styles, an empty sheet) may compress far better
QUOTE_CHARS = 60
_SHARED_STRINGS = "xl/sharedstrings.xml"
NOT_EXCEL = "filen kan ikke leses som en Excel-arbeidsbok (.xlsx)."


def quote(text: str, *, limit: int = QUOTE_CHARS) -> str:
    """Return the text to quote in a message: the first `limit` characters and «…» when cut."""
    return text if len(text) <= limit else text[:limit] + "…"


def thousands(number: int) -> str:
    """Return a whole number with a space between the thousands, as Norwegian text writes it."""
    return f"{number:,}".replace(",", "\u00a0")


def check_file_size(size: int) -> None:
    """Raise FileRejected when a file is larger than MAX_FILE_BYTES."""
    if size > MAX_FILE_BYTES:
        raise FileRejected([LineError(
            None,
            f"filen er på {f'{size / MB:.1f}'.replace('.', ',')} MB; største tillatte størrelse er "
            f"{MAX_FILE_BYTES // MB} MB. Del filen i flere filer, for eksempel én per år.",
        )])


def check_xlsx_archive(data: bytes) -> None:
    """Raise FileRejected when an Excel archive would unpack to too much, judged by its directory.

    Only the zip directory is read: the sizes it states. zipfile itself
    stops reading a member at the size stated, so a member cannot unpack to
    more than its entry says.
    """
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as error:
        raise FileRejected([LineError(None, NOT_EXCEL)]) from error
    if len(members) > MAX_XLSX_MEMBERS:
        raise FileRejected([LineError(None, f"{NOT_EXCEL} Arkivet har {thousands(len(members))} deler.")])
    total = sum(member.file_size for member in members)
    if total > MAX_XLSX_UNCOMPRESSED_BYTES:
        raise FileRejected([LineError(None, _too_much(total, MAX_XLSX_UNCOMPRESSED_BYTES))])
    for member in members:
        if member.filename.lower() == _SHARED_STRINGS and member.file_size > MAX_XLSX_SHARED_STRINGS_BYTES:
            raise FileRejected([LineError(None, _too_much(member.file_size, MAX_XLSX_SHARED_STRINGS_BYTES))])
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > _RATIO_FROM_BYTES and ratio > MAX_XLSX_RATIO:
            raise FileRejected([LineError(
                None,
                f"Excel-filen pakker seg ut til {ratio:.0f} ganger sin egen størrelse "
                f"(en vanlig arbeidsbok rundt 15 ganger, grensen er {MAX_XLSX_RATIO}). "
                "Filen leses ikke; lagre dataene som CSV eller i en ny arbeidsbok.",
            )])


def _too_much(size: int, limit: int) -> str:
    return (
        f"Excel-filen pakker seg ut til {size // MB} MB; grensen er {limit // MB} MB. "
        "Filen leses ikke; del den i flere filer eller lagre den som CSV."
    )


def too_many_lines(limit: int) -> LineError:
    """Return the refusal of a file with more than `limit` data lines."""
    return LineError(
        None,
        f"filen har mer enn {thousands(limit)} linjer med verdier. "
        "Del den i flere filer, for eksempel én per år.",
    )
