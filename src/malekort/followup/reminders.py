"""E-mail reminders before the deadline and notices after it to offices that have not reported.

Each mail is recorded in `ReminderSent` in the same transaction as it is
sent: the unique constraint on (office, month, stage) makes a second run,
even a concurrent one, skip it, and a mail that fails to send rolls its
record back, so the next run tries again.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from malekort.domain.deadlines import deadline_for
from malekort.domain.periods import Period, label
from malekort.domain.reporting import ReminderStage, day_label, reminders_due
from malekort.followup.models import ReminderSent
from malekort.followup.selectors import OfficeToRemind, offices_to_remind

DEFAULT_BASE_URL = "http://127.0.0.1:8000"


class Outcome(enum.Enum):
    SENT = "sent"
    ALREADY_SENT = "already_sent"
    NO_RECIPIENTS = "no_recipients"
    FAILED = "failed"
    WOULD_SEND = "would_send"  # a dry run

    @property
    def label(self) -> str:
        return {
            Outcome.SENT: "sendt",
            Outcome.ALREADY_SENT: "allerede sendt",
            Outcome.NO_RECIPIENTS: "ingen e-postadresse",
            Outcome.FAILED: "feilet",
            Outcome.WOULD_SEND: "ville blitt sendt",
        }[self]


@dataclass(frozen=True)
class ReminderResult:
    office_code: str
    office_name: str
    period: Period
    stage: ReminderStage
    recipients: tuple[str, ...]
    outcome: Outcome
    error: str = ""


def registration_link(office_code: str, period: Period) -> str:
    """Return the full address of the office's registration page for the month."""
    base = str(getattr(settings, "MALEKORT_BASE_URL", DEFAULT_BASE_URL) or DEFAULT_BASE_URL).rstrip("/")
    return base + reverse("office-month", args=[office_code, str(period)])


def reminder_message(target: OfficeToRemind, period: Period, stage: ReminderStage) -> EmailMessage:
    """Return the mail (in Norwegian) that names the month, the deadline and the areas without figures."""
    deadline = deadline_for(period)
    if deadline is None:
        raise ValueError(f"{period} har ingen frist")
    context = {
        "stage": stage.value,
        "office_name": target.office_name,
        "period_label": label(period),
        "deadline_label": day_label(deadline),
        "areas": target.areas,
        "link": registration_link(target.office_code, period),
    }
    if stage is ReminderStage.REMINDER:
        subject = f"Påminnelse: nøkkeltallene for {label(period)} skal registreres innen {day_label(deadline)}"
    else:
        subject = f"Vi mangler nøkkeltallene for {label(period)} fra {target.office_name}"
    body = render_to_string("followup/reminder_mail.txt", context)
    return EmailMessage(subject=subject, body=body, to=target.recipients)


def claim_and_send(
    target: OfficeToRemind, period: Period, stage: ReminderStage, message: EmailMessage, now: datetime
) -> bool:
    """Record the reminder and send it in one transaction; return False if it was already recorded.

    If sending raises, the record is rolled back and the error propagates.
    """
    try:
        with transaction.atomic():
            ReminderSent.objects.create(
                office_id=target.office_code,
                period=period.first_day,
                stage=stage.value,
                sent_at=now,
                recipients=", ".join(message.to),
            )
            message.send(fail_silently=False)
    except IntegrityError:
        return False
    return True


def send_reminders(
    today: date,
    *,
    days_before: int,
    days_after: int,
    dry_run: bool = False,
    now: datetime | None = None,
) -> list[ReminderResult]:
    """Send the reminders and notices due on `today` (Norwegian date) to offices that have not reported.

    Each office gets at most one mail per month and stage, however often this runs.
    """
    moment = now or timezone.now()
    results: list[ReminderResult] = []
    for period, stage in reminders_due(today, days_before=days_before, days_after=days_after):
        for target in offices_to_remind(period, stage, today):
            outcome, error = _remind(target, period, stage, moment, dry_run=dry_run)
            results.append(
                ReminderResult(
                    office_code=target.office_code,
                    office_name=target.office_name,
                    period=period,
                    stage=stage,
                    recipients=tuple(target.recipients),
                    outcome=outcome,
                    error=error,
                )
            )
    return results


def _remind(
    target: OfficeToRemind, period: Period, stage: ReminderStage, now: datetime, *, dry_run: bool
) -> tuple[Outcome, str]:
    if not target.recipients:
        return Outcome.NO_RECIPIENTS, ""
    message = reminder_message(target, period, stage)
    if dry_run:
        return Outcome.WOULD_SEND, ""
    try:
        sent = claim_and_send(target, period, stage, message, now)
    except Exception as error:  # any mail backend failure: report it and go on with the next office
        return Outcome.FAILED, f"{type(error).__name__}: {error}"
    return (Outcome.SENT if sent else Outcome.ALREADY_SENT), ""
