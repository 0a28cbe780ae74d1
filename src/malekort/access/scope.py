"""The one gate to office and area data: who may see and who may change what.

Office leaders see and register their own office's areas; a municipality its
own kommune and bydeler; a county governor reads its county; the Directorate
sees and may correct everything. A municipality's own indicator is seen by
those whose scope reaches into that kommune. Every view and every command that acts as a
user reaches data through these functions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from malekort.access.models import Assignment, Role
from malekort.areas.models import Office, Region, ServiceArea
from malekort.domain.regions import lies_within

AnyUser = AbstractBaseUser | AnonymousUser


@dataclass(frozen=True)
class Scope:
    """What one user may reach, worked out once per request."""

    everything: bool = False
    office_codes: frozenset[str] = frozenset()
    office_area_codes: frozenset[str] = frozenset()
    municipality_codes: frozenset[str] = frozenset()
    county_codes: frozenset[str] = frozenset()
    roles: frozenset[str] = field(default_factory=frozenset)

    def can_view_area(self, code: str) -> bool:
        return self.everything or self.can_edit_area(code) or any(
            lies_within(code, county) for county in self.county_codes
        )

    def can_edit_area(self, code: str) -> bool:
        return (
            self.everything
            or code in self.office_area_codes
            or any(lies_within(code, kommune) for kommune in self.municipality_codes)
        )

    def can_view_indicator(self, owner: str | None) -> bool:
        """Return whether the user may see an indicator owned by the kommune `owner` (None: recommended).

        The Directorate's recommended indicators are for everyone. A municipality's own indicator,
        its definition and its values, is for those whose scope reaches into that kommune: the
        kommune itself, the leaders of offices serving areas in it, its county governor and the
        Directorate.
        """
        if owner is None:
            return True
        return (
            self.everything
            or owner in self.municipality_codes
            or any(lies_within(owner, county) for county in self.county_codes)
            or any(lies_within(area, owner) for area in self.office_area_codes)
        )

    @property
    def may_register(self) -> bool:
        """Whether the user may register figures for some area (a county governor only reads)."""
        return self.everything or bool(self.office_area_codes or self.municipality_codes)

    @property
    def is_empty(self) -> bool:
        return not (self.everything or self.office_codes or self.municipality_codes or self.county_codes)


EVERYTHING = Scope(everything=True, roles=frozenset({Role.DIRECTORATE.value}))
NOTHING = Scope()
_CACHE_ATTRIBUTE = "_malekort_scope"


def scope_of(user: AnyUser | None) -> Scope:
    """Return the user's scope; None means a trusted system caller (a command run without --as-user)."""
    if user is None:
        return EVERYTHING
    if not user.is_authenticated or not user.is_active:
        return NOTHING
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    scope = _build_scope(list(Assignment.objects.filter(user_id=user.pk)))
    setattr(user, _CACHE_ATTRIBUTE, scope)
    return scope


def _build_scope(assignments: Iterable[Assignment]) -> Scope:
    roles = {a.role for a in assignments}
    if Role.DIRECTORATE in roles:
        return Scope(everything=True, roles=frozenset(roles))
    offices = frozenset(a.office_id for a in assignments if a.role == Role.OFFICE_LEADER and a.office_id)
    area_codes = frozenset(
        ServiceArea.objects.filter(office_id__in=offices).values_list("area_id", flat=True)
    ) if offices else frozenset()
    return Scope(
        office_codes=offices,
        office_area_codes=area_codes,
        municipality_codes=frozenset(
            a.region_id for a in assignments if a.role == Role.MUNICIPALITY and a.region_id
        ),
        county_codes=frozenset(
            a.region_id for a in assignments if a.role == Role.COUNTY_GOVERNOR and a.region_id
        ),
        roles=frozenset(roles),
    )


def _within_any(field_name: str, codes: Iterable[str]) -> Q:
    """Return a condition on an area-code column: the area lies within one of the regions."""
    inside = Q(pk__in=[])
    for code in codes:
        inside |= Q(code__startswith=code)
    return Q(**{f"{field_name}__in": Region.objects.filter(inside).values("code")})


def visible_offices(user: AnyUser | None) -> QuerySet[Office]:
    """Return the offices whose page the user may open (some of their areas are visible)."""
    scope = scope_of(user)
    offices = Office.objects.all()
    if scope.everything:
        return offices
    condition = Q(code__in=scope.office_codes)
    regions = scope.municipality_codes | scope.county_codes
    if regions:
        served = ServiceArea.objects.filter(_within_any("area_id", regions)).values("office_id")
        condition |= Q(code__in=served)
    return offices.filter(condition)


@dataclass(frozen=True)
class OfficeAccess:
    """An office as one user sees it: its visible areas and which of them the user may change."""

    office: Office
    areas: list[Region]
    editable: frozenset[str]

    @property
    def can_edit(self) -> bool:
        return bool(self.editable)

    @property
    def area_codes(self) -> list[str]:
        return [a.code for a in self.areas]


def office_for(user: AnyUser | None, office_code: str) -> OfficeAccess:
    """Return the office as the user may see it; 404 if unknown, 403 if none of it is the user's."""
    try:
        office = Office.objects.get(code=office_code)
    except Office.DoesNotExist:
        raise Http404("Ukjent kontor") from None
    scope = scope_of(user)
    served = list(
        Region.objects.filter(service_areas__office=office).order_by("code")
    )
    visible = [area for area in served if scope.can_view_area(area.code)]
    if not visible:
        raise PermissionDenied("Du har ikke tilgang til dette kontoret.")
    editable = frozenset(a.code for a in visible if scope.can_edit_area(a.code))
    return OfficeAccess(office=office, areas=visible, editable=editable)


def areas_not_editable(user: AnyUser | None, area_codes: Iterable[str]) -> set[str]:
    """Return those of the area codes the user may not change."""
    scope = scope_of(user)
    return {code for code in area_codes if not scope.can_edit_area(code)}


def areas_not_viewable(user: AnyUser | None, area_codes: Iterable[str]) -> set[str]:
    """Return those of the area codes the user may not see."""
    scope = scope_of(user)
    return {code for code in area_codes if not scope.can_view_area(code)}


def visible_area_filter(user: AnyUser | None, field_name: str = "area_id") -> Q:
    """Return a query condition that keeps only rows whose area the user may see."""
    scope = scope_of(user)
    if scope.everything:
        return Q()
    condition = Q(**{f"{field_name}__in": scope.office_area_codes})
    return condition | _within_any(field_name, scope.municipality_codes | scope.county_codes)
