"""Every change to indicators, choices, limits and requests goes through these functions.

Each is atomic and keeps the history: a definition gets a new version from a
month, a choice or a limit gets a new record that supersedes the current one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime

from django.contrib.auth.models import User as AuthUser
from django.db import IntegrityError, transaction
from django.db.models import Max

from malekort.areas.models import Region
from malekort.domain.indicators import definitions as d
from malekort.domain.indicators.limits import Limits, check_limits
from malekort.domain.regions import Level
from malekort.indicators.models import (
    Indicator,
    IndicatorChoice,
    IndicatorLimits,
    IndicatorRequest,
    IndicatorVersion,
    RequestStatus,
)
from malekort.indicators.version_fields import model_values
from malekort.statistics.changes import mark_reference_changed

User = AuthUser | None


class IndicatorError(ValueError):
    """A change that cannot be made; the message is for the user."""


@transaction.atomic
def add_version(*, indicator: Indicator, version: d.IndicatorVersion, user: User, now: datetime) -> IndicatorVersion:
    """Return the new version of the definition, in force from its month; earlier months keep theirs."""
    rows = list(IndicatorVersion.objects.select_for_update().filter(indicator=indicator))
    current = [row.to_domain(indicator.code) for row in rows]
    try:
        _, closed = d.next_versions(current, version)
    except d.DefinitionError as error:
        raise IndicatorError(str(error)) from None
    if closed is not None:
        assert closed.valid_to is not None
        IndicatorVersion.objects.filter(indicator=indicator, valid_from=closed.valid_from.first_day).update(
            valid_to=closed.valid_to.first_day
        )
    created = IndicatorVersion.objects.create(
        indicator=indicator, created_at=now, created_by=user, **model_values(version)
    )
    if indicator.owner_id is None:  # the statistics hold the recommended indicators only
        mark_reference_changed()
    return created


@transaction.atomic
def create_own_indicator(
    *, municipality: Region, version: d.IndicatorVersion, user: User, now: datetime
) -> Indicator:
    """Return a new indicator of the municipality's own, shown on its scorecards from now on."""
    if municipality.level != Level.KOMMUNE.value:
        raise IndicatorError("Bare en kommune kan lage egne indikatorer.")
    taken = Indicator.objects.filter(owner=municipality).count()
    code = f"{municipality.code}-{taken + 1:02d}"
    while Indicator.objects.filter(code=code).exists():
        taken += 1
        code = f"{municipality.code}-{taken + 1:02d}"
    order = (Indicator.objects.aggregate(top=Max("sort_order"))["top"] or 0) + 10
    indicator = Indicator.objects.create(code=code, owner=municipality, sort_order=order)
    add_version(indicator=indicator, version=_with_code(version, code), user=user, now=now)
    set_choices(municipality=municipality, shown={indicator.pk: True}, user=user, now=now)
    return indicator


RECOMMENDED_CODE = re.compile(r"B\.[0-9]{3}")


def check_recommended_code(code: str) -> None:
    """Raise IndicatorError unless `code` is free and has the form of a recommended indicator's code (B.105)."""
    if not RECOMMENDED_CODE.fullmatch(code):
        raise IndicatorError(f"«{code}» er ikke en gyldig kode. Skriv «B.» og tre sifre, for eksempel B.105.")
    if Indicator.objects.filter(code=code).exists():
        raise _code_taken(code)


def _code_taken(code: str) -> IndicatorError:
    return IndicatorError(f"Koden {code} er allerede i bruk. Velg en annen kode.")


@transaction.atomic
def create_recommended_indicator(*, code: str, version: d.IndicatorVersion, user: User, now: datetime) -> Indicator:
    """Return a new indicator the Directorate recommends, from the version's month, with the version as its first.

    Every municipality's scorecards show it until the municipality chooses otherwise.
    """
    check_recommended_code(code)
    order = (Indicator.objects.aggregate(top=Max("sort_order"))["top"] or 0) + 10
    try:
        with transaction.atomic():
            indicator = Indicator.objects.create(code=code, owner=None, sort_order=order)
    except IntegrityError:
        # Someone took the code after the check above.
        raise _code_taken(code) from None
    add_version(indicator=indicator, version=_with_code(version, code), user=user, now=now)
    return indicator


def _with_code(version: d.IndicatorVersion, code: str) -> d.IndicatorVersion:
    return replace(version, code=code)


@transaction.atomic
def set_choices(*, municipality: Region, shown: Mapping[int, bool], user: User, now: datetime) -> int:
    """Record which indicators the municipality's scorecards show; return how many choices changed."""
    current = {
        c.indicator_id: c
        for c in IndicatorChoice.objects.select_for_update().filter(
            municipality=municipality, superseded_at__isnull=True
        )
    }
    changed = 0
    for indicator_id, show in shown.items():
        before = current.get(indicator_id)
        if before is not None and before.shown == show:
            continue
        if before is None and show and Indicator.objects.filter(pk=indicator_id, owner__isnull=True).exists():
            # Recommended indicators are shown until the municipality says otherwise.
            continue
        if before is not None:
            IndicatorChoice.objects.filter(pk=before.pk).update(superseded_at=now)
        IndicatorChoice.objects.create(
            municipality=municipality, indicator_id=indicator_id, shown=show, recorded_at=now, recorded_by=user
        )
        changed += 1
    return changed


@transaction.atomic
def set_limits(
    *, indicator: Indicator, municipality: Region | None, limits: Limits | None, direction: d.Direction,
    user: User, now: datetime,
) -> bool:
    """Record new limits (None removes them) for a municipality, or as the Directorate's recommendation.

    Return whether anything changed. `direction` is that of the version in
    force, which decides which way the limits must lie.
    """
    if limits is not None:
        try:
            check_limits(limits, direction)
        except d.DefinitionError as error:
            raise IndicatorError(str(error)) from None
    current = (
        IndicatorLimits.objects.select_for_update()
        .filter(indicator=indicator, municipality=municipality, superseded_at__isnull=True)
        .first()
    )
    if current is not None and current.to_domain() == limits:
        return False
    if current is None and limits is None:
        return False
    if current is not None:
        IndicatorLimits.objects.filter(pk=current.pk).update(superseded_at=now)
    IndicatorLimits.objects.create(
        indicator=indicator, municipality=municipality,
        green=limits.green if limits else None, red=limits.red if limits else None,
        recorded_at=now, recorded_by=user,
    )
    return True


def request_indicator(*, municipality: Region, text: str, user: User, now: datetime) -> IndicatorRequest:
    """Return the municipality's new request to the Directorate for an indicator."""
    text = text.strip()
    if len(text) < 10:
        raise IndicatorError("Beskriv indikatoren du ønsker med minst 10 tegn: hva skal telles, og delt på hva?")
    return IndicatorRequest.objects.create(municipality=municipality, text=text, created_at=now, created_by=user)


@transaction.atomic
def answer_request(
    *, request: IndicatorRequest, accept: bool, answer: str, user: User, now: datetime
) -> IndicatorRequest:
    """Return the request accepted or declined with the Directorate's note, which the municipality sees."""
    locked = IndicatorRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != RequestStatus.PENDING:
        raise IndicatorError("Ønsket er allerede besvart.")
    if not answer.strip():
        raise IndicatorError("Skriv et svar til kommunen.")
    locked.status = RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED
    locked.answer = answer.strip()
    locked.answered_at = now
    locked.answered_by = user
    locked.save(update_fields=["status", "answer", "answered_at", "answered_by"])
    return locked
