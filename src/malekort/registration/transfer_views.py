"""Upload a file of values (checked first, then imported) and download values as CSV or Excel."""

from __future__ import annotations

import io

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from malekort.access.scope import scope_of
from malekort.domain.deadlines import FIRST_PERIOD, last_complete_period
from malekort.domain.files.errors import FileRejected
from malekort.domain.files.limits import MAX_FILE_BYTES
from malekort.figures.actions import ConcurrentEditError, RegistrationError
from malekort.figures.models import Source
from malekort.figures.transfer import ImportReport, export_rows, import_values, write_csv, write_xlsx
from malekort.registration.staging import discard_upload, stage_upload, staged_upload
from malekort.registration.views import _user
from malekort.web.forms import MonthField

ALLOWED_SUFFIXES = (".csv", ".xlsx")
SHOWN_REFUSED_LINES = 1_000
_NOT_FOUND = (
    "Fant ikke den kontrollerte filen. En kontrollert fil tas vare på i en time; last den opp på nytt."
)
_CONFLICT = "Noen endret de samme tallene mens filen ble lest inn. Ingenting ble lagret; prøv igjen."


class UploadForm(forms.Form):
    file = forms.FileField(label="Fil (CSV eller Excel)", required=False)
    valid_only = forms.BooleanField(label="Importer bare de gyldige linjene", required=False)
    token = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)
    from_arena = forms.BooleanField(
        label="Tallene er hentet fra Arena (lagres med Arena som kilde; bare for direktoratet)", required=False
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        if not upload.name.lower().endswith(ALLOWED_SUFFIXES):
            raise forms.ValidationError("Filen må være CSV (.csv) eller Excel (.xlsx).")
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                f"Filen er større enn {MAX_FILE_BYTES // (1024 * 1024)} MB. Del den i flere filer."
            )
        return upload


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    """Check an uploaded file first (a dry run); import it only when the user confirms.

    The checked file waits in the database (`registration.staging`) for the
    confirmation, which any process may receive. After a check with refused
    lines the page offers to import only the valid ones.
    """
    user = _user(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST":
        return _upload_page(request, form)
    if not form.is_valid():
        return _upload_page(request, form, status=400)
    now = timezone.now()
    valid_only = form.cleaned_data["valid_only"]
    # The Directorate's loads of KVP participants from Arena are recorded with Arena as their source.
    source = Source.ARENA if form.cleaned_data["from_arena"] and scope_of(user).everything else Source.FILE
    if request.POST.get("action") == "import":
        staged = staged_upload(token=form.cleaned_data["token"], owner=user, now=now)
        if staged is None:
            form.add_error(None, _NOT_FOUND)
            return _upload_page(request, form, status=400)
        try:
            report = import_values(
                path_or_file=io.BytesIO(staged.data), filename=staged.filename, user=user,
                valid_only=valid_only, dry_run=False, now=now, source=source,
            )
        except FileRejected as error:  # the file was read at the check; only a changed rule gets here
            discard_upload(staged)
            form.add_error("file", error.report())
            return _upload_page(request, form, status=400)
        except (ConcurrentEditError, RegistrationError):
            form.add_error(None, _CONFLICT)
            return _upload_page(request, form, status=409)
        if report.written:
            discard_upload(staged)
            return _upload_page(request, form, report=report)
        # Lines were refused since the check (someone changed a month): check again, or import the valid ones.
        return _upload_page(request, form, report=report, token=str(staged.token), status=400)

    upload_file = form.cleaned_data["file"]
    if upload_file is None:
        form.add_error("file", "Velg en fil.")
        return _upload_page(request, form, status=400)
    data = upload_file.read(MAX_FILE_BYTES + 1)
    try:
        report = import_values(
            path_or_file=io.BytesIO(data), filename=upload_file.name, user=user,
            valid_only=valid_only, dry_run=True, now=now, source=source,
        )
    except FileRejected as error:
        form.add_error("file", error.report())
        return _upload_page(request, form, status=400)
    token = ""
    if report.created or report.updated:
        token = str(stage_upload(owner=user, filename=upload_file.name, data=data, now=now).token)
    return _upload_page(
        request, form, report=report, token=token, status=400 if report.refused and not valid_only else 200
    )


def _upload_page(
    request: HttpRequest,
    form: UploadForm,
    *,
    report: ImportReport | None = None,
    token: str = "",
    status: int = 200,
) -> HttpResponse:
    valid_lines = len(report.created) + len(report.updated) + len(report.unchanged) if report else 0
    refused = report.refused if report else []
    return render(
        request, "registration/upload.html",
        {
            "form": form, "report": report, "token": token, "valid_lines": valid_lines,
            "can_load_arena": scope_of(_user(request)).everything,
            # A file may refuse half a million lines; the page stays readable and small.
            "shown_refused": refused[:SHOWN_REFUSED_LINES],
            "hidden_refused": max(len(refused) - SHOWN_REFUSED_LINES, 0),
        },
        status=status,
    )


class ExportForm(forms.Form):
    first = MonthField(label="Fra måned (ÅÅÅÅ-MM)", required=False)
    last = MonthField(label="Til måned (ÅÅÅÅ-MM)", required=False)
    format = forms.ChoiceField(label="Format", choices=[("csv", "CSV"), ("xlsx", "Excel")], initial="csv")


@login_required
def export(request: HttpRequest) -> HttpResponse:
    """Offer the form; with a format chosen, send the values the user may see."""
    today = timezone.localdate()
    if "format" not in request.GET:
        form = ExportForm(initial={"first": str(FIRST_PERIOD), "last": str(last_complete_period(today))})
        return render(request, "registration/export.html", {"form": form})
    form = ExportForm(request.GET)
    if not form.is_valid():
        return render(request, "registration/export.html", {"form": form}, status=400)
    rows = export_rows(user=_user(request), first=form.cleaned_data["first"], last=form.cleaned_data["last"])
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if form.cleaned_data["format"] == "xlsx":
        buffer = io.BytesIO()
        write_xlsx(rows, buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="malekort-verdier-{stamp}.xlsx"'
        return response
    text = io.StringIO()
    write_csv(rows, text)
    response = HttpResponse(text.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="malekort-verdier-{stamp}.csv"'
    return response
