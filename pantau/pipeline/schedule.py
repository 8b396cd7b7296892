"""`pantau serve`: run the build on a schedule, served to a real Prefect server.

    prefect server start                                   # terminal 1; UI at http://127.0.0.1:4200
    export PREFECT_API_URL=http://127.0.0.1:4200/api       # terminal 2
    pantau serve --cron "0 * * * *" --input seeds --out build

This module holds the plain parts (checking the options, the deployment's parameters, the messages);
`flows/serve.py` does the Prefect work (`build_flow.serve`). Prefect's embedded server refuses
schedules, so serving needs a running server: `--api-url` or `PREFECT_API_URL` (environment or
Prefect profile) must point at one.
"""

from __future__ import annotations

import logging
import re
from dataclasses import asdict, dataclass
from pathlib import Path

log = logging.getLogger("pantau.pipeline.schedule")

FLOW_NAME = "pantau-build"  # the name of flows.build.build_flow
DEFAULT_DEPLOYMENT = "scheduled-build"
DEFAULT_BATCH_BYTES = 4 * 1024 * 1024
_CRON_FIELD = re.compile(r"^[\d*/,\-A-Za-z?LW#]+$")

NO_SERVER_HELP = """\
pantau serve needs a running Prefect server (the embedded one refuses schedules). Start one and point
pantau at it:

    prefect server start --host 127.0.0.1 --port 4200      # UI: http://127.0.0.1:4200
    export PREFECT_API_URL=http://127.0.0.1:4200/api
    pantau serve --cron "0 * * * *" --input DIR --out OUT

or pass --api-url http://127.0.0.1:4200/api."""


class ServeError(ValueError):
    """Options that cannot be served; the message is the one-line reason."""


@dataclass(frozen=True)
class ServePlan:
    """Everything the Prefect side needs to register and serve the scheduled build."""

    deployment: str
    cron: str
    timezone: str
    parameters: dict
    api_url: str | None
    limit: int = 1

    @property
    def full_name(self) -> str:
        return f"{FLOW_NAME}/{self.deployment}"

    @property
    def ui_url(self) -> str | None:
        return ui_url(self.api_url)


def check_cron(expr: str) -> str:
    """A cron expression with five fields (minute hour day month weekday), or a ServeError.

    >>> check_cron("0 * * * *")
    '0 * * * *'
    >>> check_cron("hourly")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    ...
    ServeError: --cron 'hourly' is not a cron expression with 5 fields (e.g. "0 * * * *" for every hour)
    """
    fields = expr.split()
    if expr.startswith("@") and len(fields) == 1:  # @hourly, @daily ... (croniter understands them)
        return expr
    if len(fields) != 5 or not all(_CRON_FIELD.match(f) for f in fields):
        raise ServeError(f'--cron {expr!r} is not a cron expression with 5 fields (e.g. "0 * * * *" for every hour)')
    return " ".join(fields)


def build_parameters(
    input_dir: str | Path, out: str | Path, *, batch_bytes: int = DEFAULT_BATCH_BYTES, full: bool = False
) -> dict:
    """The build flow's parameters, with absolute paths (flow runs start in their own process).

    >>> build_parameters("/", "/srv/pantau", full=True)
    {'input_dir': '/', 'out': '/srv/pantau', 'batch_bytes': 4194304, 'full': True}
    """
    src = Path(input_dir).expanduser().resolve()
    if not src.is_dir():
        raise ServeError(f"input folder not found: {input_dir}")
    if batch_bytes <= 0:
        raise ServeError("--batch-mb must be more than 0")
    return {
        "input_dir": str(src),
        "out": str(Path(out).expanduser().resolve()),
        "batch_bytes": int(batch_bytes),
        "full": bool(full),
    }


def ui_url(api_url: str | None) -> str | None:
    """The Prefect UI's address for an API address (`http://127.0.0.1:4200/api` -> `http://127.0.0.1:4200`)."""
    if not api_url:
        return None
    return re.sub(r"/api/?$", "", api_url.rstrip("/"))


def plan_info(plan: ServePlan, api_url: str) -> dict:
    d = asdict(plan)
    d.update(api_url=api_url, ui_url=ui_url(api_url), deployment=plan.full_name)
    return d
