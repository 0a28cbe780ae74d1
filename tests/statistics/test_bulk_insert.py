"""Stored frames go in whole, on either backend, in the caller's transaction."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection, transaction

from malekort.statistics import bulk_insert
from malekort.statistics.models import RegisteredMonth, StoredMonth

pytestmark = pytest.mark.django_db


def _month(day: date, blob: bytes) -> StoredMonth:
    return StoredMonth(month=day, version=7, stamp="s", digest="d", figures=blob, indicators=b"",
                       areas=bytes(range(256)), notes=[["0301", "Registrert på «Oslo»"]])


def test_rows_read_back_as_written() -> None:
    blob = bytes(range(256)) * 400  # every byte value, over the size PostgreSQL moves out of line
    bulk_insert.insert(StoredMonth, [_month(date(2024, m, 1), blob) for m in (1, 2, 3)], batch_size=2)

    rows = list(StoredMonth.objects.order_by("month"))
    assert [r.month for r in rows] == [date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1)]
    assert all(bytes(r.figures) == blob and bytes(r.indicators) == b"" for r in rows)
    assert bytes(rows[0].areas) == bytes(range(256))
    assert rows[1].notes == [["0301", "Registrert på «Oslo»"]] and rows[1].version == 7


def test_rolled_back_with_the_callers_transaction() -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        bulk_insert.insert(StoredMonth, [_month(date(2024, 1, 1), b"x")], batch_size=50)
        assert StoredMonth.objects.count() == 1
        raise RuntimeError
    assert not StoredMonth.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="storage modes are PostgreSQL's")
def test_frames_are_not_compressed_again_by_postgresql() -> None:
    frames = {
        StoredMonth._meta.db_table: ["figures", "indicators", "areas", "first_days"],
        RegisteredMonth._meta.db_table: ["values", "firsts"],
    }
    with connection.cursor() as cursor:
        for table, columns in frames.items():
            cursor.execute(
                "SELECT attname, attstorage FROM pg_attribute WHERE attrelid = %s::regclass AND attname = ANY(%s)",
                [table, columns],
            )
            assert dict(cursor.fetchall()) == dict.fromkeys(columns, "e"), table
