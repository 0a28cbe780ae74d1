"""JSON log lines on standard output, each with the id of the request it belongs to.

No personal data and no figures: requests are logged by path and status only
(no query string, no user), and an exception is logged by its type and stack,
never its message, since a database error's message may quote the values it was given.
"""

from __future__ import annotations

import logging
import traceback
from contextvars import ContextVar
from types import TracebackType
from typing import Any

from pythonjsonlogger.json import JsonFormatter as _LibraryJsonFormatter

request_id: ContextVar[str] = ContextVar("malekort_request_id", default="")

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


class RequestIdFilter(logging.Filter):
    """Give every record the id of the request being served ('' outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


class ClientErrorsWithoutTraceback(logging.Filter):
    """Log a refused request (4xx: a malformed parameter, say) without the stack: the client erred, not the code."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True


class JsonFormatter(_LibraryJsonFormatter):
    """One JSON object per line: time, level, logger, message, request id and any extra fields."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("fmt", "%(levelname)s %(name)s %(message)s")
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        kwargs.setdefault("timestamp", "time")
        super().__init__(*args, **kwargs)

    def formatException(self, ei: Any) -> str:
        """Return the stack and the exception's type, without its message."""
        exc_type, _exc, tb = ei
        stack = "".join(traceback.format_tb(tb)) if tb is not None else ""
        name = getattr(exc_type, "__qualname__", str(exc_type))
        module = getattr(exc_type, "__module__", "")
        return f"Traceback (most recent call last):\n{stack}{module}.{name} (message left out)"

    def add_fields(self, log_data: dict[str, Any], record: logging.LogRecord, message_dict: dict[str, Any]) -> None:
        super().add_fields(log_data, record, message_dict)
        # Django's request loggers attach the request object itself; never serialise it.
        log_data.pop("request", None)
        log_data.pop("server_time", None)
        if not log_data.get("request_id"):
            log_data.pop("request_id", None)
