"""A municipality chooses which indicators its scorecards show and sets the limits, with history."""

from __future__ import annotations

import re

from django.urls import reverse
from indicator_page_helpers import choices_data, limits_data, pk

from malekort.indicators.models import IndicatorChoice, IndicatorLimits
from malekort.indicators.selectors import limits_in_force, shown_indicators

LOWER_IS_BETTER = "Når lavere verdi er bedre, må grensen for grønn være lavere enn grensen for rød."


def url(kommune: str = "0301") -> str:
    return reverse("municipality-indicators", args=[kommune])


def test_form_shows_every_available_indicator_with_direction_and_labels(client, world, own_indicators):
    client.force_login(world.olga)
    html = client.get(url()).content.decode()
    for code in ("B.101", "B.102", "B.103", "B.104", "B.151", "0301-01"):
        assert f'name="vis_{pk(code)}"' in html
    assert "4204-01" not in html  # Kristiansand's own indicator is not Oslo's
    label = re.search(rf'<label class="aksel-checkbox__label" for="id_vis_{pk("B.102")}">(.*?)</label>', html, re.S)
    assert label and "Vis i målekortet" in label.group(1) and f'id="id_vis_{pk("B.102")}"' in label.group(1)
    assert f'<label class="aksel-sr-only" for="id_gronn_{pk("B.101")}">Grense for grønn, B.101</label>' in html
    assert "Lavere verdi er bedre" in html and "Høyere verdi er bedre" in html
    # B.104 has no direction, so it takes no limits.
    assert f'name="gronn_{pk("B.104")}"' not in html
    assert "Direktoratet har ikke anbefalt grenseverdier." in html


def test_hiding_b102_is_recorded_with_who_and_when_and_an_unchanged_save_records_nothing(client, world):
    client.force_login(world.olga)
    response = client.post(url(), choices_data(hidden=("B.102",)))
    assert response.status_code == 302
    choice = IndicatorChoice.objects.get()
    assert choice.indicator.code == "B.102" and choice.shown is False
    assert choice.municipality_id == "0301" and choice.recorded_by == world.olga
    assert choice.recorded_at is not None and choice.superseded_at is None
    assert "B.102" not in [i.code for i in shown_indicators(["0301"])]

    again = client.post(url(), choices_data(hidden=("B.102",)), follow=True)
    assert "Ingen endringer å lagre." in again.content.decode()
    assert IndicatorChoice.objects.count() == 1

    html = client.get(url()).content.decode()
    assert "Vises ikke i målekortet" in html and "Olga" in html
    assert f'id="id_vis_{pk("B.102")}">' in html  # unchecked
    assert f'id="id_vis_{pk("B.101")}" checked>' in html


def test_showing_b102_again_supersedes_the_choice(client, world):
    client.force_login(world.olga)
    client.post(url(), choices_data(hidden=("B.102",)))
    client.post(url(), choices_data())
    records = list(IndicatorChoice.objects.order_by("pk"))
    assert [r.shown for r in records] == [False, True]
    assert records[0].superseded_at is not None and records[1].superseded_at is None


def test_limits_are_saved_with_a_decimal_comma(client, world):
    client.force_login(world.olga)
    response = client.post(url(), choices_data(limits={"B.101": ("2,5", "4"), "B.151": ("30", "12,75")}))
    assert response.status_code == 302
    b101 = IndicatorLimits.objects.get(indicator__code="B.101")
    assert (b101.green, b101.red, b101.municipality_id, b101.recorded_by) == (2.5, 4.0, "0301", world.olga)
    assert IndicatorLimits.objects.get(indicator__code="B.151").red == 12.75
    html = client.get(url()).content.decode()
    assert f'name="gronn_{pk("B.101")}" id="id_gronn_{pk("B.101")}" value="2,5"' in html
    assert "Endringer i kommunens grenseverdier" in html and "12,75" in html


