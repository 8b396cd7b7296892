"""`pantau` command-line front of `pantau.analysis.query`."""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
from pathlib import Path

from pantau.analysis.query import (
    QueryError,
    connect,
    list_queries,
    log,
    named_query,
    print_result,
    resolve_db,
    run_sql,
    shell,
)


def _setup_logging(args) -> None:
    level = logging.WARNING if (getattr(args, "quiet", False) or getattr(args, "json", False)) else logging.INFO
    if getattr(args, "debug", False):
        level = logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


def cmd_query(args) -> int:
    _setup_logging(args)
    if args.list:
        qs = list_queries()
        if args.json:
            print(
                json.dumps(
                    [
                        {"name": q.name, "question": q.question, "description": q.description, "columns": q.columns}
                        for q in qs
                    ],
                    indent=2,
                    ensure_ascii=False,
                )
            )
        elif not args.quiet:
            for q in qs:
                print(f"{q.name:<30} {q.question}")
        return 0
    given = [x for x in (args.sql, args.file, args.name) if x]
    if len(given) != 1:
        print(
            "pantau query: give exactly one of SQL, --file FILE or --name NAME (--list shows the names)",
            file=sys.stderr,
        )
        return 2
    try:
        if args.file:
            try:
                sql = Path(args.file).read_text(encoding="utf-8")
            except OSError as e:
                raise QueryError(f"cannot read {args.file}: {e.strerror}") from e
        elif args.name:
            sql = named_query(args.name).sql
        else:
            sql = args.sql
        con = connect(args.warehouse)
        try:
            result = run_sql(con, sql)
        finally:
            con.close()
    except QueryError as e:
        print(f"pantau query: {e}", file=sys.stderr)
        return 1
    if args.quiet:
        return 0
    fmt = "json" if args.json else "csv" if args.csv else "table"
    print_result(result, fmt, sys.stdout, max_width=args.max_width, max_rows=args.max_rows)
    return 0


def cmd_sql(args) -> int:
    _setup_logging(args)
    try:
        db = resolve_db(args.warehouse)
    except QueryError as e:
        print(f"pantau sql: {e}", file=sys.stderr)
        return 1
    duck = shutil.which("duckdb")
    if duck and not args.builtin:
        log.info("opening %s in the duckdb CLI (read-only)", db)
        os.execv(duck, [duck, "-readonly", str(db)])
    try:
        con = connect(db)
    except QueryError as e:
        print(f"pantau sql: {e}", file=sys.stderr)
        return 1
    try:
        failures = shell(con, max_width=args.max_width)
    finally:
        con.close()
    return 1 if failures and not sys.stdin.isatty() else 0


def register(subparsers) -> None:
    q = subparsers.add_parser(
        "query",
        help="run SQL or a named analyst question on the warehouse (read-only)",
        description="Run SQL, a .sql file or a named question from warehouse/queries "
        "on the warehouse, read-only, and print the result.",
    )
    q.add_argument("sql", nargs="?", help="the SQL to run (one statement)")
    q.add_argument("--file", help="run the SQL in this file")
    q.add_argument("--name", help="run a named question from warehouse/queries (see --list)")
    q.add_argument("--list", action="store_true", help="list the named questions")
    q.add_argument(
        "--warehouse", help="OUT folder of a build, or its pantau.duckdb (default: the last build, else ./build)"
    )
    q.add_argument("--max-rows", type=int, default=40, help="rows to print in a table (0: all; default 40)")
    q.add_argument("--max-width", type=int, default=None, help="table width in characters (default: the terminal's)")
    q.add_argument("--csv", action="store_true", help="print CSV")
    q.add_argument("--json", action="store_true", help="print a JSON array of objects")
    q.add_argument("--quiet", action="store_true", help="print nothing; the exit code tells whether it ran")
    q.add_argument("--debug", action="store_true", help="debug logging")
    q.set_defaults(func=cmd_query)

    s = subparsers.add_parser(
        "sql",
        help="an interactive SQL shell on the warehouse (read-only)",
        description="Opens the duckdb CLI on the warehouse when it is installed, "
        "else pantau's own small shell (.tables, .schema, .queries, .quit).",
    )
    s.add_argument(
        "--warehouse", help="OUT folder of a build, or its pantau.duckdb (default: the last build, else ./build)"
    )
    s.add_argument("--builtin", action="store_true", help="use pantau's shell even when the duckdb CLI is installed")
    s.add_argument("--max-width", type=int, default=None, help="table width in characters (default: the terminal's)")
    s.add_argument("--quiet", action="store_true", help="no log messages")
    s.add_argument("--debug", action="store_true", help="debug logging")
    s.set_defaults(func=cmd_sql)
