"""SSB's KLASS: fylker, kommuner and bydeler in force on a date, through a fake transport.

The answers in klass/ are written in KLASS's `codesAt` format (a subset of the
real classifications, with the unknown and outside-the-kommune codes KLASS has).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import requests
from django.core.management import CommandError, call_command
from pytest_django.fixtures import Settings
from requests.adapters import BaseAdapter

from malekort.areas.models import Region
from malekort.domain.regions import Level
from malekort.ssb import klass
from malekort.ssb.klass import KlassError, fetch_regions

ANSWERS = Path(__file__).parent / "klass"
BASE_URL = "https://klass.example/api/klass/v1"


def answer(classification: int) -> bytes:
    return (ANSWERS / f"{classification}.json").read_bytes()


class FakeKlass(BaseAdapter):
    """Answers KLASS requests from fixtures, or fails the way a network does."""

    def __init__(self, answers: Mapping[int, tuple[int, bytes]] | None = None,
                 failure: Exception | None = None) -> None:
        super().__init__()
        self.answers = answers or {id_: (200, answer(id_)) for id_ in (104, 131, 241)}
        self.failure = failure
        self.requests: list[tuple[requests.PreparedRequest, Any]] = []

    def send(  # type: ignore[override]
        self, request: requests.PreparedRequest, *, timeout: Any = None, **kwargs: Any
    ) -> requests.Response:
        self.requests.append((request, timeout))
        if self.failure is not None:
            raise self.failure
        found = re.search(r"/classifications/(\d+)/codesAt", request.url or "")
        assert found is not None
        status, body = self.answers[int(found.group(1))]
        response = requests.Response()
        response.status_code, response._content = status, body
        response.url, response.request = request.url or "", request
        response.headers["Content-Type"] = "application/json"
        return response

    def close(self) -> None:
        pass


def session_with(adapter: FakeKlass) -> requests.Session:
    session = klass.new_session()
    session.mount("https://", adapter)
    return session


def test_regions_in_force_on_a_date() -> None:
    fake = FakeKlass()
    rows = fetch_regions(at=date(2024, 3, 1), base_url=BASE_URL, session=session_with(fake))
    assert [(r.code, r.level, r.name, r.parent_code) for r in rows] == [
        ("0", Level.NATION, "Norge", None),
        ("03", Level.FYLKE, "Oslo", "0"),
        ("33", Level.FYLKE, "Buskerud", "0"),
        ("42", Level.FYLKE, "Agder", "0"),
        ("56", Level.FYLKE, "Finnmark - Finnmárkku - Finmarkku", "0"),
        ("0301", Level.KOMMUNE, "Oslo", "03"),
        ("3301", Level.KOMMUNE, "Drammen", "33"),
        ("3320", Level.KOMMUNE, "Flå", "33"),
        ("3322", Level.KOMMUNE, "Nesbyen", "33"),
        ("3324", Level.KOMMUNE, "Gol", "33"),
        ("3326", Level.KOMMUNE, "Hemsedal", "33"),
        ("3328", Level.KOMMUNE, "Ål", "33"),
        ("3330", Level.KOMMUNE, "Hol", "33"),
        ("4204", Level.KOMMUNE, "Kristiansand", "42"),
        ("5610", Level.KOMMUNE, "Kárášjohka - Karasjok", "56"),
        ("030101", Level.BYDEL, "Gamle Oslo", "0301"),
        ("030102", Level.BYDEL, "Grünerløkka", "0301"),
        ("030116", Level.BYDEL, "Sentrum", "0301"),
        ("030117", Level.BYDEL, "Marka", "0301"),
        # 460101 Arna is left out: its kommune 4601 is not in this answer.
    ]
    urls = [request.url for request, _ in fake.requests]
    assert urls == [
        f"{BASE_URL}/classifications/{id_}/codesAt?date=2024-03-01" for id_ in (104, 131, 241)
    ]
    assert all(r.headers["Accept"] == "application/json" for r, _ in fake.requests)
    assert all(timeout == klass.TIMEOUT for _, timeout in fake.requests)


def test_an_http_error_names_the_status() -> None:
    fake = FakeKlass({104: (200, answer(104)), 131: (503, b"Service Unavailable")})
    with pytest.raises(KlassError, match="svarte med feil 503 for klassifikasjon 131"):
        fetch_regions(at=date(2024, 3, 1), base_url=BASE_URL, session=session_with(fake))


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"<html>Vedlikehold</html>", "noe som ikke er JSON for klassifikasjon 104"),
        (b'{"classificationItems": []}', "et format vi ikke kjenner for klassifikasjon 104"),
        (b'{"codes": [{"code": "03"}]}', "et format vi ikke kjenner for klassifikasjon 104"),
        (b'{"codes": [{"code": "03", "name": "Oslo", "validFrom": "i fjor"}]}',
         "ugyldig dato «i fjor»"),
    ],
)
def test_a_malformed_answer_is_refused(body: bytes, message: str) -> None:
    fake = FakeKlass({id_: (200, body) for id_ in (104, 131, 241)})
    with pytest.raises(KlassError, match=message):
        fetch_regions(at=date(2024, 3, 1), base_url=BASE_URL, session=session_with(fake))


@pytest.mark.parametrize(
    ("failure", "message"),
    [
        (requests.ConnectionError("no route to host"), "Fikk ikke kontakt med SSBs"),
        (requests.ReadTimeout("slow"), "svarte ikke i tide"),
    ],
)
def test_a_network_failure_is_explained(failure: Exception, message: str) -> None:
    fake = FakeKlass(failure=failure)
    with pytest.raises(KlassError, match=message):
        fetch_regions(at=date(2024, 3, 1), base_url=BASE_URL, session=session_with(fake))


@pytest.fixture
def fake_klass(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> FakeKlass:
    settings.MALEKORT_KLASS_URL = BASE_URL
    fake = FakeKlass()
    session = session_with(fake)
    monkeypatch.setattr(klass, "new_session", lambda: session)
    return fake


@pytest.mark.django_db
def test_load_regions_from_ssb(fake_klass: FakeKlass, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("load-regions", "--from-ssb", "--date", "2024-03-01")
    assert Region.objects.count() == 19
    assert Region.objects.get(code="030102").parent_id == "0301"
    assert not Region.objects.filter(code__in=["21", "2111", "3399", "030199", "99"]).exists()
    assert "Regioner fra SSBs KLASS (2024-03-01): 19 i alt, 19 nye" in capsys.readouterr().out


@pytest.mark.django_db
def test_load_regions_from_ssb_writes_nothing_when_ssb_cannot_be_reached(
    fake_klass: FakeKlass,
) -> None:
    fake_klass.failure = requests.ConnectionError("no route to host")
    with pytest.raises(CommandError, match=r"Fikk ikke kontakt.*Ingenting er lagret"):
        call_command("load-regions", "--from-ssb")
    assert Region.objects.count() == 0


def test_the_answers_are_in_klass_format() -> None:
    for id_ in (104, 131, 241):
        codes: list[dict[str, Any]] = json.loads(answer(id_))["codes"]
        assert {tuple(sorted(c)) for c in codes} == {(
            "code", "level", "name", "notes", "parentCode", "presentationName", "shortName",
            "validFrom", "validTo",
        )}
