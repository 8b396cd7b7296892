"""`pantau` command line: build the warehouse and work with it.

pantau build --input seeds --out build          # Prefect flow on the embedded (ephemeral) server
pantau build --input seeds --out build --runner core   # same steps, no Prefect
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from pantau.analysis import query as warehouse_query
from pantau.cli.common import _prefect_env


def _print_summary(summary: dict, args) -> None:
    if args.json:
        print(json.dumps(summary, indent=2, sort_keys=True, default=str))
        return
    if args.quiet:
        return
    out = Path(summary["out"])
    print(
        f"pantau: built {out / 'pantau.duckdb'} and {out / 'parquet'}/ from {summary['files']} files "
        f"({summary['batches']} batches) in {summary['seconds'].get('total', 0):.1f}s"
    )
    for t, n in summary["rows"].items():
        print(f"  {t:<15} {n:>8} rows")
    if summary["quarantine_reasons"]:
        print("  quarantined:")
        for k, v in summary["quarantine_reasons"].items():
            print(f"    {v:>5}  {k}")
    if summary["extract_failures"]:
        failed = ", ".join(f"{step} {n}" for step, n in summary["extract_failures"].items())
        print(f"  extraction steps that raised (their rows are missing, see quarantine): {failed}")


def cmd_build(args) -> int:
    from pantau.pipeline.build import BuildError, check_dependencies, extract_failures, run_build

    if not Path(args.input).is_dir():
        print(f"pantau build: input folder not found: {args.input}", file=sys.stderr)
        return 2
    import pantau.pipeline.build as core

    batch_bytes = int(args.batch_mb * 1024 * 1024)
    t0 = time.perf_counter()
    bar = None if (args.quiet or args.json) else core.ProgressBar()
    core.PROGRESS = bar
    try:
        check_dependencies()  # before Prefect starts: a missing library is one line, not a failed flow
        if args.runner == "core":
            summary = run_build(
                args.input, args.out, batch_bytes=batch_bytes, full=args.full, workers=args.workers
            ).__dict__
        else:
            _prefect_env(args.quiet)
            from flows.build import build_flow

            summary = build_flow(
                input_dir=str(args.input),
                out=str(args.out),
                batch_bytes=batch_bytes,
                full=args.full,
                runner="dask" if args.runner == "dask" else "threads",
                workers=args.workers,
                dask_address=args.dask_address,
            )
    except BuildError as e:
        print(f"pantau build: {e}", file=sys.stderr)
        return 1
    except Exception as e:  # noqa: BLE001 - one line for the user, details with --debug
        if args.debug:
            raise
        print(f"pantau build: failed: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}", file=sys.stderr)
        return 1
    finally:
        if bar is not None:
            bar.close()
        core.PROGRESS = None
    summary["seconds"]["total"] = round(time.perf_counter() - t0, 3)
    summary["extract_failures"] = extract_failures(summary["quarantine_reasons"])
    try:
        warehouse_query.LAST_BUILD_FILE.write_text(str(Path(args.out).resolve()))
    except OSError:
        pass
    _print_summary(summary, args)
    return 0


# Other subcommands live in their own modules; each defines `register(subparsers)` and sets `func`.
# Add a module here to add a command (one line per command module).
COMMAND_MODULES: list[str] = [
    "pantau.cli.query",  # pantau query, pantau sql
    "pantau.cli.publish",  # pantau publish
    "pantau.cli.report",  # pantau report
    "pantau.cli.serve",  # pantau serve
    "pantau.cli.bench_corpus",  # pantau bench-corpus
    "pantau.cli.bench",  # pantau bench
]


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="pantau", description="Indonesian election news -> validated open data.")
    sub = ap.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the warehouse (Parquet + DuckDB) from a folder of articles")
    b.add_argument("--input", required=True, help="folder with .txt / .jsonl articles (searched recursively)")
    b.add_argument("--out", required=True, help="output folder: OUT/pantau.duckdb and OUT/parquet/<table>/")
    b.add_argument(
        "--runner",
        choices=["prefect", "core", "dask"],
        default="prefect",
        help="prefect: the Prefect flow on the embedded server (default); core: the same steps without "
        "Prefect; dask: the flow's extraction tasks on a prefect-dask DaskTaskRunner",
    )
    b.add_argument(
        "--batch-mb",
        type=float,
        default=4.0,
        help="input megabytes per extracted part, the unit of caching (default 4; smaller on small inputs)",
    )
    b.add_argument(
        "--full",
        action="store_true",
        help="rebuild everything (default: incremental, only new or changed articles are extracted)",
    )
    b.add_argument(
        "--workers",
        type=int,
        default=None,
        help="extraction processes (default: CPU count); with --runner dask, local Dask workers",
    )
    b.add_argument(
        "--dask-address",
        default=None,
        help="with --runner dask: an existing Dask scheduler (tcp://host:8786) instead of a local cluster",
    )
    b.add_argument("--quiet", action="store_true", help="print nothing on success")
    b.add_argument("--json", action="store_true", help="print the run summary as JSON")
    b.add_argument("--debug", action="store_true", help="show tracebacks")
    b.set_defaults(func=cmd_build)
    import importlib

    for mod in COMMAND_MODULES:
        importlib.import_module(mod).register(sub)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
