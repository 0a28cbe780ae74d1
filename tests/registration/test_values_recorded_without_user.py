"""Values written without a user (load-demo, import-values without --as-user) show who wrote them in words.

Before the fix every history page and the conflict list of the month form answered 500 for such a value.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from malekort.figures.models import Source, ValueVersion
from registered import register

PERIOD = "2024-03"


@pytest.mark.parametrize(
    ("source", "shown"),
    [(Source.FILE, "Import uten bruker"), (Source.DEMO, "Eksempeldata"), (Source.TYPED, "Systemet")],
)
def test_history_pages_name_what_recorded_a_value_without_user(client, world, source, shown):
    register("030102", PERIOD, source=source, SH_MOTTAKERE=120)
    client.force_login(world.alice)
    for url in (
        reverse("value-history", args=["030102", PERIOD, "030102", "SH_MOTTAKERE"]),
        reverse("month-changes", args=["030102", PERIOD]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert f">{shown}<" in response.content.decode(), url
    fragment = client.get(
        reverse("value-history", args=["030102", PERIOD, "030102", "SH_MOTTAKERE"]), HTTP_HX_REQUEST="true"
    )
    assert fragment.status_code == 200 and f">{shown}<" in fragment.content.decode()


def test_history_names_the_user_when_there_is_one(client, world):
    client.force_login(world.alice)
    client.post(reverse("office-month", args=["030102", PERIOD]), {"v_030102_SH_MOTTAKERE": "120"})
    html = client.get(reverse("value-history", args=["030102", PERIOD, "030102", "SH_MOTTAKERE"])).content.decode()
    assert ">Alice<" in html
    world.alice.first_name = ""
    world.alice.save()
    html = client.get(reverse("month-changes", args=["030102", PERIOD])).content.decode()
    assert ">alice<" in html


def test_conflict_with_an_import_without_user_is_shown_not_a_500(client, world):
    client.force_login(world.alice)
    url = reverse("office-month", args=["030102", PERIOD])
    # Alice opened the empty month; meanwhile a file is imported without a user.
    register("030102", PERIOD, source=Source.FILE, SH_MOTTAKERE=140)
    response = client.post(url, {"v_030102_SH_MOTTAKERE": "130", "k_030102_SH_MOTTAKERE": ""})
    assert response.status_code == 409
    html = response.content.decode()
    assert "<strong>140</strong>" in html and "endret av import uten bruker" in html
    assert ValueVersion.objects.get().number == 140
