"""`pantau` command-line front of `pantau.release.report`."""

from __future__ import annotations

import json

from pantau.analysis.query import QueryError
from pantau.release.report import (
    build_report,
)


def cmd_report(args) -> int:
    from pantau.cli.common import guarded, setup_logging

    setup_logging(args)
    summary = guarded("report", args, lambda: build_report(args.warehouse, args.out, title=args.title), (QueryError,))
    if summary is None:
        return 1
    if args.json:
        print(json.dumps(summary.__dict__, indent=2, sort_keys=True))
    elif not args.quiet:
        print(
            f"pantau: wrote {summary.out} ({summary.charts} charts, {summary.tables} tables, "
            f"{summary.bytes / 1024:.0f} KiB, works offline) from {summary.warehouse}"
        )
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "report",
        help="write one self-contained HTML page with charts and tables",
        description="Charts and tables from the named queries in warehouse/queries, in one "
        "HTML file that opens without network (Vega inlined).",
    )
    p.add_argument(
        "--warehouse", help="OUT folder of a build, or its pantau.duckdb (default: the last build, else ./build)"
    )
    p.add_argument("--out", default="report.html", help="HTML file to write (default: report.html)")
    p.add_argument("--title", default="pantau — election news, as data", help="page title")
    from pantau.cli.common import add_output_options

    add_output_options(p, "a summary")
    p.set_defaults(func=cmd_report)
