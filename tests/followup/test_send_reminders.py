"""`malekort send-reminders`: each office that has not reported gets each mail once, and the test reads it.

April 2024 is due on 10 May 2024. With the defaults (3 days before, 1 day
after) the reminder goes out 7–10 May and the notice 11–31 May.
"""

from __future__ import annotations

import smtplib
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.mail import EmailMessage
from django.core.management import CommandError, call_command
from followup_helpers import HALLINGDAL_CODES, oslo

from malekort.access.models import Assignment, Role
from malekort.domain.periods import Period
from malekort.domain.reporting import ReminderStage
from malekort.followup.models import ReminderSent
from malekort.followup.reminders import claim_and_send, reminder_message
from malekort.followup.selectors import offices_to_remind

APRIL = Period(2024, 4)


@pytest.fixture
def leaders(world) -> None:
    """alice and hallvard have addresses; Hallingdal also has a leader without one and a former leader."""
    for user in (world.alice, world.hallvard):
        user.email = f"{user.username}@nav.invalid"
        user.save()
    Assignment.objects.create(
        user=User.objects.create_user("petter", first_name="Petter"), role=Role.OFFICE_LEADER, office=world.hallingdal
    )
    Assignment.objects.create(
        user=User.objects.create_user("old", email="old@nav.invalid", is_active=False),
        role=Role.OFFICE_LEADER, office=world.hallingdal,
    )
    # Grünerløkka has reported April; nobody else has.


@pytest.fixture
def grunerlokka_reported(register) -> None:
    register("030102", "2024-04", oslo(2024, 5, 2, 10))


def run(*args: str) -> str:
    out = StringIO()
    call_command("send-reminders", *args, stdout=out)
    return out.getvalue()


def test_running_twice_on_the_same_day_sends_each_reminder_once(world, leaders, grunerlokka_reported, mailoutbox):
    run("--today", "2024-05-08")
    output = run("--today", "2024-05-08")
    assert "Ingenting å sende" in output
    assert sorted(sorted(m.to) for m in mailoutbox) == [
        ["030101@nav.invalid"],
        ["4204@nav.invalid"],
        ["H3320@nav.invalid", "hallvard@nav.invalid"],
    ]
    assert ReminderSent.objects.filter(period="2024-04-01", stage="reminder").count() == 3
    assert not any("alice@nav.invalid" in m.to or "030102@nav.invalid" in m.to for m in mailoutbox)


def test_the_reminder_names_the_month_the_deadline_and_the_missing_areas(
    world, leaders, grunerlokka_reported, mailoutbox
):
    run("--today", "2024-05-07")
    mail = next(m for m in mailoutbox if "H3320@nav.invalid" in m.to)
    assert mail.to == ["hallvard@nav.invalid", "H3320@nav.invalid"]
    assert mail.from_email == "malekort@nav.no"
    assert mail.subject == "Påminnelse: nøkkeltallene for april 2024 skal registreres innen 10. mai 2024"
    assert "Nav Hallingdal for april 2024. Fristen er 10. mai 2024." in mail.body
    areas = "- Flå (3320)\n- Nesbyen (3322)\n- Gol (3324)\n- Hemsedal (3326)\n- Ål (3328)\n- Hol (3330)\n"
    assert areas in mail.body
    assert "http://127.0.0.1:8000/kontor/H3320/2024-04/" in mail.body
    assert "&amp;" not in mail.body and "&#x27;" not in mail.body
    record = ReminderSent.objects.get(office=world.hallingdal, stage="reminder")
    assert record.recipients == "hallvard@nav.invalid, H3320@nav.invalid"


def test_the_notice_after_the_deadline_is_its_own_stage(world, leaders, grunerlokka_reported, mailoutbox):
    run("--today", "2024-05-09")
    assert len(mailoutbox) == 3
    run("--today", "2024-05-11")
    run("--today", "2024-05-12")
    assert len(mailoutbox) == 6
    notices = mailoutbox[3:]
    mail = next(m for m in notices if "4204@nav.invalid" in m.to)
    assert mail.subject == "Vi mangler nøkkeltallene for april 2024 fra Nav Kristiansand"
    assert "var 10. mai 2024" in mail.body and "- Kristiansand (4204)" in mail.body
    assert ReminderSent.objects.filter(stage="notice").count() == 3


