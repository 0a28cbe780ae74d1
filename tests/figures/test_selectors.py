"""Reads of registered values: current, as of a moment, history and first registration day."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User

from malekort.areas.models import Region
from malekort.domain.bulk_aggregation import month_index
from malekort.domain.cells import DOTTED, EMPTY, Cell
from malekort.domain.deadlines import MonthState, area_month_state
from malekort.domain.periods import Period
from malekort.figures.actions import Entry, register_values
from malekort.figures.models import Source
from malekort.figures.selectors import (
    first_registration_frame,
    first_registrations,
    month_history,
    month_values,
    months_values,
    value_history,
)

pytestmark = pytest.mark.django_db

OSLO = ZoneInfo("Europe/Oslo")
UTC = ZoneInfo("UTC")
GRUNERLOKKA = "030102"
GAMLE_OSLO = "030101"
GOL = "3324"
JAN_2024 = Period(2024, 1)


def oslo(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=OSLO)


def save(user: User, now: datetime, *values: tuple[str, str, int | Cell],
         period: Period = JAN_2024) -> None:
    entries = [
        Entry(area=a, period=period, figure=f, cell=v if isinstance(v, Cell) else Cell.of(v))
        for a, f, v in values
    ]
    register_values(entries=entries, user=user, source=Source.TYPED, now=now)


def test_several_months_read_at_once_are_each_month_as_read_alone(
    regions: dict[str, Region], anne: User
) -> None:
    save(anne, oslo(2024, 2, 5), (GRUNERLOKKA, "SH_MOTTAKERE", 120), (GOL, "SH_MOTTAKERE", DOTTED))
    save(anne, oslo(2024, 2, 6), (GRUNERLOKKA, "SH_MOTTAKERE", 121))
    save(anne, oslo(2024, 3, 5), (GRUNERLOKKA, "SH_MOTTAKERE", 999), period=Period(2024, 2))
    months = [JAN_2024, Period(2024, 2), Period(2023, 1)]

    read = months_values([GRUNERLOKKA, GOL], months)

    assert list(read) == months
    for month in months:
        assert read[month] == month_values([GRUNERLOKKA, GOL], month)
    assert read[JAN_2024][(GRUNERLOKKA, "SH_MOTTAKERE")].number == 121
    assert read[Period(2023, 1)] == {}


def test_month_values_now_by_area_and_figure(
    regions: dict[str, Region], anne: User
) -> None:
    save(
        anne,
        oslo(2024, 2, 5),
        (GRUNERLOKKA, "SH_MOTTAKERE", 120),
        (GAMLE_OSLO, "SH_MOTTAKERE", 80),
        (GOL, "SH_MOTTAKERE", DOTTED),
    )
    save(anne, oslo(2024, 2, 6), (GRUNERLOKKA, "SH_MOTTAKERE", 121))
    save(anne, oslo(2024, 3, 5), (GRUNERLOKKA, "SH_MOTTAKERE", 999), period=Period(2024, 2))

    values = month_values([GRUNERLOKKA, GOL], JAN_2024)
    assert {k: v.cell for k, v in values.items()} == {
        (GRUNERLOKKA, "SH_MOTTAKERE"): Cell.of(121),
        (GOL, "SH_MOTTAKERE"): DOTTED,
    }
    assert values[(GRUNERLOKKA, "SH_MOTTAKERE")].recorded_by == anne


def test_month_values_as_of_the_exact_moment_of_a_change_shows_the_new_value(
    regions: dict[str, Region], anne: User
) -> None:
    t1, t2 = oslo(2024, 2, 5), oslo(2024, 2, 9)
    save(anne, t1, (GRUNERLOKKA, "SH_MOTTAKERE", 120))
    save(anne, t2, (GRUNERLOKKA, "SH_MOTTAKERE", 130))

    def value(as_of: datetime) -> int | None:
        values = month_values([GRUNERLOKKA], JAN_2024, as_of=as_of)
        found = values.get((GRUNERLOKKA, "SH_MOTTAKERE"))
        return None if found is None else found.number

    assert value(oslo(2024, 2, 4)) is None
    assert value(t1) == 120
    assert value(oslo(2024, 2, 7)) == 120
    assert value(t2) == 130
    assert value(oslo(2024, 12, 31)) == 130


def test_value_history_oldest_first_even_at_equal_times(
    regions: dict[str, Region], anne: User
) -> None:
    same = oslo(2024, 2, 5)
    save(anne, same, (GRUNERLOKKA, "SH_MOTTAKERE", 120))
    save(anne, same, (GRUNERLOKKA, "SH_MOTTAKERE", 121))
    save(anne, oslo(2024, 2, 6), (GRUNERLOKKA, "SH_MOTTAKERE", EMPTY))
    assert [v.cell for v in value_history(GRUNERLOKKA, JAN_2024, "SH_MOTTAKERE")] == [
        Cell.of(120), Cell.of(121), EMPTY,
    ]
    assert value_history(GRUNERLOKKA, JAN_2024, "SH_BARN") == []


def test_month_history_newest_first_across_areas(
    regions: dict[str, Region], anne: User
) -> None:
    save(anne, oslo(2024, 2, 5), (GRUNERLOKKA, "SH_MOTTAKERE", 120))
    save(anne, oslo(2024, 2, 6), (GAMLE_OSLO, "SH_MOTTAKERE", 80))
    save(anne, oslo(2024, 2, 7), (GRUNERLOKKA, "SH_BARN", 30))
    save(anne, oslo(2024, 2, 8), (GOL, "SH_MOTTAKERE", 40))
    history = month_history([GRUNERLOKKA, GAMLE_OSLO], JAN_2024)
    assert [(v.area_id, v.figure_id, v.number) for v in history] == [
        (GRUNERLOKKA, "SH_BARN", 30),
        (GAMLE_OSLO, "SH_MOTTAKERE", 80),
        (GRUNERLOKKA, "SH_MOTTAKERE", 120),
    ]


def test_first_registration_is_the_earliest_day_over_all_figures(
    regions: dict[str, Region], anne: User
) -> None:
    save(anne, oslo(2024, 2, 3), (GRUNERLOKKA, "SH_MOTTAKERE", 120))
    save(anne, oslo(2024, 2, 20), (GRUNERLOKKA, "SH_BARN", 30), (GRUNERLOKKA, "SH_MOTTAKERE", 121))
    save(anne, oslo(2024, 2, 15), (GAMLE_OSLO, "SH_MOTTAKERE", DOTTED))
    days = first_registrations([GRUNERLOKKA, GAMLE_OSLO, GOL], JAN_2024, JAN_2024)
    assert days == {
        (GRUNERLOKKA, JAN_2024): date(2024, 2, 3),
        (GAMLE_OSLO, JAN_2024): date(2024, 2, 15),
    }


def test_a_comment_on_an_empty_cell_is_not_a_registration(
    regions: dict[str, Region], anne: User
) -> None:
    register_values(
        entries=[Entry(GRUNERLOKKA, JAN_2024, "SH_KRONER", EMPTY, comment="kommer")],
        user=anne, source=Source.TYPED, now=oslo(2024, 2, 5),
    )
    save(anne, oslo(2024, 2, 12), (GRUNERLOKKA, "SH_MOTTAKERE", 120))
    assert first_registrations([GRUNERLOKKA], JAN_2024, JAN_2024) == {
        (GRUNERLOKKA, JAN_2024): date(2024, 2, 12)
    }


def test_clearing_a_value_later_keeps_the_first_registration_day(
    regions: dict[str, Region], anne: User
) -> None:
    save(anne, oslo(2024, 2, 5), (GRUNERLOKKA, "SH_MOTTAKERE", 120))
    save(anne, oslo(2024, 2, 25), (GRUNERLOKKA, "SH_MOTTAKERE", EMPTY))
    assert first_registrations([GRUNERLOKKA], JAN_2024, JAN_2024) == {
        (GRUNERLOKKA, JAN_2024): date(2024, 2, 5)
    }


def test_first_registrations_keeps_to_the_period_range(
    regions: dict[str, Region], anne: User
) -> None:
    save(anne, oslo(2023, 12, 12), (GRUNERLOKKA, "SH_MOTTAKERE", 100), period=Period(2023, 11))
    save(anne, oslo(2024, 1, 8), (GRUNERLOKKA, "SH_MOTTAKERE", 100), period=Period(2023, 12))
    save(anne, oslo(2024, 2, 9), (GRUNERLOKKA, "SH_MOTTAKERE", 100))
    days = first_registrations([GRUNERLOKKA], Period(2023, 12), Period(2024, 1))
    assert days == {
        (GRUNERLOKKA, Period(2023, 12)): date(2024, 1, 8),
        (GRUNERLOKKA, JAN_2024): date(2024, 2, 9),
    }


def test_save_at_2330_utc_on_the_tenth_is_the_eleventh_in_oslo_in_winter(
    regions: dict[str, Region], anne: User
) -> None:
    # CET is UTC+1: 10 Feb 23:30 UTC = 11 Feb 00:30 in Oslo, past the 10 February deadline.
    save(anne, datetime(2024, 2, 10, 23, 30, tzinfo=UTC), (GRUNERLOKKA, "SH_MOTTAKERE", 120))
    day = first_registrations([GRUNERLOKKA], JAN_2024, JAN_2024)[(GRUNERLOKKA, JAN_2024)]
    assert day == date(2024, 2, 11)
    assert area_month_state(JAN_2024, day, date(2024, 3, 1)) is MonthState.LATE
    assert value_history(GRUNERLOKKA, JAN_2024, "SH_MOTTAKERE")[0].late is True


def test_save_at_2230_utc_on_the_tenth_is_still_the_tenth_in_oslo_in_winter(
    regions: dict[str, Region], anne: User
) -> None:
    save(anne, datetime(2024, 2, 10, 22, 30, tzinfo=UTC), (GRUNERLOKKA, "SH_MOTTAKERE", 120))
    day = first_registrations([GRUNERLOKKA], JAN_2024, JAN_2024)[(GRUNERLOKKA, JAN_2024)]
    assert day == date(2024, 2, 10)
    assert area_month_state(JAN_2024, day, date(2024, 3, 1)) is MonthState.ON_TIME
    assert value_history(GRUNERLOKKA, JAN_2024, "SH_MOTTAKERE")[0].late is False


def test_save_at_2230_utc_on_the_tenth_is_the_eleventh_in_oslo_in_summer(
    regions: dict[str, Region], anne: User
) -> None:
    # CEST is UTC+2: 10 June 22:30 UTC = 11 June 00:30 in Oslo, past May's deadline.
    may = Period(2024, 5)
    save(anne, datetime(2024, 6, 10, 22, 30, tzinfo=UTC), (GRUNERLOKKA, "SH_MOTTAKERE", 120),
         period=may)
    day = first_registrations([GRUNERLOKKA], may, may)[(GRUNERLOKKA, may)]
    assert day == date(2024, 6, 11)
    assert area_month_state(may, day, date(2024, 7, 1)) is MonthState.LATE


def test_first_registration_frame_gives_the_norwegian_day_over_every_version(
    regions: dict[str, Region], anne: User
) -> None:
    """The frame the stored aggregates keep, on either backend: days in Norwegian time, empty cells not counted."""
    july = Period(2024, 7)
    # 23:30 UTC on 4 August is 01:30 on 5 August in Oslo (summer time); 23:30 UTC on 2 February is 00:30 on the 3rd.
    register_values(entries=[Entry(GRUNERLOKKA, JAN_2024, "SH_KRONER", EMPTY, comment="kommer")],
                    user=anne, source=Source.TYPED, now=oslo(2024, 2, 1))
    save(anne, datetime(2024, 2, 2, 23, 30, tzinfo=UTC), (GRUNERLOKKA, "SH_MOTTAKERE", 120))
    save(anne, oslo(2024, 2, 20), (GRUNERLOKKA, "SH_MOTTAKERE", 121))  # a correction keeps the first day
    save(anne, datetime(2024, 8, 4, 23, 30, tzinfo=UTC), (GOL, "SH_MOTTAKERE", DOTTED), period=july)

    frame = first_registration_frame([JAN_2024, july, Period(2024, 3)])
    assert sorted(frame.iter_rows()) == [
        (GRUNERLOKKA, month_index(JAN_2024), date(2024, 2, 3)),
        (GOL, month_index(july), date(2024, 8, 5)),
    ]
    assert first_registration_frame([]).is_empty()
