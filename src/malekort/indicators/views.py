"""Pages for indicator definitions and each municipality's choices, limits and requests.

Each view parses the input, checks access, calls the action in
`malekort.indicators.actions` and renders. A municipality user changes their
own kommune, the Directorate every kommune and the recommendations, and a
county governor reads the kommuner of their county.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import chain

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from malekort.access.scope import Scope, scope_of
from malekort.areas.models import Region
from malekort.domain.indicators import definitions as d
from malekort.domain.periods import Period, label
from malekort.domain.regions import Level, lies_within
from malekort.figures.catalogue import active_figures, all_figures
from malekort.indicators import selectors
from malekort.indicators.actions import (
    IndicatorError,
    add_version,
    answer_request,
    create_own_indicator,
    create_recommended_indicator,
    request_indicator,
    set_choices,
    set_limits,
)
from malekort.indicators.forms import (
    AnswerForm,
    ChoicesAndLimitsForm,
    IndicatorRow,
    RecommendedIndicatorForm,
    RequestForm,
    VersionForm,
    error_links,
    format_number,
    green_field,
    version_initial,
)
from malekort.indicators.models import Indicator, IndicatorLimits, IndicatorRequest, RequestStatus

_KOMMUNE_CODE = re.compile(r"^[0-9]{4}$")
_PK = re.compile(r"[0-9]{1,18}")


def _user(request: HttpRequest) -> User:
    """Return the logged-in user (the views that call this require a login)."""
    assert isinstance(request.user, User)
    return request.user


def _this_month() -> Period:
    return Period.of(timezone.localdate())


# --- Access ---------------------------------------------------------------------------------------------------


def _in_county(scope: Scope, code: str) -> bool:
    return any(lies_within(code, county) for county in scope.county_codes)


def _can_edit_definition(scope: Scope, indicator: Indicator) -> bool:
    """The Directorate changes every definition; a municipality its own indicators."""
    owner = indicator.owner_id
    return scope.everything or (owner is not None and owner in scope.municipality_codes)


def _municipality(request: HttpRequest, kommune: str) -> tuple[Region, bool]:
    """Return the kommune and whether the user may change its choices; 404 if unknown, 403 if not the user's."""
    region = (
        Region.objects.filter(code=kommune, level=Level.KOMMUNE.value).first()
        if _KOMMUNE_CODE.match(kommune)
        else None
    )
    if region is None:
        raise Http404(_("Ukjent kommune"))
    scope = scope_of(request.user)
    if scope.everything or kommune in scope.municipality_codes:
        return region, True
    if _in_county(scope, kommune):
        return region, False
    raise PermissionDenied(_("Du har ikke tilgang til indikatorvalgene for denne kommunen."))


def _municipality_to_change(request: HttpRequest, kommune: str) -> Region:
    region, editable = _municipality(request, kommune)
    if not editable:
        raise PermissionDenied(_("Du kan se, men ikke endre indikatorene for denne kommunen."))
    return region


# --- Definitions ----------------------------------------------------------------------------------------------


def _factor_label(factor: int) -> str:
    return {100: "100 (prosent)", 1: "1 (antall)"}.get(factor, str(factor))


@dataclass(frozen=True)
class VersionView:
    version: d.IndicatorVersion
    numerator: str
    denominator: str
    in_force: bool

    @property
    def valid_from_label(self) -> str:
        return label(self.version.valid_from)

    @property
    def valid_to_label(self) -> str:
        return label(self.version.valid_to) if self.version.valid_to else "inntil videre"

    @property
    def factor_label(self) -> str:
        return _factor_label(self.version.factor)


@dataclass(frozen=True)
class IndicatorCard:
    indicator: Indicator
    current: VersionView | None
    versions: list[VersionView]
    can_edit: bool

    @property
    def name(self) -> str:
        shown = self.current or (self.versions[-1] if self.versions else None)
        return shown.version.name if shown else self.indicator.code


def _version_in_force_or_latest(versions: list[d.IndicatorVersion], month: Period) -> d.IndicatorVersion | None:
    """Return the version in force this month, else the latest one (an indicator that starts later)."""
    return d.version_in_force(versions, month) or max(versions, key=lambda v: v.valid_from, default=None)


