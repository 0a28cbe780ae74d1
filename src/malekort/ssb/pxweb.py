"""SSB's statistics bank (PxWebApi 2): population on 1 January by region and single year of age.

We use PxWebApi 2 (https://data.ssb.no/api/pxwebapi/v2, guide at
https://www.ssb.no/api/api-mot-statistikkbanken--brukerveiledning), SSB's
current API, rather than the older v0 that still runs beside it: v2 takes
plain GET requests, so an address from an error message can be opened in a
browser, and it describes a table's codes in JSON-stat 2.0, the format of its
data too. Both come from `/tables/{id}/metadata` and `/tables/{id}/data`.

- 07459 gives the nation (`0`), fylker and kommuner; 10826 gives the bydeler
  of Oslo, Bergen, Trondheim and Stavanger. Their variables are Region,
  Kjonn (1 menn, 2 kvinner), Alder (`000` … `104`, `105+`), ContentsCode
  (`Personer1` in 07459, `Personer` in 10826) and Tid (the year).
- 10826 writes Oslo's bydeler with a letter after the digits (`030101a`), so
  every table's region codes are read from its metadata first and matched on
  their digits.
- A region is only in the table for the years it existed; where SSB has no
  number, or only zeros, for a region and year, that region and year is
  reported as missing rather than loaded.
- SSB allows 800,000 cells per request and 30 requests a minute per IP
  address; requests are split by year and region to stay under the first, and
  a load makes few enough (two per table for one year) to stay under the second.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl
import requests

from malekort.domain.files.jsonstat import Dimension, JsonStatDataset, JsonStatError, read_dataset, read_dimensions
from malekort.domain.files.population import MAX_AGE, SCHEMA, PopulationTable
from malekort.domain.regions import Level, is_region_code, level_of

DEFAULT_URL = "https://data.ssb.no/api/pxwebapi/v2"
LANGUAGE = "no"
TIMEOUT = (5, 60)  # seconds to connect, seconds to wait for the answer
MAX_CELLS = 800_000
# Region codes go in the address; this keeps it far below the 8 KB web servers commonly accept.
MAX_REGIONS_PER_REQUEST = 200
SERVICE = "SSBs statistikkbank (PxWebApi)"
REGION, SEX, AGE, CONTENTS, TIME = "Region", "Kjonn", "Alder", "ContentsCode", "Tid"
SEXES = ("1", "2")
_SSB_REGION = re.compile(r"^([0-9]+)[A-Za-z]*$")
_SSB_AGE = re.compile(r"^([0-9]{1,3})\+?$")
_YEAR = re.compile(r"^[0-9]{4}$")


@dataclass(frozen=True, slots=True)
class PopulationSource:
    """An SSB table with population by region, sex and age, and the region levels taken from it."""

    table_id: str
    levels: frozenset[Level]
    contents_code: str


KOMMUNE_TABLE = PopulationSource("07459", frozenset({Level.NATION, Level.FYLKE, Level.KOMMUNE}), "Personer1")
BYDEL_TABLE = PopulationSource("10826", frozenset({Level.BYDEL}), "Personer")
TABLES = (KOMMUNE_TABLE, BYDEL_TABLE)


class PxWebError(Exception):
    """SSB could not be reached or gave an answer we cannot use; the message is for the user."""


@dataclass(frozen=True, slots=True)
class SsbPopulation:
    """The population SSB had, and for each region it lacked, the years it had no figures for."""

    table: PopulationTable
    missing: Mapping[str, tuple[int, ...]]
    years: tuple[int, ...]
    requests: int


def new_session() -> requests.Session:
    session = requests.Session()
    session.headers["User-Agent"] = "malekort"
    return session


def fetch_population(
    *,
    region_codes: Iterable[str],
    years: Sequence[int] | None = None,
    from_year: int | None = None,
    base_url: str = DEFAULT_URL,
    session: requests.Session | None = None,
    max_cells: int = MAX_CELLS,
    max_regions: int = MAX_REGIONS_PER_REQUEST,
) -> SsbPopulation:
    """Return the population of `region_codes` in `years` (or every year from `from_year`).

    Both sexes are summed; ages are 0 to 105, where 105 means 105 or older.
    """
    if (years is None) == (from_year is None):
        raise ValueError("oppgi enten years eller from_year")
    api = _Api(session or new_session(), base_url)
    codes = sorted(set(region_codes))
    wanted = {source: [c for c in codes if level_of(c) in source.levels] for source in TABLES}
    tables = [_Table.read(api, source, wanted[source]) for source in TABLES if wanted[source]]
    plans = _plan(tables, years=years, from_year=from_year) if tables else []

    missing: dict[str, set[int]] = defaultdict(set)
    frames: list[pl.DataFrame] = []
    for table, table_years in plans:
        for code in wanted[table.source]:
            if code not in table.regions:
                missing[code].update(table_years.requested)
            else:
                missing[code].update(table_years.unavailable)
        if not table_years.available or not table.regions:
            continue
        rows, gaps = _population(api, table, table_years.available, max_cells=max_cells,
                                 max_regions=max_regions)
        frames.append(pl.DataFrame(rows, schema=SCHEMA, orient="row"))
        for code, year in gaps:
            missing[code].add(year)

    frame = pl.concat(frames) if frames else pl.DataFrame(schema=SCHEMA)
    return SsbPopulation(
        table=PopulationTable(frame.sort("year", "region_code", "age")),
        missing={code: tuple(sorted(y)) for code, y in sorted(missing.items()) if y},
        years=tuple(sorted({y for _, p in plans for y in p.requested})),
        requests=api.requests,
    )


class _Api:
    def __init__(self, session: requests.Session, base_url: str) -> None:
        self.session = session
        self.base_url = base_url.rstrip("/")
        self.requests = 0

    def metadata(self, table_id: str) -> tuple[Dimension, ...]:
        document = self._get(table_id, "metadata", {})
        try:
            return read_dimensions(document)
        except JsonStatError as e:
            raise PxWebError(f"{SERVICE} beskrev tabell {table_id} i et format vi ikke kjenner. {e}") from e

    def data(self, table_id: str, selection: Mapping[str, Sequence[str]]) -> JsonStatDataset:
        params = {f"valueCodes[{variable}]": ",".join(codes) for variable, codes in selection.items()}
        document = self._get(table_id, "data", params)
        try:
            return read_dataset(document)
        except JsonStatError as e:
            raise PxWebError(f"{SERVICE} svarte med tall fra tabell {table_id} i et format vi ikke kjenner. "
                             f"{e}") from e

    def _get(self, table_id: str, endpoint: str, params: Mapping[str, str]) -> Any:
        url = f"{self.base_url}/tables/{table_id}/{endpoint}"
        self.requests += 1
        try:
            response = self.session.get(
                url, params={"lang": LANGUAGE, "outputFormat": "json-stat2", **params},
                headers={"Accept": "application/json"}, timeout=TIMEOUT,
            )
        except requests.Timeout as e:
            raise PxWebError(f"{SERVICE} svarte ikke i tide ({url}). Prøv igjen senere.") from e
        except requests.RequestException as e:
            raise PxWebError(f"Fikk ikke kontakt med {SERVICE} ({url}). Sjekk nettverket og prøv igjen.") from e
        if response.status_code != 200:
            raise PxWebError(_http_error(response, table_id, url))
        try:
            return response.json()
        except ValueError as e:
            raise PxWebError(f"{SERVICE} svarte med noe som ikke er JSON for tabell {table_id} ({url}).") from e


def _http_error(response: requests.Response, table_id: str, url: str) -> str:
    status = response.status_code
    if status == 429:
        return (f"{SERVICE} har fått for mange spørringer fra denne maskinen (feil 429; SSB tar imot "
                "30 i minuttet). Vent et minutt og prøv igjen.")
    if status == 404:
        return f"{SERVICE} finner ikke tabell {table_id} (feil 404, {url})."
    if status in (400, 403):
        reason = _reason(response)
        return (f"{SERVICE} avviste spørringen mot tabell {table_id} (feil {status}"
                + (f": {reason}" if reason else "") + f", {url}).")
    return f"{SERVICE} svarte med feil {status} for tabell {table_id} ({url}). Prøv igjen senere."


def _reason(response: requests.Response) -> str:
    # PxWebApi 2 explains a refused query as problem details: {"title": ..., "detail": ...}.
    try:
        body = response.json()
    except ValueError:
        return ""
    if not isinstance(body, dict):
        return ""
    parts = [body[k] for k in ("title", "detail") if isinstance(body.get(k), str) and body[k].strip()]
    return " – ".join(parts)[:300]


@dataclass(frozen=True, slots=True)
class _Table:
    """What a table's metadata says: its codes for our regions, ages, sexes and years."""

    source: PopulationSource
    regions: Mapping[str, str]  # our code → SSB's code
    ages: Mapping[str, int]  # SSB's code → age
    sexes: tuple[str, ...]  # empty when the table has no sex dimension
    years: tuple[int, ...]

    @property
    def id(self) -> str:
        return self.source.table_id

    @classmethod
    def read(cls, api: _Api, source: PopulationSource, codes: Sequence[str]) -> _Table:
        dimensions = {d.id: d for d in api.metadata(source.table_id)}
        where = f"Tabell {source.table_id} hos SSB"
        absent = [name for name in (REGION, AGE, CONTENTS, TIME) if name not in dimensions]
        if absent:
            raise PxWebError(f"{where} mangler variabelen {', '.join(absent)}; har SSB endret tabellen?")
        if source.contents_code not in dimensions[CONTENTS].codes:
            raise PxWebError(
                f"{where} har ikke statistikkvariabelen {source.contents_code}, bare "
                f"{', '.join(dimensions[CONTENTS].codes)}; har SSB endret tabellen?"
            )
        sexes: tuple[str, ...] = ()
        if SEX in dimensions:
            sexes = tuple(c for c in SEXES if c in dimensions[SEX].codes)
            if len(sexes) != len(SEXES):
                raise PxWebError(f"{where} har ikke kjønnene {', '.join(SEXES)} (menn og kvinner).")
        ages = {code: age for code in dimensions[AGE].codes if (age := _age(code)) is not None}
        if not ages:
            raise PxWebError(f"{where} har ingen ettårige aldre (000, 001, … 105+).")
        return cls(
            source=source,
            regions=_regions(dimensions[REGION].codes, set(codes)),
            ages=ages,
            sexes=sexes,
            years=tuple(sorted(int(c) for c in dimensions[TIME].codes if _YEAR.match(c))),
        )


