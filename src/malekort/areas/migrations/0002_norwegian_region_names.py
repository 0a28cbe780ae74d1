"""Regions keep SSB's name in `ssb_name` and show the Norwegian one in `name` («Oslo-Oslove» → «Oslo»)."""

from django.db import migrations, models

from malekort.domain.regions import norwegian_name


def to_norwegian(apps, schema_editor):  # type: ignore[no-untyped-def]
    Region = apps.get_model("areas", "Region")
    changed = []
    for region in Region.objects.all():
        region.ssb_name = region.name
        region.name = norwegian_name(region.name)
        changed.append(region)
    Region.objects.bulk_update(changed, ["name", "ssb_name"], batch_size=2000)


def back_to_ssb(apps, schema_editor):  # type: ignore[no-untyped-def]
    Region = apps.get_model("areas", "Region")
    for region in Region.objects.exclude(ssb_name=""):
        region.name = region.ssb_name
        region.save(update_fields=["name"])


class Migration(migrations.Migration):
    dependencies = [("areas", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="region",
            name="ssb_name",
            field=models.CharField(blank=True, max_length=200, verbose_name="navn hos SSB"),
        ),
        migrations.RunPython(to_norwegian, back_to_ssb),
    ]
