"""The first registration days are stored with the aggregates now (`statistics.StoredMonth.first_days`)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("followup", "0002_first_registration_month")]

    operations = [migrations.DeleteModel(name="FirstRegistrationMonth")]
