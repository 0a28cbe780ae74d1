"""Beside each field: the area's previous month and same month last year, and a question when a value is unusual."""

from __future__ import annotations

from django.urls import reverse

from malekort.figures.models import ValueVersion

NBSP = "\u00a0"


def month(period: str) -> str:
    return reverse("office-month", args=["030102", period])


def test_an_unusual_value_is_saved_with_a_question_beside_it(client, world):
    client.force_login(world.alice)
    client.post(month("2024-02"), {"v_030102_SH_MOTTAKERE": "1638"})
    client.post(month("2023-03"), {"v_030102_SH_MOTTAKERE": "1540"})
    saved = client.post(month("2024-03"), {"v_030102_SH_MOTTAKERE": "3900"})
    assert saved.status_code == 302  # a warning, never a refusal
    assert ValueVersion.objects.get(period="2024-03-01").number == 3900
    html = client.get(month("2024-03")).content.decode()
    # 3 900 is 2 262 above 1 638 (more than half of it, and more than 20 persons) and 2 360 above 1 540.
    assert f"Stemmer dette? Forrige måned: 1{NBSP}638; samme måned i fjor: 1{NBSP}540." in html
    assert f"Forrige måned: 1{NBSP}638 · I fjor: 1{NBSP}540" in html


def test_a_usual_value_gets_no_question(client, world):
    client.force_login(world.alice)
    client.post(month("2024-02"), {"v_030102_SH_MOTTAKERE": "1638"})
    client.post(month("2024-03"), {"v_030102_SH_MOTTAKERE": "1700"})
    html = client.get(month("2024-03")).content.decode()
    assert "Stemmer dette?" not in html
    assert f"Forrige måned: 1{NBSP}638 · I fjor: .." in html


def test_large_numbers_in_fields_read_like_the_tables_and_save_unchanged(client, world):
    client.force_login(world.alice)
    client.post(month("2024-03"), {"v_030102_SH_MOTTAKERE": "1700", "v_030102_SH_KRONER": "18827983"})
    html = client.get(month("2024-03")).content.decode()
    assert f'value="18{NBSP}827{NBSP}983"' in html
    # Sent back as shown, the grouped number is the same value: nothing new is stored.
    version = ValueVersion.objects.get(figure_id="SH_KRONER")
    client.post(month("2024-03"), {
        "v_030102_SH_MOTTAKERE": f"1{NBSP}700", "v_030102_SH_KRONER": f"18{NBSP}827{NBSP}983",
        "k_030102_SH_KRONER": str(version.pk),
        "k_030102_SH_MOTTAKERE": str(ValueVersion.objects.get(figure_id="SH_MOTTAKERE").pk),
    })
    assert ValueVersion.objects.filter(figure_id="SH_KRONER").count() == 1
