"""SSB region codes: level and parents from the code."""

import pytest

from malekort.domain.regions import (
    NATION_CODE,
    Level,
    fylke_code,
    is_region_code,
    level_of,
    lies_within,
    parent_code,
)


@pytest.mark.parametrize(
    ("code", "level"),
    [
        ("0", Level.NATION),
        ("03", Level.FYLKE),
        ("33", Level.FYLKE),
        ("0301", Level.KOMMUNE),
        ("3324", Level.KOMMUNE),
        ("030102", Level.BYDEL),
        ("460105", Level.BYDEL),
    ],
)
def test_level_of(code: str, level: Level) -> None:
    assert level_of(code) is level


@pytest.mark.parametrize("code", ["", "3", "033", "03010", "0301021", "abcd", "03-01", " 0301"])
def test_level_of_refuses_non_codes(code: str) -> None:
    assert not is_region_code(code)
    with pytest.raises(ValueError):
        level_of(code)


@pytest.mark.parametrize(
    ("code", "parent"),
    [
        ("030102", "0301"),
        ("0301", "03"),
        ("3324", "33"),
        ("03", NATION_CODE),
        ("42", "0"),
        ("0", None),
    ],
)
def test_parent_code(code: str, parent: str | None) -> None:
    assert parent_code(code) == parent


@pytest.mark.parametrize(
    ("code", "fylke"),
    [("030102", "03"), ("0301", "03"), ("03", "03"), ("4204", "42"), ("0", None)],
)
def test_fylke_code(code: str, fylke: str | None) -> None:
    assert fylke_code(code) == fylke


@pytest.mark.parametrize(
    ("code", "region", "within"),
    [
        ("0301", "03", True),
        ("030101", "0301", True),
        ("030101", "03", True),
        ("0301", "0301", True),  # an area lies within itself
        ("3320", "33", True),
        ("3324", "33", True),
        ("3324", "0", True),  # the nation contains everything
        ("030102", "0", True),
        ("42", "0", True),
        ("0", "0", True),
        ("3324", "32", False),
        ("4204", "03", False),
        ("030102", "0302", False),
        ("03", "0301", False),  # a county does not lie within its kommune
        ("0301", "030102", False),
        ("0", "03", False),
    ],
)
def test_lies_within(code: str, region: str, within: bool) -> None:
    assert lies_within(code, region) is within


def test_level_labels() -> None:
    assert Level.NATION.label == "Riket"
    assert Level.BYDEL.label == "Bydel"
