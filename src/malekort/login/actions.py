"""Signing in with the claims of a verified ID token: who the user is and which roles they get."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from malekort.access.actions import Target, nav_ident_targets, replace_assignments
from malekort.access.models import NAV_IDENT_PATTERN, Assignment, Origin, normalised_nav_ident
from malekort.areas.models import Office, Region
from malekort.login.grants import Grant, GroupRoles, grants_for_groups

log = logging.getLogger(__name__)


class UnusableClaims(Exception):
    """The ID token does not say who the user is in a form Målekort can use."""


@dataclass(frozen=True)
class SignIn:
    """The outcome: a user with at least one role, or the NAV ident of someone without access."""

    nav_ident: str
    user: User | None
    # Entra ID left the group list out (too many groups: "overage"), so no role could come from groups.
    groups_left_out: bool = False

    @property
    def has_access(self) -> bool:
        return self.user is not None


@transaction.atomic
def sign_in_with_claims(
    *, claims: Mapping[str, Any], group_roles: GroupRoles, ident_claim: str = "NAVident", groups_claim: str = "groups"
) -> SignIn:
    """Return the user for these claims with their roles from groups and NAV ident brought up to date.

    Only the NAV ident (as user name) and a display name are kept. Someone with
    no role is not stored; someone who had roles and lost them keeps only what
    was given by hand here.
    """
    nav_ident = _nav_ident(claims.get(ident_claim))
    groups = claims.get(groups_claim) or []
    if not isinstance(groups, list):
        groups = []
    left_out = _groups_left_out(claims, groups_claim)
    if left_out:
        # Roles from groups are then taken away, as for someone in none of them: unknown groups give no access.
        log.warning("OpenID Connect: the ID token names no groups but says the user has some (group overage); "
                    "assign the groups to the app registration so that only those are sent")
    from_groups = _existing(grants_for_groups((str(g) for g in groups), group_roles))
    from_ident = nav_ident_targets(nav_ident)

    user = User.objects.filter(username=nav_ident).first()
    has_local = user is not None and Assignment.objects.filter(user=user, origin=Origin.LOCAL).exists()
    if not (from_groups or from_ident or has_local) or (user is not None and not user.is_active):
        if user is not None:
            _apply(user, [], [])
        return SignIn(nav_ident=nav_ident, user=None, groups_left_out=left_out)

    if user is None:
        user = User(username=nav_ident)
        user.set_unusable_password()
    user.first_name = _display_name(claims)[:150]
    user.last_name = ""
    user.email = ""
    user.save()
    _apply(user, from_groups, from_ident)
    return SignIn(nav_ident=nav_ident, user=user, groups_left_out=left_out)


def _groups_left_out(claims: Mapping[str, Any], groups_claim: str) -> bool:
    """Return whether the token says the user is in groups without listing them.

    Entra ID does so for someone in more groups than a token holds: it puts
    the claim under `_claim_names` (pointing at Microsoft Graph) or sets
    `hasgroups`, instead of listing the groups.
    """
    if claims.get(groups_claim):
        return False
    names = claims.get("_claim_names")
    return claims.get("hasgroups") is True or (isinstance(names, Mapping) and groups_claim in names)


def _apply(user: User, from_groups: list[Grant], from_ident: list[Target]) -> None:
    replace_assignments(
        user=user, origin=Origin.GROUP,
        targets=[Target(role=g.role, office=g.office, region=g.region) for g in from_groups],
    )
    replace_assignments(user=user, origin=Origin.NAV_IDENT, targets=from_ident)
    # Admin rights of people who log in through Entra ID follow their groups at every login.
    admin = any(g.admin for g in from_groups)
    if (user.is_staff, user.is_superuser) != (admin, admin):
        user.is_staff = user.is_superuser = admin
        user.save(update_fields=["is_staff", "is_superuser"])


def _nav_ident(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(NAV_IDENT_PATTERN, value.strip()):
        raise UnusableClaims("the ID token has no NAV ident")
    return normalised_nav_ident(value)


def _display_name(claims: Mapping[str, Any]) -> str:
    name = claims.get("name")
    if isinstance(name, str) and name.strip():
        return name.strip()
    parts = [claims.get("given_name"), claims.get("family_name")]
    return " ".join(p.strip() for p in parts if isinstance(p, str) and p.strip())


def _existing(grants: list[Grant]) -> list[Grant]:
    """Return the grants whose office or region exists; the others are reported once per login."""
    offices = set(Office.objects.filter(code__in=[g.office for g in grants if g.office]).values_list("code", flat=True))
    regions = set(Region.objects.filter(code__in=[g.region for g in grants if g.region]).values_list("code", flat=True))
    usable = []
    for grant in grants:
        if (grant.office and grant.office not in offices) or (grant.region and grant.region not in regions):
            log.warning("MALEKORT_OIDC_GROUP_ROLES names an unknown office or region: %s", grant.office or grant.region)
            continue
        usable.append(grant)
    return usable
