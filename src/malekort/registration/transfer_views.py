"""Upload a file of values (checked first, then imported) and download values as CSV or Excel."""

from __future__ import annotations

import io
import uuid
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from malekort.domain.deadlines import FIRST_PERIOD, last_complete_period
from malekort.domain.files.errors import FileRejected
from malekort.domain.periods import Period, PeriodError
from malekort.figures.actions import ConcurrentEditError, RegistrationError
from malekort.figures.transfer import export_rows, import_values, write_csv, write_xlsx
from malekort.registration.views import _user

ALLOWED_SUFFIXES = (".csv", ".xlsx")
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
_SESSION_KEY = "malekort_uploads"


class UploadForm(forms.Form):
    file = forms.FileField(label="Fil (CSV eller Excel)", required=False)
    valid_only = forms.BooleanField(label="Importer bare de gyldige linjene", required=False)
    token = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_file(self) -> object:
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        if not upload.name.lower().endswith(ALLOWED_SUFFIXES):
            raise forms.ValidationError("Filen må være CSV (.csv) eller Excel (.xlsx).")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("Filen er større enn 50 MB.")
        return upload


def _upload_dir() -> Path:
    folder = Path(settings.VAR_DIR) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    """Check an uploaded file first (a dry run); import it only when the user confirms."""
    user = _user(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    report = None
    token = ""
    status = 200
    if request.method == "POST" and form.is_valid():
        uploads: dict[str, str] = request.session.get(_SESSION_KEY, {})
        confirm = request.POST.get("action") == "import"
        if confirm:
            token = form.cleaned_data["token"]
            if token not in uploads:
                form.add_error(None, "Fant ikke den kontrollerte filen. Last den opp på nytt.")
                return render(request, "registration/upload.html", {"form": form}, status=400)
            filename = uploads[token]
        else:
            upload_file = form.cleaned_data["file"]
            if upload_file is None:
                form.add_error("file", "Velg en fil.")
                return render(request, "registration/upload.html", {"form": form}, status=400)
            token = uuid.uuid4().hex
            filename = upload_file.name
            with open(_upload_dir() / token, "wb") as stored:
                for chunk in upload_file.chunks():
                    stored.write(chunk)
            uploads[token] = filename
            request.session[_SESSION_KEY] = uploads
        path = _upload_dir() / token
        try:
            report = import_values(
                path_or_file=path, filename=filename, user=user,
                valid_only=form.cleaned_data["valid_only"], dry_run=not confirm,
            )
        except FileRejected as error:
            form.add_error("file", error.report())
            status = 400
        except (ConcurrentEditError, RegistrationError):
            form.add_error(
                None, "Noen endret de samme tallene mens filen ble lest inn. Ingenting ble lagret; prøv igjen."
            )
            status = 409
        if confirm and report is not None and report.written:
            path.unlink(missing_ok=True)
            uploads.pop(token, None)
            request.session[_SESSION_KEY] = uploads
            token = ""
        elif report is not None and report.refused and not form.cleaned_data["valid_only"]:
            status = 400
    elif request.method == "POST":
        status = 400
    return render(
        request, "registration/upload.html",
        {"form": form, "report": report, "token": token},
        status=status,
    )


class ExportForm(forms.Form):
    first = forms.CharField(label="Fra måned (ÅÅÅÅ-MM)", required=False, max_length=7)
    last = forms.CharField(label="Til måned (ÅÅÅÅ-MM)", required=False, max_length=7)
    format = forms.ChoiceField(label="Format", choices=[("csv", "CSV"), ("xlsx", "Excel")], initial="csv")

    def _period(self, name: str) -> Period | None:
        text = (self.cleaned_data.get(name) or "").strip()
        if not text:
            return None
        try:
            return Period.parse(text)
        except PeriodError as error:
            raise forms.ValidationError(str(error)) from None

    def clean_first(self) -> Period | None:
        return self._period("first")

    def clean_last(self) -> Period | None:
        return self._period("last")


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
