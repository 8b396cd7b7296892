"""`pantau` command-line front of `pantau.devtools.bench`."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

from pantau.devtools.bench import (
    DEFAULT_SOURCE,
    RUNS,
    bench_size,
    machine,
    ratios,
    report,
)


def cmd_bench(args) -> int:
    runs = [r.strip() for r in args.only.split(",")] if args.only else list(RUNS)
    bad = set(runs) - set(RUNS)
    if bad:
        print(f"pantau bench: unknown runs {sorted(bad)}; choose from {', '.join(RUNS)}", file=sys.stderr)
        return 2
    source = Path(args.source) if args.source else (DEFAULT_SOURCE if DEFAULT_SOURCE.exists() else Path("seeds"))
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    workers = args.workers or len(os.sched_getaffinity(0))

    def log(msg):
        if not args.json:
            print(msg, file=sys.stderr, flush=True)

    mach = machine()
    results = []
    for n in [int(x) for x in str(args.articles).split(",")]:
        res = bench_size(n, work, source, runs, workers, args.format, log)
        res["ratios"] = ratios(res)
        results.append(res)
        (work / f"bench-{n}.json").write_text(json.dumps({"machine": mach, **res}, indent=1, default=str))
    if args.json:
        print(json.dumps({"machine": mach, "results": results}, indent=1, default=str))
    else:
        print(report(results, mach))
    if not args.keep:
        for n in results:
            for p in work.glob(f"out-{n['articles']}-*"):
                shutil.rmtree(p, ignore_errors=True)
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser("bench", help="benchmark the build (10k and 100k generated articles); not a test")
    p.add_argument("--articles", default="10000,100000", help="corpus sizes, comma-separated (default 10000,100000)")
    p.add_argument("--only", default=None, help=f"runs to do, comma-separated, from: {', '.join(RUNS)} (default all)")
    p.add_argument(
        "--from",
        dest="source",
        default=None,
        help="articles to recombine (default: ../shared/corpus/news-id-2017-2025.jsonl.gz, else seeds/)",
    )
    p.add_argument(
        "--work", default="/tmp/pantau-bench", help="where corpora and builds go (default /tmp/pantau-bench)"
    )
    p.add_argument("--workers", type=int, default=None, help="extraction processes (default: CPU count)")
    p.add_argument("--format", choices=["jsonl", "txt"], default="jsonl", help="corpus format (default jsonl)")
    p.add_argument("--keep", action="store_true", help="keep the built warehouses")
    p.add_argument("--json", action="store_true", help="print results as JSON")
    p.set_defaults(func=cmd_bench)
