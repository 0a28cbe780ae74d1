"""Whether this process can serve: alive (it answers) and ready (database reachable, migrations applied)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor

# Migrations are never un-applied under a running server: once seen complete, they stay so.
_migrations_seen_complete = False


@dataclass(frozen=True)
class Readiness:
    ready: bool
    reason: str


def readiness() -> Readiness:
    """Return whether the database answers and every migration has been applied, and if not, why."""
    global _migrations_seen_complete
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        if not _migrations_seen_complete:
            executor = MigrationExecutor(connection)
            pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
            if pending:
                return Readiness(False, f"Ikke klar: {len(pending)} databasemigreringer er ikke kjørt.")
            _migrations_seen_complete = True
    except DatabaseError:
        # A broken connection must not be reused by the next check.
        connection.close_if_unusable_or_obsolete()
        return Readiness(False, "Ikke klar: databasen svarer ikke.")
    return Readiness(True, "Klar.")
