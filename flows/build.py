"""The build flow: discover -> extract (one task per batch of articles) -> resolve + store.

Tasks pass file paths (batch folders under `OUT/.work/`), never DataFrames. Each flow run publishes
a table artifact (rows per table, quarantined rows) and a markdown summary with the output paths.

    python -m flows.build --input seeds --out build        # same as `pantau build --runner prefect`
"""
from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from pantau import build as core


@task(name="discover-inputs", retries=2, retry_delay_seconds=1)
def discover_task(input_dir: str, batch_bytes: int) -> tuple[list[list[dict]], list[dict], int]:
    files, quarantine = core.discover(input_dir)
    batches = core.plan_batches(files, batch_bytes)
    return [[f.__dict__ for f in b] for b in batches], quarantine, len(files)


@task(name="extract-batch", retries=2, retry_delay_seconds=1)
def extract_task(batch: list[dict], work: str) -> str:
    return str(core.extract_batch([core.InputFile(**f) for f in batch], Path(work)))


@task(name="resolve-validate-store", retries=1, retry_delay_seconds=1)
def resolve_store_task(folders: list[str], out: str, quarantine: list[dict]) -> dict:
    rows, qdf = core.resolve_and_store([Path(f) for f in folders], Path(out), quarantine)
    core.prune_work(Path(out) / ".work", [Path(f) for f in folders])
    reasons: dict[str, int] = {}
    for r in qdf.iter_rows(named=True):
        key = f"{r['stage']}: {r['reason'] if r['stage'] != 'validate' else r['check']}"
        reasons[key] = reasons.get(key, 0) + 1
    return {"rows": rows, "reasons": reasons}


@flow(name="pantau-build", log_prints=False)
def build_flow(input_dir: str = "seeds", out: str = "build", batch_bytes: int = core.DEFAULT_BATCH_BYTES,
               full: bool = False) -> dict:
    """Build the warehouse from every article under `input_dir` into `out`."""
    log = get_run_logger()
    t0 = time.perf_counter()
    work = Path(out) / ".work"
    if full:
        shutil.rmtree(work, ignore_errors=True)
    batches, quarantine, n_files = discover_task(input_dir, batch_bytes)
    log.info("%d input files in %d batches", n_files, len(batches))
    t1 = time.perf_counter()
    futures = extract_task.map(batches, work=str(work))
    folders = [f.result() for f in futures]
    t2 = time.perf_counter()
    result = resolve_store_task(folders, out, quarantine)
    t3 = time.perf_counter()
    rows = result["rows"]
    create_table_artifact(
        key="pantau-build-rows",
        table=[{"table": t, "rows": n} for t, n in rows.items()],
        description="Rows per table written by this build (quarantine = rows set aside with a reason).")
    reasons = "\n".join(f"- {k}: {v}" for k, v in sorted(result["reasons"].items())) or "- none"
    create_markdown_artifact(
        key="pantau-build-summary",
        markdown=(f"# pantau build\n\nInput `{input_dir}` ({n_files} files, {len(batches)} batches) -> "
                  f"`{Path(out) / 'pantau.duckdb'}` and `{Path(out) / 'parquet'}`\n\n"
                  + "\n".join(f"- **{t}**: {n}" for t, n in rows.items())
                  + f"\n\n## Quarantine reasons\n{reasons}\n"),
        description="What this build wrote and where.")
    log.info("wrote %s", rows)
    return {"input": input_dir, "out": out, "files": n_files, "batches": len(batches), "rows": rows,
            "quarantine_reasons": result["reasons"],
            "seconds": {"discover": round(t1 - t0, 3), "extract": round(t2 - t1, 3), "resolve_store": round(t3 - t2, 3)}}


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--input", default="seeds")
    ap.add_argument("--out", default="build")
    a = ap.parse_args()
    print(build_flow(a.input, a.out))
