"""The admin shows indicators with their versions; histories cannot be edited there."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.urls import reverse

from malekort.indicators.models import Indicator


def test_admin_lists_indicators_and_read_only_histories(client, world, own_indicators):
    client.force_login(User.objects.create_superuser("root", "root@nav.invalid", "hemmelig-passord-123"))
    for name in ("indicator", "indicatorchoice", "indicatorlimits", "indicatorrequest"):
        assert client.get(reverse(f"admin:indicators_{name}_changelist")).status_code == 200, name
    for name in ("indicator", "indicatorchoice", "indicatorlimits", "indicatorrequest"):
        assert client.get(reverse(f"admin:indicators_{name}_add")).status_code == 403, name
    b103 = Indicator.objects.get(code="B.103")
    html = client.get(reverse("admin:indicators_indicator_change", args=[b103.pk])).content.decode()
    assert "Andel unge som har mottatt økonomisk sosialhjelp" in html
    assert 'name="versions-0-name"' not in html  # versions are shown, not edited
