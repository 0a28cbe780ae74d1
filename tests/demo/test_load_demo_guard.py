"""`load-demo` never runs with debug off unless forced, and never on a database with real work in it."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from pytest_django.fixtures import Settings


def _load_demo(*args: str) -> str:
    out = StringIO()
    call_command("load-demo", "--skip-values", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def sample_only(settings: Settings, tmp_path: Path) -> None:
    """The fictional sample built into the project (no SSB files, no network)."""
    settings.MALEKORT_SSB_DIR = str(tmp_path / "finnes-ikke")


def test_with_debug_off_it_refuses_unless_forced(db: None, settings: Settings, sample_only: None) -> None:
    settings.DEBUG = False
    with pytest.raises(CommandError, match="MALEKORT_DEBUG er av"):
        _load_demo()
    assert not User.objects.exists()

    output = _load_demo("--force")
    assert User.objects.filter(username="direktorat", is_superuser=True).exists()
    assert "Demobrukere" in output


def test_a_database_with_real_users_offices_or_values_is_refused_even_when_forced(
    world, settings: Settings, sample_only: None  # type: ignore[no-untyped-def]
) -> None:
    settings.DEBUG = True
    for args in ((), ("--force",)):
        with pytest.raises(CommandError, match=r"ikke er eksempeldata \(5 brukere, 4 kontorer\)"):
            _load_demo(*args)
    assert not User.objects.filter(username="direktorat").exists()


def test_a_demo_database_may_be_loaded_again_and_the_address_is_the_one_configured(
    db: None, settings: Settings, sample_only: None
) -> None:
    settings.DEBUG = True
    settings.MALEKORT_BASE_URL = ""
    first = _load_demo()
    assert "Logg inn på" not in first and "127.0.0.1" not in first

    settings.MALEKORT_BASE_URL = "http://localhost:9000/"
    again = _load_demo()
    assert "Logg inn på http://localhost:9000/ når serveren har startet." in again
