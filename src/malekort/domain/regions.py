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


# The Sami (North, Lule, South) and Kven names SSB joins to a region's Norwegian name
# («Oslo-Oslove», «Gáivuotna-Kåfjord-Kaivuono», «Harstad - Hárstták»), and the Nynorsk and
# English names of the country. A hyphen alone proves nothing: «Nord-Fron», «Aurskog-Høland»
# and «Sør-Varanger» are Norwegian names, so only these known names are taken off.
OTHER_LANGUAGE_NAMES = frozenset({
    # The country
    "Noreg", "Norway",
    # Counties
    "Oslove", "Sisdajven", "Nordlándda", "Nordlánnda", "Trööndelage", "Romssa", "Romsa", "Tromssa",
    "Finnmárkku", "Finnmárku", "Finmarkku",
    # Nordland
    "Fuosko", "Fuossko", "Suortá", "Aarborte", "Hábmer", "Evenássi", "Vaapste", "Dielddanuorri",
    # Trøndelag
    "Snåase", "Raarvihke", "Plassje",
    # Troms
    "Hárstták", "Loabák", "Omasvuotna", "Omasvuono", "Gáivuotna", "Kaivuono", "Báhccavuotna", "Paatsivuono",
    "Ivgu", "Yykeä", "Ráisa", "Raisi", "Návuotna", "Naavuono", "Skánit",
    # Finnmark
    "Kárášjohka", "Kárásjohka", "Guovdageaidnu", "Porsáŋgu", "Porsángu", "Porsanki", "Deatnu", "Unjárga",
    "Áltá", "Alattio", "Hámmárfeasta", "Láhppi", "Čáhcesuolu", "Vesisaari", "Várggát", "Vuoreija",
})
_NAME_PARTS = re.compile(r"\s+-\s+|-")


def norwegian_name(name: str) -> str:
    """Return the Norwegian name of a region that SSB names in several languages, else the name as it is.

    «Oslo-Oslove» gives «Oslo» and «Gáivuotna-Kåfjord-Kaivuono» «Kåfjord»;
    «Nord-Fron» stays «Nord-Fron». A name changes only when every part but
    one is a known Sami, Kven or other-language name (`OTHER_LANGUAGE_NAMES`).
    """
    parts = [part.strip() for part in _NAME_PARTS.split(name)]
    if len(parts) < 2:
        return name
    norwegian = [part for part in parts if part not in OTHER_LANGUAGE_NAMES]
    return norwegian[0] if len(norwegian) == 1 else name


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
