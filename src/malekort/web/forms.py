"""Form fields for the inputs every form shares: a month, parsed by `domain.periods` like every other month."""

from __future__ import annotations

from typing import Any

from django import forms

from malekort.domain.periods import Period, PeriodError


class MonthField(forms.CharField):
    """A month written ÅÅÅÅ-MM; empty gives None when the field is optional."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 7)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Period | None:
        text = (super().clean(value) or "").strip()
        if not text:
            return None
        try:
            return Period.parse(text)
        except PeriodError as error:
            raise forms.ValidationError(str(error)) from None