def test_invalid_limits_are_refused_in_norwegian_and_nothing_is_saved(client, world):
    client.force_login(world.olga)
    data = choices_data(hidden=("B.102",), limits={"B.101": ("5", "3"), "B.103": ("1,5", "3")})
    response = client.post(url(), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert LOWER_IS_BETTER in html
    assert 'id="feiloppsummering"' in html and "data-focus-on-load" in html
    assert f'href="#id_gronn_{pk("B.101")}"' in html
    assert 'aria-invalid="true"' in html
    # Neither the valid choice nor the valid limits were kept.
    assert IndicatorChoice.objects.count() == 0
    assert IndicatorLimits.objects.count() == 0


def test_one_limit_alone_and_text_are_refused(client, world):
    client.force_login(world.olga)
    response = client.post(url(), choices_data(limits={"B.101": ("2", ""), "B.103": ("mye", "3")}))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Fyll inn både grense for grønn og grense for rød, eller la begge stå tomme." in html
    assert "Skriv et tall, for eksempel 2,5." in html
    assert IndicatorLimits.objects.count() == 0


def test_removing_own_limits_records_a_removal_and_the_recommendation_applies(client, world):
    client.force_login(world.dina)
    client.post(reverse("recommended-limits"), limits_data({"B.101": ("3", "5")}))
    client.force_login(world.olga)
    client.post(url(), choices_data(limits={"B.101": ("2,5", "4")}))
    b101 = pk("B.101")
    assert limits_in_force("0301", [IndicatorLimitsIndicator(b101)])[b101].source == "kommunen"

    response = client.post(url(), choices_data())
    assert response.status_code == 302
    records = list(IndicatorLimits.objects.filter(municipality_id="0301").order_by("pk"))
    assert [(r.green, r.red) for r in records] == [(2.5, 4.0), (None, None)]
    assert records[0].superseded_at is not None and records[1].recorded_by == world.olga
    in_force = limits_in_force("0301", [IndicatorLimitsIndicator(b101)])[b101]
    assert in_force.source == "direktoratet" and in_force.limits is not None and in_force.limits.green == 3
    html = client.get(url()).content.decode()
    assert "Egne grenser fjernet (direktoratets anbefaling gjelder)" in html
    assert "Direktoratets anbefaling: grønn 3, rød 5." in html


class IndicatorLimitsIndicator:
    """Just enough of an Indicator for `limits_in_force`, which reads only the key."""

    def __init__(self, key: int) -> None:
        self.pk = key


def test_directorate_acts_on_behalf_of_a_municipality(client, world):
    client.force_login(world.dina)
    response = client.post(url("4204"), choices_data(hidden=("B.151",), limits={"B.103": ("2", "4")}))
    assert response.status_code == 302
    assert IndicatorChoice.objects.get().recorded_by == world.dina
    assert IndicatorLimits.objects.get().municipality_id == "4204"


def test_directorate_recommends_limits_with_history(client, world):
    client.force_login(world.dina)
    response = client.post(reverse("recommended-limits"), limits_data({"B.151": ("20", "10")}))
    assert response.status_code == 302
    record = IndicatorLimits.objects.get()
    assert record.municipality_id is None and (record.green, record.red) == (20.0, 10.0)
    html = client.get(reverse("recommended-limits")).content.decode()
    assert "Endringer i direktoratets anbefalte grenseverdier" in html and "Dina" in html
    # Higher is better for B.151: green below red is refused.
    response = client.post(reverse("recommended-limits"), limits_data({"B.151": ("10", "20")}))
    assert response.status_code == 400
    assert "Når høyere verdi er bedre, må grensen for grønn være høyere enn grensen for rød." in (
        response.content.decode()
    )
    assert IndicatorLimits.objects.count() == 1


def test_an_indicator_added_after_the_page_was_drawn_is_left_alone(client, world, own_indicators):
    client.force_login(world.olga)
    # The page was drawn before Oslo's own indicator existed: its box was not there to tick.
    data = choices_data(hidden=("B.102",))
    data["rad"] = [str(pk(code)) for code in ("B.101", "B.102", "B.103", "B.104", "B.151")]  # type: ignore[assignment]
    assert client.post(url(), data).status_code == 302
    own = own_indicators["0301"]
    assert own in shown_indicators(["0301"])
    assert IndicatorChoice.objects.filter(indicator=own, superseded_at__isnull=True).get().shown is True
    assert IndicatorChoice.objects.filter(recorded_by=world.olga).count() == 1
