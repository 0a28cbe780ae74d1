"""Pages following up who reports: the Directorate sees every county, a county governor their own."""

from __future__ import annotations

import io
import re
from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from malekort.access.scope import scope_of
from malekort.areas.models import Region
from malekort.domain.deadlines import FIRST_PERIOD, last_complete_period, last_due_period
from malekort.domain.periods import Period, label, periods_between
from malekort.followup import selectors
from malekort.followup.charts import reporting_chart_svg
from malekort.followup.export import write_csv
from malekort.web.params import month_param

_COUNTY_CODE = re.compile(r"^[0-9]{2}$")


def _today() -> date:
    """Today in Norwegian time (a seam for the tests)."""
    return timezone.localdate()


def _counties(request: HttpRequest) -> frozenset[str] | None:
    """Return the counties the user may follow up (None: all); 403 for everyone else."""
    scope = scope_of(request.user)
    if scope.everything:
        return None
    if scope.county_codes:
        return scope.county_codes
    raise PermissionDenied(_("Oppfølgingen av rapporteringen er for direktoratet og statsforvalterne."))


def _county(request: HttpRequest, county_code: str) -> Region:
    """Return the county if the user may follow it up; 403 if not theirs, 404 if unknown."""
    counties = _counties(request)
    region = selectors.county_region(county_code) if _COUNTY_CODE.match(county_code) else None
    if region is None:
        raise Http404(_("Ukjent fylke"))
    if counties is not None and county_code not in counties:
        raise PermissionDenied(_("Du har bare tilgang til oppfølgingen av ditt eget fylke."))
    return region


def _month(request: HttpRequest, today: date, latest: Period) -> Period:
    """Return the month chosen with ?maned=YYYY-MM, by default the last month whose deadline has passed."""
    default = min(last_due_period(today), latest)
    return month_param(request, "maned", default=default, first=FIRST_PERIOD, last=latest)


def _month_choices(latest: Period) -> list[tuple[str, str]]:
    return [(str(p), label(p)) for p in reversed(list(periods_between(FIRST_PERIOD, latest)))]


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    counties = _counties(request)
    if counties is not None and len(counties) == 1:
        url = reverse("followup-county", args=[next(iter(counties))])
        query = request.GET.urlencode()
        return redirect(f"{url}?{query}" if query else url)
    today = _today()
    latest = last_complete_period(today)
    period = _month(request, today, latest)
    page = selectors.overview(today, period, counties)
    return render(
        request,
        "followup/overview.html",
        {
            "page": page,
            "chart": reporting_chart_svg(page.months, "Rapportering måned for måned"),
            "nationwide": counties is None,
            "period_label": label(period),
            "month_choices": _month_choices(latest),
            "chosen": str(period),
        },
    )


@login_required
def county(request: HttpRequest, county_code: str) -> HttpResponse:
    region = _county(request, county_code)
    today = _today()
    latest = last_complete_period(today)
    period = _month(request, today, latest)
    page = selectors.county_follow_up(region, today, period)
    return render(
        request,
        "followup/county.html",
        {
            "page": page,
            "chart": reporting_chart_svg(page.months, f"Rapportering måned for måned, {region.name}"),
            "can_see_all": scope_of(request.user).everything,
            "period_label": label(period),
            "month_choices": _month_choices(latest),
            "chosen": str(period),
        },
    )


def _csv_response(rows: list[selectors.CountyMonthRow], name: str) -> HttpResponse:
    text = io.StringIO()
    write_csv(rows, text)
    response = HttpResponse(text.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="malekort-oppfolging-{name}-{stamp}.csv"'
    return response


@login_required
def overview_csv(request: HttpRequest) -> HttpResponse:
    counties = _counties(request)
    rows = selectors.reporting_table(_today(), counties)
    return _csv_response(rows, "riket" if counties is None else "fylker")


@login_required
def county_csv(request: HttpRequest, county_code: str) -> HttpResponse:
    region = _county(request, county_code)
    rows = selectors.reporting_table(_today(), [region.code])
    return _csv_response(rows, region.code)
