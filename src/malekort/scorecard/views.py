"""Scorecard pages for an office and a municipality, an indicator's detail, and the JSON interface."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from malekort.access.scope import office_for, scope_of
from malekort.areas.models import Region
from malekort.domain.amounts import NOT_APPLICABLE
from malekort.domain.charts import render_svg, to_table
from malekort.domain.deadlines import (
    FIRST_PERIOD,
    deadline_for,
    is_provisional,
    last_complete_period,
    last_due_period,
)
from malekort.domain.indicators.over_time import Span
from malekort.domain.periods import Period, label, periods_between
from malekort.domain.regions import Level
from malekort.indicators.models import Indicator
from malekort.indicators.selectors import shown_indicators
from malekort.scorecard import presentation as p
from malekort.scorecard.build import build_detail, build_scorecard
from malekort.scorecard.comparison import region_series
from malekort.scorecard.exports import EXPORT_COLUMNS, export_rows
from malekort.scorecard.units import Unit, municipality_unit, office_unit, region_unit
from malekort.web.params import BadParameter, ParameterError, month_param


def _last_complete() -> Period:
    return last_complete_period(timezone.localdate())


def _chosen(request: HttpRequest, last: Period) -> tuple[Span, Period]:
    """Return the span (?visning=) and the month (?periode=) asked for; 400 or 404 for ones the page lacks."""
    text = request.GET.get("visning", "").strip() or Span.MONTH.value
    try:
        span = Span(text)
    except ValueError:
        choices = ", ".join(s.value for s in Span)
        raise BadParameter(f"Parameteren «visning» må være én av {choices}.") from None
    # Open on the last month whose deadline has passed; a later, still open month can be chosen.
    default = min(last_due_period(timezone.localdate()), last)
    return span, month_param(request, "periode", default=default, first=FIRST_PERIOD, last=last)


def _municipality(request: HttpRequest, code: str) -> Region:
    region = get_object_or_404(Region, code=code, level=Level.KOMMUNE.value)
    if not scope_of(request.user).can_view_area(code):
        raise PermissionDenied("Du har ikke tilgang til denne kommunen.")
    return region


def _scorecard_page(request: HttpRequest, unit: Unit, detail: Callable[[str], str]) -> HttpResponse:
    last = _last_complete()
    span, period = _chosen(request, last)
    card = build_scorecard(unit, span, period, last)
    area_names = dict(Region.objects.filter(code__in=unit.figure_areas).values_list("code", "name"))
    rows = []
    if card is not None:
        for index, row in enumerate(card.rows):
            version = row.version
            chart_svg = ""
            if version is not None:
                months = [m for m, _ in row.series]
                amounts = [r.amount if r else NOT_APPLICABLE for _, r in row.series]
                chart = p.sparkline(f"{row.indicator.code} siste 24 måneder", months, amounts, version)
                chart_svg = render_svg(chart, id_prefix=f"spark{index}")
            rows.append({
                "row": row,
                "value": p.value_text(row.current.amount if row.current else None, version),
                "change_previous": p.change_text(row.change_previous, version),
                "change_last_year": p.change_text(row.change_last_year, version),
                "coverage": p.coverage_text(row.current.over if row.current else None, names=area_names),
                "chart": chart_svg,
                "detail_url": f"{detail(row.indicator.code)}?periode={card.window.last}",
            })
    months = list(periods_between(FIRST_PERIOD, last))[::-1]
    return render(request, "scorecard/scorecard.html", {
        "unit": unit, "card": card, "rows": rows, "spans": list(Span), "span": span, "period": period,
        # A month still open for registration: its «..» are reports not yet due, not reports missing.
        "provisional_deadline": deadline_for(period)
        if span is Span.MONTH and is_provisional(period, timezone.localdate()) else None,
        "months": [(str(m), label(m)) for m in months], "period_label": label(period),
        "previous_label": {Span.MONTH: "forrige måned", Span.QUARTER: "forrige kvartal", Span.YEAR: "forrige år"}[span],
        "last_year_label": {Span.MONTH: "samme måned i fjor", Span.QUARTER: "samme kvartal i fjor",
                            Span.YEAR: "samme periode i fjor"}[span],
    })


@login_required
def office_scorecard(request: HttpRequest, office_code: str) -> HttpResponse:
    unit = office_unit(office_for(request.user, office_code))
    return _scorecard_page(request, unit, lambda code: reverse("office-indicator", args=[office_code, code]))


@login_required
def municipality_scorecard(request: HttpRequest, code: str) -> HttpResponse:
    unit = municipality_unit(_municipality(request, code))
    return _scorecard_page(request, unit, lambda i: reverse("municipality-indicator", args=[code, i]))


def _detail_page(request: HttpRequest, unit: Unit, indicator_code: str, back_url: str) -> HttpResponse:
    indicator = get_object_or_404(Indicator, code=indicator_code)
    if indicator not in shown_indicators(unit.municipality_codes) and indicator.owner_id not in unit.municipality_codes:
        raise Http404("Indikatoren vises ikke i dette målekortet.")
    if not scope_of(request.user).can_view_indicator(indicator.owner_id):
        raise PermissionDenied("Du har ikke tilgang til denne indikatoren.")
    last = _last_complete()
    _, period = _chosen(request, last)
    rows, versions, limits, notes = build_detail(unit, indicator, period)
    area_names = dict(Region.objects.filter(code__in=unit.figure_areas).values_list("code", "name"))
    months = [r.month for r in rows]
    county, nation = region_series(unit, indicator, months)
    in_force = next((r.result.version for r in reversed(rows) if r.result), versions[-1] if versions else None)
    if in_force is None:
        raise Http404("Indikatoren har ingen definisjon.")
    # A month before the indicator existed is «not applicable».
    unit_amounts = [r.result.amount if r.result else NOT_APPLICABLE for r in rows]
    if county is not None and county.same_as_unit:
        # Oslo fylke is Oslo kommune: a second column with the same numbers would only puzzle.
        notes = [*notes, f"{county.name} består av de samme områdene og har de samme verdiene."]
        county = None
    lines = [(unit.heading, unit_amounts, p.UNIT_COLOUR)]
    if county is not None:
        lines.append((county.name, county.amounts, p.COUNTY_COLOUR))
    if nation is not None:
        lines.append((nation.name, nation.amounts, p.NATION_COLOUR))
    chart = p.series_chart(
        f"{indicator.code} {in_force.name}", months, lines, in_force,
        limits=limits.limits, notes=notes, highlight=period,
    )
    table_rows = []
    for index, r in enumerate(rows):
        version = r.result.version if r.result else None
        table_rows.append({
            "month": r.month, "label": label(r.month),
            "numerator": p.number_text(r.result.value.numerator if r.result else None),
            "denominator": p.number_text(r.result.value.denominator if r.result else None),
            "coverage": p.coverage_text(r.result.over if r.result else None, always=True, names=area_names),
            "value": p.value_text(r.result.amount if r.result else None, version),
            "county": p.value_text(county.amounts[index], version) if county else "",
            "nation": p.value_text(nation.amounts[index], version) if nation else "",
            "sources": r.numerator_sources,
            "colour": r.colour,
            "version": version,
            "chosen": r.month == period,
        })
    chosen = next((t for t in table_rows if t["chosen"]), table_rows[-1])
    return render(request, "scorecard/detail.html", {
        "unit": unit, "indicator": indicator, "in_force": chosen["version"] or in_force, "versions": versions,
        "limits": limits, "rows": table_rows[::-1], "chosen": chosen, "county": county, "nation": nation,
        "several_areas": len(unit.figure_areas) > 1,
        "notes": notes,
        "chart_svg": render_svg(chart, id_prefix="detaljgraf", show_title=False, show_notes=False),
        "chart_table": to_table(chart), "back_url": back_url, "period": period,
    })


@login_required
def office_indicator(request: HttpRequest, office_code: str, indicator_code: str) -> HttpResponse:
    unit = office_unit(office_for(request.user, office_code))
    return _detail_page(request, unit, indicator_code, reverse("office-scorecard", args=[office_code]))


@login_required
def municipality_indicator(request: HttpRequest, code: str, indicator_code: str) -> HttpResponse:
    unit = municipality_unit(_municipality(request, code))
    return _detail_page(request, unit, indicator_code, reverse("municipality-scorecard", args=[code]))


@login_required
def indicator_values_json(request: HttpRequest) -> JsonResponse:
    """Return indicator values as JSON for the areas the user may see (same columns as the CSV command).

    Every refusal is JSON too: {"error": "…"} with the status (400, 403 or 404).
    """
    try:
        return _indicator_values(request)
    except ParameterError as error:
        return JsonResponse({"error": str(error)}, status=error.status)


_USAGE = "Oppgi indicator=KODE, from=ÅÅÅÅ-MM, to=ÅÅÅÅ-MM og minst ett område med area=KODE."


def _indicator_values(request: HttpRequest) -> JsonResponse:
    first = month_param(request, "from")
    last = month_param(request, "to")
    indicator = Indicator.objects.filter(code=request.GET.get("indicator", "")).first()
    codes = request.GET.getlist("area")
    if indicator is None or first is None or last is None or not codes:
        return JsonResponse({"error": f"{_USAGE} Indikatorkoden må være kjent."}, status=400)
    if last < first or len(list(periods_between(first, last))) > 120:
        return JsonResponse({"error": "Perioden må gå forover og være høyst 120 måneder."}, status=400)
    scope = scope_of(request.user)
    if not scope.can_view_indicator(indicator.owner_id):
        return JsonResponse({"error": "Du har ikke tilgang til denne indikatoren."}, status=403)
    regions = list(Region.objects.filter(code__in=codes))
    if len(regions) != len(set(codes)):
        return JsonResponse({"error": "Ukjent områdekode."}, status=404)
    if any(not scope.can_view_area(r.code) for r in regions):
        return JsonResponse({"error": "Du har ikke tilgang til alle områdene."}, status=403)
    rows = export_rows(indicator, [region_unit(r) for r in regions], first, last)
    return JsonResponse({"columns": list(EXPORT_COLUMNS), "rows": [dict(zip(EXPORT_COLUMNS, r, strict=True))
                                                                  for r in rows]})
