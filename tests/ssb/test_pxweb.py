"""SSB's PxWebApi 2: population by region and age from tables 07459 and 10826, through a fake transport.

The answers in fixtures/ are written in the format PxWebApi 2 answers with
(JSON-stat 2.0, compact, with SSB's extensions), for a few regions and ages:
the metadata of both tables and the data for 2024. Other answers are built
on the fly by `FakeSsb.population` with our own JSON-stat writer.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.core.management import CommandError, call_command
from pytest_django.fixtures import Settings
from requests.adapters import BaseAdapter

from malekort.areas.models import Population, Region
from malekort.domain.files.jsonstat import Category, Dimension, build_dataset, read_dataset, validate_dataset
from malekort.domain.files.population import SCHEMA
from malekort.ssb import pxweb
from malekort.ssb.pxweb import PxWebError, fetch_population

FIXTURES = Path(__file__).parent / "fixtures"
BASE_URL = "https://ssb.example/api/pxwebapi/v2"
REGIONS = ["0", "03", "0301", "030101", "030102", "42", "4204"]
AGES = ["000", "018", "066", "104", "105+"]


def fixture(name: str) -> bytes:
    return (FIXTURES / f"{name}.json").read_bytes()


Answer = tuple[int, bytes]


class FakeSsb(BaseAdapter):
    """Answers PxWebApi 2 requests from fixtures (or `answers`), or fails the way a network does."""

    def __init__(self, answers: Mapping[str, Answer] | None = None, failure: Exception | None = None,
                 population: Callable[[str, str, str, str, str], float | None] | None = None) -> None:
        super().__init__()
        self.answers = dict(answers or {})
        self.failure = failure
        self.population = population
        self.requests: list[tuple[requests.PreparedRequest, Any]] = []

    def send(  # type: ignore[override]
        self, request: requests.PreparedRequest, *, timeout: Any = None, **kwargs: Any
    ) -> requests.Response:
        self.requests.append((request, timeout))
        if self.failure is not None:
            raise self.failure
        parts = urlsplit(request.url or "")
        table, endpoint = parts.path.split("/")[-2:]
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        key = f"{table}-metadata" if endpoint == "metadata" else f"{table}-{query['valueCodes[Tid]']}"
        if key in self.answers:
            status, body = self.answers[key]
        elif endpoint == "data" and self.population is not None:
            status, body = 200, self.built(table, query)
        else:
            status, body = 200, fixture(key)
        response = requests.Response()
        response.status_code, response._content = status, body
        response.url, response.request = request.url or "", request
        response.headers["Content-Type"] = "application/json; charset=UTF-8"
        return response

    def built(self, table: str, query: Mapping[str, str]) -> bytes:
        assert self.population is not None
        population = self.population
        ids = ["Region", "Kjonn", "Alder", "ContentsCode", "Tid"]
        dimensions = [
            Dimension(i, i, tuple(Category(c, c) for c in query[f"valueCodes[{i}]"].split(",")))
            for i in ids
        ]

        def cell(codes: Mapping[str, str]) -> float | str | None:
            value = population(table, codes["Region"], codes["Kjonn"], codes["Alder"], codes["Tid"])
            return "." if value is None else value

        document = build_dataset(dimensions=dimensions, cell=cell, label=table, source="Statistisk sentralbyrå",
                                 updated="2025-02-20T07:00:00Z")
        return json.dumps(document).encode()

    def close(self) -> None:
        pass

    def data_queries(self) -> list[dict[str, str]]:
        return [
            {k: v[0] for k, v in parse_qs(urlsplit(r.url or "").query).items()}
            for r, _ in self.requests if (r.url or "").split("?")[0].endswith("/data")
        ]


def session_with(adapter: FakeSsb) -> requests.Session:
    session = pxweb.new_session()
    session.mount("https://", adapter)
    return session


def fetch(fake: FakeSsb, regions: list[str] = REGIONS, **options: Any) -> pxweb.SsbPopulation:
    options.setdefault("years", [2024])
    return fetch_population(region_codes=regions, base_url=BASE_URL, session=session_with(fake), **options)


def test_population_for_a_year_sums_both_sexes() -> None:
    result = fetch(FakeSsb())
    table = result.table
    assert table.years == [2024]
    assert table.region_codes == sorted(REGIONS)
    rows = {(region, age): n for _, region, age, n in table.frame.rows()}
    assert len(rows) == len(REGIONS) * len(AGES)
    assert {age: rows[("0301", age)] for age in (0, 18, 66, 104, 105)} == {
        0: 4301 + 4105, 18: 3500 + 3400, 66: 2800 + 2900, 104: 3 + 12, 105: 1 + 6
    }
    assert rows[("0", 18)] == 33800 + 32100
    assert rows[("4204", 105)] == 1
    assert rows[("030101", 0)] == 620 + 600
    assert rows[("030102", 105)] == 1
    assert table.frame.schema == SCHEMA
    assert result.missing == {}
    assert (result.years, result.requests) == ((2024,), 4)


def test_the_requests_sent() -> None:
    fake = FakeSsb()
    fetch(fake)
    urls = [request.url or "" for request, _ in fake.requests]
    assert [u.split("?")[0] for u in urls] == [
        f"{BASE_URL}/tables/07459/metadata", f"{BASE_URL}/tables/10826/metadata",
        f"{BASE_URL}/tables/07459/data", f"{BASE_URL}/tables/10826/data",
    ]
    assert all("lang=no&outputFormat=json-stat2" in u for u in urls)
    assert fake.data_queries() == [
        {"lang": "no", "outputFormat": "json-stat2", "valueCodes[Region]": "0,03,0301,42,4204",
         "valueCodes[Kjonn]": "1,2", "valueCodes[Alder]": "000,018,066,104,105+",
         "valueCodes[ContentsCode]": "Personer1", "valueCodes[Tid]": "2024"},
        {"lang": "no", "outputFormat": "json-stat2", "valueCodes[Region]": "030101a,030102a",
         "valueCodes[Kjonn]": "1,2", "valueCodes[Alder]": "000,018,066,104,105+",
         "valueCodes[ContentsCode]": "Personer", "valueCodes[Tid]": "2024"},
    ]
    assert "105%2B" in urls[2]  # a plain "+" would reach SSB as a space
    for request, timeout in fake.requests:
        assert timeout == pxweb.TIMEOUT
        assert request.headers["User-Agent"] == "malekort"
        assert request.headers["Accept"] == "application/json"


def test_regions_and_years_ssb_does_not_have_are_reported() -> None:
    # 5501 is not in 07459; 030117 (Marka) gives only zeros and 030116 (Sentrum) has a
    # cell without a number; 10826 has no 2025 yet; 1001 (old Kristiansand) has no 2025.
    def population(table: str, region: str, sex: str, age: str, year: str) -> float | None:
        if region == "030117a" or (region == "1001" and year == "2025"):
            return 0
        if region == "030116a" and age == "105+" and sex == "2":
            return None
        return 10

    fake = FakeSsb(population=population)
    result = fetch(fake, [*REGIONS, "1001", "030116", "030117", "55", "5501"], years=[2024, 2025])
    assert result.missing == {
        "030101": (2025,), "030102": (2025,), "030116": (2024, 2025), "030117": (2024, 2025),
        "1001": (2025,), "55": (2024, 2025), "5501": (2024, 2025),
    }
    frame = result.table.frame
    assert sorted(set(zip(frame["year"], frame["region_code"], strict=True))) == sorted(
        [(2024, c) for c in [*REGIONS, "1001"]] + [(2025, c) for c in ["0", "03", "0301", "42", "4204"]]
    )
    assert set(frame["population"]) == {20}
    queries = fake.data_queries()
    assert [(q["valueCodes[Region]"], q["valueCodes[Tid]"]) for q in queries] == [
        ("0,03,0301,1001,42,4204", "2024,2025"), ("030101a,030102a,030116a,030117a", "2024"),
    ]


def test_every_year_from_a_year() -> None:
    fake = FakeSsb(population=lambda *codes: 1)
    result = fetch(fake, years=None, from_year=2024)
    assert result.years == (2024, 2025)
    assert result.table.years == [2024, 2025]
    assert result.missing == {"030101": (2025,), "030102": (2025,)}
    assert [q["valueCodes[Tid]"] for q in fake.data_queries()] == ["2024,2025", "2024"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"years": [2030]}, "SSB har ikke folkemengde for 2030 i tabell 07459 eller 10826; siste år er 2025 i "
                            "tabell 07459 og 2024 i tabell 10826."),
        ({"years": [2024, 2030, 2031]}, "SSB har ikke folkemengde for 2030 og 2031 i tabell"),
        ({"years": None, "from_year": 2026}, "SSB har ikke folkemengde fra og med 2026 ennå; siste år er 2025"),
    ],
)
def test_a_year_ssb_does_not_have_is_refused(options: dict[str, Any], message: str) -> None:
    fake = FakeSsb()
    with pytest.raises(PxWebError, match=message):
        fetch(fake, **options)
    assert fake.data_queries() == []


def test_requests_are_split_by_region_and_year_to_stay_under_the_limits() -> None:
    def population(table: str, region: str, sex: str, age: str, year: str) -> float:
        return int(year) - 2000 + len(region) + int(sex)

    whole = fetch(FakeSsb(population=population), years=[2023, 2024, 2025])
    fake = FakeSsb(population=population)
    # 5 ages x 2 sexes = 10 cells per region and year: 25 cells allow 2 years of 1 region, or 1 year of 2.
    split = fetch(fake, years=[2023, 2024, 2025], max_cells=25, max_regions=2)
    assert split.table.frame.equals(whole.table.frame)
    assert [(q["valueCodes[Region]"], q["valueCodes[Tid]"]) for q in fake.data_queries()] == [
        *[(r, "2023,2024") for r in ("0", "03", "0301", "42", "4204")],
        *[(r, "2025") for r in ("0,03", "0301,42", "4204")],
        *[(r, "2023,2024") for r in ("030101a", "030102a")],
    ]


def test_only_the_tables_needed_are_asked() -> None:
    fake = FakeSsb(population=lambda *codes: 1)
    result = fetch(fake, ["0301"])
    assert result.table.region_codes == ["0301"]
    assert [(r.url or "").split("?")[0].rsplit("/", 2)[-2] for r, _ in fake.requests] == ["07459", "07459"]


def problem(status: int, title: str) -> Answer:
    return status, json.dumps({"type": "https://tools.ietf.org/html/rfc9110#section-15.5.1", "title": title,
                               "status": status}).encode()


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"07459-2024": problem(400, "Non-existent value")},
         r"avviste spørringen mot tabell 07459 \(feil 400: Non-existent value, "
         r"https://ssb.example/api/pxwebapi/v2/tables/07459/data\)"),
        ({"07459-2024": (403, b"Too many cells")}, r"avviste spørringen mot tabell 07459 \(feil 403, "),
        ({"10826-metadata": (404, b"")}, r"finner ikke tabell 10826 \(feil 404"),
        ({"07459-metadata": (429, b"")}, "for mange spørringer fra denne maskinen .* Vent et minutt og prøv igjen."),
        ({"07459-2024": (500, b"<html>Internal Server Error</html>")},
         r"svarte med feil 500 for tabell 07459 \(.*\)\. Prøv igjen senere\."),
        ({"07459-2024": (503, b"")}, "svarte med feil 503 for tabell 07459"),
        ({"07459-2024": (200, b"<html>Vedlikehold</html>")}, r"noe som ikke er JSON for tabell 07459"),
        ({"07459-2024": (200, b'{"version": "2.0", "class": "collection"}')},
         "svarte med tall fra tabell 07459 i et format vi ikke kjenner. Ikke et gyldig JSON-stat 2.0-datasett: "
         "«class» skal være «dataset», ikke «collection»"),
        ({"10826-metadata": (200, b"[]")}, "beskrev tabell 10826 i et format vi ikke kjenner"),
    ],
)
def test_http_and_format_errors_are_explained(answers: dict[str, Answer], message: str) -> None:
    with pytest.raises(PxWebError, match=message):
        fetch(FakeSsb(answers))


@pytest.mark.parametrize(
    ("failure", "message"),
    [
        (requests.ConnectionError("no route to host"), "Fikk ikke kontakt med SSBs statistikkbank"),
        (requests.ReadTimeout("slow"), "SSBs statistikkbank \\(PxWebApi\\) svarte ikke i tide"),
    ],
)
def test_a_network_failure_is_explained(failure: Exception, message: str) -> None:
    with pytest.raises(PxWebError, match=message):
        fetch(FakeSsb(failure=failure))


def changed_metadata(change: Callable[[dict[str, Any]], None]) -> dict[str, Answer]:
    document = json.loads(fixture("07459-metadata"))
    change(document)
    return {"07459-metadata": (200, json.dumps(document).encode())}


def rename_contents(document: dict[str, Any]) -> None:
    category = document["dimension"]["ContentsCode"]["category"]
    category.pop("unit")
    category["index"] = {"Personer2": 0}
    category["label"] = {"Personer2": "Personer"}


def drop_age(document: dict[str, Any]) -> None:
    document["id"].remove("Alder")
    document["size"].pop(2)
    del document["dimension"]["Alder"]


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        (changed_metadata(rename_contents), "har ikke statistikkvariabelen Personer1, bare Personer2"),
        (changed_metadata(drop_age), "Tabell 07459 hos SSB mangler variabelen Alder"),
    ],
)
def test_a_changed_table_is_reported(answers: dict[str, Answer], message: str) -> None:
    with pytest.raises(PxWebError, match=message):
        fetch(FakeSsb(answers))


def test_a_region_not_asked_for_is_refused() -> None:
    with pytest.raises(PxWebError, match="svarte med region 0, alder 000 og år 2024, som vi ikke ba om"):
        fetch(FakeSsb(), ["0301"])  # the fixture answers for five regions


def test_a_number_that_is_not_a_whole_count_is_refused() -> None:
    fake = FakeSsb(population=lambda table, region, sex, age, year: 2.5)
    with pytest.raises(PxWebError, match=r"gir 2\.5 personer for region 0, alder 0 og år 2024"):
        fetch(fake)


def test_the_fixtures_are_json_stat_as_pxwebapi_2_writes_it() -> None:
    for name in ("07459-2024", "10826-2024"):
        document = json.loads(fixture(name))
        assert validate_dataset(document) == []
        dataset = read_dataset(document)
        assert dataset.ids == ("Region", "Kjonn", "Alder", "ContentsCode", "Tid")
        assert dataset.source == "Statistisk sentralbyrå"
        assert dataset.extension["px"]["tableid"] == name[:5]
        assert dataset.dimension("Alder").codes == tuple(AGES)
    for name in ("07459-metadata", "10826-metadata"):
        assert "value" not in json.loads(fixture(name))


# The command


@pytest.fixture
def regions(db: None) -> None:
    def region(code: str, level: str, name: str, parent: str | None, valid_to: date | None = None) -> None:
        Region.objects.create(code=code, level=level, name=name, parent_id=parent, valid_to=valid_to)

    region("0", "nation", "Norge", None)
    region("03", "fylke", "Oslo", "0")
    region("0301", "kommune", "Oslo", "03")
    region("030101", "bydel", "Gamle Oslo", "0301")
    region("030102", "bydel", "Grünerløkka", "0301")
    region("42", "fylke", "Agder", "0")
    region("4204", "kommune", "Kristiansand", "42")
    region("10", "fylke", "Vest-Agder", "0", date(2020, 1, 1))
    region("1001", "kommune", "Kristiansand", "10", date(2020, 1, 1))
    region("55", "fylke", "Troms", "0")
    region("5501", "kommune", "Tromsø", "55")


@pytest.fixture
def fake_ssb(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> FakeSsb:
    settings.MALEKORT_SSB_PXWEB_URL = BASE_URL
    fake = FakeSsb()
    session = session_with(fake)
    monkeypatch.setattr(pxweb, "new_session", lambda: session)
    return fake


@pytest.mark.django_db
def test_load_population_from_ssb(regions: None, fake_ssb: FakeSsb, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("load-population", "--from-ssb", "--year", "2024")
    assert Population.objects.count() == len(REGIONS) * len(AGES)
    assert Population.objects.get(region_id="0301", year=2024, age=105).population == 7
    assert Population.objects.get(region_id="030101", year=2024, age=66).population == 490
    out = capsys.readouterr().out
    assert "Folkemengde fra SSB (tabell 07459 og 10826) for 2024: 35 rader for 7 regioner." in out
    assert ("SSB har ikke tall for 2 regioner (år i parentes); de har ikke fått ny folkemengde: "
            "55 (2024), 5501 (2024).") in out
    # Regions no longer in force are not asked for.
    assert fake_ssb.data_queries()[0]["valueCodes[Region]"] == "0,03,0301,42,4204"


@pytest.mark.django_db
def test_a_new_load_from_ssb_replaces_the_year_of_the_regions_it_got(regions: None, fake_ssb: FakeSsb) -> None:
    Population.objects.create(region_id="0301", year=2024, age=50, population=1)
    Population.objects.create(region_id="5501", year=2024, age=18, population=900)
    Population.objects.create(region_id="0301", year=2023, age=18, population=8000)
    call_command("load-population", "--from-ssb", "--year", "2024")
    assert not Population.objects.filter(region_id="0301", year=2024, age=50).exists()
    assert Population.objects.get(region_id="5501", year=2024, age=18).population == 900
    assert Population.objects.get(region_id="0301", year=2023, age=18).population == 8000


@pytest.mark.django_db
def test_load_population_from_ssb_writes_nothing_when_ssb_fails(regions: None, fake_ssb: FakeSsb) -> None:
    Population.objects.create(region_id="0301", year=2024, age=18, population=1)
    fake_ssb.answers["10826-2024"] = (429, b"")
    with pytest.raises(CommandError, match=r"for mange spørringer.*Ingenting er lagret\.$"):
        call_command("load-population", "--from-ssb", "--year", "2024")
    assert list(Population.objects.values_list("region_id", "population")) == [("0301", 1)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ([], "Oppgi enten en fil eller --from-ssb, ikke begge eller ingen."),
        (["folkemengde.csv", "--from-ssb", "--year", "2024"], "Oppgi enten en fil eller --from-ssb"),
        (["folkemengde.csv", "--year", "2024"], "--year brukes bare sammen med --from-ssb"),
        (["--from-ssb"], "Oppgi hvilke år som skal hentes fra SSB"),
        (["--from-ssb", "--year", "2024", "--from-year", "2023"], "Oppgi hvilke år som skal hentes fra SSB"),
    ],
)
def test_the_arguments_are_checked(arguments: list[str], message: str, fake_ssb: FakeSsb) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("load-population", *arguments)
    assert fake_ssb.requests == []


@pytest.mark.django_db
def test_regions_are_needed_first(fake_ssb: FakeSsb) -> None:
    with pytest.raises(CommandError, match=r"Last regionene først \(malekort load-regions\)"):
        call_command("load-population", "--from-ssb", "--year", "2024")
    assert fake_ssb.requests == []


@pytest.mark.django_db
def test_several_years_and_from_year(regions: None, fake_ssb: FakeSsb, capsys: pytest.CaptureFixture[str]) -> None:
    fake_ssb.population = lambda table, region, sex, age, year: 1
    call_command("load-population", "--from-ssb", "--year", "2023", "--year", "2025")
    assert sorted(set(Population.objects.values_list("year", flat=True))) == [2023, 2025]
    out = capsys.readouterr().out
    assert "for 2023–2025:" in out
    assert "030101 (2025), 030102 (2025), 55 (2023, 2025), 5501 (2023, 2025)." in out
    call_command("load-population", "--from-ssb", "--from-year", "2024")
    assert sorted(set(Population.objects.values_list("year", flat=True))) == [2023, 2024, 2025]