@login_required
def indicator_list(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request.user)
    chosen = request.GET.get("kommune", "").strip()
    if chosen:
        # The Directorate picks a kommune to act for; the page itself checks access.
        if not _KOMMUNE_CODE.match(chosen):
            raise Http404(_("Ukjent kommune"))
        return redirect("municipality-indicators", kommune=chosen)
    indicators = [i for i in Indicator.objects.select_related("owner") if scope.can_view_indicator(i.owner_id)]
    versions = selectors.versions_by_code(indicators)
    names = {code: figure.name for code, figure in all_figures().items()}
    month = _this_month()
    cards = []
    for indicator in indicators:
        views = [
            VersionView(
                version=v,
                numerator=v.numerator.describe(names),
                denominator=v.denominator.describe(names),
                in_force=v.in_force(month),
            )
            for v in versions.get(indicator.code, [])
        ]
        cards.append(
            IndicatorCard(
                indicator=indicator,
                current=next((v for v in views if v.in_force), None),
                versions=views,
                can_edit=_can_edit_definition(scope, indicator),
            )
        )
    kommuner = Region.objects.filter(level=Level.KOMMUNE.value).order_by("name")
    if scope.everything:
        municipalities = kommuner.none()
    else:
        inside = Q(code__in=scope.municipality_codes)
        for county in scope.county_codes:
            inside |= Q(code__startswith=county)
        municipalities = kommuner.filter(inside)
    return render(
        request,
        "indicators/indicator_list.html",
        {
            "recommended": [c for c in cards if c.indicator.is_recommended],
            "own": [c for c in cards if not c.indicator.is_recommended],
            "month_label": label(month),
            "municipalities": municipalities,
            "is_directorate": scope.everything,
            "every_kommune": kommuner if scope.everything else kommuner.none(),
            "can_request": scope.everything or bool(scope.municipality_codes),
        },
    )


def _definition_page(
    request: HttpRequest, form: VersionForm, *, title: str, intro: str, back: str, status: int
) -> HttpResponse:
    return render(
        request,
        "indicators/version_form.html",
        {
            "form": form,
            "code_field": form["indicator_code"] if "indicator_code" in form.fields else None,
            "errors": error_links(form),
            "title": title,
            "intro": intro,
            "back": back,
        },
        status=status,
    )


def _new_definition_initial() -> dict[str, object]:
    """Return a new indicator's starting values: a key figure over the working-age population, from this month."""
    return {
        "numerator_kind": d.TermKind.FIGURE.value, "denominator_kind": d.TermKind.POPULATION.value,
        "denominator_age_from": d.WORKING_AGE[0], "denominator_age_to": d.WORKING_AGE[1],
        "valid_from": str(_this_month()),
    }




@login_required
@require_http_methods(["GET", "POST"])
def own_indicator_new(request: HttpRequest, kommune: str) -> HttpResponse:
    region = _municipality_to_change(request, kommune)
    figures = active_figures()
    status = 200
    if request.method == "POST":
        form = VersionForm(request.POST, code=f"{kommune}-ny", figures=figures)
        if form.is_valid() and form.version is not None:
            try:
                indicator = create_own_indicator(
                    municipality=region, version=form.version, user=_user(request), now=timezone.now()
                )
            except IndicatorError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("Indikatoren %(code)s er opprettet og vises i målekortene for %(name)s.")
                    % {"code": indicator.code, "name": region.name},
                )
                return redirect("municipality-indicators", kommune=kommune)
        status = 400
    else:
        form = VersionForm(code=f"{kommune}-ny", figures=figures, initial=_new_definition_initial())
    return _definition_page(
        request, form,
        title=_("Ny egen indikator for %(name)s") % {"name": region.name},
        intro=_(
            "En egen indikator er et nøkkeltall eller en befolkningsgruppe (teller) delt på et nøkkeltall, "
            "en befolkningsgruppe eller tallet 1 (nevner), ganget med en faktor. Indikatoren vises i "
            "kommunens målekort fra måneden du velger."
        ),
        back=reverse("municipality-indicators", args=[kommune]),
        status=status,
    )


def _requested(request: HttpRequest) -> IndicatorRequest | None:
    """Return the municipality's request named by «?onske=», which the new indicator comes from; 404 if unknown."""
    pk = request.GET.get("onske", "").strip()
    if not pk:
        return None
    if not _PK.fullmatch(pk):
        raise Http404(_("Ukjent ønske"))
    return get_object_or_404(IndicatorRequest.objects.select_related("municipality"), pk=int(pk))


