"""The columns holding Arrow frames, stored on PostgreSQL without its own compression (for migrations).

The frames are compressed already; PostgreSQL's default storage for bytea
tries its own compression on every value over 2 kB first, which made storing
every month three times slower for nothing. SQLite has no such step.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import migrations


def stored_as_they_are(columns: Sequence[tuple[str, str]]) -> migrations.RunPython:
    """Return the operation that sets the (table, column)s' storage to EXTERNAL, and back to EXTENDED."""
    return migrations.RunPython(_set_storage(columns, "EXTERNAL"), _set_storage(columns, "EXTENDED"))


def _set_storage(columns: Sequence[tuple[str, str]], storage: str) -> Callable[[Any, Any], None]:
    def apply(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        for table, column in columns:
            schema_editor.execute(f'ALTER TABLE {table} ALTER COLUMN "{column}" SET STORAGE {storage}')

    return apply
