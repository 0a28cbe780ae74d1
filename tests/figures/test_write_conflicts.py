"""A second current version made behind our back, and a month already broken by an old race.

Issue 9, finding 3: on PostgreSQL the versions are written with COPY, past
Django's error mapping, so the unique index's refusal was a 500. It must be a
conflict (409 with the values that stand), as on SQLite.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from malekort.domain.cells import DOTTED, Cell
from malekort.domain.periods import Period
from malekort.figures import actions
from malekort.figures.actions import ConcurrentEditError, Entry, RegistrationError, register_values
from malekort.figures.models import Source, ValueVersion

pytestmark = pytest.mark.django_db

GRUNERLOKKA = "030102"
MARCH = Period(2024, 3)


def entry(figure: str, cell: Cell) -> Entry:
    return Entry(area=GRUNERLOKKA, period=MARCH, figure=figure, cell=cell, comment="")


def stored_behind_our_back(figure: str, cell: Cell) -> ValueVersion:
    """A version written without register_values' lock, as a writer that ignores it would (here Dina)."""
    return ValueVersion.objects.create(
        area_id=GRUNERLOKKA, period=MARCH.first_day, figure_id=figure, kind=cell.kind.value,
        number=cell.number, source=Source.TYPED, recorded_at=timezone.now(),
        recorded_by=User.objects.get(username="dina"),
    )


def read_nothing_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the first read of the months miss what is stored, as a read before another's commit would."""
    original: Callable[..., Any] = actions.current_versions
    calls = []

    def stale_first(keys: Any) -> Any:
        calls.append(keys)
        return {} if len(calls) == 1 else original(keys)

    monkeypatch.setattr(actions, "current_versions", stale_first)


def test_a_second_current_version_is_a_conflict_listing_the_value_that_stands(
    world: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    theirs = stored_behind_our_back("SH_MOTTAKERE", Cell.of(140))
    read_nothing_once(monkeypatch)
    with pytest.raises(ConcurrentEditError) as caught:
        register_values(entries=[entry("SH_MOTTAKERE", Cell.of(130))], user=None, source=Source.TYPED)
    assert [v.pk for v in caught.value.changed] == [theirs.pk]
    assert list(ValueVersion.objects.values_list("number", flat=True)) == [140]


def test_the_form_answers_409_with_the_newer_value_not_500(
    world: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored_behind_our_back("SH_MOTTAKERE", Cell.of(140))
    read_nothing_once(monkeypatch)
    client = Client()
    client.force_login(world.alice)
    data = {f"v_{GRUNERLOKKA}_SH_MOTTAKERE": "130"}
    response = client.post(reverse("office-month", args=[GRUNERLOKKA, str(MARCH)]), data)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Noen andre har endret tallene" in html
    assert "<strong>140</strong>" in html


def test_a_month_broken_by_an_old_race_is_mended_by_the_save_that_fixes_it(world: Any) -> None:
    stored_behind_our_back("SH_MOTTAKERE", DOTTED)
    stored_behind_our_back("SH_KRONER", Cell.of(50_000))
    with pytest.raises(RegistrationError) as caught:
        register_values(entries=[entry("SH_BARN", DOTTED)], user=None, source=Source.TYPED)
    assert "Skal prikkes" in caught.value.errors[(GRUNERLOKKA, MARCH, "SH_KRONER")]

    register_values(entries=[entry("SH_KRONER", DOTTED)], user=None, source=Source.TYPED)
    current = ValueVersion.objects.get(figure_id="SH_KRONER", superseded_at__isnull=True)
    assert current.cell == DOTTED


def test_the_form_mends_a_broken_month_when_the_kroner_are_dotted(world: Any) -> None:
    recipients = stored_behind_our_back("SH_MOTTAKERE", DOTTED)
    kroner = stored_behind_our_back("SH_KRONER", Cell.of(50_000))
    client = Client()
    client.force_login(world.alice)
    url = reverse("office-month", args=[GRUNERLOKKA, str(MARCH)])
    page = client.get(url).content.decode()
    # The field shows the stored kroner (grouped in thousands, as the tables are).
    assert re.search(r'name="v_030102_SH_KRONER"[^>]*value="50\s?000"', page)
    response = client.post(url, {
        f"v_{GRUNERLOKKA}_SH_MOTTAKERE": ".", f"k_{GRUNERLOKKA}_SH_MOTTAKERE": str(recipients.pk),
        f"v_{GRUNERLOKKA}_SH_KRONER": ".", f"k_{GRUNERLOKKA}_SH_KRONER": str(kroner.pk),
    })
    assert response.status_code == 302
    assert ValueVersion.objects.get(figure_id="SH_KRONER", superseded_at__isnull=True).cell == DOTTED
