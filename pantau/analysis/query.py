"""Ask the warehouse: named analyst queries, one-off SQL, and a small interactive shell.

    pantau query "select outlet, count(*) from articles group by 1"      # last build's warehouse
    pantau query --name who_said_what_asn --warehouse build
    pantau query --file warehouse/queries/violations_by_region.sql --json
    pantau query --list                                               # the named questions
    pantau sql                                                        # duckdb CLI if installed, else a small REPL

Every connection is read-only, so a query can never change the warehouse (and can run while a build
replaces it). The named queries live in `warehouse/queries/*.sql`; each starts with a comment block:
the question on its first line, then what the query does, then a `Columns:` list.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import json
import logging
import re
import shutil
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import IO

import duckdb

log = logging.getLogger("pantau.analysis.query")

DB_NAME = "pantau.duckdb"
LAST_BUILD_FILE = Path.home() / ".pantau_last_build"  # written by `pantau build`, read when --warehouse is not given


class QueryError(RuntimeError):
    """A query that cannot run; the message is the one-line reason for the user."""


@dataclass(frozen=True)
class NamedQuery:
    """One documented analyst question from `warehouse/queries/<name>.sql`."""

    name: str
    question: str
    description: str
    columns: dict[str, str] = field(default_factory=dict)
    sql: str = ""
    path: str = ""


# ---------------------------------------------------------------------------------------------
# finding the warehouse


def default_warehouse() -> Path:
    """The last build's OUT folder (`pantau build` records it), else `./build`."""

    try:
        recorded = LAST_BUILD_FILE.read_text(encoding="utf-8").strip()
    except OSError:
        recorded = ""
    if recorded and (Path(recorded) / DB_NAME).exists():
        return Path(recorded)
    return Path("build")


def resolve_db(warehouse: str | Path | None) -> Path:
    """Path of the DuckDB file for a warehouse given as an OUT folder or a `.duckdb` file.

    >>> resolve_db("build")            # doctest: +SKIP
    PosixPath('build/pantau.duckdb')
    """
    w = Path(warehouse) if warehouse else default_warehouse()
    db = w if w.suffix == ".duckdb" or w.is_file() else w / DB_NAME
    if not db.exists():
        raise QueryError(
            f"no warehouse at {db} (build one with `pantau build --input DIR --out OUT`, or pass --warehouse OUT)"
        )
    return db


def connect(warehouse: str | Path | None) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the warehouse."""
    db = resolve_db(warehouse)
    log.debug("opening %s read-only", db)
    try:
        return duckdb.connect(str(db), read_only=True)
    except duckdb.Error as e:
        raise QueryError(f"cannot open {db}: {_first_line(e)}") from e


# ---------------------------------------------------------------------------------------------
# the named queries


def queries_dir() -> Path:
    """Folder of the shipped analyst queries (`warehouse/queries`)."""
    return Path(str(resources.files("warehouse").joinpath("queries")))


def parse_query_doc(name: str, sql: str, path: str = "") -> NamedQuery:
    """Split a query file's leading comment block into question, description and column docs.

    >>> doc = "-- How many?\\n--\\n-- Counts.\\n--\\n-- Columns:\\n--   n  the count\\n"
    >>> query = parse_query_doc("x", doc + "SELECT 1 AS n")
    >>> (query.question, query.description, query.columns)
    ('How many?', 'Counts.', {'n': 'the count'})
    """
    comment: list[str] = []
    for line in sql.splitlines():
        s = line.strip()
        if s.startswith("--"):
            comment.append(s[2:].rstrip()[1:] if s[2:3] == " " else s[2:].rstrip())
        elif s:
            break
    question = comment[0].strip() if comment else ""
    desc_lines: list[str] = []
    columns: dict[str, str] = {}
    in_columns = False
    last = None
    for line in comment[1:]:
        if line.strip().lower() == "columns:":
            in_columns = True
            continue
        if in_columns:
            m = re.match(r"\s{2,}(\S+)\s+(.*)$", line)
            if m:
                last = m.group(1)
                columns[last] = m.group(2).strip()
            elif line.strip() and last:  # continuation of the previous column's text
                columns[last] += " " + line.strip()
        else:
            desc_lines.append(line.strip())
    description = " ".join(" ".join(desc_lines).split())
    return NamedQuery(name=name, question=question, description=description, columns=columns, sql=sql, path=path)


def list_queries() -> list[NamedQuery]:
    """Every named query, sorted by name."""
    out = []
    for p in sorted(queries_dir().glob("*.sql")):
        out.append(parse_query_doc(p.stem, p.read_text(encoding="utf-8"), str(p)))
    return out


def named_query(name: str) -> NamedQuery:
    name = name.removesuffix(".sql")
    for q in list_queries():
        if q.name == name:
            return q
    names = ", ".join(q.name for q in list_queries())
    raise QueryError(f"no query named {name!r}; known: {names}")


# ---------------------------------------------------------------------------------------------
# running and printing


def run_sql(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[list[str], list[tuple]] | None:
    """Run one statement; (column names, rows), or None for statements that return nothing."""
    try:
        rel = con.sql(sql)
    except duckdb.Error as e:
        raise QueryError(_first_line(e)) from e
    if rel is None:
        return None
    try:
        return list(rel.columns), rel.fetchall()
    except duckdb.Error as e:
        raise QueryError(_first_line(e)) from e


def _first_line(e: BaseException) -> str:
    """The first line of an error's message (its type's name when the message is empty)."""
    message = str(e).strip()
    return message.splitlines()[0] if message else type(e).__name__


def _json_value(value):
    """A JSON-ready form of a value json cannot write: ISO dates, float decimals, hex bytes, else str()."""
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (bytes, bytearray)):
        return value.hex()
    return str(value)


def write_json(columns: list[str], rows: list[tuple], out: IO[str]) -> None:
    """Rows as a JSON array of objects."""
    records = [dict(zip(columns, row)) for row in rows]
    out.write(json.dumps(records, ensure_ascii=False, indent=2, default=_json_value))
    out.write("\n")


def write_csv(columns: list[str], rows: list[tuple], out: IO[str]) -> None:
    """Rows as CSV with a header line; NULL is an empty field."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(
            [
                "" if value is None else (value if isinstance(value, (str, int, float, bool)) else _json_value(value))
                for value in row
            ]
        )


