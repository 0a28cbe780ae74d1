"""The import of KOSTRA files told as text, per file and area (for the command)."""

from __future__ import annotations

from collections.abc import Iterator

from malekort.domain.kostra.importing import covered_text
from malekort.domain.kostra.layouts import Form
from malekort.kostra.imports import KostraPlan, main_series

SHOWN_CHANGES = 20
SHOWN_REFUSALS = 50


def plan_text(plan: KostraPlan, *, dry_run: bool, all_changes: bool = False) -> Iterator[str]:
    """Yield the report in Norwegian: per file its counts, refusals, warnings and notes, then per area its figures."""
    for file in plan.files:
        summary = file.summary
        yield f"== {summary.filename}: {summary.label}"
        yield (
            f"   {summary.line_count} linjer, {summary.person_count} personer, {len(summary.area_lines)} områder; "
            f"måneder: {covered_text(summary)}"
        )
        for error in summary.refused[:SHOWN_REFUSALS]:
            yield f"   AVVIST: {error}"
        if len(summary.refused) > SHOWN_REFUSALS:
            yield f"   … og {len(summary.refused) - SHOWN_REFUSALS} avvisninger til."
        for warning in summary.warnings:
            yield f"   Advarsel: {warning}"
        for note in summary.notes:
            yield f"   Merk: {note}"
        if not file.refused:
            headline = "KVP_DELTAKERE" if summary.form is Form.QUALIFICATION else "SH_MOTTAKERE"
            yield f"   {headline} per måned ({covered_text(summary)}), per område:"
            for code, name, texts in main_series(file):
                yield f"      {code} {name}: {', '.join(texts)}"
        if file.changes:
            yield f"   {len(file.changes)} lagrede verdier {'ville blitt' if dry_run else 'ble'} erstattet:"
            shown = file.changes if all_changes else file.changes[:SHOWN_CHANGES]
            for change in shown:
                yield (
                    f"      {change.area} {change.period} {change.figure}: {change.old} ({change.old_source}) "
                    f"→ {change.new}"
                )
            if len(shown) < len(file.changes):
                yield f"      … og {len(file.changes) - len(shown)} til (--all-changes viser alle)."
        if file.refused:
            yield "   Ingenting fra denne filen ble lagret."
        elif dry_run:
            yield f"   Prøvekjøring: {file.value_count} verdier ville blitt lagret; ingenting ble lagret."
        elif file.stored:
            yield (
                f"   Lagret: {file.created} nye og {file.updated} endrede verdier "
                f"(KOSTRA-import nr. {file.record_id})."
            )
