"""The group mapping read from MALEKORT_OIDC_GROUP_ROLES: what is accepted, and what stops the start."""

from __future__ import annotations

import pytest

from malekort.access.models import Role
from malekort.login.grants import ROLES, Grant, GroupRolesError, grants_for_groups, parse_group_roles

LEADERS = "6f1c0a52-0000-4000-8000-000000000001"
ANALYSTS = "6f1c0a52-0000-4000-8000-000000000002"


def test_roles_are_the_roles_of_the_access_app():
    assert set(ROLES) == set(Role.values)


def test_one_role_or_a_list_of_roles_per_group():
    mapping = parse_group_roles(
        f'{{"{LEADERS}": {{"role": "office_leader", "office": "030102"}},'
        f' "{ANALYSTS}": [{{"role": "directorate", "admin": true}}, {{"role": "county_governor", "region": "42"}}]}}'
    )
    assert mapping == {
        LEADERS: (Grant(role="office_leader", office="030102"),),
        ANALYSTS: (Grant(role="directorate", admin=True), Grant(role="county_governor", region="42")),
    }


def test_empty_text_maps_no_group():
    assert parse_group_roles("  ") == {}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not valid JSON"),
        ('["a"]', "JSON object"),
        ('{"g": {"role": "boss"}}', "role 'boss' is not one of"),
        ('{"g": {"role": "office_leader"}}', "needs an office"),
        ('{"g": {"role": "office_leader", "office": 30102}}', "office must be a code written as a string"),
        ('{"g": {"role": "municipality", "region": "03"}}', "4-digit region"),
        ('{"g": {"role": "county_governor", "region": "0301"}}', "2-digit region"),
        ('{"g": {"role": "directorate", "office": "030102"}}', "takes no office or region"),
        ('{"g": {"role": "directorate", "admin": "yes"}}', "admin must be true or false"),
        ('{"g": {"role": "directorate", "scope": "all"}}', "unknown keys ['scope']"),
        ('{"g": []}', "no role given"),
    ],
)
def test_a_mapping_that_cannot_be_used_names_the_group_and_the_fault(text, message):
    with pytest.raises(GroupRolesError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_group_roles(text)


def test_grants_of_the_groups_a_user_is_in_each_once():
    mapping = parse_group_roles(
        '{"a": {"role": "county_governor", "region": "42"}, "b": {"role": "county_governor", "region": "42"},'
        ' "c": {"role": "directorate"}}'
    )
    assert grants_for_groups(["b", "a", "x"], mapping) == [Grant(role="county_governor", region="42")]
    assert grants_for_groups([], mapping) == []
