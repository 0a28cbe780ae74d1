"""Seed the eight key figures of the 2023 and 2014 letters."""

from django.db import migrations

from malekort.domain.keyfigures import CATALOGUE


def seed(apps, schema_editor):
    KeyFigure = apps.get_model("figures", "KeyFigure")
    for order, figure in enumerate(CATALOGUE, start=1):
        KeyFigure.objects.update_or_create(
            code=figure.code,
            defaults={
                "name": figure.name,
                "short_name": figure.short_name,
                "unit": figure.unit.value,
                "over_time": figure.over_time.value,
                "sort_order": order * 10,
                "dotted_with_id": None,
            },
        )
    for figure in CATALOGUE:
        row = KeyFigure.objects.get(code=figure.code)
        row.dotted_with_id = figure.dotted_with
        row.save(update_fields=["dotted_with"])
        row.at_most.set(figure.at_most)


class Migration(migrations.Migration):
    dependencies = [("figures", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
