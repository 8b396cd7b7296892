"""`pantau` command-line front of `pantau.release.publish`."""

from __future__ import annotations

import json

from pantau.release.publish import (
    PublishError,
    publish,
)


def cmd_publish(args) -> int:
    from pantau.analysis.query import default_warehouse
    from pantau.cli.common import guarded, setup_logging

    setup_logging(args)
    rel = guarded(
        "publish",
        args,
        lambda: publish(
            args.warehouse or default_warehouse(),
            args.dest,
            version=args.version,
            bodies=not args.no_bodies,
            created=args.created,
            name=args.name,
            force=args.force,
        ),
        (PublishError,),
    )
    if rel is None:
        return 1
    if args.json:
        print(json.dumps(rel.__dict__, indent=2, sort_keys=True))
    elif not args.quiet:
        prev = f" (previous {rel.previous_version})" if rel.previous_version else ""
        print(
            f"pantau: published version {rel.version}{prev} to {rel.dest}/ "
            f"({len(rel.files)} files, {rel.bytes / 1024:.0f} KiB; created {rel.created} from the {rel.created_from})"
        )
        for t, n in rel.rows.items():
            ch = f"  ({rel.changes[t]:+d})" if rel.changes else ""
            print(f"  {t:<15} {n:>8} rows{ch}")
        print(f"  check: (cd {rel.dest} && sha256sum -c SHA256SUMS)")
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "publish",
        help="write a release folder: Parquet, datapackage.json, dataset card, checksums",
        description="Publish the warehouse as an open dataset release (Frictionless Data "
        "Package v2 + Hugging Face style card). Deterministic: the same warehouse "
        "gives a byte-identical folder.",
    )
    p.add_argument("--warehouse", help="OUT folder of a build (default: the last build, else ./build)")
    p.add_argument(
        "--dest",
        required=True,
        help="release folder to write (replaced whole; its previous release feeds the changelog)",
    )
    p.add_argument(
        "--version",
        help="dataset version X.Y.Z (default: 0.1.0; then the same version for the same data, "
        "else the next minor version)",
    )
    p.add_argument("--no-bodies", action="store_true", help="publish articles without `body` (the outlets' text)")
    p.add_argument(
        "--created", help="`created` timestamp (ISO); default: SOURCE_DATE_EPOCH, else the newest date in the data"
    )
    p.add_argument("--name", default="pantau", help="package name in datapackage.json (default: pantau)")
    p.add_argument(
        "--force", action="store_true", help="overwrite a non-release folder, or a version with different data"
    )
    from pantau.cli.common import add_output_options

    add_output_options(p, "the release summary")
    p.set_defaults(func=cmd_publish)
