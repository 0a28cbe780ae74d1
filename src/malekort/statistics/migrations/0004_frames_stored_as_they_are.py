"""Store the aggregates' frames on PostgreSQL without trying to compress them again.

The frames are Arrow IPC compressed already; PostgreSQL's default storage for
bytea tries its own compression on every value over 2 kB first, which made
storing every month three times slower for nothing. SQLite has no such step.
"""

from django.db import migrations

COLUMNS = [
    ("malekort_statistics_storedmonth", "figures"),
    ("malekort_statistics_storedmonth", "indicators"),
    ("malekort_statistics_storedmonth", "areas"),
    ("malekort_statistics_registeredmonth", "values"),
]


def set_storage(storage: str):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table, column in COLUMNS:
            schema_editor.execute(f'ALTER TABLE {table} ALTER COLUMN "{column}" SET STORAGE {storage}')

    return apply


class Migration(migrations.Migration):
    dependencies = [("malekort_statistics", "0003_registered_months_and_digests")]

    operations = [migrations.RunPython(set_storage("EXTERNAL"), set_storage("EXTENDED"))]
