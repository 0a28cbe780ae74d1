"""Group ids in the identity provider's token mapped to roles in Målekort.

Plain Python, read by settings.py at start-up: a mapping that cannot be used
stops the process with a message naming the group, instead of surprising a user
at login. The JSON looks like

    {"<group-id>": {"role": "office_leader", "office": "030102"},
     "<group-id>": [{"role": "directorate", "admin": true}]}
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

# The values of access.models.Role (a test keeps the two in step).
ROLES = ("office_leader", "municipality", "county_governor", "directorate")


class GroupRolesError(ValueError):
    """The group mapping in the configuration cannot be used."""


@dataclass(frozen=True)
class Grant:
    """One role for one office or region; `admin` also opens the admin pages."""

    role: str
    office: str | None = None
    region: str | None = None
    admin: bool = False


GroupRoles = Mapping[str, tuple[Grant, ...]]


def parse_group_roles(text: str) -> dict[str, tuple[Grant, ...]]:
    """Return the grants per group id from the JSON text; empty text means no groups are mapped."""
    if not text.strip():
        return {}
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise GroupRolesError(f"not valid JSON: {error}") from None
    if not isinstance(data, dict):
        raise GroupRolesError("must be a JSON object from group id to role")
    return {str(group): tuple(_grants(str(group), value)) for group, value in data.items()}


def _grants(group: str, value: Any) -> Iterable[Grant]:
    entries = value if isinstance(value, list) else [value]
    if not entries:
        raise GroupRolesError(f"group {group!r}: no role given")
    for entry in entries:
        yield _grant(group, entry)


def _grant(group: str, entry: Any) -> Grant:
    if not isinstance(entry, dict):
        raise GroupRolesError(f"group {group!r}: each role must be an object such as {{\"role\": \"directorate\"}}")
    unknown = set(entry) - {"role", "office", "region", "admin"}
    if unknown:
        raise GroupRolesError(f"group {group!r}: unknown keys {sorted(unknown)}")
    role = entry.get("role")
    if role not in ROLES:
        raise GroupRolesError(f"group {group!r}: role {role!r} is not one of {', '.join(ROLES)}")
    office = _code(group, entry, "office")
    region = _code(group, entry, "region")
    admin = entry.get("admin", False)
    if not isinstance(admin, bool):
        raise GroupRolesError(f"group {group!r}: admin must be true or false")
    if role == "office_leader" and (office is None or region is not None):
        raise GroupRolesError(f"group {group!r}: an office_leader needs an office and no region")
    if role == "municipality" and (office is not None or region is None or len(region) != 4):
        raise GroupRolesError(f"group {group!r}: a municipality needs a 4-digit region (kommune) and no office")
    if role == "county_governor" and (office is not None or region is None or len(region) != 2):
        raise GroupRolesError(f"group {group!r}: a county_governor needs a 2-digit region (fylke) and no office")
    if role == "directorate" and (office is not None or region is not None):
        raise GroupRolesError(f"group {group!r}: the directorate role takes no office or region")
    return Grant(role=role, office=office, region=region, admin=admin)


def _code(group: str, entry: Mapping[str, Any], key: str) -> str | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise GroupRolesError(f"group {group!r}: {key} must be a code written as a string, such as \"030102\"")
    return value.strip()


def grants_for_groups(groups: Iterable[str], mapping: GroupRoles) -> list[Grant]:
    """Return the grants of the groups that are mapped, each once, in the mapping's order."""
    member_of = set(groups)
    seen: list[Grant] = []
    for group, grants in mapping.items():
        if group in member_of:
            seen.extend(grant for grant in grants if grant not in seen)
    return seen
