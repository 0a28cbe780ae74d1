"""Report downloads: the national report and county reports for a month, as PDF, Excel, CSV and JSON-stat.

Access: national figures are published aggregates, so every user with a role
may download them; a county report is for the Directorate and that county's
governor only.
"""

from __future__ import annotations

import io

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from malekort.access.scope import Scope, scope_of
from malekort.domain.deadlines import FIRST_PERIOD, last_complete_period, last_due_period
from malekort.domain.periods import label, periods_between
from malekort.domain.regions import NATION_CODE
from malekort.statistics.reports.charts import report_charts
from malekort.statistics.reports.csv_export import write_csv
from malekort.statistics.reports.excel import write_xlsx
from malekort.statistics.reports.jsonstat_export import write_jsonstat
from malekort.statistics.reports.pdf import write_pdf
from malekort.statistics.reports.tables import NATION_NAME, Place, Report, build_report, counties, scope_place
from malekort.web.params import month_in_path, month_param

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
}
FORMAT_LABELS = {"pdf": "PDF", "xlsx": "Excel", "csv": "CSV", "json": "JSON-stat"}


def may_download(scope: Scope, place: Place) -> bool:
    """Return whether a user may download the place's report: the nation for every role, a county for its own."""
    if place.code == NATION_CODE:
        return not scope.is_empty
    return scope.everything or place.code in scope.county_codes


@login_required
def report_download(request: HttpRequest, scope: str, month: str, fmt: str) -> HttpResponse:
    """Return the report of a scope («riket» or a county code) and a month in the format asked for."""
    place = scope_place(scope) if fmt in CONTENT_TYPES else None
    if place is None:
        raise Http404("Finner ingen slik rapport.")
    # A report exists for the months of the collection that have ended.
    period = month_in_path(month, first=FIRST_PERIOD, last=last_complete_period(timezone.localdate()))
    if not may_download(scope_of(request.user), place):
        raise PermissionDenied("Du har ikke tilgang til denne rapporten.")
    report = build_report(place, period)
    response = HttpResponse(_render(report, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{report.file_stem}.{fmt}"'
    return response


def _render(report: Report, fmt: str) -> bytes:
    if fmt in ("csv", "json"):
        text = io.StringIO()
        if fmt == "csv":
            write_csv(report, text)
        else:
            write_jsonstat(report, text)
        return text.getvalue().encode("utf-8")
    binary = io.BytesIO()
    if fmt == "xlsx":
        write_xlsx(report, binary)
    else:
        write_pdf(report, report_charts(report), binary)
    return binary.getvalue()


@login_required
def report_index(request: HttpRequest) -> HttpResponse:
    """Return the page that lists the reports the user may download for a chosen month."""
    scope = scope_of(request.user)
    if scope.is_empty:
        raise PermissionDenied("Du har ingen rolle som gir tilgang til statistikk.")
    today = timezone.localdate()
    last = last_complete_period(today)
    month = month_param(request, "periode", default=min(last_due_period(today), last), first=FIRST_PERIOD, last=last)
    places = [Place(NATION_CODE, NATION_NAME), *counties()]
    reports = [
        {
            "place": place,
            "links": [
                (FORMAT_LABELS[fmt], reverse("statistics-report", args=[place.slug, str(month), fmt]))
                for fmt in CONTENT_TYPES
            ],
        }
        for place in places
        if may_download(scope, place)
    ]
    months = [(str(m), label(m)) for m in reversed(list(periods_between(FIRST_PERIOD, last)))]
    return render(request, "statistics/reports/index.html", {
        "reports": reports, "month": str(month), "month_label": label(month), "months": months,
    })
