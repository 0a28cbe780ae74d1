"""`malekort add-user` creates a local user with one role; the password never appears on the command line."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from malekort.access.models import Assignment, Origin
from malekort.access.scope import scope_of

PASSWORD = "Langt-og-unikt-passord-2026"


@pytest.fixture
def new_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MALEKORT_NEW_PASSWORD", PASSWORD)


def _add(*args: str) -> str:
    out = StringIO()
    call_command("add-user", *args, stdout=out)
    return out.getvalue()


def test_an_office_leader_of_an_existing_office(world, new_password) -> None:  # type: ignore[no-untyped-def]
    output = _add("liv", "--role", "office_leader", "--office", world.hallingdal.code)
    assert "Opprettet liv: NAV-leder (H3320)" in output
    user = User.objects.get(username="liv")
    assert user.check_password(PASSWORD)
    assignment = Assignment.objects.get(user=user)
    assert (assignment.role, assignment.office_id, assignment.origin) == ("office_leader", "H3320", Origin.LOCAL)
    assert scope_of(user).office_codes == {"H3320"}
    assert not user.is_staff


@pytest.mark.parametrize(("role", "region", "reaches"), [
    ("municipality", "0301", "municipality_codes"),
    ("county_governor", "42", "county_codes"),
])
def test_a_municipality_or_county_governor_with_its_region(world, new_password, role, region, reaches) -> None:  # type: ignore[no-untyped-def]
    _add("ny", "--role", role, "--region", region)
    assert getattr(scope_of(User.objects.get(username="ny")), reaches) == {region}


def test_the_directorate_reaches_everything_and_the_admin(world, new_password) -> None:  # type: ignore[no-untyped-def]
    _add("dir2", "--role", "directorate")
    user = User.objects.get(username="dir2")
    assert scope_of(user).everything and user.is_staff and user.is_superuser


@pytest.mark.parametrize(("args", "message"), [
    (["--role", "office_leader"], "En NAV-leder må ha et kontor som finnes"),
    (["--role", "office_leader", "--office", "9999"], "En NAV-leder må ha et kontor som finnes"),
    (["--role", "municipality", "--region", "42"], "En kommunebruker må ha en kommune som finnes"),
    (["--role", "county_governor", "--region", "0301"], "En statsforvalter må ha et fylke som finnes"),
])
def test_a_role_without_its_office_or_region_is_refused(world, new_password, args, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CommandError, match=message):
        _add("ny", *args)
    assert not User.objects.filter(username="ny").exists()


def test_an_existing_user_or_a_weak_password_is_refused(world, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MALEKORT_NEW_PASSWORD", PASSWORD)
    with pytest.raises(CommandError, match="Brukeren «alice» finnes allerede"):
        _add("alice", "--role", "directorate")
    monkeypatch.setenv("MALEKORT_NEW_PASSWORD", "demo")
    with pytest.raises(CommandError, match="for kort"):
        _add("ny", "--role", "directorate")
    assert not User.objects.filter(username="ny").exists()


def test_the_password_is_asked_for_twice_when_not_in_the_environment(world, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("MALEKORT_NEW_PASSWORD", raising=False)
    answers = iter([PASSWORD, PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    _add("ny", "--role", "directorate")
    assert User.objects.get(username="ny").check_password(PASSWORD)

    answers = iter([PASSWORD, "noe annet"])
    with pytest.raises(CommandError, match="Passordene er ikke like"):
        _add("ny2", "--role", "directorate")
