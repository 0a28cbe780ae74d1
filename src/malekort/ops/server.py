"""The production server: Målekort's WSGI application under gunicorn.

`malekort serve` prepares (settings checked, static files collected) and then
replaces itself with `python -m malekort.ops.server`, so the gunicorn master
starts clean: no Django loaded before the workers fork, and Prometheus'
multiprocess directory set before any metric exists. SIGTERM stops it
gracefully: gunicorn finishes the requests in flight (up to the graceful
timeout) before the workers exit.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path
from typing import Any

from gunicorn.app.base import BaseApplication

GRACEFUL_TIMEOUT = 30

# gunicorn's own lines (start, workers booting and stopping) in the same JSON as the application's.
LOGCONFIG: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "malekort.ops.logs.JsonFormatter"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}},
    "root": {"handlers": ["stdout"], "level": "INFO"},
    "loggers": {
        "gunicorn.error": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
    },
}


def _child_exit(_server: object, worker: Any) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)  # type: ignore[no-untyped-call]


class MalekortServer(BaseApplication):  # type: ignore[misc]
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            if key in self.cfg.settings:  # control_socket_disable is new in gunicorn 25.1
                self.cfg.set(key, value)

    def load(self) -> Any:
        from malekort.wsgi import application

        return application


def options(bind: str, workers: int, threads: int) -> dict[str, Any]:
    return {
        "bind": bind,
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread" if threads > 1 else "sync",
        "graceful_timeout": GRACEFUL_TIMEOUT,
        "timeout": 60,
        "keepalive": 5,
        "accesslog": None,
        "logconfig_dict": LOGCONFIG,
        "child_exit": _child_exit,
        # NAIS's proxy sets X-Forwarded-*; it is the only one who can reach the pod.
        "forwarded_allow_ips": "*",
        "proc_name": "malekort",
        # One socket per home directory would make a second server on the same machine fail.
        "control_socket_disable": True,
    }


def prepare_metrics_dir() -> None:
    """Give the workers an empty directory for their metric samples (kept if the environment names one)."""
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not folder:
        import tempfile

        folder = tempfile.mkdtemp(prefix="malekort-metrics-")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = folder
    path = Path(folder)
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="malekort serve")
    parser.add_argument("--bind", required=True)
    parser.add_argument("--workers", type=int, required=True)
    parser.add_argument("--threads", type=int, required=True)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "malekort.settings")
    prepare_metrics_dir()
    MalekortServer(options(args.bind, args.workers, args.threads)).run()


if __name__ == "__main__":
    main(sys.argv[1:])
