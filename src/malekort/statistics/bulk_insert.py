"""Insert many rows of large binary frames at once.

Django's PostgreSQL backend binds parameters on the client: every frame is
escaped into the text of the INSERT and parsed again by the server, which took
two thirds of the time of storing every month's aggregates. Here PostgreSQL
gets the statement once and the frames as binary parameters, in a pipeline.
"""

from __future__ import annotations

from collections.abc import Iterable

import psycopg
from django.db import connection
from django.db.models import Model


def insert(model: type[Model], objects: Iterable[Model], *, batch_size: int) -> None:
    """Insert the new objects in the caller's transaction, as `bulk_create` does without returning anything."""
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(objects, batch_size=batch_size)
        return
    fields = [field for field in model._meta.concrete_fields if field.column]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(str(field.column)) for field in fields)
    statement = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
    rows = ([field.get_db_prep_save(getattr(obj, field.attname), connection) for field in fields] for obj in objects)
    connection.ensure_connection()
    # A plain psycopg cursor binds on the server; Django's own cursors are psycopg's ClientCursor.
    with psycopg.Cursor(connection.connection) as cursor:
        cursor.executemany(statement, rows)
