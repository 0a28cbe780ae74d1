"""A checked import waiting for the user's confirmation, kept in the session as figures only.

After the dry run the session holds, per file, its name, checksum, counts and
the area-month values to store; never the file's bytes or anything about a
person. Confirming stores exactly what the user saw.
"""

from __future__ import annotations

import uuid
from typing import Any

from malekort.domain.cells import DOTTED, Cell
from malekort.domain.kostra.importing import FileSummary
from malekort.domain.kostra.layouts import Form
from malekort.domain.periods import Period
from malekort.figures.actions import Entry
from malekort.kostra.imports import FilePlan, KostraPlan

SESSION_KEY = "malekort_kostra_pending"


def keep(session: Any, plan: KostraPlan) -> str:
    """Store the storable files of a plan in the session and return the token that confirms them."""
    token = uuid.uuid4().hex
    session[SESSION_KEY] = {
        "token": token,
        "last_month": str(plan.last_month),
        "files": [
            {
                "filename": f.summary.filename,
                "sha256": f.summary.sha256,
                "form": f.summary.form.value if f.summary.form else "",
                "year": f.summary.year,
                "line_count": f.summary.line_count,
                "person_count": f.summary.person_count,
                "areas": sorted(f.summary.area_lines),
                "months": list(f.summary.months),
                "entries": [[e.area, str(e.period), e.figure, e.cell.as_text()] for e in f.entries],
            }
            for f in plan.storable
        ],
    }
    return token


def take(session: Any, token: str) -> KostraPlan | None:
    """Return the plan kept under the token and forget it; None when there is none."""
    kept = session.get(SESSION_KEY)
    if not kept or not token or kept.get("token") != token:
        return None
    del session[SESSION_KEY]
    files = []
    for data in kept["files"]:
        summary = FileSummary(
            filename=data["filename"], sha256=data["sha256"], form=Form(data["form"]), year=data["year"],
            line_count=data["line_count"], person_count=data["person_count"],
            area_lines={area: () for area in data["areas"]}, months=tuple(data["months"]),
        )
        entries = [
            Entry(area, Period.parse(period), figure, DOTTED if text == "." else Cell.of(int(text)))
            for area, period, figure, text in data["entries"]
        ]
        files.append(FilePlan(summary=summary, given_entries=entries))
    return KostraPlan(files=files, last_month=Period.parse(kept["last_month"]))
