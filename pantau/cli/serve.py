"""`pantau` command-line front of `pantau.pipeline.schedule`."""

from __future__ import annotations

import json
import logging
import os
import sys

from pantau.pipeline.schedule import (
    DEFAULT_DEPLOYMENT,
    NO_SERVER_HELP,
    ServeError,
    ServePlan,
    build_parameters,
    check_cron,
)


def make_plan(args) -> ServePlan:
    api_url = args.api_url or os.environ.get("PREFECT_API_URL") or None
    return ServePlan(
        deployment=args.name,
        cron=check_cron(args.cron),
        timezone=args.timezone,
        parameters=build_parameters(args.input, args.out, batch_bytes=int(args.batch_mb * 1024 * 1024), full=args.full),
        api_url=api_url,
        limit=1,
    )


def cmd_serve(args) -> int:
    level = logging.WARNING if (args.quiet or args.json) else logging.INFO
    logging.basicConfig(
        level=logging.DEBUG if args.debug else level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    try:
        plan = make_plan(args)
    except ServeError as e:
        print(f"pantau serve: {e}", file=sys.stderr)
        return 2
    # offline machines: no telemetry; Prefect's own console logging only when asked
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    if args.quiet or args.json:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    if plan.api_url:
        os.environ["PREFECT_API_URL"] = plan.api_url
    from flows.serve import ServerMissing, serve_build  # imports prefect

    announce = None
    if args.json:
        announce = lambda info: print(json.dumps(info, sort_keys=True), flush=True)  # noqa: E731
    elif not args.quiet:
        announce = lambda info: print(  # noqa: E731
            f'pantau: serving {info["deployment"]} on {info["api_url"]} — cron "{info["cron"]}" ({info["timezone"]}); '
            f"input {info['parameters']['input_dir']} -> {info['parameters']['out']}\n"
            f"  UI: {info['ui_url']}/deployments   run now: prefect deployment run '{info['deployment']}'\n"
            f"  Ctrl-C stops serving (and pauses the schedule).",
            flush=True,
        )
    try:
        serve_build(plan, announce=announce)
    except ServerMissing:
        print(NO_SERVER_HELP, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "serve",
        help="serve the build on a cron schedule to a Prefect server",
        description="Register the build flow as a scheduled deployment on a running Prefect "
        "server and serve its runs from this process (Ctrl-C stops). Each run "
        "publishes the artifacts pantau-build-rows and pantau-build-summary.",
    )
    p.add_argument("--cron", default="0 * * * *", help='cron schedule (default "0 * * * *": every hour)')
    p.add_argument("--timezone", default="UTC", help="time zone of the schedule, e.g. Asia/Jakarta (default UTC)")
    p.add_argument("--input", required=True, help="folder of articles to build from")
    p.add_argument("--out", required=True, help="output folder of the warehouse")
    p.add_argument("--batch-mb", type=float, default=4.0, help="input megabytes per batch task (default 4)")
    p.add_argument("--full", action="store_true", help="every run ignores cached batches")
    p.add_argument("--name", default=DEFAULT_DEPLOYMENT, help=f"deployment name (default {DEFAULT_DEPLOYMENT})")
    p.add_argument("--api-url", help="Prefect API, e.g. http://127.0.0.1:4200/api (default: PREFECT_API_URL)")
    p.add_argument("--quiet", action="store_true", help="print nothing but errors")
    p.add_argument("--json", action="store_true", help="print the deployment as one JSON line when it is registered")
    p.add_argument("--debug", action="store_true", help="debug logs")
    p.set_defaults(func=cmd_serve)
