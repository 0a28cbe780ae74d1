"""Writes of roles that come from outside the user's own admin page: groups and NAV idents."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction

from malekort.access.models import Assignment, NavIdentAssignment, Origin, Role, normalised_nav_ident


@dataclass(frozen=True)
class Target:
    """A role for one office or region, as an assignment holds it."""

    role: str
    office: str | None = None
    region: str | None = None


@transaction.atomic
def replace_assignments(*, user: User, origin: Origin, targets: Iterable[Target]) -> None:
    """Make the user's assignments of this origin exactly the targets; others are left alone."""
    if origin == Origin.LOCAL:
        raise ValueError("local assignments are edited by hand, not replaced")
    Assignment.objects.filter(user=user, origin=origin).delete()
    Assignment.objects.bulk_create(
        Assignment(user=user, origin=origin, role=t.role, office_id=t.office, region_id=t.region)
        for t in dict.fromkeys(targets)
    )


def nav_ident_targets(nav_ident: str) -> list[Target]:
    """Return the roles given to this NAV ident."""
    rows = NavIdentAssignment.objects.filter(nav_ident=normalised_nav_ident(nav_ident)).order_by("pk")
    return [Target(role=r.role, office=r.office_id, region=r.region_id) for r in rows]


@transaction.atomic
def apply_nav_ident_assignments(nav_ident: str) -> None:
    """Bring the assignments of the user with this NAV ident (if they have logged in) in line at once."""
    user = User.objects.filter(username=normalised_nav_ident(nav_ident)).first()
    if user is not None:
        replace_assignments(user=user, origin=Origin.NAV_IDENT, targets=nav_ident_targets(nav_ident))


_PASSWORD_PROBLEMS = {
    "password_too_short": "Passordet er for kort (minst 8 tegn).",
    "password_too_common": "Passordet er for vanlig.",
    "password_too_similar": "Passordet ligner for mye på brukernavnet.",
    "password_entirely_numeric": "Passordet kan ikke bare være tall.",
}


class LocalUserError(Exception):
    """Why a local user cannot be created, in Norwegian."""


@transaction.atomic
def create_local_user(*, username: str, role: Role, password: str, office: str | None = None,
                      region: str | None = None) -> User:
    """Create a user who logs in with a password, with one role; the Directorate's users may use /admin/."""
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from malekort.areas.models import Office, Region

    if User.objects.filter(username=username).exists():
        raise LocalUserError(f"Brukeren «{username}» finnes allerede.")
    if role == Role.OFFICE_LEADER:
        if not office or not Office.objects.filter(code=office).exists():
            raise LocalUserError("En NAV-leder må ha et kontor som finnes (--office KODE).")
        region = None
    elif role in (Role.MUNICIPALITY, Role.COUNTY_GOVERNOR):
        level, needs = (
            ("kommune", "En kommunebruker må ha en kommune som finnes (--region med fire siffer).")
            if role == Role.MUNICIPALITY
            else ("fylke", "En statsforvalter må ha et fylke som finnes (--region med to siffer).")
        )
        if not region or not Region.objects.filter(code=region, level=level).exists():
            raise LocalUserError(needs)
        office = None
    else:
        office = region = None
    user = User(username=username, is_staff=role == Role.DIRECTORATE, is_superuser=role == Role.DIRECTORATE)
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise LocalUserError(" ".join(
            _PASSWORD_PROBLEMS.get(str(e.code), "Passordet er ikke godt nok.") for e in error.error_list
        )) from None
    user.set_password(password)
    user.save()
    Assignment.objects.create(user=user, origin=Origin.LOCAL, role=role, office_id=office, region_id=region)
    return user
