"""Forms for a municipality's choices and limits, indicator definitions and requests to the Directorate."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS

from malekort.domain.indicators import definitions as d
from malekort.domain.indicators.limits import Limits
from malekort.domain.keyfigures import KeyFigure
from malekort.domain.periods import Period, PeriodError
from malekort.indicators.actions import IndicatorError, check_recommended_code
from malekort.indicators.models import Indicator
from malekort.indicators.version_fields import form_values

_NUMBER_RE = re.compile(r"^-?[0-9]+(?:[.,][0-9]+)?$")


def format_number(number: float | None) -> str:
    """Return a limit the Norwegian way, with a decimal comma and no trailing zeros: 2.5 → «2,5»."""
    if number is None:
        return ""
    text = format(Decimal(repr(number)).normalize(), "f")
    return text.replace(".", ",")


class DecimalCommaField(forms.Field):
    """A number written with a decimal comma (or point); empty is None."""

    widget = forms.TextInput
    default_error_messages = {"invalid": "Skriv et tall, for eksempel 2,5."}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> float | None:
        text = str(value or "")
        for space in (" ", "\u00a0", "\u202f"):
            text = text.replace(space, "")
        text = text.replace("\u2212", "-")  # a typographic minus
        if not text:
            return None
        if len(text) > 20 or not _NUMBER_RE.match(text):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return float(text.replace(",", "."))


def error_links(form: forms.Form) -> list[tuple[str, str]]:
    """Return (id to focus, message) for each error, for the error summary at the top of the page."""
    links: list[tuple[str, str]] = []
    for name, errors in form.errors.items():
        if name == NON_FIELD_ERRORS:
            continue
        bound = form[name]
        target = f"{bound.auto_id}_0" if isinstance(bound.field.widget, forms.RadioSelect) else bound.auto_id
        context = getattr(form, "field_context", {}).get(name)
        field_label = f"{context}, {str(bound.label).lower()}" if context else bound.label
        links.extend((str(target), f"{field_label}: {error}") for error in errors)
    return links


# --- Choices and limits ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator on a page of choices and limits."""

    indicator: Indicator
    version: d.IndicatorVersion | None
    current: Limits | None  # the limits the page changes (the municipality's own, or the recommendation)
    recommended: Limits | None
    shown: bool

    @property
    def direction(self) -> d.Direction:
        return self.version.direction if self.version else d.Direction.NEUTRAL

    @property
    def takes_limits(self) -> bool:
        return self.direction is not d.Direction.NEUTRAL

    @property
    def name(self) -> str:
        return self.version.name if self.version else self.indicator.code

    @property
    def rule(self) -> str:
        """Return how the limits colour a value, in words."""
        if self.direction is d.Direction.LOWER_IS_BETTER:
            return "Grønn når verdien er lik eller lavere enn grensen for grønn, rød når den er lik eller høyere " \
                   "enn grensen for rød, ellers gul."
        if self.direction is d.Direction.HIGHER_IS_BETTER:
            return "Grønn når verdien er lik eller høyere enn grensen for grønn, rød når den er lik eller lavere " \
                   "enn grensen for rød, ellers gul."
        return "Indikatoren har ingen retning, så den får ingen farge og kan ikke ha grenseverdier."

    @property
    def recommended_text(self) -> str:
        if self.recommended is None:
            return "Direktoratet har ikke anbefalt grenseverdier."
        return (
            f"Direktoratets anbefaling: grønn {format_number(self.recommended.green)}, "
            f"rød {format_number(self.recommended.red)}."
        )


def shown_field(pk: int) -> str:
    return f"vis_{pk}"


def green_field(pk: int) -> str:
    return f"gronn_{pk}"


def red_field(pk: int) -> str:
    return f"rod_{pk}"


@dataclass(frozen=True)
class RowSlot:
    """What the template needs to draw one indicator's fields."""

    row: IndicatorRow
    shown: forms.BoundField | None
    green: forms.BoundField | None
    red: forms.BoundField | None


