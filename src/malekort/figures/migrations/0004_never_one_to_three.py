"""No stored number is 1, 2 or 3 (issue 9, finding 2).

Before the database can refuse them, any such number already stored (possible
only through the hole this closes: a count saved while the catalogue called
its figure kroner) becomes a dot where it lies, in current and past versions
alike. This is the one place a stored version is changed: the law forbids
keeping a count of 1–3, also in history, and a dot is what the office should
have typed. The month's other rules are not touched; a month this leaves
inconsistent (kroner beside a dot) asks for a correction at its next save.
"""

from django.db import migrations, models


def dot_numbers_one_to_three(apps, schema_editor):
    ValueVersion = apps.get_model("figures", "ValueVersion")
    ValueVersion.objects.filter(kind="number", number__gte=1, number__lte=3).update(kind="dot", number=None)


class Migration(migrations.Migration):

    dependencies = [
        ("figures", "0003_kostra_and_arena_sources"),
    ]

    operations = [
        migrations.RunPython(dot_numbers_one_to_three, migrations.RunPython.noop, elidable=False),
        migrations.AddConstraint(
            model_name="valueversion",
            constraint=models.CheckConstraint(
                condition=models.Q(("number__isnull", True), ("number", 0), ("number__gte", 4), _connector="OR"),
                name="never_one_to_three",
            ),
        ),
    ]
