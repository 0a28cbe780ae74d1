"""Pages for registering key figures. Each view parses, checks access, calls one function, renders."""

from __future__ import annotations

from datetime import date, datetime, time
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from malekort.access.scope import office_for, visible_offices
from malekort.areas.models import ServiceArea
from malekort.domain.deadlines import (
    deadline_for,
    is_open_for_registration,
    last_complete_period,
)
from malekort.domain.periods import Period, label
from malekort.figures.actions import ConcurrentEditError, RegistrationError, register_values
from malekort.figures.catalogue import active_figures
from malekort.figures.models import Source, ValueVersion
from malekort.figures.selectors import month_history, month_values, months_values, value_history
from malekort.registration.earlier_values import earlier_values
from malekort.registration.forms import MonthForm, version_field
from malekort.registration.grid import month_grid
from malekort.registration.months import latest_state_by_office, office_months
from malekort.web.params import day_param, month_in_path


def _user(request: HttpRequest) -> User:
    """Return the logged-in user (the views that call this require a login)."""
    assert isinstance(request.user, User)
    return request.user


@login_required
def home(request: HttpRequest) -> HttpResponse:
    offices = visible_offices(request.user).order_by("name")
    query = request.GET.get("q", "").strip()
    if query:
        offices = offices.filter(name__icontains=query)
    page = Paginator(offices, 50).get_page(request.GET.get("side"))
    if page.paginator.count == 1 and not query:
        return redirect("office-months", office_code=page.object_list[0].code)
    today = timezone.localdate()
    period = last_complete_period(today)
    office_areas: dict[str, list[str]] = {}
    for office_id, area_id in ServiceArea.objects.filter(
        office_id__in=[o.code for o in page.object_list]
    ).values_list("office_id", "area_id"):
        office_areas.setdefault(office_id, []).append(area_id)
    states = latest_state_by_office(office_areas, period, today)
    rows = [(office, states.get(office.code)) for office in page.object_list]
    return render(
        request,
        "registration/home.html",
        {"page": page, "rows": rows, "query": query, "period": period, "period_label": label(period)},
    )


@login_required
def office_month_list(request: HttpRequest, office_code: str) -> HttpResponse:
    access = office_for(request.user, office_code)
    rows = office_months(access, timezone.localdate())
    return render(request, "registration/office_months.html", {"access": access, "rows": rows})


def _as_of(request: HttpRequest) -> tuple[datetime | None, date | None]:
    day = day_param(request, "per")
    if day is None:
        return None, None
    # The end of that day in Norwegian time.
    moment = timezone.make_aware(datetime.combine(day, time.max), timezone.get_default_timezone())
    return moment, day


@login_required
@require_http_methods(["GET", "POST"])
def office_month(request: HttpRequest, office_code: str, period: str) -> HttpResponse:
    access = office_for(request.user, office_code)
    month = month_in_path(period)
    today = timezone.localdate()
    as_of, as_of_day = _as_of(request)
    is_open = is_open_for_registration(month, today)
    editable = access.editable if (is_open and as_of is None) else frozenset()
    if request.method == "POST" and not editable:
        if not access.editable:
            raise PermissionDenied(_("Du kan lese, men ikke endre tallene for dette kontoret."))
    figures = active_figures()
    earlier_months = [month.previous, month.same_month_last_year]
    read: dict[Period, dict[tuple[str, str], ValueVersion]] | None = None
    if request.method == "GET" and as_of is None:
        # The month and the two the form shows beside it, in one query.
        read = months_values(access.area_codes, [month, *earlier_months])
        current = read.pop(month)
    else:
        current = month_values(access.area_codes, month, as_of=as_of)
    make_form = partial(
        MonthForm, areas=access.areas, editable=editable, figures=figures, period=month
    )
    conflict = None
    status = 200
    if request.method == "POST" and editable:
        form = make_form(request.POST, current=current)
        if form.is_valid():
            try:
                outcome = register_values(
                    entries=form.entries(), user=_user(request), source=Source.TYPED,
                    expected=form.expected_versions(), figures=figures,
                )
            except ConcurrentEditError as error:
                conflict = error.changed
                # Show the user's input again, now against the values that stand.
                fresh = month_values(access.area_codes, month)
                data = request.POST.copy()
                for (area, code), version in fresh.items():
                    data[version_field(area, code)] = str(version.pk)
                form = make_form(data, current=fresh)
                form.is_valid()
                status = 409
            except RegistrationError as error:
                for (area, _period_key, code), reason in error.errors.items():
                    form.add_error(f"v_{area}_{code}", reason)
                status = 400
            else:
                messages.success(
                    request,
                    _("Lagret. %(created)d nye, %(updated)d endrede og %(unchanged)d uendrede verdier.")
                    % {"created": outcome.created, "updated": outcome.updated, "unchanged": outcome.unchanged},
                )
                return redirect("office-month", office_code=office_code, period=str(month))
        else:
            status = 400
    elif request.method == "POST":
        status = 400
        form = make_form(current=current)
        messages.error(request, _("Måneden kan ikke registreres ennå: den er ikke over."))
    else:
        form = make_form(current=current)
    return render(
        request,
        "registration/office_month.html",
        {
            "access": access,
            "period": month,
            "period_label": label(month),
            "previous": month.previous,
            "next": month.next if month.next <= last_complete_period(today) else None,
            "deadline": deadline_for(month),
            "is_open": is_open,
            "as_of_day": as_of_day,
            "form": form,
            "grid": month_grid(
                form,
                earlier_values(area_codes=access.area_codes, month=month, figures=figures, current=current, read=read),
                lambda area, code: reverse("value-history", args=[office_code, month, area, code]),
            ),
            "conflict": conflict,
        },
        status=status,
    )


@login_required
def value_history_page(
    request: HttpRequest, office_code: str, period: str, area_code: str, figure_code: str
) -> HttpResponse:
    access = office_for(request.user, office_code)
    if area_code not in access.area_codes:
        raise PermissionDenied(_("Du har ikke tilgang til dette området."))
    month = month_in_path(period)
    figures = active_figures()
    if figure_code not in figures:
        raise Http404("Ukjent nøkkeltall")
    versions = value_history(area_code, month, figure_code)
    area = next(a for a in access.areas if a.code == area_code)
    template = (
        "registration/_value_history.html"
        if request.headers.get("HX-Request")
        else "registration/value_history.html"
    )
    return render(
        request,
        template,
        {
            "access": access, "period": month, "period_label": label(month), "area": area,
            "figure": figures[figure_code], "versions": versions,
        },
    )


@login_required
def month_changes(request: HttpRequest, office_code: str, period: str) -> HttpResponse:
    access = office_for(request.user, office_code)
    month = month_in_path(period)
    return render(
        request,
        "registration/month_changes.html",
        {
            "access": access, "period": month, "period_label": label(month),
            "versions": month_history(access.area_codes, month),
        },
    )
