"""Errors in a file, each tied to the line it was found on."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LineError:
    """Why a line was refused; `line` is None when the error is not on one line."""

    line: int | None
    reason: str

    def __str__(self) -> str:
        if self.line is None:
            return self.reason[:1].upper() + self.reason[1:]
        return f"Linje {self.line}: {self.reason}"


class FileRejected(ValueError):
    """A file that cannot be loaded; `errors` lists every refused line."""

    def __init__(self, errors: Iterable[LineError]) -> None:
        self.errors = tuple(sorted(errors, key=lambda e: -1 if e.line is None else e.line))
        lines = {e.line for e in self.errors if e.line is not None}
        super().__init__(
            f"Filen ble avvist: {len(lines)} {'linje' if len(lines) == 1 else 'linjer'} med feil."
            if lines
            else "Filen ble avvist."
        )

    def report(self) -> str:
        """Return the summary and every error, one per line."""
        return "\n".join([str(self), *(str(e) for e in self.errors)])