def _cell(value, width: int) -> str:
    """A value as one line of text for a table cell, cut with `…` to `width`."""
    text = "NULL" if value is None else (value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else str(value))
    text = " ".join(text.split())  # one line per row
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"


def format_table(
    columns: list[str], rows: list[tuple], *, max_width: int | None = None, max_rows: int | None = 40
) -> str:
    """A plain-text box table that fits `max_width` columns (long cells are cut with `…`).

    >>> print(format_table(["a", "b"], [(1, "x"), (2, None)]))
    ┌───┬──────┐
    │ a │ b    │
    ├───┼──────┤
    │ 1 │ x    │
    │ 2 │ NULL │
    └───┴──────┘
    2 rows
    """
    max_width = max_width or shutil.get_terminal_size((120, 24)).columns
    shown = rows if not max_rows or len(rows) <= max_rows else rows[:max_rows]
    texts = [[_cell(value, 10_000) for value in row] for row in shown]
    widths = [max([len(name)] + [len(row[col]) for row in texts]) for col, name in enumerate(columns)]
    # shrink the widest columns until the table fits (3 chars of border per column + 1)
    budget = max(max_width - (3 * len(columns) + 1), len(columns) * 4)
    while sum(widths) > budget and max(widths) > 4:
        widths[widths.index(max(widths))] -= 1
    numeric = [
        all(
            isinstance(row[col], (int, float, decimal.Decimal)) and not isinstance(row[col], bool)
            for row in shown
            if row[col] is not None
        )
        and any(row[col] is not None for row in shown)
        for col in range(len(columns))
    ]

    def line(cells: Iterable[str], right_aligned: list[bool]) -> str:
        parts = [
            (cell.rjust(width) if right else cell.ljust(width))
            for cell, width, right in zip(cells, widths, right_aligned)
        ]
        return "│ " + " │ ".join(parts) + " │"

    out = [
        "┌─" + "─┬─".join("─" * width for width in widths) + "─┐",
        line([_cell(name, width) for name, width in zip(columns, widths)], [False] * len(columns)),
        "├─" + "─┼─".join("─" * width for width in widths) + "─┤",
    ]
    for row in shown:
        out.append(line([_cell(value, width) for value, width in zip(row, widths)], numeric))
    out.append("└─" + "─┴─".join("─" * width for width in widths) + "─┘")
    more = f" ({len(shown)} shown; --max-rows 0 for all)" if len(shown) < len(rows) else ""
    out.append(f"{len(rows)} row{'s' if len(rows) != 1 else ''}{more}")
    return "\n".join(out)


def print_result(result, fmt: str, out: IO[str], *, max_width: int | None = None, max_rows: int | None = 40) -> None:
    if result is None:
        if fmt == "table":
            out.write("ok\n")
        elif fmt == "json":
            out.write("[]\n")
        return
    columns, rows = result
    if fmt == "json":
        write_json(columns, rows, out)
    elif fmt == "csv":
        write_csv(columns, rows, out)
    else:
        out.write(format_table(columns, rows, max_width=max_width, max_rows=max_rows) + "\n")


