"""JSON-stat 2.0 datasets (https://json-stat.org/full/): read, check and write them.

SSB's statistics bank (PxWebApi) answers in this format, and our own exports
use it too. Only the `dataset` class is handled; `collection` and a bare
`dimension` are refused. Values are stored row-major: the last dimension in
`id` varies fastest.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, NamedTuple, TypeAlias, cast

from malekort.domain.symbols import MISSING, SYMBOL_LABELS

VERSION = "2.0"
ROLES = ("time", "geo", "metric")
# A dense copy of a sparse document is made when reading; this keeps a tiny
# document from asking for an enormous list.
MAX_CELLS = 20_000_000
SHOWN_PROBLEMS = 10

Role: TypeAlias = Literal["time", "geo", "metric"]
# A cell given to build_dataset: a number, an SSB symbol, None (meaning `..`), or (value, status).
Entry: TypeAlias = float | str | tuple[float | None, str | None] | None

_INDEX_KEY = re.compile(r"^(0|[1-9][0-9]*)$")


class JsonStatError(ValueError):
    """A document that is not a valid JSON-stat 2.0 dataset; `problems` lists why."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        shown = "; ".join(self.problems[:SHOWN_PROBLEMS])
        more = len(self.problems) - SHOWN_PROBLEMS
        super().__init__(
            f"Ikke et gyldig JSON-stat 2.0-datasett: {shown}"
            + (f" (og {more} feil til)" if more > 0 else "")
            + "."
        )


@dataclass(frozen=True, slots=True)
class Unit:
    """The unit of a metric category: a label such as «personer» and the decimals to show."""

    label: str | None = None
    decimals: int | None = None
    symbol: str | None = None
    position: Literal["start", "end"] | None = None


@dataclass(frozen=True, slots=True)
class Category:
    code: str
    label: str
    unit: Unit | None = None


@dataclass(frozen=True, slots=True)
class Dimension:
    """A dimension with its categories in dataset order."""

    id: str
    label: str
    categories: tuple[Category, ...]
    role: Role | None = None

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.categories)

    def label_of(self, code: str) -> str:
        """Return the label of the category `code`."""
        for category in self.categories:
            if category.code == code:
                return category.label
        raise KeyError(code)


class Cell(NamedTuple):
    """One cell: the category code of every dimension, the value and its status."""

    categories: Mapping[str, str]
    value: float | None
    status: str | None


@dataclass(frozen=True, slots=True)
class JsonStatDataset:
    """A JSON-stat 2.0 dataset with its values made dense (None where the document has null)."""

    dimensions: tuple[Dimension, ...]
    values: tuple[float | None, ...]
    statuses: tuple[str | None, ...]
    label: str | None = None
    source: str | None = None
    updated: str | None = None
    note: tuple[str, ...] = ()
    extension: Mapping[str, Any] = field(default_factory=dict)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(d.id for d in self.dimensions)

    @property
    def size(self) -> tuple[int, ...]:
        return tuple(len(d.categories) for d in self.dimensions)

    def dimension(self, id_: str) -> Dimension:
        """Return the dimension `id_`; KeyError if the dataset has none."""
        for dimension in self.dimensions:
            if dimension.id == id_:
                return dimension
        raise KeyError(id_)

    def cells(self) -> Iterator[Cell]:
        """Return every cell in dataset order."""
        ids = self.ids
        codes = [d.codes for d in self.dimensions]
        size = self.size
        for index, (value, status) in enumerate(zip(self.values, self.statuses, strict=True)):
            position = _position(index, size)
            yield Cell({ids[n]: codes[n][i] for n, i in enumerate(position)}, value, status)


def validate_dataset(document: object) -> list[str]:
    """Return what keeps `document` from being a JSON-stat 2.0 dataset (empty when it is one)."""
    problems = _structure_problems(document)
    if problems or not isinstance(document, Mapping):
        return problems
    cells = math.prod(document["size"])
    return _value_problems(document.get("value"), cells) + _status_problems(document.get("status"), cells)


