"""An Excel workbook whose shared strings unpack to a gigabyte, about 1 MB on disk, built in a moment.

A deflate stream may be cut into blocks that each start afresh (a full
flush), so one compressed megabyte of «A» repeated a thousand times is the
compressed gigabyte. The zip archive is written by hand (the format is a
header per member and a directory), since zipfile would compress the
gigabyte itself.
"""

from __future__ import annotations

import struct
import zlib
from functools import lru_cache
from pathlib import Path

MB = 1024 * 1024

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="verdier" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml"/></Relationships>'
)


_COLUMNS = ("period", "area", "code", "value", "comment")


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


_SHEET = (
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    "<sheetData>"
    '<row r="1">'
    + "".join(_inline(f"{c}1", t) for c, t in zip("ABCDE", _COLUMNS, strict=True))
    + "</row>"
    '<row r="2">' + _inline("A2", "2024-03") + _inline("B2", "0301") + _inline("C2", "SH_MOTTAKERE")
    + '<c r="D2"><v>50</v></c><c r="E2" t="s"><v>0</v></c></row>'
    "</sheetData></worksheet>"
)


def _deflated_repeats(prefix: bytes, chunk: bytes, repeats: int, suffix: bytes) -> tuple[bytes, int, int]:
    """Return raw deflate data for prefix + chunk × repeats + suffix, its CRC-32 and its size."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = compressor.compress(prefix) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.compress(suffix) + compressor.flush(zlib.Z_FINISH)
    crc = zlib.crc32(prefix)
    for _ in range(repeats):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(suffix, crc)
    return head + block * repeats + tail, crc, len(prefix) + len(chunk) * repeats + len(suffix)


def _zip(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """Return a zip archive of deflated members given as (name, data, crc, size)."""
    out = bytearray()
    directory = bytearray()
    for name, data, crc, size in members:
        encoded = name.encode()
        offset = len(out)
        fields = (20, 0, 8, 0, 0x21, crc, len(data), size, len(encoded))
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0) + encoded + data
        directory += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, *fields, 0, 0, 0, 0, 0, offset) + encoded
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(directory), len(out), 0)
    return bytes(out + directory + end)


def _small(name: str, text: str) -> tuple[str, bytes, int, int]:
    raw = text.encode()
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return name, compressor.compress(raw) + compressor.flush(), zlib.crc32(raw), len(raw)


@lru_cache(maxsize=4)
def zip_bomb_xlsx(*, megabytes: int = 1024) -> bytes:
    """Return a workbook whose one comment is a shared string of `megabytes` MB of «A»."""
    strings = _deflated_repeats(
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>',
        b"A" * MB,
        megabytes,
        b"</t></si></sst>",
    )
    return _zip([
        _small("[Content_Types].xml", _CONTENT_TYPES),
        _small("_rels/.rels", _RELS),
        _small("xl/workbook.xml", _WORKBOOK),
        _small("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
        _small("xl/worksheets/sheet1.xml", _SHEET),
        ("xl/sharedStrings.xml", *strings),
    ])


def write_zip_bomb(folder: Path, *, megabytes: int = 1024) -> Path:
    """Write the workbook into a folder and return its path."""
    path = folder / "bombe.xlsx"
    path.write_bytes(zip_bomb_xlsx(megabytes=megabytes))
    return path
