"""`pantau` command-line front of `pantau.devtools.benchcorpus`."""

from __future__ import annotations

import sys
from pathlib import Path

from pantau.devtools.benchcorpus import (
    generate,
    load_pool,
)


def cmd_bench_corpus(args) -> int:
    pool = load_pool(args.source)
    c = generate(pool, args.articles, Path(args.out), seed=args.seed, fmt=args.format, start=args.start)
    print(
        f"pantau bench-corpus: wrote {c['articles']} articles ({c['bytes'] / 1e6:.1f} MB, "
        f"{c['duplicates']} duplicates, "
        f"{c['odd']} non-UTF-8 or junk) to {args.out} from {len(pool.leads)} source articles",
        file=sys.stderr,
    )
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser("bench-corpus", help="write N realistic benchmark articles recombined from real ones")
    p.add_argument("--articles", type=int, required=True, help="how many articles to write")
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument(
        "--from",
        dest="source",
        default="seeds",
        help="articles to recombine: a folder, or a .txt/.jsonl/.jsonl.gz file (default: seeds/)",
    )
    p.add_argument("--seed", type=int, default=0, help="random seed (the same seed gives the same bytes)")
    p.add_argument(
        "--format",
        choices=["txt", "jsonl"],
        default="txt",
        help="txt: one file per article in folders of 1,000; jsonl: one JSON Lines file",
    )
    p.add_argument(
        "--start",
        type=int,
        default=0,
        help="index of the first article (to add more articles of the same corpus to a folder)",
    )
    p.set_defaults(func=cmd_bench_corpus)
