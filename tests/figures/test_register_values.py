"""register_values: versions, no-op saves, corrections, lateness, concurrency and rules."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User

from malekort.areas.models import Region
from malekort.domain.cells import DOTTED, EMPTY, Cell
from malekort.domain.periods import Period
from malekort.figures.actions import (
    ConcurrentEditError,
    Entry,
    Outcome,
    RegistrationError,
    current_versions,
    register_values,
)
from malekort.figures.models import Source, ValueVersion
from malekort.figures.selectors import month_values, value_history

pytestmark = pytest.mark.django_db

OSLO = ZoneInfo("Europe/Oslo")
GRUNERLOKKA = "030102"
GAMLE_OSLO = "030101"
GOL = "3324"
JAN_2024 = Period(2024, 1)


def oslo(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=OSLO)


def e(figure: str, value: int | Cell, *, area: str = GRUNERLOKKA, period: Period = JAN_2024,
      comment: str | None = None) -> Entry:
    cell = value if isinstance(value, Cell) else Cell.of(value)
    return Entry(area=area, period=period, figure=figure, cell=cell, comment=comment)


def current(area: str = GRUNERLOKKA, period: Period = JAN_2024) -> dict[str, Cell]:
    rows = ValueVersion.objects.filter(
        area_id=area, period=period.first_day, superseded_at__isnull=True
    )
    return {v.figure_id: v.cell for v in rows}


def first_month(user: User, now: datetime | None = None) -> Outcome:
    return register_values(
        entries=[e("SH_MOTTAKERE", 120), e("SH_BARN", 40), e("SH_KRONER", 1_250_000)],
        user=user,
        source=Source.TYPED,
        now=now or oslo(2024, 2, 5),
    )


def test_first_registration_creates_one_version_per_value(
    regions: dict[str, Region], anne: User
) -> None:
    now = oslo(2024, 2, 5, 9, 15)
    outcome = first_month(anne, now)

    assert (outcome.created, outcome.updated, outcome.unchanged) == (3, 0, 0)
    assert set(outcome.created_keys) == {
        (GRUNERLOKKA, JAN_2024, "SH_MOTTAKERE"),
        (GRUNERLOKKA, JAN_2024, "SH_BARN"),
        (GRUNERLOKKA, JAN_2024, "SH_KRONER"),
    }
    versions = list(ValueVersion.objects.all())
    assert len(versions) == 3
    for v in versions:
        assert v.superseded_at is None
        assert v.recorded_by == anne
        assert v.recorded_at == now
        assert v.source == Source.TYPED
        assert v.late is False
        assert v.period.isoformat() == "2024-01-01"
    assert current() == {
        "SH_MOTTAKERE": Cell.of(120),
        "SH_BARN": Cell.of(40),
        "SH_KRONER": Cell.of(1_250_000),
    }


def test_same_values_again_are_unchanged_and_create_no_version(
    regions: dict[str, Region], anne: User, bjorn: User
) -> None:
    first_month(anne)
    outcome = register_values(
        entries=[e("SH_MOTTAKERE", 120), e("SH_BARN", 40), e("SH_KRONER", 1_250_000)],
        user=bjorn,
        source=Source.TYPED,
        now=oslo(2024, 2, 6),
    )
    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 0, 3)
    assert ValueVersion.objects.count() == 3
    assert not ValueVersion.objects.filter(recorded_by=bjorn).exists()


def test_empty_entry_without_a_value_is_unchanged(
    regions: dict[str, Region], anne: User
) -> None:
    outcome = register_values(
        entries=[e("SH_MOTTAKERE", EMPTY)], user=anne, source=Source.TYPED, now=oslo(2024, 2, 5)
    )
    assert (outcome.created, outcome.unchanged) == (0, 1)
    assert ValueVersion.objects.count() == 0


def test_change_supersedes_the_old_version_and_history_keeps_both(
    regions: dict[str, Region], anne: User, bjorn: User
) -> None:
    t1 = oslo(2024, 2, 5, 9, 0)
    t2 = oslo(2024, 2, 8, 14, 30)
    first_month(anne, t1)
    outcome = register_values(
        entries=[e("SH_MOTTAKERE", 125), e("SH_BARN", 40)],
        user=bjorn,
        source=Source.FILE,
        now=t2,
    )
    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 1, 1)
    assert outcome.updated_keys == [(GRUNERLOKKA, JAN_2024, "SH_MOTTAKERE")]
    assert ValueVersion.objects.count() == 4

    history = value_history(GRUNERLOKKA, JAN_2024, "SH_MOTTAKERE")
    assert [v.cell for v in history] == [Cell.of(120), Cell.of(125)]
    old, new = history
    assert (old.recorded_by, old.recorded_at, old.source) == (anne, t1, Source.TYPED)
    assert old.superseded_at == t2
    assert (new.recorded_by, new.recorded_at, new.source) == (bjorn, t2, Source.FILE)
    assert new.superseded_at is None
    assert current()["SH_MOTTAKERE"] == Cell.of(125)
    # The unchanged figure still has its single version.
    assert len(value_history(GRUNERLOKKA, JAN_2024, "SH_BARN")) == 1


def test_number_to_dot_and_clearing_are_new_versions(
    regions: dict[str, Region], anne: User
) -> None:
    first_month(anne, oslo(2024, 2, 5))
    register_values(
        entries=[e("SH_MOTTAKERE", DOTTED), e("SH_BARN", EMPTY), e("SH_KRONER", DOTTED)],
        user=anne, source=Source.TYPED, now=oslo(2024, 2, 6),
    )
    assert current() == {"SH_MOTTAKERE": DOTTED, "SH_BARN": EMPTY, "SH_KRONER": DOTTED}
    cleared = ValueVersion.objects.get(figure_id="SH_BARN", superseded_at__isnull=True)
    assert (cleared.kind, cleared.number) == ("empty", None)
    assert ValueVersion.objects.count() == 6


def test_correction_after_the_deadline_is_late(
    regions: dict[str, Region], anne: User
) -> None:
    first_month(anne, oslo(2024, 2, 5))
    register_values(
        entries=[e("SH_BARN", 41)], user=anne, source=Source.TYPED, now=oslo(2024, 2, 10, 23, 59)
    )
    register_values(
        entries=[e("SH_BARN", 42)], user=anne, source=Source.TYPED, now=oslo(2024, 2, 11, 0, 1)
    )
    assert [v.late for v in value_history(GRUNERLOKKA, JAN_2024, "SH_BARN")] == [False, False, True]


def test_backfill_2023_late_only_after_end_of_may(
    regions: dict[str, Region], anne: User
) -> None:
    march = Period(2023, 3)
    register_values(entries=[e("SH_MOTTAKERE", 100, period=march)], user=anne,
                    source=Source.TYPED, now=oslo(2023, 5, 31, 22))
    register_values(entries=[e("SH_MOTTAKERE", 101, period=march)], user=anne,
                    source=Source.TYPED, now=oslo(2023, 6, 1, 8))
    assert [v.late for v in value_history(GRUNERLOKKA, march, "SH_MOTTAKERE")] == [False, True]


def test_voluntary_2022_is_never_late(regions: dict[str, Region], anne: User) -> None:
    register_values(entries=[e("SH_MOTTAKERE", 90, period=Period(2022, 3))], user=anne,
                    source=Source.TYPED, now=oslo(2024, 11, 1))
    assert ValueVersion.objects.get().late is False


def test_concurrent_edit_raises_and_writes_nothing(
    regions: dict[str, Region], anne: User, bjorn: User
) -> None:
    first_month(anne, oslo(2024, 2, 5))
    keys = [(GRUNERLOKKA, JAN_2024, c) for c in ("SH_MOTTAKERE", "SH_BARN", "SH_KRONER")]
    # Anne opens the form: she sees these versions.
    seen = {k: v.pk for k, v in current_versions(keys).items()}
    assert len(seen) == 3
    # Bjørn changes the recipients meanwhile.
    register_values(entries=[e("SH_MOTTAKERE", 130)], user=bjorn, source=Source.TYPED,
                    now=oslo(2024, 2, 6, 10))
    bjorns = ValueVersion.objects.get(recorded_by=bjorn)
    before = ValueVersion.objects.count()

    with pytest.raises(ConcurrentEditError) as caught:
        register_values(
            entries=[e("SH_MOTTAKERE", 121), e("SH_BARN", 45)],
            user=anne, source=Source.TYPED, now=oslo(2024, 2, 6, 11), expected=seen,
        )
    assert [v.pk for v in caught.value.changed] == [bjorns.pk]
    assert ValueVersion.objects.count() == before
    assert current()["SH_MOTTAKERE"] == Cell.of(130)
    assert current()["SH_BARN"] == Cell.of(40)


def test_expected_none_but_someone_created_a_value(
    regions: dict[str, Region], anne: User, bjorn: User
) -> None:
    key = (GRUNERLOKKA, JAN_2024, "SH_MOTTAKERE")
    register_values(entries=[e("SH_MOTTAKERE", 50)], user=bjorn, source=Source.TYPED,
                    now=oslo(2024, 2, 3))
    with pytest.raises(ConcurrentEditError) as caught:
        register_values(entries=[e("SH_MOTTAKERE", 60)], user=anne, source=Source.TYPED,
                        now=oslo(2024, 2, 4), expected={key: None})
    assert [v.number for v in caught.value.changed] == [50]
    assert ValueVersion.objects.count() == 1


def test_matching_expected_versions_save(
    regions: dict[str, Region], anne: User
) -> None:
    first_month(anne, oslo(2024, 2, 5))
    key = (GRUNERLOKKA, JAN_2024, "SH_MOTTAKERE")
    seen = {key: current_versions([key])[key].pk}
    outcome = register_values(entries=[e("SH_MOTTAKERE", 121)], user=anne, source=Source.TYPED,
                              now=oslo(2024, 2, 6), expected=seen)
    assert outcome.updated == 1


def test_sub_count_above_total_is_refused_and_nothing_written(
    regions: dict[str, Region], anne: User
) -> None:
    before = ValueVersion.objects.count()
    with pytest.raises(RegistrationError) as caught:
        register_values(
            entries=[e("SH_MOTTAKERE", 10), e("SH_BARN", 12), e("SH_KRONER", 90_000)],
            user=anne, source=Source.TYPED, now=oslo(2024, 2, 5),
        )
    assert set(caught.value.errors) == {(GRUNERLOKKA, JAN_2024, "SH_BARN")}
    assert "10" in caught.value.errors[(GRUNERLOKKA, JAN_2024, "SH_BARN")]
    assert ValueVersion.objects.count() == before == 0


def test_one_bad_area_stops_the_whole_save(
    regions: dict[str, Region], anne: User
) -> None:
    with pytest.raises(RegistrationError) as caught:
        register_values(
            entries=[
                e("SH_MOTTAKERE", 50, area=GAMLE_OSLO),
                e("SH_MOTTAKERE", DOTTED),
                e("SH_KRONER", 4000),
            ],
            user=anne, source=Source.TYPED, now=oslo(2024, 2, 5),
        )
    assert set(caught.value.errors) == {(GRUNERLOKKA, JAN_2024, "SH_KRONER")}
    assert ValueVersion.objects.count() == 0




def test_new_entry_is_checked_against_the_stored_month(
    regions: dict[str, Region], anne: User
) -> None:
    first_month(anne, oslo(2024, 2, 5))  # 120 recipients stored
    with pytest.raises(RegistrationError) as caught:
        register_values(entries=[e("SH_BARN", 121)], user=anne, source=Source.TYPED,
                        now=oslo(2024, 2, 6))
    assert set(caught.value.errors) == {(GRUNERLOKKA, JAN_2024, "SH_BARN")}


def test_lowering_the_total_below_a_stored_sub_count_is_refused(
    regions: dict[str, Region], anne: User
) -> None:
    first_month(anne, oslo(2024, 2, 5))  # 120 recipients, 40 with children
    with pytest.raises(RegistrationError) as caught:
        register_values(entries=[e("SH_MOTTAKERE", 30)], user=anne, source=Source.TYPED,
                        now=oslo(2024, 2, 6))
    assert set(caught.value.errors) == {(GRUNERLOKKA, JAN_2024, "SH_BARN")}


def test_dot_rules_come_from_the_seeded_catalogue(
    regions: dict[str, Region], anne: User
) -> None:
    with pytest.raises(RegistrationError) as caught:
        register_values(
            entries=[
                e("SH_MOTTAKERE", 100), e("SH_UNDER30", 20), e("SH_UNDER25", 21),
                e("SH_KRONER", DOTTED),
            ],
            user=anne, source=Source.TYPED, now=oslo(2024, 2, 5),
        )
    assert set(caught.value.errors) == {
        (GRUNERLOKKA, JAN_2024, "SH_UNDER25"),
        (GRUNERLOKKA, JAN_2024, "SH_KRONER"),
    }


@pytest.mark.parametrize(
    "period", [Period(2024, 2), Period(2024, 3), Period(2021, 12), Period(2020, 6)]
)
def test_periods_not_open_are_refused(
    regions: dict[str, Region], anne: User, period: Period
) -> None:
    with pytest.raises(RegistrationError) as caught:
        register_values(entries=[e("SH_MOTTAKERE", 100, period=period)], user=anne,
                        source=Source.TYPED, now=oslo(2024, 2, 20))
    assert set(caught.value.errors) == {(GRUNERLOKKA, period, "SH_MOTTAKERE")}
    assert str(period) in caught.value.errors[(GRUNERLOKKA, period, "SH_MOTTAKERE")]
    assert ValueVersion.objects.count() == 0


def test_last_month_opens_at_midnight_norwegian_time(
    regions: dict[str, Region], anne: User
) -> None:
    # 31 Jan 23:30 UTC is already 1 February 00:30 in Oslo: January has ended.
    now = datetime(2024, 1, 31, 23, 30, tzinfo=ZoneInfo("UTC"))
    outcome = register_values(entries=[e("SH_MOTTAKERE", 100)], user=anne,
                              source=Source.TYPED, now=now)
    assert outcome.created == 1
    with pytest.raises(RegistrationError):
        register_values(entries=[e("SH_MOTTAKERE", 100, period=Period(2024, 2))], user=anne,
                        source=Source.TYPED, now=oslo(2024, 2, 29, 23, 59))


def test_unknown_figure_is_refused(regions: dict[str, Region], anne: User) -> None:
    with pytest.raises(RegistrationError) as caught:
        register_values(entries=[e("SH_UKJENT", 100)], user=anne, source=Source.TYPED,
                        now=oslo(2024, 2, 5))
    assert set(caught.value.errors) == {(GRUNERLOKKA, JAN_2024, "SH_UKJENT")}


def test_month_values_as_of_returns_the_registration_as_it_stood(
    regions: dict[str, Region], anne: User, bjorn: User
) -> None:
    t1 = oslo(2024, 2, 5, 9)
    t2 = oslo(2024, 2, 12, 9)
    first_month(anne, t1)
    register_values(entries=[e("SH_MOTTAKERE", 125), e("SH_BARN", DOTTED)], user=bjorn,
                    source=Source.TYPED, now=t2)

    def numbers(as_of: datetime | None) -> dict[str, str]:
        values = month_values([GRUNERLOKKA], JAN_2024, as_of=as_of)
        return {figure: v.cell.as_text() for (_, figure), v in values.items()}

    assert numbers(oslo(2024, 2, 1)) == {}
    assert numbers(oslo(2024, 2, 8)) == {"SH_MOTTAKERE": "120", "SH_BARN": "40",
                                         "SH_KRONER": "1250000"}
    assert numbers(t2) == {"SH_MOTTAKERE": "125", "SH_BARN": ".", "SH_KRONER": "1250000"}
    assert numbers(None) == numbers(t2)


def test_comment_kept_when_entry_comment_is_none(
    regions: dict[str, Region], anne: User
) -> None:
    register_values(entries=[e("SH_MOTTAKERE", 120, comment="Tall fra fagsystemet")], user=anne,
                    source=Source.TYPED, now=oslo(2024, 2, 5))
    register_values(entries=[e("SH_MOTTAKERE", 122)], user=anne, source=Source.TYPED,
                    now=oslo(2024, 2, 6))
    history = value_history(GRUNERLOKKA, JAN_2024, "SH_MOTTAKERE")
    assert [(v.number, v.comment) for v in history] == [
        (120, "Tall fra fagsystemet"),
        (122, "Tall fra fagsystemet"),
    ]


def test_a_new_comment_alone_is_a_change_and_empty_string_clears(
    regions: dict[str, Region], anne: User
) -> None:
    register_values(entries=[e("SH_MOTTAKERE", 120)], user=anne, source=Source.TYPED,
                    now=oslo(2024, 2, 5))
    outcome = register_values(entries=[e("SH_MOTTAKERE", 120, comment="Høyt pga. ny rutine")],
                              user=anne, source=Source.TYPED, now=oslo(2024, 2, 6))
    assert outcome.updated == 1
    outcome = register_values(entries=[e("SH_MOTTAKERE", 120, comment="")], user=anne,
                              source=Source.TYPED, now=oslo(2024, 2, 7))
    assert outcome.updated == 1
    history = value_history(GRUNERLOKKA, JAN_2024, "SH_MOTTAKERE")
    assert [v.comment for v in history] == ["", "Høyt pga. ny rutine", ""]


def test_comment_on_an_empty_cell_is_kept(
    regions: dict[str, Region], anne: User
) -> None:
    outcome = register_values(
        entries=[e("SH_KRONER", EMPTY, comment="Kommer fra økonomi neste uke")],
        user=anne, source=Source.TYPED, now=oslo(2024, 2, 5),
    )
    assert outcome.created == 1
    v = ValueVersion.objects.get()
    assert (v.kind, v.comment) == ("empty", "Kommer fra økonomi neste uke")