@pytest.mark.parametrize("day", ["2024-05-06", "2024-05-01", "2024-06-01", "2024-06-05"])
def test_a_day_in_neither_window_sends_nothing(world, leaders, mailoutbox, day):
    output = run("--today", day)
    assert mailoutbox == []
    assert ReminderSent.objects.count() == 0
    assert "Ingenting å sende" in output


def test_an_office_that_has_reported_gets_no_notice(world, leaders, grunerlokka_reported, register, mailoutbox):
    run("--today", "2024-05-08")
    assert any("H3320@nav.invalid" in m.to for m in mailoutbox)
    for code in HALLINGDAL_CODES:
        register(code, "2024-04", oslo(2024, 5, 10, 16))
    mailoutbox.clear()
    run("--today", "2024-05-11")
    assert sorted(m.to[0] for m in mailoutbox) == ["030101@nav.invalid", "4204@nav.invalid"]


def test_only_the_areas_still_missing_are_named(world, leaders, register, mailoutbox):
    for code in HALLINGDAL_CODES[:-1]:
        register(code, "2024-04", oslo(2024, 5, 3, 10))
    run("--today", "2024-05-11")
    mail = next(m for m in mailoutbox if "H3320@nav.invalid" in m.to)
    assert "- Hol (3330)" in mail.body
    assert "Flå" not in mail.body and "Gol" not in mail.body


def test_an_office_without_addresses_is_reported_and_not_recorded(world, leaders, mailoutbox):
    world.gamle_oslo.email = ""
    world.gamle_oslo.save()
    output = run("--today", "2024-05-08")
    assert "Nav Gamle Oslo (030101) – ingen e-postadresse" in output
    assert not ReminderSent.objects.filter(office=world.gamle_oslo).exists()
    assert len(mailoutbox) == 3  # Grünerløkka, Hallingdal, Kristiansand


def test_a_mail_that_fails_is_not_recorded_and_goes_out_next_time(world, leaders, mailoutbox, monkeypatch):
    def broken(self, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("forbindelsen brøt")

    monkeypatch.setattr(EmailMessage, "send", broken)
    with pytest.raises(CommandError, match="4 e-poster kunne ikke sendes"):
        run("--today", "2024-05-08")
    assert ReminderSent.objects.count() == 0
    monkeypatch.undo()
    run("--today", "2024-05-08")
    assert len(mailoutbox) == 4
    assert ReminderSent.objects.count() == 4


def test_the_unique_claim_stops_a_second_send(world, leaders, mailoutbox):
    (target,) = [t for t in offices_to_remind(APRIL, ReminderStage.NOTICE, oslo(2024, 5, 11).date())
                 if t.office_code == "4204"]
    now = oslo(2024, 5, 11, 6)
    message = reminder_message(target, APRIL, ReminderStage.NOTICE)
    assert claim_and_send(target, APRIL, ReminderStage.NOTICE, message, now) is True
    # A second run that read the offices before the first one recorded its mail.
    assert claim_and_send(target, APRIL, ReminderStage.NOTICE, message, now) is False
    assert len(mailoutbox) == 1
    assert ReminderSent.objects.count() == 1


def test_dry_run_sends_and_records_nothing(world, leaders, mailoutbox):
    output = run("--today", "2024-05-08", "--dry-run")
    assert "Nav Hallingdal (H3320) – ville blitt sendt til hallvard@nav.invalid, H3320@nav.invalid" in output
    assert mailoutbox == []
    assert ReminderSent.objects.count() == 0


def test_days_and_base_url_come_from_settings(world, leaders, mailoutbox, settings):
    settings.MALEKORT_REMINDER_DAYS_BEFORE = 5
    settings.MALEKORT_NOTICE_DAYS_AFTER = 3
    settings.MALEKORT_BASE_URL = "https://malekort.nav.no/"
    run("--today", "2024-05-05")
    assert len(mailoutbox) == 4
    kristiansand = next(m for m in mailoutbox if "4204@nav.invalid" in m.to)
    assert "https://malekort.nav.no/kontor/4204/2024-04/" in kristiansand.body
    mailoutbox.clear()
    run("--today", "2024-05-12")
    assert mailoutbox == []
    run("--today", "2024-05-13")
    assert len(mailoutbox) == 4


def test_a_bad_date_is_refused(world):
    with pytest.raises(CommandError, match="ÅÅÅÅ-MM-DD"):
        run("--today", "2024-13-01")