def read_dataset(document: Mapping[str, Any]) -> JsonStatDataset:
    """Return the dataset in a JSON-stat 2.0 document; JsonStatError if it is not a valid one."""
    problems = validate_dataset(document)
    if problems:
        raise JsonStatError(problems)
    dimensions = _dimensions(document)
    cells = math.prod(len(d.categories) for d in dimensions)
    if cells > MAX_CELLS:
        raise JsonStatError([f"datasettet har {cells} celler, mer enn {MAX_CELLS} som kan leses"])
    return JsonStatDataset(
        dimensions=dimensions,
        values=_dense(document["value"], cells),
        statuses=_dense_status(document.get("status"), cells),
        label=_text(document.get("label")),
        source=_text(document.get("source")),
        updated=_text(document.get("updated")),
        note=tuple(n for n in document.get("note") or () if isinstance(n, str)),
        extension=dict(document.get("extension") or {}),
    )


def read_dimensions(document: Mapping[str, Any]) -> tuple[Dimension, ...]:
    """Return the dimensions of a JSON-stat 2.0 dataset that may lack values (table metadata)."""
    problems = _structure_problems(document)
    if problems:
        raise JsonStatError(problems)
    return _dimensions(document)


def build_dataset(
    *,
    dimensions: Sequence[Dimension],
    cell: Callable[[Mapping[str, str]], Entry] | Mapping[tuple[str, ...], Entry],
    label: str,
    source: str,
    updated: str,
    note: Sequence[str] = (),
    extension: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Return a JSON-stat 2.0 dataset (plain dicts and lists, ready for json.dumps).

    `cell` gives each cell from its category codes: a function of {dimension id: code},
    or a mapping keyed by the codes in dimension order, where a missing key counts as
    None. A number is a value; None, or an SSB symbol (`.`, `..`, `...`, `:`), is a
    cell without a number: value null and the symbol as status (`..` for None).
    """
    _check_dimensions(dimensions)
    try:
        datetime.fromisoformat(updated)
    except ValueError:
        raise ValueError(f"«{updated}» er ikke et tidspunkt i ISO 8601-format") from None
    lookup: Callable[[Mapping[str, str]], Entry]
    if isinstance(cell, Mapping):
        table, ids = cell, [d.id for d in dimensions]

        def lookup(codes: Mapping[str, str]) -> Entry:
            return table.get(tuple(codes[i] for i in ids))
    else:
        lookup = cell

    values: list[float | None] = []
    statuses: dict[str, str] = {}
    size = tuple(len(d.categories) for d in dimensions)
    for index in range(math.prod(size)):
        position = _position(index, size)
        codes = {d.id: d.categories[i].code for d, i in zip(dimensions, position, strict=True)}
        value, status = _entry(lookup(codes), codes)
        values.append(value)
        if status is not None:
            statuses[str(index)] = status

    document: dict[str, Any] = {"version": VERSION, "class": "dataset", "label": label,
                                "source": source, "updated": updated}
    if note:
        document["note"] = list(note)
    roles = {role: [d.id for d in dimensions if d.role == role] for role in ROLES}
    if any(roles.values()):
        document["role"] = {role: ids for role, ids in roles.items() if ids}
    document["id"] = [d.id for d in dimensions]
    document["size"] = list(size)
    document["dimension"] = {d.id: _dimension_document(d) for d in dimensions}
    document["value"] = values
    if statuses:
        document["status"] = statuses
    if extension:
        document["extension"] = dict(extension)
    return document


# Reading


def _structure_problems(document: object) -> list[str]:
    if not isinstance(document, Mapping):
        return ["dokumentet er ikke et JSON-objekt"]
    problems: list[str] = []
    if document.get("version") != VERSION:
        problems.append(f"«version» skal være «{VERSION}», ikke «{document.get('version')}»")
    if document.get("class") != "dataset":
        problems.append(f"«class» skal være «dataset», ikke «{document.get('class')}»")
    ids, size, dimension = document.get("id"), document.get("size"), document.get("dimension")
    if not isinstance(ids, list) or not all(isinstance(i, str) and i for i in ids):
        return [*problems, "«id» skal være en liste med navn på dimensjonene"]
    if len(set(ids)) != len(ids):
        problems.append("«id» nevner samme dimensjon flere ganger")
    if not isinstance(size, list) or not all(_is_int(s) and s >= 0 for s in size):
        return [*problems, "«size» skal være en liste med hele tall ≥ 0"]
    if len(ids) != len(size):
        problems.append(f"«id» har {len(ids)} dimensjoner, men «size» har {len(size)} tall")
    if not isinstance(dimension, Mapping):
        return [*problems, "«dimension» mangler eller er ikke et objekt"]
    for id_, expected in zip(ids, size, strict=False):
        if id_ not in dimension:
            problems.append(f"dimensjonen «{id_}» står i «id», men mangler i «dimension»")
        else:
            problems += _dimension_problems(id_, dimension[id_], expected)
    problems += _role_problems(document.get("role"), ids)
    return problems


def _dimension_problems(id_: str, dimension: object, expected: int) -> list[str]:
    where = f"dimensjonen «{id_}»"
    if not isinstance(dimension, Mapping):
        return [f"{where} er ikke et objekt"]
    if "label" in dimension and not isinstance(dimension["label"], str):
        return [f"{where} har en «label» som ikke er tekst"]
    category = dimension.get("category")
    if not isinstance(category, Mapping):
        return [f"{where} mangler «category»"]
    index, labels = category.get("index"), category.get("label")
    if labels is not None and not (
        isinstance(labels, Mapping) and all(isinstance(v, str) for v in labels.values())
    ):
        return [f"{where} har en «category.label» som ikke er et objekt med tekster"]
    codes: list[str]
    if index is None:
        if not isinstance(labels, Mapping) or len(labels) != 1:
            return [f"{where} mangler «category.index»; det kan bare utelates når dimensjonen "
                    "har én kategori med «label»"]
        codes = list(labels)
    elif isinstance(index, list):
        if not all(isinstance(c, str) for c in index) or len(set(index)) != len(index):
            return [f"{where} har en «category.index» som ikke er en liste med ulike koder"]
        codes = index
    elif isinstance(index, Mapping):
        positions = list(index.values())
        if not all(_is_int(p) for p in positions) or sorted(positions) != list(range(len(index))):
            return [f"{where} har en «category.index» der plassene ikke er 0, 1, 2, … uten hull"]
        codes = list(index)
    else:
        return [f"{where} har en «category.index» som verken er en liste eller et objekt"]

    problems: list[str] = []
    if len(codes) != expected:
        problems.append(f"{where} har {len(codes)} kategorier, men «size» sier {expected}")
    known = set(codes)
    if isinstance(labels, Mapping) and (unknown := sorted(set(labels) - known)):
        problems.append(f"{where} har tekst for kategorier som ikke finnes: {', '.join(unknown)}")
    unit = category.get("unit")
    if unit is not None:
        if not isinstance(unit, Mapping) or not all(isinstance(u, Mapping) for u in unit.values()):
            problems.append(f"{where} har en «category.unit» som ikke er et objekt per kategori")
        else:
            if unknown := sorted(set(unit) - known):
                problems.append(f"{where} har enhet for kategorier som ikke finnes: {', '.join(unknown)}")
            for code, u in unit.items():
                decimals = u.get("decimals")
                if decimals is not None and not (_is_int(decimals) and decimals >= 0):
                    problems.append(f"{where}: «decimals» for «{code}» er ikke et helt tall ≥ 0")
    return problems


def _role_problems(role: object, ids: list[str]) -> list[str]:
    if role is None:
        return []
    if not isinstance(role, Mapping):
        return ["«role» er ikke et objekt"]
    problems: list[str] = []
    for name, members in role.items():
        if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
            problems.append(f"rollen «{name}» er ikke en liste med dimensjoner")
            continue
        problems += [f"rollen «{name}» nevner dimensjonen «{m}», som ikke står i «id»"
                     for m in members if m not in ids]
    return problems


def _value_problems(value: object, cells: int) -> list[str]:
    if isinstance(value, list):
        problems = [] if len(value) == cells else [
            f"«value» har {len(value)} verdier, men dimensjonene gir {cells} celler"
        ]
        bad = [i for i, v in enumerate(value) if not _is_number_or_null(v)]
        return problems + _listed(bad, "«value» har noe annet enn tall eller null på plass")
    if isinstance(value, Mapping):
        return _sparse_problems(value, cells, "value", _is_number_or_null, "tall eller null")
    return ["«value» mangler eller er verken en liste eller et objekt"]


def _status_problems(status: object, cells: int) -> list[str]:
    if status is None or isinstance(status, str):
        return []
    if isinstance(status, list):
        problems = [] if len(status) in (1, cells) else [
            f"«status» har {len(status)} verdier, men dimensjonene gir {cells} celler"
        ]
        bad = [i for i, s in enumerate(status) if not (s is None or isinstance(s, str))]
        return problems + _listed(bad, "«status» har noe annet enn tekst eller null på plass")
    if isinstance(status, Mapping):
        return _sparse_problems(status, cells, "status",
                                lambda s: s is None or isinstance(s, str), "tekst eller null")
    return ["«status» er verken tekst, en liste eller et objekt"]


def _sparse_problems(
    items: Mapping[Any, Any], cells: int, name: str, good: Callable[[object], bool], kind: str
) -> list[str]:
    problems: list[str] = []
    outside = [k for k in items if not (isinstance(k, str) and _INDEX_KEY.match(k) and int(k) < cells)]
    if outside:
        shown = ", ".join(f"«{k}»" for k in outside[:SHOWN_PROBLEMS])
        problems.append(f"«{name}» har nøkler som ikke er en celle (0–{cells - 1}): {shown}")
    bad = [k for k, v in items.items() if not good(v)]
    if bad:
        problems.append(f"«{name}» har noe annet enn {kind} for {', '.join(map(str, bad[:SHOWN_PROBLEMS]))}")
    return problems


def _listed(positions: list[int], text: str) -> list[str]:
    if not positions:
        return []
    shown = ", ".join(map(str, positions[:SHOWN_PROBLEMS]))
    return [f"{text} {shown}" + (" …" if len(positions) > SHOWN_PROBLEMS else "")]


def _dimensions(document: Mapping[str, Any]) -> tuple[Dimension, ...]:
    role_of: dict[str, Role] = {}
    for name, members in (document.get("role") or {}).items():
        if name in ROLES:
            role_of.update((member, cast(Role, name)) for member in members)
    result = []
    for id_ in document["id"]:
        dimension = document["dimension"][id_]
        category = dimension["category"]
        index, labels = category.get("index"), category.get("label") or {}
        if index is None:
            codes = list(labels)
        elif isinstance(index, list):
            codes = index
        else:
            codes = sorted(index, key=index.__getitem__)
        units = category.get("unit") or {}
        result.append(Dimension(
            id=id_,
            label=dimension.get("label", id_),
            categories=tuple(Category(c, labels.get(c, c), _unit(units.get(c))) for c in codes),
            role=role_of.get(id_),
        ))
    return tuple(result)


def _unit(unit: Mapping[str, Any] | None) -> Unit | None:
    if unit is None:
        return None
    position = unit.get("position")
    return Unit(
        label=_text(unit.get("label")),
        decimals=unit.get("decimals"),
        symbol=_text(unit.get("symbol")),
        position=position if position in ("start", "end") else None,
    )


def _dense(value: list[Any] | Mapping[str, Any], cells: int) -> tuple[float | None, ...]:
    if isinstance(value, list):
        return tuple(value)
    dense: list[float | None] = [None] * cells
    for key, v in value.items():
        dense[int(key)] = v
    return tuple(dense)


def _dense_status(status: object, cells: int) -> tuple[str | None, ...]:
    if status is None or isinstance(status, str):
        return (status,) * cells
    if isinstance(status, list):
        return tuple(status) if len(status) == cells else (status[0],) * cells
    dense: list[str | None] = [None] * cells
    if isinstance(status, Mapping):
        for key, s in status.items():
            dense[int(key)] = s
    return tuple(dense)


def _position(index: int, size: Sequence[int]) -> list[int]:
    position = [0] * len(size)
    for n in range(len(size) - 1, -1, -1):
        index, position[n] = divmod(index, size[n])
    return position


def _is_int(x: object) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _is_number_or_null(x: object) -> bool:
    if x is None:
        return True
    if isinstance(x, bool) or not isinstance(x, int | float):
        return False
    return math.isfinite(x)


def _text(x: object) -> str | None:
    return x if isinstance(x, str) else None


# Writing


def _check_dimensions(dimensions: Sequence[Dimension]) -> None:
    ids = [d.id for d in dimensions]
    if not ids or len(set(ids)) != len(ids):
        raise ValueError("dimensjonene må ha hver sin id, og det må være minst én")
    for d in dimensions:
        codes = d.codes
        if not codes or len(set(codes)) != len(codes):
            raise ValueError(f"dimensjonen «{d.id}» må ha minst én kategori og ulike koder")
        if d.role is not None and d.role not in ROLES:
            raise ValueError(f"dimensjonen «{d.id}» har en ukjent rolle «{d.role}»")


def _entry(entry: Entry, codes: Mapping[str, str]) -> tuple[float | None, str | None]:
    value: object
    status: object
    if isinstance(entry, tuple):
        value, status = entry
    elif isinstance(entry, str):
        value, status = None, entry
    else:
        value, status = entry, None
    if value is None:
        status = MISSING if status is None else status
        if not isinstance(status, str) or status not in SYMBOL_LABELS:
            raise ValueError(
                f"cellen {dict(codes)} har ikke et tall, og statusen «{status}» er ikke et av SSBs "
                f"symboler ({', '.join(SYMBOL_LABELS)})"
            )
        return None, status
    if not isinstance(value, int | float) or not _is_number_or_null(value):
        raise ValueError(f"cellen {dict(codes)} har verdien «{value}», som ikke er et endelig tall")
    if status is not None and not (isinstance(status, str) and status):
        raise ValueError(f"cellen {dict(codes)} har en status som ikke er tekst")
    return value, status


def _dimension_document(dimension: Dimension) -> dict[str, Any]:
    category: dict[str, Any] = {
        "index": list(dimension.codes),
        "label": {c.code: c.label for c in dimension.categories},
    }
    units = {c.code: _unit_document(c.unit) for c in dimension.categories if c.unit is not None}
    if units:
        category["unit"] = units
    return {"label": dimension.label, "category": category}


def _unit_document(unit: Unit) -> dict[str, Any]:
    document: dict[str, Any] = {}
    if unit.label is not None:
        document["label"] = unit.label
    if unit.decimals is not None:
        if not (_is_int(unit.decimals) and unit.decimals >= 0):
            raise ValueError(f"«decimals» skal være et helt tall ≥ 0, ikke «{unit.decimals}»")
        document["decimals"] = unit.decimals
    if unit.symbol is not None:
        document["symbol"] = unit.symbol
    if unit.position is not None:
        document["position"] = unit.position
    return document
