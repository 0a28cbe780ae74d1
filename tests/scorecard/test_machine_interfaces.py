"""`malekort indicator-values` and the JSON endpoint: same columns, full precision, symbols, scope."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from registered import register

COLUMNS = ["indicator", "area", "period", "numerator", "denominator", "value", "symbol", "colour"]


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
    assert (march["numerator"], march["value"], march["symbol"]) == ("", "", ":")


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
                             "denominator": 12345.0, "value": None, "symbol": ":", "colour": ""}]
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
