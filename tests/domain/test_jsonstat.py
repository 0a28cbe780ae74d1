"""JSON-stat 2.0 datasets: reading SSB's answers, the structural rules, and writing our own."""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from typing import Any

import pytest

from malekort.domain.files.jsonstat import (
    Category,
    Cell,
    Dimension,
    Entry,
    JsonStatError,
    Unit,
    build_dataset,
    read_dataset,
    read_dimensions,
    validate_dataset,
)
from malekort.domain.symbols import MISSING, NOT_APPLICABLE, NOT_YET_AVAILABLE, SUPPRESSED

# Written the way PxWebApi 2 answers for table 07459 (two regions, both sexes, two ages, one
# year): indexes as objects, a unit with SSB's "base", extensions at every level, a sparse status.
SSB_ANSWER: dict[str, Any] = {
    "version": "2.0",
    "class": "dataset",
    "label": "07459: Befolkning, etter region, kjønn, alder, statistikkvariabel og år",
    "source": "Statistisk sentralbyrå",
    "updated": "2024-02-21T07:00:00Z",
    "note": ["Fra og med 1. januar 2024 er det 357 kommuner."],
    "role": {"time": ["Tid"], "metric": ["ContentsCode"], "geo": ["Region"]},
    "id": ["Region", "Kjonn", "Alder", "ContentsCode", "Tid"],
    "size": [2, 2, 2, 1, 1],
    "dimension": {
        "Region": {
            "label": "region",
            "category": {"index": {"0301": 0, "4204": 1}, "label": {"0301": "Oslo", "4204": "Kristiansand"}},
            "extension": {"elimination": True, "show": "value"},
        },
        "Kjonn": {
            "label": "kjønn",
            "category": {"index": {"1": 0, "2": 1}, "label": {"1": "Menn", "2": "Kvinner"}},
            "extension": {"elimination": True, "eliminationValueCode": "", "show": "value"},
        },
        "Alder": {
            "label": "alder",
            "category": {"index": {"018": 0, "105+": 1}, "label": {"018": "18 år", "105+": "105 år eller eldre"}},
            "extension": {"elimination": True, "show": "value"},
        },
        "ContentsCode": {
            "label": "statistikkvariabel",
            "category": {
                "index": {"Personer1": 0},
                "label": {"Personer1": "Personer"},
                "unit": {"Personer1": {"base": "personer", "decimals": 0}},
            },
            "extension": {"elimination": False, "refperiod": {"Personer1": "1. januar"}, "show": "value"},
        },
        "Tid": {
            "label": "år",
            "category": {"index": {"2024": 0}, "label": {"2024": "2024"}},
            "extension": {"elimination": False, "show": "code"},
        },
    },
    "extension": {
        "px": {"infofile": "None", "tableid": "07459", "decimals": 0, "official-statistics": True,
               "aggregallowed": True, "language": "no", "matrix": "Personer1", "subject-code": "be"},
        "contact": [{"name": "Befolkning", "mail": "befolkning@ssb.no"}],
    },
    "value": [4301, 2, 4105, None, 782, 0, 771, 1],
    "status": {"3": "."},
}


def test_an_ssb_answer_is_read_cell_by_cell_in_row_major_order() -> None:
    dataset = read_dataset(SSB_ANSWER)
    assert dataset.ids == ("Region", "Kjonn", "Alder", "ContentsCode", "Tid")
    assert dataset.size == (2, 2, 2, 1, 1)
    assert (dataset.label, dataset.source, dataset.updated) == (
        SSB_ANSWER["label"], "Statistisk sentralbyrå", "2024-02-21T07:00:00Z"
    )
    assert dataset.note == ("Fra og med 1. januar 2024 er det 357 kommuner.",)
    assert dataset.extension["px"]["tableid"] == "07459"
    cells = list(dataset.cells())
    assert cells[0] == Cell(
        {"Region": "0301", "Kjonn": "1", "Alder": "018", "ContentsCode": "Personer1", "Tid": "2024"}, 4301, None
    )
    assert [(c.categories["Region"], c.categories["Kjonn"], c.categories["Alder"], c.value, c.status)
            for c in cells] == [
        ("0301", "1", "018", 4301, None), ("0301", "1", "105+", 2, None),
        ("0301", "2", "018", 4105, None), ("0301", "2", "105+", None, "."),
        ("4204", "1", "018", 782, None), ("4204", "1", "105+", 0, None),
        ("4204", "2", "018", 771, None), ("4204", "2", "105+", 1, None),
    ]
    categories, value, status = cells[1]  # a cell unpacks as (categories, value, status)
    assert (categories["Alder"], value, status) == ("105+", 2, None)


