"""The build as plain functions: plan, extract parts (in parallel), assemble and validate, store.

`flows/build.py` wraps these same steps as Prefect tasks; `run_build` calls them directly (the engine
the tests and the `--runner core` option use). Both produce identical outputs.

Incremental by design: every input unit (a `.txt` file, a JSON line, see `pantau.pipeline.units`) has a
content key; extracted rows live in parts under `OUT/.work/store/<part>/`, each holding the rows of
the units it extracted. A build extracts only the units no part holds yet (new or changed text),
then assembles the tables from the parts' rows of the units that exist now, so deleted inputs
disappear and added articles join known actors and events. The tables depend only on the set of
live units, never on how they were grouped into parts: an incremental build writes exactly the
bytes of a full one.

    >>> run_build("seeds", "build", workers=2).rows["articles"]   # doctest: +SKIP
    5
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import math
import multiprocessing as mp
import os
import shlex
import shutil
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from pantau import lexicon
from pantau.pipeline.fingerprint import extraction_fingerprint
from pantau.pipeline.ingest import InputFile, discover_inputs

# one writer per OUT (pantau.pipeline.lock); re-entrant, so publish_build inside takes it again
from pantau.pipeline.lock import build_lock
from pantau.pipeline.units import read_manifest, scan_units, spill_compressed, write_manifest

DEFAULT_BATCH_BYTES = 4 * 1024 * 1024  # input bytes per extracted part (the unit of caching)
MAX_TASKS = 48  # orchestrated task runs per build: tens, never thousands
BUCKET_BYTES = 64 * 1024 * 1024  # output id-range bucket size (bounds the memory of validating and sorting)

log = logging.getLogger("pantau.pipeline.build")

# The CLI's progress bar (or None): `start(units, bytes)` once planned, `advance(units, bytes)` per part.
PROGRESS = None


class ProgressBar:
    """A rich progress bar on stderr with articles/s, shown while parts are extracted."""

    def __init__(self) -> None:
        self._p = None
        self._task = None
        self._t0 = time.perf_counter()
        self._done = 0

    def start(self, units: int, nbytes: int) -> None:
        if units == 0 or self._p is not None:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._p = Progress(
            TextColumn("extracting"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("articles"),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._p.start()
        self._t0 = time.perf_counter()
        self._task = self._p.add_task("extract", total=units, rate="")

    def advance(self, units: int, nbytes: int) -> None:
        if self._p is None:
            return
        self._done += units
        rate = self._done / max(time.perf_counter() - self._t0, 1e-6)
        self._p.update(self._task, advance=units, rate=f"{rate:,.0f} articles/s")

    def close(self) -> None:
        if self._p is not None:
            self._p.stop()
            self._p = None


class BuildError(RuntimeError):
    """A build that cannot produce a warehouse; the message is the one-line reason."""


# every library a build imports (import name -> distribution to install): a missing one stops the build at
# start with one line, instead of failing every article (or nulling every region) once extraction runs
REQUIRED_LIBRARIES = {
    "polars": "polars",
    "pyarrow": "pyarrow",
    "pandera": "pandera[polars]",
    "duckdb": "duckdb",
    "rapidfuzz": "rapidfuzz",
    "pycrfsuite": "python-crfsuite",
    "trafilatura": "trafilatura",
    "lxml_html_clean": "lxml_html_clean",
    "warcio": "warcio",
    "charset_normalizer": "charset-normalizer",
}


def check_dependencies() -> None:
    """Raise `BuildError` naming the first missing library (or the missing name model), else nothing."""
    for module, dist in REQUIRED_LIBRARIES.items():
        try:
            found = importlib.util.find_spec(module) is not None
        except (ImportError, ValueError):  # a parent package missing, or a module set to None in sys.modules
            found = False
        if not found:
            raise BuildError(f"missing dependency {dist}: pip install {shlex.quote(dist)}")
    model = lexicon.path("ner_crf.model")
    if not Path(model).is_file():
        raise BuildError(f"missing name recognizer model {model}: reinstall pantau")


@dataclass
class BuildSummary:
    input: str
    out: str
    files: int
    batches: int
    rows: dict[str, int]
    quarantine_reasons: dict[str, int]
    seconds: dict[str, float] = field(default_factory=dict)
    units: int = 0
    extracted_units: int = 0
    input_bytes: int = 0
    extracted_bytes: int = 0
    workers: int = 1
    runner: str = "core"

    @property
    def extract_failures(self) -> dict[str, int]:
        return extract_failures(self.quarantine_reasons)

    def to_json(self) -> str:
        return json.dumps(
            {**self.__dict__, "extract_failures": self.extract_failures}, indent=2, sort_keys=True, default=str
        )


@dataclass
class BuildPlan:
    """What a build will do; plain data (paths and numbers) so orchestrators can pass it around."""

    input: str
    out: str
    files: int
    units: int
    input_bytes: int
    quarantine: list[dict]
    tasks: list[list[str]]  # part spec paths, grouped into task runs
    todo_units: int
    todo_bytes: int

    @property
    def work(self) -> Path:
        return Path(self.out) / ".work"


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def discover(input_dir: str | Path) -> tuple[list[InputFile], list[dict]]:
    root = Path(input_dir)
    if not root.is_dir():
        raise BuildError(f"input folder not found: {root}")
    files, skipped = discover_inputs(root)
    q = [
        {"source": s.source, "table": "articles", "stage": s.stage, "check": "input", "reason": s.reason}
        for s in skipped
    ]
    return files, q


def split_by_bytes(sizes: list[int], limit: int) -> list[tuple[int, int]]:
    """[start, end) ranges of consecutive items of about `limit` bytes each (at least one item)."""
    out, start, size = [], 0, 0
    for i, s in enumerate(sizes):
        if i > start and size + s > limit:
            out.append((start, i))
            start, size = i, 0
        size += s
    if start < len(sizes):
        out.append((start, len(sizes)))
    return out


def stored_parts(work: Path) -> list[Path]:
    root = work / "store"
    if not root.exists():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and (p / "_SUCCESS").exists())


def _stored_keys(parts: list[Path]) -> pl.DataFrame:
    frames = [pl.read_parquet(p / "units.parquet", columns=["key"]) for p in parts]
    return pl.concat(frames).unique() if frames else pl.DataFrame(schema={"key": pl.String})


def plan_build(
    input_dir: str | Path,
    out: str | Path,
    *,
    batch_bytes: int = DEFAULT_BATCH_BYTES,
    full: bool = False,
    max_tasks: int = MAX_TASKS,
) -> BuildPlan:
    """Find the inputs, hash their units, and plan the parts to extract (only units no part holds)."""
    root, out = Path(input_dir), Path(out)
    work = out / ".work"
    if full:
        shutil.rmtree(work, ignore_errors=True)
    shutil.rmtree(work / "batches", ignore_errors=True)  # layout of older versions
    check_dependencies()
    fp = extraction_fingerprint()
    stamp = work / "store" / "FINGERPRINT"
    if not stamp.exists() or stamp.read_text().strip() != fp:  # another extractor: extract everything again
        shutil.rmtree(work / "store", ignore_errors=True)
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(fp + "\n")
    files, q = discover(root)
    prev_units, prev_files = read_manifest(work)
    units, fstats = scan_units(files, prev_units, prev_files)
    write_manifest(work, units, fstats)
    todo = units.join(_stored_keys(stored_parts(work)), on="key", how="anti").unique(
        "key", keep="first", maintain_order=True
    )
    for d in ("plan", "spill"):
        shutil.rmtree(work / d, ignore_errors=True)
    todo = spill_compressed(todo, str(root), work / "spill")
    todo = todo.with_columns(
        pl.coalesce(pl.col("path"), pl.lit(str(root.resolve()) + os.sep) + pl.col("rel")).alias("path")
    )
    (work / "plan").mkdir(parents=True, exist_ok=True)
    specs: list[tuple[str, int]] = []
    todo_bytes = int(todo["length"].sum() or 0)
    # enough parts to keep every worker busy to the end (parts finish at different times)
    part_bytes = max(min(batch_bytes, todo_bytes // (default_workers() * 16) + 1), min(batch_bytes, 256 * 1024))
    for a, b in split_by_bytes(todo["length"].to_list(), part_bytes):
        spec = todo.slice(a, b - a)
        pid = hashlib.sha256("\n".join(spec["key"].to_list()).encode()).hexdigest()[:16]
        path = work / "plan" / f"{pid}.parquet"
        spec.write_parquet(path)
        specs.append((str(path), int(spec["length"].sum())))
    per_task = max(1, math.ceil(len(specs) / max_tasks))  # parts are about equal in bytes
    tasks = [[p for p, _ in specs[i : i + per_task]] for i in range(0, len(specs), per_task)]
    return BuildPlan(
        str(root),
        str(out),
        len(files),
        units.height,
        int(units["length"].sum() or 0),
        q,
        tasks,
        todo.height,
        int(todo["length"].sum() or 0),
    )


def extract_part(spec_path: str | Path, work: str | Path) -> tuple[str, int, int]:
    """Read, stage and extract the units of one part spec into `work/store/<part>/`.

    Returns (part folder, units, bytes). A part already on disk is not extracted again.
    """
    from pantau.pipeline.parts import write_part
    from pantau.pipeline.stage import process_units
    from pantau.pipeline.units import read_units

    spec_path = Path(spec_path)
    folder = Path(work) / "store" / spec_path.stem
    spec = pl.read_parquet(spec_path)
    if not (folder / "_SUCCESS").exists():
        rows = process_units(read_units("", spec))
        write_part(rows, spec, folder)
    return str(folder), spec.height, int(spec["length"].sum() or 0)


def _pool(workers: int) -> ProcessPoolExecutor:
    # forkserver: children never inherit the threads of Prefect or Dask (fork with threads can hang)
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["pantau.pipeline.stage", "pantau.pipeline.parts", "pantau.pipeline.units"])
    return ProcessPoolExecutor(max_workers=workers, mp_context=ctx)


def _report(done: tuple[str, int, int]) -> None:
    if PROGRESS is not None:
        PROGRESS.advance(done[1], done[2])


def report_planned(plan: BuildPlan) -> None:
    if PROGRESS is not None:
        PROGRESS.start(plan.todo_units, plan.todo_bytes)


def run_extract(plan: BuildPlan, workers: int = 1) -> list[tuple[str, int, int]]:
    """Extract every planned part, `workers` processes at a time."""
    specs = [p for t in plan.tasks for p in t]
    results: list[tuple[str, int, int]] = []
    if workers <= 1 or len(specs) <= 1:
        for p in specs:
            results.append(extract_part(p, plan.work))
            _report(results[-1])
        return results
    with _pool(min(workers, len(specs))) as pool:
        pending: set[Future] = {pool.submit(extract_part, p, str(plan.work)) for p in specs}
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for f in done:
                results.append(f.result())
                _report(results[-1])
    return results


def extract_task_parts(spec_paths: list[str], work: str, workers: int = 1) -> list[tuple[str, int, int]]:
    """One orchestrated task: its parts, on a shared process pool when `workers` > 1."""
    if workers <= 1 or len(spec_paths) == 0:
        out = []
        for p in spec_paths:
            out.append(extract_part(p, work))
            _report(out[-1])
        return out
    pool = _shared_pool(workers)
    futs = [pool.submit(extract_part, p, work) for p in spec_paths]
    out = []
    for f in futs:
        out.append(f.result())
        _report(out[-1])
    return out


_SHARED: dict[int, ProcessPoolExecutor] = {}


def _shared_pool(workers: int) -> ProcessPoolExecutor:
    if workers not in _SHARED:
        _SHARED[workers] = _pool(workers)
    return _SHARED[workers]


def shutdown_pools() -> None:
    while _SHARED:
        _, pool = _SHARED.popitem()
        pool.shutdown(wait=True)


def assemble_and_store(plan: BuildPlan) -> tuple[dict[str, int], pl.DataFrame]:
    """Resolve across all live units, validate, and write Parquet + DuckDB into OUT; prune old parts."""
    from pantau.pipeline.assemble import assemble
    from pantau.pipeline.store import publish_build

    work, out = plan.work, Path(plan.out)
    units, _ = read_manifest(work)
    live = units.select("key", "source")
    parts = stored_parts(work)
    live_keys = live.select("key").unique()
    used = [
        p
        for p in parts
        if pl.read_parquet(p / "units.parquet", columns=["key"]).join(live_keys, on="key", how="semi").height
    ]
    n_buckets = max(1, math.ceil(plan.input_bytes / BUCKET_BYTES))
    used_cache: set[str] = set()
    tables = assemble(used, live, work / "assemble", plan.quarantine, n_buckets, work / "assembled", used_cache)
    rows = publish_build(tables, out)
    quarantine = tables["quarantine"]
    for p in set(parts) - set(used):  # parts with no live unit left (their inputs were deleted or changed)
        shutil.rmtree(p, ignore_errors=True)
    if (work / "assembled").exists():  # cached per-part results this build did not use
        for p in (work / "assembled").iterdir():
            if p.name not in used_cache:
                shutil.rmtree(p, ignore_errors=True)
    for d in ("plan", "spill", "assemble"):
        shutil.rmtree(work / d, ignore_errors=True)
    for p in (work / "store").glob("*.tmp"):
        shutil.rmtree(p, ignore_errors=True)
    return rows, quarantine


def quarantine_reasons(quarantine_df) -> dict[str, int]:
    reasons: dict[str, int] = {}
    for r in quarantine_df.iter_rows(named=True):
        key = f"{r['stage']}: {r['reason'] if r['stage'] != 'validate' else r['check']}"
        reasons[key] = reasons.get(key, 0) + 1
    return dict(sorted(reasons.items()))


def extract_failures(reasons: dict[str, int]) -> dict[str, int]:
    """Articles per extractor (or staging step) that raised, from `quarantine_reasons`.

    >>> extract_failures({"extract: indicators raised ValueError at pantau/x.py:3 in f": 2, "clean: empty": 1})
    {'indicators': 2}
    """
    out: dict[str, int] = {}
    for key, n in reasons.items():
        stage, _, reason = key.partition(": ")
        step, raised, _ = reason.partition(" raised ")  # `StepFailure.reason`: "<step> raised <type> at <where>"
        if stage == "extract" and raised:
            out[step] = out.get(step, 0) + n
    return dict(sorted(out.items()))


def summarize(plan: BuildPlan, rows, quarantine_df, seconds, workers: int = 1, runner: str = "core") -> BuildSummary:
    return BuildSummary(
        plan.input,
        plan.out,
        plan.files,
        sum(len(t) for t in plan.tasks),
        rows,
        quarantine_reasons(quarantine_df),
        seconds,
        plan.units,
        plan.todo_units,
        plan.input_bytes,
        plan.todo_bytes,
        workers,
        runner,
    )


def run_build(
    input_dir: str | Path,
    out: str | Path,
    *,
    batch_bytes: int = DEFAULT_BATCH_BYTES,
    full: bool = False,
    workers: int | None = None,
) -> BuildSummary:
    """Build the warehouse without Prefect (same steps, same outputs as the flow).

    Incremental unless `full`: only units that no stored part holds are extracted.
    """
    workers = default_workers() if workers is None else max(1, workers)
    if not Path(input_dir).is_dir():
        raise BuildError(f"input folder not found: {input_dir}")
    t0 = time.perf_counter()
    with build_lock(out):
        plan = plan_build(input_dir, out, batch_bytes=batch_bytes, full=full)
        log.info(
            "%d files, %d units (%d to extract in %d parts)",
            plan.files,
            plan.units,
            plan.todo_units,
            sum(len(t) for t in plan.tasks),
        )
        t1 = time.perf_counter()
        report_planned(plan)
        run_extract(plan, workers)
        t2 = time.perf_counter()
        rows, quarantine = assemble_and_store(plan)
        t3 = time.perf_counter()
    return summarize(
        plan,
        rows,
        quarantine,
        {"discover": round(t1 - t0, 3), "extract": round(t2 - t1, 3), "resolve_store": round(t3 - t2, 3)},
        workers,
        "core",
    )
