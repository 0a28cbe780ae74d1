"""One writer at a time per area-month.

`register_values` checks a month's rules on the values it reads and then
writes; two saves of the same area-month must not both read the month before
either has written (one setting recipients to a dot, the other kroner to a
number, would both pass and together break the dot rule). So each save takes
a lock per area-month before it reads, and holds it until its transaction ends.

PostgreSQL: transaction-level advisory locks. An import may touch some 20,000
area-months, and every advisory lock takes a slot in the server's shared lock
table (`max_locks_per_transaction` × connections, 6,400 by default), so the
area-months are hashed into `BUCKETS` locks: two saves of the same area-month
always share a lock, two saves of different ones rarely do and then merely wait.
The locks are taken one by one in ascending order, so two imports that touch
the same area-months in opposite orders wait for each other instead of
deadlocking.

SQLite: one writer holds the whole database at a time. A transaction that reads
first and writes later can see a month that another writer is changing (and
then fail to write with "database is locked"), so the write lock is claimed
first, with a statement that writes nothing, and the month is read after it.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable

from django.db import connection

from malekort.domain.periods import Period
from malekort.figures.models import ValueVersion

# The first key of PostgreSQL's two-key advisory locks: "MK" for Målekort, so
# that other users of advisory locks in the same database never collide with ours.
NAMESPACE = 0x4D4B
BUCKETS = 1024


def lock_key(area: str, period: Period) -> int:
    """Return the advisory lock an area-month is guarded by (stable across processes)."""
    return zlib.crc32(f"{area}:{period}".encode()) % BUCKETS


def lock_area_months(months: Iterable[tuple[str, Period]]) -> None:
    """Wait until this transaction alone may read and write the area-months.

    Call inside `transaction.atomic()` and before reading the months; the locks
    are held until the outermost transaction commits or rolls back.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("lock_area_months must run inside transaction.atomic()")
    keys = sorted({lock_key(area, period) for area, period in months})
    if not keys:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # executemany runs the statements one after another, so the order holds.
            cursor.executemany(
                "SELECT pg_advisory_xact_lock(%s, %s)", [(NAMESPACE, key) for key in keys]
            )
        elif connection.vendor == "sqlite":
            # An UPDATE takes SQLite's write lock when it starts, even if no row matches.
            table = connection.ops.quote_name(ValueVersion._meta.db_table)
            cursor.execute(f"UPDATE {table} SET superseded_at = superseded_at WHERE 0 = 1")
        else:  # pragma: no cover - only SQLite and PostgreSQL are supported
            raise NotImplementedError(f"no area-month lock for {connection.vendor}")