def _age(code: str) -> int | None:
    found = _SSB_AGE.match(code)
    age = int(found.group(1)) if found else None
    return age if age is not None and age <= MAX_AGE else None


def _regions(ssb_codes: Sequence[str], wanted: set[str]) -> dict[str, str]:
    candidates: dict[str, list[str]] = defaultdict(list)
    for ssb_code in ssb_codes:
        found = _SSB_REGION.match(ssb_code)
        if found and is_region_code(found.group(1)) and found.group(1) in wanted:
            candidates[found.group(1)].append(ssb_code)
    # The plain code wins over one with letters after it, should SSB list both.
    return {code: min(found, key=lambda c: (c != code, c)) for code, found in candidates.items()}


@dataclass(frozen=True, slots=True)
class _Years:
    requested: tuple[int, ...]
    available: tuple[int, ...]

    @property
    def unavailable(self) -> tuple[int, ...]:
        return tuple(y for y in self.requested if y not in self.available)


def _plan(
    tables: Sequence[_Table], *, years: Sequence[int] | None, from_year: int | None
) -> list[tuple[_Table, _Years]]:
    if years is not None:
        requested = tuple(sorted(set(years)))
        plans = [(t, _Years(requested, tuple(y for y in requested if y in t.years))) for t in tables]
        nowhere = [y for y in requested if not any(y in p.available for _, p in plans)]
        if nowhere:
            raise PxWebError(
                f"SSB har ikke folkemengde for {_joined(nowhere)} i tabell "
                f"{' eller '.join(t.id for t in tables)}{_latest(tables)}."
            )
        return plans
    assert from_year is not None
    every = tuple(sorted({y for t in tables for y in t.years if y >= from_year}))
    if not every:
        raise PxWebError(f"SSB har ikke folkemengde fra og med {from_year} ennå{_latest(tables)}.")
    return [(t, _Years(every, tuple(y for y in every if y in t.years))) for t in tables]


