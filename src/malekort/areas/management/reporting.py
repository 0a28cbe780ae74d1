"""How the load commands report a refused file."""

from __future__ import annotations

from django.core.management.base import CommandError, OutputWrapper

from malekort.domain.files import FileRejected


def rejected(stderr: OutputWrapper, error: FileRejected) -> CommandError:
    """Write every refused line to `stderr` and return the error the command exits with."""
    for line_error in error.errors:
        stderr.write(str(line_error))
    return CommandError(f"{error} Ingenting er lagret.")
