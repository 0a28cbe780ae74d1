"""SSB region codes: the level and the parents follow from the code itself.

A fylke has 2 digits, a kommune 4 (its first 2 are the fylke), a bydel 6
(its first 4 are the kommune). The nation is code "0".
"""

from __future__ import annotations

import enum
import re

NATION_CODE = "0"
CODE_PATTERN = r"^(0|[0-9]{2}|[0-9]{4}|[0-9]{6})$"
_CODE_RE = re.compile(CODE_PATTERN)


class Level(enum.Enum):
    NATION = "nation"
    FYLKE = "fylke"
    KOMMUNE = "kommune"
    BYDEL = "bydel"

    @property
    def label(self) -> str:
        return {"nation": "Riket", "fylke": "Fylke", "kommune": "Kommune", "bydel": "Bydel"}[self.value]


def is_region_code(code: str) -> bool:
    return bool(_CODE_RE.match(code))


def level_of(code: str) -> Level:
    """Return the level a region code belongs to."""
    if not is_region_code(code):
        raise ValueError(f"«{code}» er ikke en regionkode fra SSB")
    return {1: Level.NATION, 2: Level.FYLKE, 4: Level.KOMMUNE, 6: Level.BYDEL}[len(code)]


def parent_code(code: str) -> str | None:
    """Return the code of the region one level up, or None for the nation."""
    level = level_of(code)
    if level is Level.NATION:
        return None
    if level is Level.FYLKE:
        return NATION_CODE
    return code[: len(code) - 2]


def fylke_code(code: str) -> str | None:
    """Return the fylke a kommune, bydel or fylke code lies in."""
    return None if code == NATION_CODE else code[:2]


def lies_within(code: str, region: str) -> bool:
    """Return whether the area `code` is `region` or lies inside it."""
    return region == NATION_CODE or code.startswith(region)
