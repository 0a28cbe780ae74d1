"""The national and county statistics pages: county governors see their county, the Directorate all."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from malekort.access.scope import scope_of
from malekort.domain.charts import render_svg, to_table
from malekort.domain.deadlines import last_due_period
from malekort.domain.periods import label
from malekort.statistics import pages
from malekort.statistics.store import NATION, current_bundle
from malekort.web.params import month_param


def _page(request: HttpRequest, region: str) -> HttpResponse:
    scope = scope_of(request.user)
    if not (scope.everything or scope.county_codes):
        raise PermissionDenied("Statistikksidene er for statsforvaltere og direktoratet.")
    bundle = current_bundle()
    if region != NATION and region not in bundle.regions:
        raise Http404("Ukjent fylke")
    if region != NATION and not (scope.everything or region in scope.county_codes):
        raise PermissionDenied("Du har bare tilgang til ditt eget fylke.")
    if not bundle.months:
        raise Http404("Ingen måneder er avsluttet ennå.")
    today = timezone.localdate()
    default = min(max(last_due_period(today), bundle.months[0]), bundle.months[-1])
    month = month_param(request, "maned", default=default, first=bundle.months[0], last=bundle.months[-1])
    if month not in bundle.months:
        raise Http404("Måneden er utenfor perioden med tall.")
    figure = request.GET.get("tall", "SH_MOTTAKERE")
    if figure not in bundle.figures:
        raise Http404("Ukjent nøkkeltall")
    indicator = request.GET.get("indikator", "B.101")
    if region == NATION:
        parts = [r for r in bundle.regions if len(r) == 2]
        compared = [NATION]
    else:
        parts = list(bundle.parts(region))
        compared = [region, NATION]
    # A county's count beside the country's would be a flat line at the bottom: counts show the region alone.
    provisional = pages.provisional_months(bundle, region, today, month)
    figure_chart = pages.figure_chart(bundle, [region], figure, month, provisional=provisional)
    indicator_chart = pages.indicator_chart(bundle, compared, indicator, month, provisional=provisional)
    bars = pages.side_by_side(
        bundle, parts, figure, month,
        f"{bundle.figures[figure].short_name.capitalize()}, {label(month)}, "
        + ("fylkene" if region == NATION else "områdene i fylket"),
    )
    return render(request, "statistics/region.html", {
        "region": region, "region_scope": "riket" if region == NATION else region,
        "name": bundle.names.get(region, region), "month": month, "month_label": label(month),
        "provisional": pages.provisional_notice(bundle, region, month) if month in provisional else None,
        "months": [(str(m), label(m)) for m in reversed(bundle.months)],
        "figures": pages.figure_lines(bundle, region, month),
        "indicators": pages.indicator_lines(bundle, region, month),
        "figure_code": figure, "figure_choices": [(c, f.short_name) for c, f in bundle.figures.items()],
        "indicator_code": indicator, "indicator_choices": [(i.code, vs[-1].name if vs else i.code)
                                                           for i, vs in bundle.indicators],
        "titles": {
            "figure": figure_chart.title, "indicator": indicator_chart.title if indicator_chart else "",
            "bars": bars.title,
        },
        "figure_chart": render_svg(figure_chart, id_prefix="tallgraf", show_title=False),
        "figure_table": to_table(figure_chart),
        "indicator_chart": render_svg(indicator_chart, id_prefix="indikatorgraf", show_title=False)
        if indicator_chart else "",
        "indicator_table": to_table(indicator_chart) if indicator_chart else None,
        "bars": render_svg(bars, id_prefix="sidegraf", show_title=False), "bars_table": to_table(bars),
        "counties": [(c, bundle.names.get(c, c)) for c in bundle.regions if len(c) == 2
                     and (scope.everything or c in scope.county_codes)],
        "can_see_nation": True,
    })


@login_required
def nation(request: HttpRequest) -> HttpResponse:
    return _page(request, NATION)


@login_required
def county(request: HttpRequest, code: str) -> HttpResponse:
    return _page(request, code)