# ---------------------------------------------------------------------------------------------
# the interactive shell

SHELL_HELP = """\
Type SQL ending with `;` (it may span lines). Dot commands:
  .tables            tables and views with their descriptions
  .schema TABLE      columns of a table, with types and descriptions
  .queries           the named analyst questions
  .run NAME          run a named question
  .help              this text
  .quit / .exit      leave (or Ctrl-D)"""


def _tables(con) -> tuple[list[str], list[tuple]]:
    return run_sql(
        con,
        "SELECT table_name AS name, 'table' AS kind, coalesce(comment, '') AS description "
        "FROM duckdb_tables() WHERE NOT internal "
        "UNION ALL SELECT view_name, 'view', coalesce(comment, '') FROM duckdb_views() "
        "WHERE NOT internal AND schema_name = 'main' ORDER BY kind, name",
    )


def _schema(con, table: str) -> tuple[list[str], list[tuple]]:
    t = table.strip().strip(";").strip('"')
    rows = con.execute(
        "SELECT column_name AS column, data_type AS type, coalesce(comment, '') AS description "
        "FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index",
        [t],
    ).fetchall()
    if not rows:
        raise QueryError(f"no table or view named {t!r} (.tables lists them)")
    return ["column", "type", "description"], rows


def _line_reader(stdin: IO[str], *, interactive: bool):
    """A function that reads the next line (None at end of input): `input()` with a prompt on a terminal."""

    def read_line(prompt: str) -> str | None:
        if interactive and stdin is sys.stdin:
            try:
                return input(prompt)
            except EOFError:
                return None
        line = stdin.readline()
        return None if line == "" else line.rstrip("\n")

    return read_line


def _dot_command(con, command: str, arg: str, out: IO[str], *, max_width: int | None) -> bool:
    """Run one dot command; True when it asks to leave. A bad command raises QueryError."""
    if command in (".quit", ".exit", ".q"):
        return True
    if command == ".help":
        out.write(SHELL_HELP + "\n")
    elif command == ".tables":
        print_result(_tables(con), "table", out, max_width=max_width, max_rows=0)
    elif command == ".schema":
        if not arg:
            raise QueryError(".schema needs a table name")
        print_result(_schema(con, arg), "table", out, max_width=max_width, max_rows=0)
    elif command == ".queries":
        for query in list_queries():
            out.write(f"{query.name:<30} {query.question}\n")
    elif command == ".run":
        print_result(run_sql(con, named_query(arg.strip()).sql), "table", out, max_width=max_width)
    else:
        raise QueryError(f"unknown command {command} (.help lists them)")
    return False


def _run_statement(con, sql: str, out: IO[str], *, max_width: int | None) -> bool:
    """Run one SQL statement and print its result or its error; False when it failed."""
    try:
        print_result(run_sql(con, sql), "table", out, max_width=max_width)
    except QueryError as e:
        out.write(f"Error: {e}\n")
        return False
    return True


def shell(
    con: duckdb.DuckDBPyConnection,
    stdin: IO[str] | None = None,
    out: IO[str] | None = None,
    *,
    max_width: int | None = None,
) -> int:
    """A small read-eval-print loop on a read-only connection: SQL ending in `;`, and dot commands.

    Returns the number of statements that failed (errors are printed, the loop goes on).
    """
    stdin = stdin or sys.stdin
    out = out or sys.stdout
    interactive = stdin.isatty() if hasattr(stdin, "isatty") else False
    if interactive:
        try:
            import readline  # noqa: F401 - line editing and history for input()
        except ImportError:
            pass
        out.write("pantau sql: read-only DuckDB shell. .help for help, .quit to leave.\n")
    read_line = _line_reader(stdin, interactive=interactive)
    failures = 0
    statement: list[str] = []  # the lines of the statement being typed
    while (line := read_line("pantau> " if not statement else "   ...> ")) is not None:
        stripped = line.strip()
        if not statement and stripped.startswith("."):
            command, _, arg = stripped.partition(" ")
            try:
                if _dot_command(con, command, arg, out, max_width=max_width):
                    break
            except QueryError as e:
                failures += 1
                out.write(f"Error: {e}\n")
            continue
        if not stripped and not statement:
            continue
        statement.append(line)
        if stripped.endswith(";"):
            failures += not _run_statement(con, "\n".join(statement), out, max_width=max_width)
            statement = []
    if statement and "".join(statement).strip():  # a last statement without `;` at end of input
        failures += not _run_statement(con, "\n".join(statement), out, max_width=max_width)
    return failures


# ---------------------------------------------------------------------------------------------
# command line
