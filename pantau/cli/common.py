"""Options and error handling every `pantau` command shares."""

from __future__ import annotations

import os
import sys


def _prefect_env(quiet: bool) -> None:
    # offline machines: no telemetry; keep Prefect's own console logging to warnings unless asked
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_LOGGING_TO_API_BATCH_INTERVAL", "0.3")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")


def setup_logging(args) -> None:
    """Standard logging to stderr for commands run outside flows: warnings only with --quiet/--json."""
    import logging

    level = logging.WARNING if (getattr(args, "quiet", False) or getattr(args, "json", False)) else logging.INFO
    logging.basicConfig(
        level=logging.DEBUG if getattr(args, "debug", False) else level,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


def add_output_options(p, what: str = "a summary") -> None:
    """The machine-friendly flags every command shares: --quiet, --json, --debug."""
    p.add_argument("--quiet", action="store_true", help="print nothing on success")
    p.add_argument("--json", action="store_true", help=f"print {what} as JSON")
    p.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")


def guarded(command: str, args, fn, expected: tuple = ()):
    """Run `fn()`; print a one-line reason (traceback only with --debug) and return None on failure."""
    try:
        return fn()
    except expected as e:
        print(f"pantau {command}: {e}", file=sys.stderr)
    except Exception as e:  # noqa: BLE001 - one line for the user, details with --debug
        if getattr(args, "debug", False):
            raise
        first = str(e).splitlines()[0] if str(e) else ""
        print(f"pantau {command}: failed: {type(e).__name__}: {first}", file=sys.stderr)
    return None
