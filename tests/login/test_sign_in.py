"""Signing in with a verified ID token's claims: roles from groups, from NAV ident, or none."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from malekort.access.actions import apply_nav_ident_assignments
from malekort.access.models import Assignment, NavIdentAssignment, Origin, Role
from malekort.access.scope import scope_of
from malekort.login.actions import UnusableClaims, sign_in_with_claims
from malekort.login.grants import parse_group_roles

LEADERS_GRUNERLOKKA = "grp-leaders-030102"
ANALYSTS = "grp-analysts"
GROUP_ROLES = parse_group_roles(
    f'{{"{LEADERS_GRUNERLOKKA}": {{"role": "office_leader", "office": "030102"}},'
    f' "{ANALYSTS}": {{"role": "directorate", "admin": true}},'
    ' "grp-closed-office": {"role": "office_leader", "office": "999999"}}'
)


def claims(ident: str = "Z990001", *groups: str, name: str = "Nordmann, Kari") -> dict[str, object]:
    return {"sub": "abc", "NAVident": ident, "name": name, "groups": list(groups),
            "preferred_username": "kari.nordmann@nav.no", "email": "kari.nordmann@nav.no"}


def sign_in(claim_set: dict[str, object]):  # type: ignore[no-untyped-def]
    return sign_in_with_claims(claims=claim_set, group_roles=GROUP_ROLES)


def test_a_leader_in_a_mapped_group_gets_her_office_and_only_ident_and_name_are_kept(world):
    result = sign_in(claims("z990001", LEADERS_GRUNERLOKKA, "grp-unmapped"))

    user = result.user
    assert user is not None and user.username == "Z990001"
    assert (user.first_name, user.last_name, user.email) == ("Nordmann, Kari", "", "")
    assert not user.has_usable_password()
    assert scope_of(User.objects.get(pk=user.pk)).office_codes == {"030102"}
    assert list(Assignment.objects.filter(user=user).values_list("origin", flat=True)) == [Origin.GROUP]
    assert not user.is_staff


def test_the_roles_follow_the_groups_at_every_login(world):
    first = sign_in(claims("Z990001", LEADERS_GRUNERLOKKA)).user
    again = sign_in(claims("Z990001", ANALYSTS, name="Kari Nordmann")).user

    assert again is not None and first is not None and again.pk == first.pk
    assert list(Assignment.objects.filter(user=again).values_list("role", flat=True)) == [Role.DIRECTORATE]
    assert again.is_staff and again.is_superuser and again.first_name == "Kari Nordmann"

    # Out of every mapped group: no access, and the admin rights go too.
    assert sign_in(claims("Z990001", "grp-unmapped")).user is None
    user = User.objects.get(username="Z990001")
    assert not Assignment.objects.filter(user=user).exists()
    assert not (user.is_staff or user.is_superuser)


def test_roles_given_by_nav_ident_count_before_the_first_login(world):
    NavIdentAssignment.objects.create(nav_ident="Z990002", role=Role.COUNTY_GOVERNOR, region_id="42")

    user = sign_in(claims("Z990002")).user

    assert user is not None
    assert scope_of(user).county_codes == {"42"}
    assert list(Assignment.objects.filter(user=user).values_list("origin", flat=True)) == [Origin.NAV_IDENT]


def test_a_change_of_nav_ident_roles_reaches_a_known_user_at_once(world):
    row = NavIdentAssignment.objects.create(nav_ident="Z990002", role=Role.COUNTY_GOVERNOR, region_id="42")
    user = sign_in(claims("Z990002", LEADERS_GRUNERLOKKA)).user
    assert user is not None

    row.delete()
    apply_nav_ident_assignments("z990002")

    assert list(Assignment.objects.filter(user=user).values_list("origin", "role")) == [
        (Origin.GROUP, Role.OFFICE_LEADER)
    ]


def test_someone_with_neither_is_not_stored(world):
    result = sign_in(claims("Z990003", "grp-unmapped"))

    assert result.user is None and result.nav_ident == "Z990003"
    assert not User.objects.filter(username="Z990003").exists()


def test_a_group_for_an_unknown_office_gives_nothing_and_is_logged_without_the_person(world, caplog):
    result = sign_in(claims("Z990004", "grp-closed-office"))

    assert result.user is None
    assert "999999" in caplog.text and "Z990004" not in caplog.text


def test_roles_given_here_by_hand_are_kept(world):
    user = User.objects.create(username="Z990005")
    Assignment.objects.create(user=user, role=Role.MUNICIPALITY, region_id="0301")

    signed_in = sign_in(claims("Z990005")).user

    assert signed_in is not None and signed_in.pk == user.pk
    assert scope_of(signed_in).municipality_codes == {"0301"}


def test_a_deactivated_user_gets_no_access_whatever_the_groups(world):
    User.objects.create(username="Z990006", is_active=False)

    assert sign_in(claims("Z990006", LEADERS_GRUNERLOKKA)).user is None


@pytest.mark.parametrize("ident", [None, "", "kari", "Z99000", 990001])
def test_a_token_without_a_nav_ident_is_refused(world, ident):
    with pytest.raises(UnusableClaims):
        sign_in({"sub": "abc", "NAVident": ident, "groups": [LEADERS_GRUNERLOKKA]})


@pytest.mark.parametrize("left_out", [
    {"_claim_names": {"groups": "src1"}, "_claim_sources": {"src1": {"endpoint": "https://graph.microsoft.com/x"}}},
    {"hasgroups": True},
])
def test_groups_left_out_of_the_token_give_no_role_and_say_so(world, caplog, left_out):
    first = sign_in(claims("Z990001", LEADERS_GRUNERLOKKA)).user
    assert first is not None

    without = {k: v for k, v in claims("Z990001").items() if k != "groups"} | left_out
    result = sign_in(without)

    # Unknown groups give no access: the role from the group is taken away, and the page can say why.
    assert result.user is None and result.groups_left_out
    assert not Assignment.objects.filter(user=first).exists()
    assert "group overage" in caplog.text and "Z990001" not in caplog.text


def test_groups_left_out_leave_the_roles_given_by_nav_ident(world):
    NavIdentAssignment.objects.create(nav_ident="Z990002", role=Role.COUNTY_GOVERNOR, region_id="42")
    result = sign_in({**claims("Z990002"), "groups": None, "hasgroups": True})
    assert result.user is not None and result.groups_left_out
    assert list(Assignment.objects.filter(user=result.user).values_list("origin", flat=True)) == [Origin.NAV_IDENT]


def test_an_empty_group_list_is_no_overage(world):
    assert not sign_in(claims("Z990001")).groups_left_out