@login_required
@require_http_methods(["GET", "POST"])
def recommended_indicator_new(request: HttpRequest) -> HttpResponse:
    if not scope_of(request.user).everything:
        raise PermissionDenied(_("Bare direktoratet kan lage nye anbefalte indikatorer."))
    wish = _requested(request)
    figures = active_figures()
    status = 200
    if request.method == "POST":
        form = RecommendedIndicatorForm(request.POST, figures=figures)
        if form.is_valid() and form.version is not None:
            try:
                indicator = create_recommended_indicator(
                    code=form.cleaned_data["indicator_code"], version=form.version,
                    user=_user(request), now=timezone.now(),
                )
            except IndicatorError as error:
                # The form checked the code; this is one taken meanwhile.
                form.add_error("indicator_code", str(error))
            else:
                done = _("Indikatoren %(code)s er opprettet og anbefalt for alle kommuner fra %(month)s.") % {
                    "code": indicator.code, "month": label(form.version.valid_from),
                }
                if wish is not None and wish.status == RequestStatus.PENDING:
                    done += " " + _("Husk å svare %(name)s på ønsket.") % {"name": wish.municipality.name}
                messages.success(request, done)
                return redirect(reverse("indicator-list") + f"#indikator-{indicator.pk}")
        status = 400
    else:
        initial = _new_definition_initial()
        initial["indicator_code"] = selectors.next_recommended_code()
        if wish is not None:
            initial["description"] = wish.text
        form = RecommendedIndicatorForm(figures=figures, initial=initial)
    intro = _(
        "En anbefalt indikator er et nøkkeltall eller en befolkningsgruppe (teller) delt på et nøkkeltall, "
        "en befolkningsgruppe eller tallet 1 (nevner), ganget med en faktor. Den anbefales for alle kommuner "
        "fra måneden du velger, og vises i målekortene deres til en kommune velger den bort."
    )
    if wish is not None:
        intro += " " + _(
            "Ønsket kommer fra %(name)s, og beskrivelsen er fylt ut med teksten kommunen skrev. "
            "Svaret til kommunen sender du etterpå, på siden med ønsker."
        ) % {"name": wish.municipality.name}
    return _definition_page(
        request, form,
        title=_("Ny anbefalt indikator"),
        intro=intro,
        back=reverse("indicator-requests") if wish is not None else reverse("indicator-list"),
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_version_new(request: HttpRequest, code: str) -> HttpResponse:
    indicator = get_object_or_404(Indicator.objects.select_related("owner"), code=code)
    scope = scope_of(request.user)
    if not _can_edit_definition(scope, indicator):
        if indicator.is_recommended:
            raise PermissionDenied(_("Bare direktoratet kan endre definisjonen av en anbefalt indikator."))
        raise PermissionDenied(_("Bare kommunen som eier indikatoren og direktoratet kan endre definisjonen."))
    versions = selectors.versions_by_code([indicator]).get(indicator.code, [])
    month = _this_month()
    base = _version_in_force_or_latest(versions, month)
    latest_start = max((v.valid_from for v in versions), default=None)
    starts = month if latest_start is None or latest_start < month else latest_start.next
    figures = active_figures()
    if base is not None:
        # A figure no longer in use stays selectable for the version that reads it.
        every = all_figures()
        figures.update({code: every[code] for code in base.figures() if code in every and code not in figures})
    status = 200
    if request.method == "POST":
        form = VersionForm(request.POST, code=indicator.code, figures=figures)
        if form.is_valid() and form.version is not None:
            try:
                add_version(indicator=indicator, version=form.version, user=_user(request), now=timezone.now())
            except IndicatorError as error:
                form.add_error("valid_from", str(error))
            else:
                messages.success(
                    request,
                    _("Ny versjon av %(code)s gjelder fra %(month)s. Tidligere måneder beregnes som før.")
                    % {"code": indicator.code, "month": label(form.version.valid_from)},
                )
                return redirect(reverse("indicator-list") + f"#indikator-{indicator.pk}")
        status = 400
    else:
        form = VersionForm(
            code=indicator.code, figures=figures,
            initial=version_initial(base, starts) if base else {"valid_from": str(starts)},
        )
    current = (
        _("Gjeldende versjon startet %(month)s.") % {"month": label(latest_start)} if latest_start else ""
    )
    return _definition_page(
        request, form,
        title=_("Ny versjon av %(code)s") % {"code": indicator.code},
        intro=_(
            "Skjemaet er fylt ut med versjonen som gjelder nå. Den nye versjonen gjelder fra måneden du velger; "
            "den forrige avsluttes måneden før, og tidligere måneder beregnes alltid med den versjonen som "
            "gjaldt da. %(current)s"
        ) % {"current": current},
        back=reverse("indicator-list"),
        status=status,
    )


# --- Choices and limits ---------------------------------------------------------------------------------------


class _Refused(Exception):
    """Some change was refused: leave the atomic block so that nothing is saved."""


@dataclass(frozen=True)
class LimitsChange:
    record: IndicatorLimits
    indicator_name: str

    @property
    def green(self) -> str:
        return format_number(self.record.green)

    @property
    def red(self) -> str:
        return format_number(self.record.red)

    @property
    def removed(self) -> bool:
        return self.record.green is None or self.record.red is None


def _rows(indicators: list[Indicator], municipality: str | None) -> list[IndicatorRow]:
    """Return the page's rows; `municipality` None is the Directorate's recommendation."""
    versions = selectors.versions_by_code(indicators)
    month = _this_month()
    recommended = selectors.limits_in_force(None, indicators)
    own = selectors.limits_in_force(municipality, indicators) if municipality else recommended
    choices = selectors.current_choices([municipality]) if municipality else {}
    rows = []
    for indicator in indicators:
        current = own[indicator.pk]
        rows.append(
            IndicatorRow(
                indicator=indicator,
                version=_version_in_force_or_latest(versions.get(indicator.code, []), month),
                current=current.limits if current.source == ("kommunen" if municipality else "direktoratet") else None,
                recommended=recommended[indicator.pk].limits,
                shown=choices.get((municipality or "", indicator.pk), True),
            )
        )
    return rows


def _save(form: ChoicesAndLimitsForm, municipality: Region | None, user: User) -> tuple[int, int] | None:
    """Record the changed choices and limits all together; None (nothing saved) when one is refused."""
    now = timezone.now()
    changes = (0, 0)
    try:
        with transaction.atomic():
            choices = (
                set_choices(municipality=municipality, shown=form.shown(), user=user, now=now)
                if municipality is not None
                else 0
            )
            limits = 0
            for row, new in form.changed_limits():
                try:
                    changed = set_limits(
                        indicator=row.indicator, municipality=municipality, limits=new,
                        direction=row.direction, user=user, now=now,
                    )
                except IndicatorError as error:
                    form.add_error(green_field(row.indicator.pk), str(error))
                else:
                    limits += int(changed)
            if form.errors:
                raise _Refused
            changes = (choices, limits)
    except _Refused:
        return None
    return changes


def _limits_changes(rows: list[IndicatorRow], municipality: str | None) -> list[LimitsChange]:
    changes = chain.from_iterable(
        (LimitsChange(record, f"{row.indicator.code} {row.name}") for record in
         selectors.limits_history(row.indicator, municipality))
        for row in rows
    )
    return sorted(changes, key=lambda c: (c.record.recorded_at, c.record.pk), reverse=True)


def _saved_message(request: HttpRequest, changes: tuple[int, int]) -> None:
    choices, limits = changes
    if choices or limits:
        messages.success(
            request,
            _("Lagret. Endrede valg: %(choices)d. Endrede grenseverdier: %(limits)d.")
            % {"choices": choices, "limits": limits},
        )
    else:
        messages.info(request, _("Ingen endringer å lagre."))


@login_required
@require_http_methods(["GET", "POST"])
def municipality_indicators(request: HttpRequest, kommune: str) -> HttpResponse:
    region, editable = _municipality(request, kommune)
    if request.method == "POST" and not editable:
        raise PermissionDenied(_("Du kan se, men ikke endre indikatorene for denne kommunen."))
    rows = _rows(selectors.available_indicators([kommune]), kommune)
    form = ChoicesAndLimitsForm(request.POST or None, rows=rows, with_choices=True)
    status = 200
    if request.method == "POST":
        changes = _save(form, region, _user(request)) if form.is_valid() else None
        if changes is not None:
            _saved_message(request, changes)
            return redirect("municipality-indicators", kommune=kommune)
        status = 400
    return render(
        request,
        "indicators/municipality.html",
        {
            "region": region,
            "editable": editable,
            "form": form,
            "slots": form.slots(),
            "errors": error_links(form),
            "choice_history": selectors.choice_history(kommune),
            "limits_history": _limits_changes(rows, kommune),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def recommended_limits(request: HttpRequest) -> HttpResponse:
    if not scope_of(request.user).everything:
        raise PermissionDenied(_("Bare direktoratet kan anbefale grenseverdier."))
    indicators = [i for i in selectors.available_indicators([]) if i.is_recommended]
    rows = _rows(indicators, None)
    form = ChoicesAndLimitsForm(request.POST or None, rows=rows, with_choices=False)
    status = 200
    if request.method == "POST":
        changes = _save(form, None, _user(request)) if form.is_valid() else None
        if changes is not None:
            _saved_message(request, changes)
            return redirect("recommended-limits")
        status = 400
    return render(
        request,
        "indicators/recommended_limits.html",
        {
            "form": form,
            "slots": form.slots(),
            "errors": error_links(form),
            "limits_history": _limits_changes(rows, None),
        },
        status=status,
    )


# --- Requests -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestItem:
    request: IndicatorRequest
    form: AnswerForm | None


def _answer_prefix(pk: int) -> str:
    return f"svar-{pk}"


@login_required
@require_http_methods(["GET", "POST"])
def indicator_requests(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request.user)
    if not (scope.everything or scope.municipality_codes):
        raise PermissionDenied(_("Ønsker om nye indikatorer er for kommunene og direktoratet."))
    rows = IndicatorRequest.objects.select_related("municipality", "created_by", "answered_by")
    if not scope.everything:
        rows = rows.filter(municipality_id__in=scope.municipality_codes)
    municipalities = [
        (r.code, r.name) for r in Region.objects.filter(code__in=scope.municipality_codes).order_by("name")
    ]
    new_form = RequestForm(municipalities=municipalities) if municipalities else None
    answered: tuple[int, AnswerForm] | None = None
    user = _user(request)
    status = 200
    if request.method == "POST" and "request" in request.POST:
        if not scope.everything:
            raise PermissionDenied(_("Bare direktoratet kan svare på ønsker om nye indikatorer."))
        pk = request.POST["request"]
        if not re.fullmatch(r"[0-9]+", pk):
            raise Http404(_("Ukjent ønske"))
        target = get_object_or_404(IndicatorRequest.objects.select_related("municipality"), pk=int(pk))
        form = AnswerForm(
            request.POST, prefix=_answer_prefix(target.pk), municipality_name=target.municipality.name
        )
        if form.is_valid():
            try:
                answer_request(
                    request=target, accept=form.cleaned_data["decision"] == "accept",
                    answer=form.cleaned_data["answer"], user=user, now=timezone.now(),
                )
            except IndicatorError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Svaret er sendt til %(name)s.") % {"name": target.municipality.name})
                return redirect("indicator-requests")
        answered = (target.pk, form)
        status = 400
    elif request.method == "POST":
        if new_form is None:
            raise PermissionDenied(_("Bare kommunene kan sende ønsker om nye indikatorer."))
        new_form = RequestForm(request.POST, municipalities=municipalities)
        if new_form.is_valid():
            municipality = Region.objects.get(code=new_form.cleaned_data["municipality"])
            try:
                request_indicator(
                    municipality=municipality, text=new_form.cleaned_data["text"], user=user, now=timezone.now()
                )
            except IndicatorError as error:
                new_form.add_error("text", str(error))
            else:
                messages.success(request, _("Ønsket er sendt til direktoratet."))
                return redirect("indicator-requests")
        status = 400
    items = []
    for row in rows:
        answer_form: AnswerForm | None = None
        if scope.everything and row.status == RequestStatus.PENDING:
            answer_form = (
                answered[1]
                if answered and answered[0] == row.pk
                else AnswerForm(prefix=_answer_prefix(row.pk), municipality_name=row.municipality.name)
            )
        items.append(RequestItem(row, answer_form))
    errors = error_links(answered[1]) if answered else (error_links(new_form) if new_form and new_form.is_bound else [])
    non_field = (
        answered[1].non_field_errors() if answered else (new_form.non_field_errors() if new_form else [])
    )
    return render(
        request,
        "indicators/requests.html",
        {
            "items": items,
            "pending": [i for i in items if i.form is not None],
            "new_form": new_form,
            "errors": errors,
            "non_field_errors": non_field,
            "is_directorate": scope.everything,
        },
        status=status,
    )