def test_dimensions_keep_labels_roles_and_units() -> None:
    dataset = read_dataset(SSB_ANSWER)
    region, contents, time = (dataset.dimension(i) for i in ("Region", "ContentsCode", "Tid"))
    assert region.label == "region" and region.role == "geo"
    assert region.codes == ("0301", "4204") and region.label_of("4204") == "Kristiansand"
    assert time.role == "time" and contents.role == "metric"
    assert dataset.dimension("Kjonn").role is None
    assert contents.categories == (Category("Personer1", "Personer", Unit(decimals=0)),)
    with pytest.raises(KeyError):
        dataset.dimension("Kommune")


def test_an_index_object_gives_the_order_by_position_not_by_key_order() -> None:
    document = copy.deepcopy(SSB_ANSWER)
    document["dimension"]["Region"]["category"]["index"] = {"4204": 1, "0301": 0}
    assert read_dataset(document).dimension("Region").codes == ("0301", "4204")


def test_an_index_list_and_a_single_category_without_index() -> None:
    document = {
        "version": "2.0", "class": "dataset", "id": ["Region", "Tid"], "size": [2, 1],
        "dimension": {
            "Region": {"category": {"index": ["0301", "4204"]}},
            "Tid": {"label": "år", "category": {"label": {"2024": "2024"}}},
        },
        "value": [10, 20],
    }
    dataset = read_dataset(document)
    assert dataset.dimension("Region").label == "Region"  # the id when the label is left out
    assert dataset.dimension("Region").label_of("0301") == "0301"
    assert [(c.categories, c.value) for c in dataset.cells()] == [
        ({"Region": "0301", "Tid": "2024"}, 10), ({"Region": "4204", "Tid": "2024"}, 20)
    ]


def test_sparse_values_and_every_form_of_status() -> None:
    base = {
        "version": "2.0", "class": "dataset", "id": ["Alder"], "size": [3],
        "dimension": {"Alder": {"category": {"index": ["000", "001", "002"]}}},
        "value": {"0": 5, "2": 7},
    }
    assert read_dataset(base).values == (5, None, 7)
    assert read_dataset(base).statuses == (None, None, None)
    assert read_dataset({**base, "status": ".."}).statuses == ("..", "..", "..")
    assert read_dataset({**base, "status": ["p"]}).statuses == ("p", "p", "p")
    assert read_dataset({**base, "status": [None, ":", None]}).statuses == (None, ":", None)
    assert read_dataset({**base, "status": {"1": ":"}}).statuses == (None, ":", None)


def test_table_metadata_without_values_gives_its_dimensions() -> None:
    metadata = {key: value for key, value in SSB_ANSWER.items() if key not in ("value", "status")}
    dimensions = read_dimensions(metadata)
    assert [d.id for d in dimensions] == ["Region", "Kjonn", "Alder", "ContentsCode", "Tid"]
    assert dimensions[2].codes == ("018", "105+")
    with pytest.raises(JsonStatError, match="«value» mangler"):
        read_dataset(metadata)


def broken(**changes: Any) -> dict[str, Any]:
    document = copy.deepcopy(SSB_ANSWER)
    for key, value in changes.items():
        if value is None:
            del document[key]
        else:
            document[key] = value
    return document


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        (broken(version="1.0"), "«version» skal være «2.0», ikke «1.0»"),
        (broken(version=None), "«version» skal være «2.0», ikke «None»"),
        (broken(**{"class": "collection"}), "«class» skal være «dataset», ikke «collection»"),
        (broken(size=[2, 2, 2, 1]), "«id» har 5 dimensjoner, men «size» har 4 tall"),
        (broken(size=[2, 2, 2, 1, -1]), "«size» skal være en liste med hele tall ≥ 0"),
        (broken(id=["Region", "Region", "Alder", "ContentsCode", "Tid"]), "«id» nevner samme dimensjon flere ganger"),
        (broken(id=["Region", "Kjønn", "Alder", "ContentsCode", "Tid"]),
         "dimensjonen «Kjønn» står i «id», men mangler i «dimension»"),
        (broken(size=[3, 2, 2, 1, 1]), "dimensjonen «Region» har 2 kategorier, men «size» sier 3"),
        (broken(value=[1, 2, 3]), "«value» har 3 verdier, men dimensjonene gir 8 celler"),
        (broken(value=[1, 2, 3, True, "4", 5, 6, 7]), "«value» har noe annet enn tall eller null på plass 3, 4"),
        (broken(value={"0": 1, "8": 2}), "«value» har nøkler som ikke er en celle (0–7): «8»"),
        (broken(value={"-1": 1, "01": 2}), "«value» har nøkler som ikke er en celle (0–7): «-1», «01»"),
        (broken(value=None), "«value» mangler eller er verken en liste eller et objekt"),
        (broken(status={"9": "."}), "«status» har nøkler som ikke er en celle (0–7): «9»"),
        (broken(status=[".", "."]), "«status» har 2 verdier, men dimensjonene gir 8 celler"),
        (broken(status=7), "«status» er verken tekst, en liste eller et objekt"),
        (broken(role={"geo": ["Kommune"]}), "rollen «geo» nevner dimensjonen «Kommune», som ikke står i «id»"),
        (broken(role={"time": "Tid"}), "rollen «time» er ikke en liste med dimensjoner"),
        (broken(dimension=None), "«dimension» mangler eller er ikke et objekt"),
    ],
)
def test_the_structural_rules(document: dict[str, Any], problem: str) -> None:
    assert problem in validate_dataset(document)
    with pytest.raises(JsonStatError) as error:
        read_dataset(document)
    assert str(error.value).startswith("Ikke et gyldig JSON-stat 2.0-datasett: ")
    assert problem in error.value.problems


