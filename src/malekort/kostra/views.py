"""«Importer KOSTRA-fil»: upload 11F and 11CF files, see the figures and what changes, confirm."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from malekort.access.scope import scope_of
from malekort.domain.kostra.importing import KostraInput
from malekort.kostra import pending
from malekort.kostra.imports import KostraPlan, apply_import, plan_import
from malekort.kostra.uploads import MAX_UPLOAD_BYTES, MemoryOnlyUploadHandler
from malekort.web.forms import MonthField


class ThroughForm(forms.Form):
    through = MonthField(label="Til og med måned (ÅÅÅÅ-MM, valgfri)", required=False)


def _importer(request: HttpRequest) -> User:
    """Return the user if they may import for some area (office leaders, municipalities, the Directorate)."""
    user = request.user
    assert isinstance(user, User)
    scope = scope_of(user)
    if not (scope.everything or scope.office_area_codes or scope.municipality_codes):
        raise PermissionDenied("Bare NAV-ledere, kommuner og direktoratet kan importere KOSTRA-filer.")
    return user


@csrf_exempt
@login_required
@require_http_methods(["GET", "POST"])
def import_kostra(request: HttpRequest) -> HttpResponse:
    """Keep uploads in memory (set before the body is read), then check CSRF and handle the form."""
    handler = MemoryOnlyUploadHandler(request)
    request.upload_handlers = [handler]
    return _import_kostra(request, handler)


@csrf_protect
def _import_kostra(request: HttpRequest, handler: MemoryOnlyUploadHandler) -> HttpResponse:
    user = _importer(request)
    form = ThroughForm(request.POST or None)
    context: dict[str, object] = {"form": form, "max_mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
    status = 200
    if request.method == "POST":
        plan: KostraPlan | None = None
        if request.POST.get("action") == "confirm":
            plan = pending.take(request.session, request.POST.get("token", ""))
            if plan is None:
                form.add_error(None, "Fant ikke den kontrollerte importen. Last opp filene på nytt.")
                status = 400
            else:
                plan = apply_import(plan, user=user)
                context["stored"] = True
        elif form.is_valid():
            uploads = request.FILES.getlist("files")
            if handler.too_large:
                form.add_error(None, f"Filen {', '.join(handler.too_large)} er større enn {context['max_mb']} MB.")
                status = 400
            elif not uploads:
                form.add_error(None, "Velg én eller flere KOSTRA-filer.")
                status = 400
            else:
                inputs = [KostraInput(str(upload.name), upload.read()) for upload in uploads]
                plan = plan_import(inputs, user=user, through=form.cleaned_data["through"])
                del inputs, uploads
                if plan.storable:
                    context["token"] = pending.keep(request.session, plan)
        else:
            status = 400
        if plan is not None:
            context["plan"] = plan
            if plan.has_refusals:
                status = 400
    if request.headers.get("HX-Request"):
        # htmx swaps only successful responses; the result itself says what was refused.
        return render(request, "kostra/_result.html", context)
    return render(request, "kostra/import.html", context, status=status)