def _latest(tables: Sequence[_Table]) -> str:
    last = [f"{t.years[-1]} i tabell {t.id}" for t in tables if t.years]
    return f"; siste år er {' og '.join(last)}" if last else ""


def _joined(years: Sequence[int]) -> str:
    text = [str(y) for y in years]
    return text[0] if len(text) == 1 else f"{', '.join(text[:-1])} og {text[-1]}"


def _population(
    api: _Api, table: _Table, years: Sequence[int], *, max_cells: int, max_regions: int
) -> tuple[list[tuple[int, str, int, int]], list[tuple[str, int]]]:
    """Return the rows for every region and year with complete figures, and the others."""
    ours = {ssb: code for code, ssb in table.regions.items()}
    persons: dict[tuple[int, str, int], int] = defaultdict(int)
    numbers: dict[tuple[str, int], int] = defaultdict(int)
    totals: dict[tuple[str, int], int] = defaultdict(int)
    for selection in _requests(table, years, max_cells=max_cells, max_regions=max_regions):
        dataset = api.data(table.id, selection)
        unexpected = set(dataset.ids) - {REGION, SEX, AGE, CONTENTS, TIME}
        if unexpected:
            raise PxWebError(f"Tabell {table.id} hos SSB svarte med variabelen {', '.join(sorted(unexpected))}, "
                             "som vi ikke ba om; har SSB endret tabellen?")
        for cell in dataset.cells():
            if cell.value is None:
                continue
            codes = cell.categories
            code, age = ours.get(codes[REGION]), table.ages.get(codes[AGE])
            year = int(codes[TIME]) if _YEAR.match(codes[TIME]) else None
            if code is None or age is None or year is None:
                raise PxWebError(
                    f"Tabell {table.id} hos SSB svarte med region {codes[REGION]}, alder {codes[AGE]} "
                    f"og år {codes[TIME]}, som vi ikke ba om."
                )
            if cell.value < 0 or cell.value != int(cell.value):
                raise PxWebError(
                    f"Tabell {table.id} hos SSB gir {cell.value} personer for region {code}, alder {age} "
                    f"og år {year}; det er ikke et helt tall ≥ 0."
                )
            persons[(year, code, age)] += int(cell.value)
            numbers[(code, year)] += 1
            totals[(code, year)] += int(cell.value)

    # A region is listed for every year of the table, with nothing or zeros in the years it did not exist.
    expected = len(table.ages) * max(1, len(table.sexes))
    complete = {key for key, n in numbers.items() if n == expected and totals[key] > 0}
    rows = [(year, code, age, n) for (year, code, age), n in persons.items() if (code, year) in complete]
    gaps = [(code, year) for code in table.regions for year in years if (code, year) not in complete]
    return rows, gaps


def _requests(
    table: _Table, years: Sequence[int], *, max_cells: int, max_regions: int
) -> Iterator[dict[str, list[str]]]:
    per_year = len(table.ages) * max(1, len(table.sexes))
    years_per_request = max(1, max_cells // per_year)
    ssb_regions = sorted(table.regions.values())
    for first_year in range(0, len(years), years_per_request):
        chunk_years = [str(y) for y in years[first_year:first_year + years_per_request]]
        per_region = per_year * len(chunk_years)
        regions_per_request = max(1, min(max_regions, max_cells // per_region))
        for first in range(0, len(ssb_regions), regions_per_request):
            selection = {REGION: ssb_regions[first:first + regions_per_request]}
            if table.sexes:
                selection[SEX] = list(table.sexes)
            selection |= {AGE: list(table.ages), CONTENTS: [table.source.contents_code], TIME: chunk_years}
            yield selection
