"""`malekort indicator-values` and the JSON endpoint: same columns, full precision, symbols, scope."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from registered import register

COLUMNS = ["indicator", "area", "period", "numerator", "denominator", "value", "symbol", "colour", "coverage"]


def run(*args: str) -> list[dict[str, str]]:
    out = io.StringIO()
    from contextlib import redirect_stdout

    with redirect_stdout(out):
        call_command("indicator-values", *args)
    text = out.getvalue()
    assert text.splitlines()[0] == ",".join(COLUMNS)
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_full_precision_and_symbols(populated):
    register("030102", "2025-02", SH_MOTTAKERE=412)
    register("030102", "2025-03", SH_MOTTAKERE=".")
    rows = run("--indicator", "B.101", "--area", "030102", "--from", "2025-01", "--to", "2025-03")
    assert [r["period"] for r in rows] == ["2025-01", "2025-02", "2025-03"]
    january, february, march = rows
    assert (january["value"], january["symbol"]) == ("", "..")
    assert february["numerator"] == "412" and february["denominator"] == "12345"
    assert float(february["value"]) == pytest.approx(412 / 12345 * 100, rel=1e-12)
    assert february["coverage"] == "1"
    # A dot: nothing computed, so no denominator and no coverage either.
    assert (march["numerator"], march["denominator"], march["value"], march["symbol"]) == ("", "", "", ":")
    assert march["coverage"] == "0"


def test_a_county_and_the_nation_as_the_statistics_pages_compute_them(populated):
    # Oslo: Gamle Oslo 500 of 16 000, Grünerløkka 412 of 12 345 aged 18–66; Hallingdal: Flå 10 of 600,
    # Nesbyen 20 of 1 900 (the other four not reported); Kristiansand 2 800 of 70 000.
    register("030101", "2025-03", SH_MOTTAKERE=500)
    register("030102", "2025-03", SH_MOTTAKERE=412)
    register("3320", "2025-03", SH_MOTTAKERE=10)
    register("3322", "2025-03", SH_MOTTAKERE=20)
    register("4204", "2025-03", SH_MOTTAKERE=2800)
    rows = {r["area"]: r for r in run("--indicator", "B.101", "--area", "03", "33", "0", "0301", "--from", "2025-03",
                                       "--to", "2025-03")}
    # Oslo kommune and Oslo fylke are the same two bydeler: 912 / 28 345 = 3.2175 %, all covered.
    for code in ("03", "0301"):
        assert (rows[code]["numerator"], rows[code]["denominator"]) == ("912", "28345")
        assert float(rows[code]["value"]) == pytest.approx(3.2175, abs=0.0001)
        assert rows[code]["coverage"] == "1"
    # Buskerud: (10 + 20) / (600 + 1 900) = 1.2 %, over 2 500 of Hallingdal's 12 300 = 0.2033.
    assert (rows["33"]["numerator"], rows["33"]["denominator"]) == ("30", "2500")
    assert float(rows["33"]["value"]) == pytest.approx(1.2, abs=0.0001)
    assert rows["33"]["coverage"] == "0.2033"
    # The nation: (912 + 30 + 2 800) / (28 345 + 2 500 + 70 000) = 3 742 / 100 845 = 3.7107 %,
    # over 100 845 of 110 645 = 0.9114.
    assert (rows["0"]["numerator"], rows["0"]["denominator"]) == ("3742", "100845")
    assert float(rows["0"]["value"]) == pytest.approx(3.7107, abs=0.0001)
    assert rows["0"]["coverage"] == "0.9114"


def test_command_refuses_unknown_input(populated):
    with pytest.raises(CommandError, match="Ukjent indikator"):
        run("--indicator", "B.999", "--from", "2025-01", "--to", "2025-03")
    with pytest.raises(CommandError, match="Ukjente områdekoder: 9999"):
        run("--indicator", "B.101", "--area", "9999", "--from", "2025-01", "--to", "2025-03")
    with pytest.raises(CommandError, match="har ikke tilgang"):
        run("--indicator", "B.101", "--area", "030101", "--from", "2025-01", "--to", "2025-01", "--as-user", "alice")


def test_json_gives_the_same_rows_within_scope(client, populated):
    register("030102", "2025-03", SH_MOTTAKERE=".", KVP_DELTAKERE=17)
    client.force_login(populated.alice)
    response = client.get("/api/indikatorverdier/", {"indicator": "B.101", "area": "030102", "from": "2025-03",
                                                     "to": "2025-03"})
    assert response.status_code == 200
    body = response.json()
    assert body["columns"] == COLUMNS
    assert body["rows"] == [{"indicator": "B.101", "area": "030102", "period": "2025-03", "numerator": None,
                             "denominator": None, "value": None, "symbol": ":", "colour": "", "coverage": 0.0}]
    kvp = client.get("/api/indikatorverdier/", {"indicator": "B.151", "area": "030102", "from": "2025-03",
                                                "to": "2025-03"}).json()["rows"][0]
    assert (kvp["value"], kvp["symbol"]) == (17.0, "")
    assert client.get("/api/indikatorverdier/", {"indicator": "B.101", "area": "030101", "from": "2025-03",
                                                 "to": "2025-03"}).status_code == 403
    assert client.get("/api/indikatorverdier/", {"indicator": "B.101", "area": "030102", "from": "mars",
                                                 "to": "2025-03"}).status_code == 400


def test_csv_colours_each_area_by_its_own_municipalitys_limits(populated):
    from datetime import UTC, datetime

    from malekort.areas.models import Region
    from malekort.domain.indicators.definitions import Direction
    from malekort.domain.indicators.limits import Limits
    from malekort.indicators.actions import set_limits
    from malekort.indicators.models import Indicator

    register("030102", "2025-03", SH_MOTTAKERE=412)  # 3.34 %
    register("4204", "2025-03", SH_MOTTAKERE=2800)  # 2 800 / 70 000 = 4.00 %
    b101, now = Indicator.objects.get(code="B.101"), datetime(2025, 4, 1, tzinfo=UTC)
    set_limits(indicator=b101, municipality=None, limits=Limits(green=3.5, red=4.5),
               direction=Direction.LOWER_IS_BETTER, user=None, now=now)
    set_limits(indicator=b101, municipality=Region.objects.get(code="0301"), limits=Limits(green=2.0, red=3.0),
               direction=Direction.LOWER_IS_BETTER, user=None, now=now)
    rows = run("--indicator", "B.101", "--area", "030102", "4204", "--from", "2025-03", "--to", "2025-03")
    # Oslo's own limits make 3.34 % red; Kristiansand has none, so the recommended ones make 4.00 % yellow.
    assert [(r["area"], r["colour"]) for r in rows] == [("030102", "red"), ("4204", "yellow")]


def test_all_areas_take_as_many_queries_for_many_kommuner_as_for_few(populated):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from malekort.areas.models import Region, ServiceArea
    from malekort.statistics.changes import mark_reference_changed

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            run("--indicator", "B.101", "--from", "2025-01", "--to", "2025-02")
        return len(captured)

    queries()  # the statistics' aggregates are computed once, outside the counts compared
    few = queries()
    agder = Region.objects.get(code="42")
    for code in ("4201", "4202", "4203"):
        Region.objects.get_or_create(code=code, defaults={"level": "kommune", "name": code, "parent": agder})
        ServiceArea.objects.create(office=populated.hallingdal, area_id=code)
    mark_reference_changed()  # as `load_offices` does
    queries()
    assert queries() == few
