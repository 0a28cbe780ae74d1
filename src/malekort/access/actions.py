"""Writes of roles that come from outside the user's own admin page: groups and NAV idents."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction

from malekort.access.models import Assignment, NavIdentAssignment, Origin, normalised_nav_ident


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
