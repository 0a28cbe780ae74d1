"""SSB's standard symbols for table cells that hold no number."""

from __future__ import annotations

NOT_APPLICABLE = "."
MISSING = ".."
NOT_YET_AVAILABLE = "..."
SUPPRESSED = ":"

SYMBOL_LABELS = {
    NOT_APPLICABLE: "Ikke mulig å oppgi tall",
    MISSING: "Tall mangler (ikke rapportert)",
    NOT_YET_AVAILABLE: "Tall kan ikke offentliggjøres ennå",
    SUPPRESSED: "Vises ikke av hensyn til personvern (færre enn 4)",
}
