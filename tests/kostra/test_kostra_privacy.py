"""Nothing person-level from a KOSTRA file is stored, logged or written to disk."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
from kostra_files import DUFS, IDENTITIES, oslo_file, qualification_file

from malekort.figures.models import ValueVersion
from malekort.kostra.models import KostraImport

pytestmark = pytest.mark.django_db(transaction=False)

# Identity and DUF numbers, the journal numbers the test files use, the caseworker and the birth dates.
PERSONAL = [*IDENTITIES, *DUFS, "ØYVIND", "01011990", "01011994"]


def everything_stored() -> str:
    """Return every value of every row of every table, and every session decoded, as one text."""
    found = io.StringIO()
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"SELECT * FROM {table}")
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, bytes | memoryview):
                        found.write(bytes(value).decode("latin-1"))
                    else:
                        found.write(str(value))
                    found.write("\n")
    for session in Session.objects.all():
        found.write(str(SessionStore().decode(session.session_data)))
    return found.getvalue()


def test_import_by_command_keeps_no_identity_number_and_logs_none(
    world, tmp_path: Path, caplog: pytest.LogCaptureFixture  # type: ignore[no-untyped-def]
) -> None:
    caplog.set_level(logging.DEBUG)
    last_year = tmp_path / "11F_2024.dat"
    last_year.write_bytes(oslo_file("01", "02", year=2024, months=frozenset({11, 12})))
    this_year = tmp_path / "11F_2025.dat"
    this_year.write_bytes(oslo_file("01", "02"))
    kvp = tmp_path / "11CF_2025.dat"
    kvp.write_bytes(qualification_file("02"))
    out = io.StringIO()
    call_command("import-kostra", str(last_year), str(this_year), str(kvp), "--through", "2025-03", stdout=out)
    assert ValueVersion.objects.count() > 100 and KostraImport.objects.count() == 3
    stored = everything_stored()
    assert "030102" in stored  # the scan does see the values
    for number in PERSONAL:
        assert number not in stored
        assert number not in caplog.text
        assert number not in out.getvalue()


def test_import_by_the_web_page_keeps_nothing_on_disk_or_in_the_session(
    world, tmp_path: Path, settings  # type: ignore[no-untyped-def]
) -> None:
    # Django would write an upload this large to a temporary file in this folder.
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    client = Client()
    client.force_login(world.olga)
    checked = client.post("/kostra/import/", {
        "action": "check", "through": "2025-03",
        "files": [SimpleUploadedFile("oslo.dat", oslo_file("01", "02"))],
    })
    assert checked.status_code == 200
    assert list(tmp_path.iterdir()) == []
    waiting = everything_stored()
    for number in PERSONAL:
        assert number not in waiting
    client.post("/kostra/import/", {"action": "confirm", "token": checked.context["token"]})
    assert ValueVersion.objects.exists()
    stored = everything_stored()
    for number in PERSONAL:
        assert number not in stored
    assert list(tmp_path.iterdir()) == []
