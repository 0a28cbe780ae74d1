"""Seed the five indicators the Directorate recommended on 11 February 2014 (first version from 2022-01)."""

from datetime import datetime, timezone

from django.db import migrations

from malekort.domain.indicators.definitions import RECOMMENDED, TermKind

SEEDED_AT = datetime(2014, 2, 11, tzinfo=timezone.utc)


def _term(prefix, term):
    return {
        f"{prefix}_kind": term.kind.value,
        f"{prefix}_figure_id": term.figure if term.kind is TermKind.FIGURE else None,
        f"{prefix}_age_from": term.age_from,
        f"{prefix}_age_to": term.age_to,
    }


def seed(apps, schema_editor):
    Indicator = apps.get_model("indicators", "Indicator")
    IndicatorVersion = apps.get_model("indicators", "IndicatorVersion")
    for order, version in enumerate(RECOMMENDED, start=1):
        indicator, _ = Indicator.objects.get_or_create(code=version.code, defaults={"sort_order": order * 10})
        IndicatorVersion.objects.get_or_create(
            indicator=indicator,
            valid_from=version.valid_from.first_day,
            defaults={
                "name": version.name,
                "description": version.description,
                **_term("numerator", version.numerator),
                **_term("denominator", version.denominator),
                "factor": version.factor,
                "direction": version.direction.value,
                "unit": version.unit,
                "decimals": version.decimals,
                "created_at": SEEDED_AT,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial"), ("figures", "0002_seed_key_figures")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
