"""Issue 9, finding 4: numbers past the database's range crashed; implausible numbers passed.

`99999999999999999999` in the form gave a 500, `9223372036854775808` in a file
passed the dry run and failed the import, and 4,000,000,000 recipients in one
kommune were accepted.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from malekort.areas.models import Population
from malekort.domain.cells import Cell
from malekort.domain.periods import Period
from malekort.figures.actions import Entry, RegistrationError, register_values
from malekort.figures.models import Source, ValueVersion
from malekort.figures.transfer import import_values

pytestmark = pytest.mark.django_db

NOW = datetime(2024, 6, 15, 12, 0, tzinfo=ZoneInfo("Europe/Oslo"))
GOL = "3324"
GRUNERLOKKA = "030102"
MARCH = Period(2024, 3)


def entry(figure: str, number: int, *, area: str = GOL) -> Entry:
    return Entry(area=area, period=MARCH, figure=figure, cell=Cell.of(number), comment="")


def gol_has_people(year: int, **by_age: int) -> None:
    Population.objects.bulk_create(
        Population(region_id=GOL, year=year, age=int(age.removeprefix("age")), population=count)
        for age, count in by_age.items()
    )


def refusal(*entries: Entry) -> dict[Any, str]:
    with pytest.raises(RegistrationError) as caught:
        register_values(entries=list(entries), user=None, source=Source.FILE, now=NOW)
    return caught.value.errors


def test_four_billion_recipients_in_one_kommune_are_refused(world: Any) -> None:
    errors = refusal(entry("SH_MOTTAKERE", 4_000_000_000))
    assert "flere enn det bor i hele Norge" in errors[(GOL, MARCH, "SH_MOTTAKERE")]
    assert ValueVersion.objects.count() == 0


def test_a_count_above_the_areas_population_is_refused_when_the_population_is_known(world: Any) -> None:
    # Gol on 1 January 2024, three age groups held: 4 600 people in all.
    gol_has_people(2024, age0=600, age30=3_000, age80=1_000)
    errors = refusal(entry("SH_MOTTAKERE", 4_601))
    assert errors[(GOL, MARCH, "SH_MOTTAKERE")] == (
        "4\u00a0601 er flere personer enn det bodde i området 1. januar 2024 (4\u00a0600). Kontroller tallet."
    )
    register_values(entries=[entry("SH_MOTTAKERE", 4_600)], user=None, source=Source.FILE, now=NOW)
    assert ValueVersion.objects.get().number == 4_600


def test_without_the_years_population_only_the_national_limit_applies(world: Any) -> None:
    gol_has_people(2023, age30=4_600)
    register_values(entries=[entry("SH_MOTTAKERE", 9_000)], user=None, source=Source.FILE, now=NOW)
    assert ValueVersion.objects.get().number == 9_000


def test_a_stored_count_above_a_population_loaded_later_does_not_block_the_month(world: Any) -> None:
    register_values(entries=[entry("SH_MOTTAKERE", 9_000)], user=None, source=Source.FILE, now=NOW)
    gol_has_people(2024, age30=4_600)
    register_values(
        entries=[entry("SH_MOTTAKERE", 9_000), entry("SH_BARN", 100)], user=None, source=Source.FILE, now=NOW
    )
    assert ValueVersion.objects.filter(figure_id="SH_BARN").exists()


def test_kroner_above_the_ceiling_are_refused(world: Any) -> None:
    errors = refusal(entry("SH_MOTTAKERE", 100), entry("SH_KRONER", 1_000_000_001))
    assert "Kontroller beløpet" in errors[(GOL, MARCH, "SH_KRONER")]


def test_a_cell_made_in_code_still_meets_the_cell_rules(world: Any) -> None:
    errors = refusal(entry("SH_BARN", 2), entry("SH_KRONER", 2), entry("SH_UNDER30", 2**63))
    assert "prikk" in errors[(GOL, MARCH, "SH_BARN")]
    assert "kan ikke stemme" in errors[(GOL, MARCH, "SH_KRONER")]
    assert "for stort" in errors[(GOL, MARCH, "SH_UNDER30")]


def test_twenty_nines_in_the_form_give_a_norwegian_error_not_a_500(world: Any) -> None:
    client = Client()
    client.force_login(world.alice)
    url = reverse("office-month", args=[GRUNERLOKKA, str(MARCH)])
    response = client.post(url, {f"v_{GRUNERLOKKA}_SH_KRONER": "99999999999999999999"})
    assert response.status_code == 400
    assert "Tallet er for stort til å kunne stemme" in response.content.decode()
    assert ValueVersion.objects.count() == 0


def test_a_number_past_64_bits_in_a_file_is_refused_in_the_dry_run(world: Any) -> None:
    data = (
        b"period,area,code,value,comment\n"
        b"2024-03,3324,SH_MOTTAKERE,120,\n"
        b"2024-03,3324,SH_KRONER,9223372036854775808,\n"
        b"2024-03,3324,KVP_DELTAKERE,4000000000,\n"
    )
    report = import_values(
        path_or_file=io.BytesIO(data), filename="tall.csv", user=None, valid_only=False, dry_run=True, now=NOW
    )
    reasons = {line.line_no: line.reason for line in report.refused}
    assert sorted(reasons) == [3, 4]
    assert "for stort" in reasons[3]
    assert "flere enn det bor i hele Norge" in reasons[4]


def test_a_count_above_the_areas_population_is_refused_in_the_dry_run_already(world: Any) -> None:
    gol_has_people(2024, age0=600, age30=3_000, age80=1_000)
    data = b"period,area,code,value,comment\n2024-03,3324,SH_MOTTAKERE,4601,\n2024-03,3324,SH_BARN,40,\n"
    report = import_values(
        path_or_file=io.BytesIO(data), filename="tall.csv", user=None, valid_only=False, dry_run=True, now=NOW
    )
    assert [(line.line_no, line.reason) for line in report.refused] == [
        (2, "4\u00a0601 er flere personer enn det bodde i området 1. januar 2024 (4\u00a0600). Kontroller tallet.")
    ]
