"""The day each area first had figures for a month, kept with the registered values and the stored aggregates.

Both are Arrow IPC frames, stored without PostgreSQL's own compression, as the
other frames are (0004). The rows already stored are computed again anyway:
the stored format changed (`store.STORED_FORMAT`).
"""

from django.db import migrations, models

from malekort.statistics.frame_columns import stored_as_they_are


class Migration(migrations.Migration):
    dependencies = [("malekort_statistics", "0004_frames_stored_as_they_are")]

    operations = [
        migrations.AddField(
            model_name="registeredmonth",
            name="firsts",
            field=models.BinaryField(default=b"", verbose_name="første registrering"),
        ),
        migrations.AddField(
            model_name="storedmonth",
            name="first_days",
            field=models.BinaryField(default=b"", verbose_name="første registrering per område"),
        ),
        stored_as_they_are([
            ("malekort_statistics_registeredmonth", "firsts"),
            ("malekort_statistics_storedmonth", "first_days"),
        ]),
    ]
