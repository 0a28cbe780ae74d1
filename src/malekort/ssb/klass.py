"""SSB's classification service KLASS: the fylker, kommuner and bydeler in force on a date.

https://data.ssb.no/api/klass/v1 ; classifications 104 (fylke), 131 (kommune)
and 241 (bydel), read with `codesAt`. KLASS also lists codes for areas outside
the kommune structure (21 Svalbard, 22 Jan Mayen, 23 Kontinentalsokkelen) and
"unknown" codes ending in 99 (99, 9999, 030199); no NAV office reports for
them, so they are left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import requests

from malekort.domain.files.regions import RegionRow
from malekort.domain.regions import NATION_CODE, Level

FYLKE, KOMMUNE, BYDEL = 104, 131, 241
CLASSIFICATIONS = {Level.FYLKE: FYLKE, Level.KOMMUNE: KOMMUNE, Level.BYDEL: BYDEL}
CODE_LENGTH = {Level.FYLKE: 2, Level.KOMMUNE: 4, Level.BYDEL: 6}
NATION_NAME = "Norge"
OUTSIDE_KOMMUNE_STRUCTURE = ("21", "22", "23")
TIMEOUT = (5, 30)  # seconds to connect, seconds to wait for the answer
SERVICE = "SSBs klassifikasjonstjeneste (KLASS)"


class KlassError(Exception):
    """KLASS could not be reached or gave an answer we cannot use; the message is for the user."""


def new_session() -> requests.Session:
    session = requests.Session()
    session.headers["User-Agent"] = "malekort"
    return session


def fetch_regions(
    *, at: date, base_url: str, session: requests.Session | None = None
) -> list[RegionRow]:
    """Return the nation and the fylker, kommuner and bydeler in force on `at`, parents first."""
    session = session or new_session()
    payloads = {
        level: _codes_at(session, base_url=base_url, classification=id_, at=at)
        for level, id_ in CLASSIFICATIONS.items()
    }
    return regions_from_klass(payloads)


def regions_from_klass(payloads: Mapping[Level, Any]) -> list[RegionRow]:
    """Return region rows from the `codesAt` answers for fylke, kommune and bydel."""
    rows = [RegionRow(NATION_CODE, Level.NATION, NATION_NAME, None, None)]
    known = {NATION_CODE}
    for level in (Level.FYLKE, Level.KOMMUNE, Level.BYDEL):
        for item in _items(payloads[level], CLASSIFICATIONS[level]):
            code = item["code"]
            # 241 may also list higher levels; each classification gives one level here.
            if len(code) != CODE_LENGTH[level] or not code.isdigit():
                continue
            parent = NATION_CODE if level is Level.FYLKE else code[: len(code) - 2]
            if code.endswith("99") or code[:2] in OUTSIDE_KOMMUNE_STRUCTURE or parent not in known:
                continue
            rows.append(
                RegionRow(
                    code, level, item["name"], parent,
                    _date(item.get("validFrom")), _date(item.get("validTo")),
                )
            )
            known.add(code)
    return rows


def _codes_at(session: requests.Session, *, base_url: str, classification: int, at: date) -> Any:
    url = f"{base_url.rstrip('/')}/classifications/{classification}/codesAt"
    try:
        response = session.get(
            url, params={"date": at.isoformat()}, headers={"Accept": "application/json"},
            timeout=TIMEOUT,
        )
    except requests.Timeout as e:
        raise KlassError(f"{SERVICE} svarte ikke i tide ({url}). Prøv igjen senere.") from e
    except requests.RequestException as e:
        raise KlassError(
            f"Fikk ikke kontakt med {SERVICE} ({url}). Sjekk nettverket og prøv igjen."
        ) from e
    if response.status_code != 200:
        raise KlassError(
            f"{SERVICE} svarte med feil {response.status_code} for klassifikasjon "
            f"{classification} ({url})."
        )
    try:
        return response.json()
    except ValueError as e:
        raise KlassError(
            f"{SERVICE} svarte med noe som ikke er JSON for klassifikasjon {classification}."
        ) from e


def _items(payload: Any, classification: int) -> list[dict[str, str]]:
    codes = payload.get("codes") if isinstance(payload, dict) else None
    if not isinstance(codes, list) or not all(
        isinstance(c, dict) and isinstance(c.get("code"), str) and isinstance(c.get("name"), str)
        and c["name"].strip()
        for c in codes
    ):
        raise KlassError(
            f"{SERVICE} svarte i et format vi ikke kjenner for klassifikasjon {classification}: "
            "forventet en liste «codes» der hver kode har «code» og «name»."
        )
    return codes


def _date(text: object) -> date | None:
    if not isinstance(text, str) or not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise KlassError(f"{SERVICE} ga en ugyldig dato «{text}».") from None
