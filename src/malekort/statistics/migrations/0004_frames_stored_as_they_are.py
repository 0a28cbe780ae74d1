"""Store the aggregates' frames on PostgreSQL without trying to compress them again (`frame_columns`)."""

from django.db import migrations

from malekort.statistics.frame_columns import stored_as_they_are


class Migration(migrations.Migration):
    dependencies = [("malekort_statistics", "0003_registered_months_and_digests")]

    operations = [
        stored_as_they_are([
            ("malekort_statistics_storedmonth", "figures"),
            ("malekort_statistics_storedmonth", "indicators"),
            ("malekort_statistics_storedmonth", "areas"),
            ("malekort_statistics_registeredmonth", "values"),
        ]),
    ]