def with_category(dimension: str, category: Any) -> dict[str, Any]:
    document = copy.deepcopy(SSB_ANSWER)
    document["dimension"][dimension]["category"] = category
    return document


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        (with_category("Kjonn", {"index": ["1", "1"]}), "har en «category.index» som ikke er en liste med ulike koder"),
        (with_category("Kjonn", {"index": {"1": 0, "2": 2}}), "der plassene ikke er 0, 1, 2, … uten hull"),
        (with_category("Kjonn", {"label": {"1": "Menn", "2": "Kvinner"}}), "mangler «category.index»"),
        (with_category("Kjonn", {"index": ["1", "2"], "label": {"3": "Begge"}}),
         "har tekst for kategorier som ikke finnes: 3"),
        (with_category("ContentsCode", {"index": ["Personer1"], "unit": {"Personer1": {"decimals": -1}}}),
         "«decimals» for «Personer1» er ikke et helt tall ≥ 0"),
        (with_category("ContentsCode", {"index": ["Personer1"], "unit": {"Personer": {"decimals": 0}}}),
         "har enhet for kategorier som ikke finnes: Personer"),
    ],
)
def test_the_category_rules(document: dict[str, Any], problem: str) -> None:
    assert any(problem in p for p in validate_dataset(document)), validate_dataset(document)


def test_a_valid_answer_has_no_problems_and_non_objects_are_refused() -> None:
    assert validate_dataset(SSB_ANSWER) == []
    assert validate_dataset([1, 2]) == ["dokumentet er ikke et JSON-objekt"]
    with pytest.raises(JsonStatError, match="dokumentet er ikke et JSON-objekt"):
        read_dataset("tekst")  # type: ignore[arg-type]


def test_many_problems_are_summarised() -> None:
    error = JsonStatError([f"feil {n}" for n in range(12)])
    assert str(error).endswith("feil 9 (og 2 feil til).")


# Writing

REGION = Dimension("Region", "region", (Category("0301", "Oslo"), Category("4204", "Kristiansand")), role="geo")
KEY_FIGURE = Dimension(
    "Nokkeltall", "nøkkeltall",
    (Category("SH_MOTTAKERE", "Mottakere", Unit(label="personer", decimals=0)),
     Category("SH_KRONER", "Kroner", Unit(label="kroner", decimals=0, symbol="kr", position="end"))),
    role="metric",
)
MONTH = Dimension("Maaned", "måned", (Category("2024M01", "januar 2024"), Category("2024M02", "februar 2024")),
                  role="time")
FIGURES: dict[tuple[str, ...], Entry] = {
    ("0301", "SH_MOTTAKERE", "2024M01"): 1520,
    ("0301", "SH_MOTTAKERE", "2024M02"): 1534.0,
    ("0301", "SH_KRONER", "2024M01"): 18_250_000,
    ("0301", "SH_KRONER", "2024M02"): NOT_YET_AVAILABLE,
    ("4204", "SH_MOTTAKERE", "2024M01"): SUPPRESSED,
    ("4204", "SH_KRONER", "2024M01"): (None, SUPPRESSED),
    ("4204", "SH_MOTTAKERE", "2024M02"): (12.5, "p"),
    # ("4204", "SH_KRONER", "2024M02") is not there: missing, "..".
}


def built(cell: Any = FIGURES, **options: Any) -> dict[str, Any]:
    return build_dataset(
        dimensions=[REGION, KEY_FIGURE, MONTH], cell=cell, label="Nøkkeltall for sosialhjelp",
        source="Arbeids- og velferdsdirektoratet", updated="2024-03-11T08:00:00+01:00", **options,
    )


