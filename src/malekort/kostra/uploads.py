"""An upload handler that keeps uploaded KOSTRA files in memory only.

Django writes uploads above 2.5 MB to a temporary file; a KOSTRA file holds
identity numbers, so it must never touch the disk. The bytes live for the
request and are dropped with it.
"""

from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest

# A national 11F file is some 45 MB.
MAX_UPLOAD_BYTES = 150 * 1024 * 1024


class MemoryOnlyUploadHandler(FileUploadHandler):
    """Keep each uploaded file in a BytesIO, up to a limit; a larger file is dropped and noted."""

    def __init__(self, request: HttpRequest | None = None, limit: int = MAX_UPLOAD_BYTES) -> None:
        super().__init__(request)
        self.limit = limit
        self.too_large: list[str] = []
        self.buffer: io.BytesIO | None = None

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.buffer = io.BytesIO()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        if self.buffer is None:
            return None
        if start + len(raw_data) > self.limit:
            self.too_large.append(str(self.file_name))
            self.buffer = None
            return None
        self.buffer.write(raw_data)
        return None

    def file_complete(self, file_size: int) -> InMemoryUploadedFile | None:
        if self.buffer is None:
            return None
        self.buffer.seek(0)
        uploaded = InMemoryUploadedFile(
            file=self.buffer, field_name=self.field_name, name=str(self.file_name),
            content_type=str(self.content_type), size=file_size, charset=self.charset,
            content_type_extra=self.content_type_extra,
        )
        self.buffer = None
        return uploaded
