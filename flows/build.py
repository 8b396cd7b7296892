"""The build flow: plan -> extract (a bounded number of task runs over parts) -> resolve + store.

Tasks pass file paths (part specs and part folders under `OUT/.work/`), never DataFrames. Extraction
runs as a subflow on the chosen task runner:
- `threads` (default): Prefect's thread pool; each task hands its parts to a shared process pool of
  `workers` processes (extraction is CPU-bound Python, threads alone would share one core);
- `dask`: a `prefect-dask` `DaskTaskRunner`, on a local cluster of `workers` single-threaded worker
  processes, or on an existing scheduler given by `dask_address` (`tcp://host:8786`).
Each flow run publishes a table artifact (rows per table) and a markdown summary.

    python -m flows.build --input seeds --out build --runner dask    # same as `pantau build --runner dask`
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import os
import time
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.task_runners import ThreadPoolTaskRunner

from pantau.pipeline import build as core


@task(name="plan-build", retries=1, retry_delay_seconds=1)
def plan_task(input_dir: str, out: str, batch_bytes: int, full: bool) -> dict:
    return dataclasses.asdict(core.plan_build(input_dir, out, batch_bytes=batch_bytes, full=full))


@task(name="extract-parts", retries=2, retry_delay_seconds=1)
def extract_task(spec_paths: list[str], work: str, workers: int = 1) -> list[tuple[str, int, int]]:
    return core.extract_task_parts(spec_paths, work, workers)


@task(name="resolve-validate-store", retries=1, retry_delay_seconds=1)
def resolve_store_task(plan: dict) -> dict:
    rows, qdf = core.assemble_and_store(core.BuildPlan(**plan))
    return {"rows": rows, "reasons": core.quarantine_reasons(qdf)}


def _share_api_with_workers() -> None:
    """Dask worker processes must report to this flow's Prefect API: without PREFECT_API_URL each would
    start an embedded server of its own (two extra servers eating the CPUs the extraction needs)."""
    if os.environ.get("PREFECT_API_URL"):
        return
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        os.environ["PREFECT_API_URL"] = str(client.api_url).rstrip("/")


def _task_runner(runner: str, workers: int, dask_address: str | None):
    if runner == "dask":
        from prefect_dask import DaskTaskRunner

        _share_api_with_workers()
        logging.getLogger("distributed").setLevel(logging.WARNING)  # cluster start/stop chatter

        if dask_address:
            return DaskTaskRunner(address=dask_address)
        return DaskTaskRunner(
            cluster_kwargs={
                "n_workers": workers,
                "threads_per_worker": 1,
                "processes": True,
                "dashboard_address": None,
                "silence_logs": logging.ERROR,
            }
        )
    return ThreadPoolTaskRunner(max_workers=max(1, workers))


@flow(name="pantau-extract", log_prints=False)
def extract_flow(tasks: list[list[str]], work: str, workers: int, runner: str) -> list[list]:
    """Run the extraction tasks on this subflow's task runner; results in task order."""
    inner = workers if runner != "dask" else 1  # on Dask each worker process runs its task itself
    futures = [extract_task.submit(spec_paths, work, inner) for spec_paths in tasks]
    done = []
    for future in futures:
        finished_parts = future.result()
        if runner == "dask":  # parts finished in other processes: report them here
            for part in finished_parts:
                core._report(part)
        done.append(finished_parts)
    return done


def _publish_artifacts(input_dir: str, out: str, plan: dict, parts: int, result: dict) -> None:
    """This flow run's Prefect artifacts: a table of rows per table, and a markdown summary with links."""
    rows = result["rows"]
    create_table_artifact(
        key="pantau-build-rows",
        table=[{"table": table, "rows": count} for table, count in rows.items()],
        description="Rows per table written by this build (quarantine = rows set aside with a reason).",
    )
    reasons = "\n".join(f"- {reason}: {count}" for reason, count in sorted(result["reasons"].items())) or "- none"
    create_markdown_artifact(
        key="pantau-build-summary",
        markdown=(
            f"# pantau build\n\nInput `{input_dir}` ({plan['files']} files, {plan['units']} articles, "
            f"{plan['todo_units']} extracted in {parts} parts) -> "
            f"[pantau.duckdb]({(Path(out) / 'pantau.duckdb').resolve().as_uri()}) and "
            f"[parquet/]({(Path(out) / 'parquet').resolve().as_uri()})\n\n"
            + "\n".join(f"- **{table}**: {count}" for table, count in rows.items())
            + f"\n\n## Quarantine reasons\n{reasons}\n"
        ),
        description="What this build wrote and where.",
    )


@flow(name="pantau-build", log_prints=False)
def build_flow(
    input_dir: str = "seeds",
    out: str = "build",
    batch_bytes: int = core.DEFAULT_BATCH_BYTES,
    full: bool = False,
    runner: str = "threads",
    workers: int | None = None,
    dask_address: str | None = None,
) -> dict:
    """Build the warehouse from every article under `input_dir` into `out` (incremental unless `full`)."""
    log = get_run_logger()
    workers = workers if workers else core.default_workers()
    started = time.perf_counter()
    with core.build_lock(out):
        plan = plan_task(input_dir, out, batch_bytes, full)
        parts = sum(len(task_parts) for task_parts in plan["tasks"])
        log.info(
            "%d input files, %d units: %d to extract in %d parts, %d tasks (%s runner, %d workers)",
            plan["files"],
            plan["units"],
            plan["todo_units"],
            parts,
            len(plan["tasks"]),
            runner,
            workers,
        )
        planned = time.perf_counter()
        core.report_planned(core.BuildPlan(**plan))
        if plan["tasks"]:
            subflow = extract_flow.with_options(task_runner=_task_runner(runner, workers, dask_address))
            subflow(plan["tasks"], str(Path(out) / ".work"), workers, runner)
            core.shutdown_pools()
        extracted = time.perf_counter()
        result = resolve_store_task(plan)
        stored = time.perf_counter()
    _publish_artifacts(input_dir, out, plan, parts, result)
    log.info("wrote %s", result["rows"])
    return {
        "input": input_dir,
        "out": out,
        "files": plan["files"],
        "batches": parts,
        "rows": result["rows"],
        "quarantine_reasons": result["reasons"],
        "units": plan["units"],
        "extracted_units": plan["todo_units"],
        "input_bytes": plan["input_bytes"],
        "extracted_bytes": plan["todo_bytes"],
        "workers": workers,
        "runner": runner,
        "seconds": {
            "discover": round(planned - started, 3),
            "extract": round(extracted - planned, 3),
            "resolve_store": round(stored - extracted, 3),
        },
    }


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--input", default="seeds")
    ap.add_argument("--out", default="build")
    ap.add_argument("--runner", choices=["threads", "dask"], default="threads")
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--dask-address", default=None)
    ap.add_argument("--full", action="store_true")
    args = ap.parse_args()
    print(
        build_flow(
            args.input,
            args.out,
            full=args.full,
            runner=args.runner,
            workers=args.workers,
            dask_address=args.dask_address,
        )
    )