def test_a_built_dataset_is_valid_json_and_reads_back_the_same() -> None:
    document = built(note=["Tall under 4 er prikket."], extension={"malekort": {"versjon": 1}})
    assert validate_dataset(document) == []
    text = json.dumps(document, ensure_ascii=False)
    dataset = read_dataset(json.loads(text))
    got = {tuple(c.categories.values()): (c.value, c.status) for c in dataset.cells()}
    assert got == {
        ("0301", "SH_MOTTAKERE", "2024M01"): (1520, None),
        ("0301", "SH_MOTTAKERE", "2024M02"): (1534.0, None),
        ("0301", "SH_KRONER", "2024M01"): (18_250_000, None),
        ("0301", "SH_KRONER", "2024M02"): (None, NOT_YET_AVAILABLE),
        ("4204", "SH_MOTTAKERE", "2024M01"): (None, SUPPRESSED),
        ("4204", "SH_KRONER", "2024M01"): (None, SUPPRESSED),
        ("4204", "SH_MOTTAKERE", "2024M02"): (12.5, "p"),
        ("4204", "SH_KRONER", "2024M02"): (None, MISSING),
    }
    assert dataset.dimensions == (REGION, KEY_FIGURE, MONTH)
    assert (dataset.label, dataset.source, dataset.updated) == (
        "Nøkkeltall for sosialhjelp", "Arbeids- og velferdsdirektoratet", "2024-03-11T08:00:00+01:00"
    )
    assert dataset.note == ("Tall under 4 er prikket.",)
    assert dataset.extension == {"malekort": {"versjon": 1}}


def test_the_built_document_has_the_expected_shape() -> None:
    document = built()
    assert (document["version"], document["class"]) == ("2.0", "dataset")
    assert document["id"] == ["Region", "Nokkeltall", "Maaned"] and document["size"] == [2, 2, 2]
    assert document["role"] == {"time": ["Maaned"], "geo": ["Region"], "metric": ["Nokkeltall"]}
    assert document["dimension"]["Nokkeltall"]["category"]["unit"] == {
        "SH_MOTTAKERE": {"label": "personer", "decimals": 0},
        "SH_KRONER": {"label": "kroner", "decimals": 0, "symbol": "kr", "position": "end"},
    }
    assert document["value"] == [1520, 1534.0, 18_250_000, None, None, 12.5, None, None]
    assert document["status"] == {"3": "...", "4": ":", "5": "p", "6": ":", "7": ".."}
    assert "note" not in document and "extension" not in document


def test_a_function_gives_the_cells() -> None:
    def cell(codes: Mapping[str, str]) -> Entry:
        if codes["Region"] == "4204":
            return NOT_APPLICABLE
        return 100.0 if codes["Nokkeltall"] == "SH_MOTTAKERE" else None

    dataset = read_dataset(built(cell))
    assert [(c.value, c.status) for c in dataset.cells()] == [
        (100.0, None), (100.0, None), (None, ".."), (None, ".."), *[(None, ".")] * 4
    ]


def test_a_dataset_without_roles_or_units() -> None:
    plain = Dimension("Alder", "alder", (Category("018", "18 år"),))
    document = build_dataset(dimensions=[plain], cell={("018",): 3}, label="x", source="y",
                             updated="2024-01-01")
    assert "role" not in document and "unit" not in document["dimension"]["Alder"]["category"]
    assert validate_dataset(document) == []


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ({("0301", "SH_MOTTAKERE", "2024M01"): "x"}, "statusen «x» er ikke et av SSBs symboler"),
        ({("0301", "SH_MOTTAKERE", "2024M01"): (None, "p")}, "statusen «p» er ikke et av SSBs symboler"),
        ({("0301", "SH_MOTTAKERE", "2024M01"): float("nan")}, "som ikke er et endelig tall"),
        ({("0301", "SH_MOTTAKERE", "2024M01"): True}, "som ikke er et endelig tall"),
    ],
)
def test_a_cell_without_a_number_needs_an_ssb_symbol(cell: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        built(cell)


def test_bad_dimensions_and_times_are_refused() -> None:
    with pytest.raises(ValueError, match="er ikke et tidspunkt i ISO 8601-format"):
        build_dataset(dimensions=[REGION], cell={}, label="x", source="y", updated="i går")
    with pytest.raises(ValueError, match="hver sin id"):
        build_dataset(dimensions=[REGION, REGION], cell={}, label="x", source="y", updated="2024-01-01")
    empty = Dimension("Tom", "tom", ())
    with pytest.raises(ValueError, match="minst én kategori"):
        build_dataset(dimensions=[empty], cell={}, label="x", source="y", updated="2024-01-01")
