"""The month's change log says what its symbols mean: a typed dot is shown as SSB's «:»."""

from __future__ import annotations

from django.urls import reverse


def test_a_typed_dot_shows_as_a_colon_and_the_log_says_so(client, world):
    client.force_login(world.alice)
    month = reverse("office-month", args=["030102", "2024-03"])
    client.post(month, {"v_030102_SH_MOTTAKERE": "10", "v_030102_SH_BARN": "."})
    html = client.get(reverse("month-changes", args=["030102", "2024-03"])).content.decode()
    assert ">:<" in html and ">10<" in html
    assert "«:» for prikket (registrert som «.»" in html
    assert "<summary>Tegnforklaring</summary>" in html
