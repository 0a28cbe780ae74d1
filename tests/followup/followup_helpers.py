"""Helpers for the follow-up tests: Norwegian times and reading tables back out of the HTML."""

from __future__ import annotations

from datetime import date, datetime
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

OSLO_TZ = ZoneInfo("Europe/Oslo")
TODAY = date(2024, 5, 20)
HALLINGDAL_CODES = ["3320", "3322", "3324", "3326", "3328", "3330"]


def oslo(*args: int) -> datetime:
    return datetime(*args, tzinfo=OSLO_TZ)  # type: ignore[misc]


class _Tables(HTMLParser):
    def __init__(self, table_id: str) -> None:
        super().__init__()
        self.table_id = table_id
        self.depth = 0
        self.rows: dict[str, list[str]] = {}
        self.key: str | None = None
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "table" and (self.depth or attributes.get("id") == self.table_id):
            self.depth += 1
        if not self.depth:
            return
        if tag == "tr":
            self.key = next((v for k, v in attrs if k.startswith("data-") and v), None)
            if self.key is not None:
                self.rows[self.key] = []
        elif tag in ("th", "td") and self.key is not None:
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if not self.depth:
            return
        if tag == "table":
            self.depth -= 1
        elif tag in ("th", "td") and self.cell is not None and self.key is not None:
            self.rows[self.key].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tr":
            self.key = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def table_rows(html: str, table_id: str) -> dict[str, list[str]]:
    """Return the rows of the table with the id, by their data- attribute, as lists of cell texts."""
    parser = _Tables(table_id)
    parser.feed(html)
    return parser.rows