class ChoicesAndLimitsForm(forms.Form):
    """«Vis i målekortet» (optional) and the limits for green and red, per indicator."""

    BOTH = "Fyll inn både grense for grønn og grense for rød, eller la begge stå tomme."

    ROWS = "rad"

    def __init__(self, *args: Any, rows: Sequence[IndicatorRow], with_choices: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = list(rows)
        if self.is_bound and self.ROWS in self.data:
            # Only the indicators that were on the page when it was drawn: one added since is left alone,
            # rather than hidden because its box was not there to tick.
            getlist = getattr(self.data, "getlist", None)
            posted = set(getlist(self.ROWS) if getlist else [self.data[self.ROWS]])
            self.rows = [row for row in self.rows if str(row.indicator.pk) in posted]
        self.with_choices = with_choices
        self.field_context: dict[str, str] = {}
        for row in self.rows:
            pk = row.indicator.pk
            for name in (shown_field(pk), green_field(pk), red_field(pk)):
                self.field_context[name] = row.indicator.code
            if with_choices:
                self.fields[shown_field(pk)] = forms.BooleanField(
                    label="Vis i målekortet", required=False, initial=row.shown
                )
            if row.takes_limits:
                current = row.current
                self.fields[green_field(pk)] = DecimalCommaField(
                    label="Grense for grønn", initial=format_number(current.green if current else None)
                )
                self.fields[red_field(pk)] = DecimalCommaField(
                    label="Grense for rød", initial=format_number(current.red if current else None)
                )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for row in self.rows:
            if not row.takes_limits:
                continue
            green, red = green_field(row.indicator.pk), red_field(row.indicator.pk)
            if green in self.errors or red in self.errors:
                continue
            if data.get(green) is None and data.get(red) is not None:
                self.add_error(green, self.BOTH)
            elif data.get(red) is None and data.get(green) is not None:
                self.add_error(red, self.BOTH)
        return data

    def shown(self) -> dict[int, bool]:
        """Return the choice for every indicator on the form."""
        if not self.with_choices:
            return {}
        return {row.indicator.pk: bool(self.cleaned_data.get(shown_field(row.indicator.pk))) for row in self.rows}

    def changed_limits(self) -> list[tuple[IndicatorRow, Limits | None]]:
        """Return the indicators whose limits differ from the current ones, with the new limits (None: remove)."""
        changed = []
        for row in self.rows:
            if not row.takes_limits:
                continue
            green = self.cleaned_data.get(green_field(row.indicator.pk))
            red = self.cleaned_data.get(red_field(row.indicator.pk))
            limits = Limits(green=green, red=red) if green is not None and red is not None else None
            if limits != row.current:
                changed.append((row, limits))
        return changed

    def slots(self) -> list[RowSlot]:
        def bound(name: str) -> forms.BoundField | None:
            return self[name] if name in self.fields else None

        return [
            RowSlot(
                row=row,
                shown=bound(shown_field(row.indicator.pk)),
                green=bound(green_field(row.indicator.pk)),
                red=bound(red_field(row.indicator.pk)),
            )
            for row in self.rows
        ]


# --- Definitions ----------------------------------------------------------------------------------------------

NUMERATOR_KINDS = [(k.value, k.label) for k in (d.TermKind.FIGURE, d.TermKind.POPULATION)]
DENOMINATOR_KINDS = [(k.value, k.label) for k in d.TermKind]
DIRECTIONS = [(x.value, x.label) for x in d.Direction]


def _age_field(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label, required=False, min_value=0, max_value=d.MAX_AGE,
        error_messages={
            "invalid": "Skriv en alder i hele år.",
            "min_value": "Alderen kan ikke være under 0 år.",
            "max_value": f"Alderen kan ikke være over {d.MAX_AGE} år.",
        },
    )


class VersionForm(forms.Form):
    """One version of an indicator definition: what is counted, divided by what, and from which month."""

    name = forms.CharField(label="Navn", max_length=300, error_messages={"required": "Skriv et navn."})
    description = forms.CharField(
        label="Beskrivelse", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Det som vises når noen trykker på indikatoren i målekortet.",
    )
    numerator_kind = forms.ChoiceField(
        label="Teller", choices=NUMERATOR_KINDS, widget=forms.RadioSelect,
        error_messages={"required": "Velg hva telleren er."},
    )
    numerator_figure = forms.ChoiceField(label="Teller: nøkkeltall", required=False)
    numerator_age_from = _age_field("Teller: fra alder")
    numerator_age_to = _age_field("Teller: til alder")
    denominator_kind = forms.ChoiceField(
        label="Nevner", choices=DENOMINATOR_KINDS, widget=forms.RadioSelect,
        error_messages={"required": "Velg hva nevneren er."},
    )
    denominator_figure = forms.ChoiceField(label="Nevner: nøkkeltall", required=False)
    denominator_age_from = _age_field("Nevner: fra alder")
    denominator_age_to = _age_field("Nevner: til alder")
    factor = forms.IntegerField(
        label="Faktor", min_value=1, initial=100, help_text="100 gir prosent, 1 gir antall.",
        error_messages={
            "required": "Skriv en faktor: 100 for prosent, 1 for antall.",
            "invalid": "Skriv et helt tall: 100 for prosent, 1 for antall.",
            "min_value": "Faktoren må være et positivt tall (100 for prosent, 1 for antall).",
        },
    )
    direction = forms.ChoiceField(
        label="Retning", choices=DIRECTIONS, widget=forms.RadioSelect,
        help_text="Retningen avgjør hvordan grenseverdiene gir grønn, gul og rød farge.",
        error_messages={"required": "Velg om høyere eller lavere verdi er bedre."},
    )
    unit = forms.CharField(
        label="Enhet", max_length=40, initial="prosent", help_text="For eksempel «prosent» eller «personer».",
        error_messages={"required": "Skriv en enhet, for eksempel «prosent»."},
    )
    decimals = forms.IntegerField(
        label="Antall desimaler", min_value=0, max_value=4, initial=1,
        error_messages={
            "required": "Skriv hvor mange desimaler som skal vises (0–4).",
            "invalid": "Skriv et helt tall fra 0 til 4.",
            "min_value": "Skriv et helt tall fra 0 til 4.",
            "max_value": "Skriv et helt tall fra 0 til 4.",
        },
    )
    valid_from = forms.CharField(
        label="Gjelder fra måned", max_length=7, help_text="Skriv måneden som ÅÅÅÅ-MM, for eksempel 2025-06.",
        error_messages={"required": "Skriv måneden definisjonen gjelder fra (ÅÅÅÅ-MM)."},
    )

    TERM_FIELDS = ("numerator", "denominator")

    def __init__(self, *args: Any, code: str, figures: Mapping[str, KeyFigure], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.code = code
        choices = [("", "Velg nøkkeltall"), *((c, f"{f.name} ({c})") for c, f in figures.items())]
        for prefix in self.TERM_FIELDS:
            self.fields[f"{prefix}_figure"].choices = choices  # type: ignore[attr-defined]
        self.version: d.IndicatorVersion | None = None

    def clean_valid_from(self) -> Period:
        try:
            return Period.parse(self.cleaned_data["valid_from"])
        except PeriodError as error:
            raise forms.ValidationError(str(error)) from None

    def _term(self, prefix: str, data: Mapping[str, Any]) -> d.Term | None:
        kind_name = data.get(f"{prefix}_kind")
        if not kind_name or any(f"{prefix}_{part}" in self.errors for part in ("figure", "age_from", "age_to")):
            return None
        kind = d.TermKind(kind_name)
        try:
            if kind is d.TermKind.FIGURE:
                return d.Term(kind, figure=data.get(f"{prefix}_figure") or None)
            if kind is d.TermKind.POPULATION:
                return d.Term(kind, age_from=data.get(f"{prefix}_age_from"), age_to=data.get(f"{prefix}_age_to"))
            return d.Term.one()
        except d.DefinitionError as error:
            field = f"{prefix}_figure" if kind is d.TermKind.FIGURE else f"{prefix}_age_from"
            self.add_error(field, str(error))
            return None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        numerator = self._term("numerator", data)
        denominator = self._term("denominator", data)
        if numerator is None or denominator is None or self.errors:
            return data
        try:
            self.version = d.IndicatorVersion(
                code=self.code,
                name=data["name"].strip(),
                description=(data.get("description") or "").strip(),
                numerator=numerator,
                denominator=denominator,
                factor=data["factor"],
                direction=d.Direction(data["direction"]),
                unit=data["unit"].strip(),
                valid_from=data["valid_from"],
                decimals=data["decimals"],
            )
        except d.DefinitionError as error:
            self.add_error(None, str(error))
        return data

    def term_groups(self) -> list[tuple[str, forms.BoundField, forms.BoundField, forms.BoundField, forms.BoundField]]:
        """Return (heading, kind, figure, age from, age to) for the numerator and the denominator."""
        return [
            (
                heading,
                self[f"{prefix}_kind"], self[f"{prefix}_figure"],
                self[f"{prefix}_age_from"], self[f"{prefix}_age_to"],
            )
            for heading, prefix in (("Teller", "numerator"), ("Nevner", "denominator"))
        ]


class RecommendedIndicatorForm(VersionForm):
    """A new recommended indicator: its code, and the first version of its definition."""

    indicator_code = forms.CharField(
        label="Kode", help_text="«B.» og tre sifre, for eksempel B.105. Koden kan ikke endres senere.",
        error_messages={"required": "Skriv en kode, for eksempel B.105."},
    )

    field_order = ["indicator_code"]

    def __init__(self, *args: Any, figures: Mapping[str, KeyFigure], **kwargs: Any) -> None:
        super().__init__(*args, code="", figures=figures, **kwargs)

    def clean_indicator_code(self) -> str:
        code = str(self.cleaned_data["indicator_code"]).upper()
        try:
            check_recommended_code(code)
        except IndicatorError as error:
            raise forms.ValidationError(str(error)) from None
        self.code = code
        return code


def version_initial(version: d.IndicatorVersion, valid_from: Period) -> dict[str, Any]:
    """Return the form's starting values: those of `version`, from the month `valid_from`."""
    initial = form_values(version)
    initial["valid_from"] = str(valid_from)
    return initial


# --- Requests -------------------------------------------------------------------------------------------------


class RequestForm(forms.Form):
    """A municipality's request to the Directorate for a new indicator."""

    municipality = forms.ChoiceField(label="Kommune")
    text = forms.CharField(
        label="Hvilken indikator ønsker dere?", max_length=4000, widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Beskriv hva som skal telles (teller), hva det skal deles på (nevner), og hvorfor.",
        error_messages={"required": "Beskriv indikatoren dere ønsker."},
    )

    def __init__(self, *args: Any, municipalities: Sequence[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        field.choices = list(municipalities)  # type: ignore[attr-defined]
        if len(municipalities) == 1:
            field.initial = municipalities[0][0]
            field.widget = forms.HiddenInput()


class AnswerForm(forms.Form):
    """The Directorate's answer to one request."""

    decision = forms.ChoiceField(
        label="Svar", choices=[("accept", "Godta ønsket"), ("decline", "Avslå ønsket")], widget=forms.RadioSelect,
        error_messages={"required": "Velg om ønsket godtas eller avslås."},
    )
    answer = forms.CharField(
        label="Merknad til kommunen", max_length=4000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kommunen ser merknaden sammen med svaret.",
        error_messages={"required": "Skriv et svar til kommunen."},
    )

    def __init__(self, *args: Any, municipality_name: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.field_context = {name: f"Ønsket fra {municipality_name}" for name in self.fields}
