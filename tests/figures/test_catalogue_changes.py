"""Issue 9, finding 2: the 1–3 rule depended on the catalogue at save time.

Changing a count figure's unit to kroner in the admin, saving 2 and changing
it back stored and showed the 2. Now a figure with values keeps its unit and
rules, and the database refuses every stored number from 1 to 3.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from malekort.domain.cells import Cell
from malekort.domain.periods import Period
from malekort.figures.actions import Entry, RegistrationError, register_values
from malekort.figures.models import KeyFigure, Source, ValueVersion

pytestmark = pytest.mark.django_db

GOL = "3324"
MARCH = Period(2024, 3)


def register(figure: str, number: int) -> None:
    register_values(
        entries=[Entry(area=GOL, period=MARCH, figure=figure, cell=Cell.of(number), comment="")],
        user=None, source=Source.TYPED,
    )


@pytest.fixture
def admin_client(world: Any) -> Client:
    client = Client()
    client.force_login(User.objects.create_superuser("admin", "admin@nav.invalid", "x"))
    return client


def change_form(code: str, **changes: Any) -> dict[str, Any]:
    figure = KeyFigure.objects.get(pk=code)
    data: dict[str, Any] = {
        "code": figure.code, "name": figure.name, "short_name": figure.short_name, "unit": figure.unit,
        "over_time": figure.over_time, "at_most": [f.pk for f in figure.at_most.all()],
        "dotted_with": figure.dotted_with_id or "", "sort_order": figure.sort_order, "active": "on",
    }
    data.update(changes)
    return data


def post_change(client: Client, code: str, **changes: Any) -> Any:
    return client.post(reverse("admin:figures_keyfigure_change", args=[code]), change_form(code, **changes))


def test_the_unit_of_a_figure_with_values_cannot_change_in_the_admin(admin_client: Client) -> None:
    register("SH_BARN", 40)
    response = post_change(admin_client, "SH_BARN", unit="nok")
    assert response.status_code == 200
    assert "Enheten kan ikke endres når det er registrert verdier" in response.content.decode()
    assert KeyFigure.objects.get(pk="SH_BARN").unit == "persons"


def test_the_unit_of_a_figure_without_values_may_change(admin_client: Client) -> None:
    response = post_change(admin_client, "SH_BARN", unit="nok")
    assert response.status_code == 302
    assert KeyFigure.objects.get(pk="SH_BARN").unit == "nok"


def test_the_dot_rule_and_the_bounds_of_a_figure_with_values_cannot_change(admin_client: Client) -> None:
    register("SH_MOTTAKERE", 100)
    register("SH_KRONER", 50_000)
    response = post_change(admin_client, "SH_KRONER", dotted_with="")
    assert response.status_code == 200
    assert "Regelen kan ikke endres" in response.content.decode()
    assert KeyFigure.objects.get(pk="SH_KRONER").dotted_with_id == "SH_MOTTAKERE"

    register("SH_BARN", 40)
    response = post_change(admin_client, "SH_BARN", at_most=[])
    assert response.status_code == 200
    assert "Regelen kan ikke endres" in response.content.decode()
    assert list(KeyFigure.objects.get(pk="SH_BARN").at_most.values_list("pk", flat=True)) == ["SH_MOTTAKERE"]


def test_a_name_may_still_change_when_values_exist(admin_client: Client) -> None:
    register("SH_BARN", 40)
    response = post_change(admin_client, "SH_BARN", short_name="med barn")
    assert response.status_code == 302
    assert KeyFigure.objects.get(pk="SH_BARN").short_name == "med barn"


def test_model_validation_refuses_a_new_unit_outside_the_admin_too(world: Any) -> None:
    register("SH_BARN", 40)
    figure = KeyFigure.objects.get(pk="SH_BARN")
    figure.unit = "nok"
    with pytest.raises(ValidationError) as caught:
        figure.full_clean()
    assert "unit" in caught.value.message_dict


def test_a_count_of_two_is_refused_even_when_the_catalogue_calls_the_figure_kroner(world: Any) -> None:
    # The attack of the finding, with the unit changed behind the admin's back.
    KeyFigure.objects.filter(pk="SH_BARN").update(unit="nok")
    register("SH_MOTTAKERE", 100)
    with pytest.raises(RegistrationError):
        register("SH_BARN", 2)
    assert not ValueVersion.objects.filter(figure_id="SH_BARN").exists()


@pytest.mark.parametrize("figure", ["SH_BARN", "SH_KRONER"])
@pytest.mark.parametrize("number", [1, 2, 3])
def test_the_database_refuses_every_stored_number_from_1_to_3(world: Any, figure: str, number: int) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        ValueVersion.objects.create(
            area_id=GOL, period=MARCH.first_day, figure_id=figure, kind="number", number=number,
            source=Source.TYPED, recorded_at=timezone.now(),
        )
    for allowed in (0, 4):
        ValueVersion.objects.create(
            area_id=GOL, period=Period(2024, 4 + allowed).first_day, figure_id=figure, kind="number",
            number=allowed, source=Source.TYPED, recorded_at=timezone.now(),
        )
