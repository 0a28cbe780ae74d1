"""The Directorate extends the key figures without code; histories load inline with htmx."""

from __future__ import annotations

from django.urls import reverse

from malekort.figures.models import ValueVersion


def test_directorate_adds_a_key_figure_that_offices_then_register(client, world):
    world.dina.is_staff = True
    world.dina.is_superuser = True
    world.dina.save()
    client.force_login(world.dina)
    response = client.post(
        reverse("admin:figures_keyfigure_add"),
        {
            "code": "SH_BOLIGLOS", "name": "Antall mottakere uten bolig", "short_name": "mottakere uten bolig",
            "unit": "persons", "over_time": "average", "at_most": ["SH_MOTTAKERE"], "sort_order": "90",
            "active": "on",
        },
    )
    assert response.status_code == 302
    client.force_login(world.alice)
    url = reverse("office-month", args=["030102", "2024-03"])
    assert 'name="v_030102_SH_BOLIGLOS"' in client.get(url).content.decode()
    # Its consistency rule, held as data, applies at once.
    refused = client.post(url, {"v_030102_SH_MOTTAKERE": "10", "v_030102_SH_BOLIGLOS": "11"})
    assert refused.status_code == 400
    assert "Kan ikke være større enn antall mottakere (10)" in refused.content.decode()


def test_value_versions_cannot_be_changed_in_the_admin(client, world):
    world.dina.is_staff = True
    world.dina.is_superuser = True
    world.dina.save()
    client.force_login(world.alice)
    client.post(reverse("office-month", args=["030102", "2024-03"]), {"v_030102_SH_MOTTAKERE": "10"})
    version = ValueVersion.objects.get()
    client.force_login(world.dina)
    change = client.post(reverse("admin:figures_valueversion_change", args=[version.pk]), {"number": "99"})
    assert change.status_code == 403
    delete = client.post(reverse("admin:figures_valueversion_delete", args=[version.pk]), {"post": "yes"})
    assert delete.status_code == 403
    assert ValueVersion.objects.get().number == 10


def test_history_loads_as_a_fragment_for_htmx(client, world):
    client.force_login(world.alice)
    client.post(reverse("office-month", args=["030102", "2024-03"]), {"v_030102_SH_MOTTAKERE": "10"})
    url = reverse("value-history", args=["030102", "2024-03", "030102", "SH_MOTTAKERE"])
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment
    assert "Historikk: antall mottakere, Grünerløkka, mars 2024" in fragment
    assert ">10<" in fragment
    month = client.get(reverse("office-month", args=["030102", "2024-03"])).content.decode()
    assert f'hx-get="{url}"' in month and 'id="historikk"' in month
