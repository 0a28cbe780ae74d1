"""Readers for the files we load: plain Python in, dataclasses (or polars frames) out.

Every reader checks the whole file and raises `FileRejected` with one
`LineError` per refused line, so that a file with a bad line loads nothing.
"""

from malekort.domain.files.errors import FileRejected, LineError

__all__ = ["FileRejected", "LineError"]
