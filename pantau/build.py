"""The build as plain functions: plan batches, extract each, resolve and validate, store.

`flows/build.py` wraps these same steps as Prefect tasks; `run_build` calls them directly (the engine
the tests and the `--runner core` option use). Both produce identical outputs.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from pantau.frames import write_batch
from pantau.ingest import InputFile, Quarantined, discover_inputs
from pantau.stage import process_batch

DEFAULT_BATCH_BYTES = 4 * 1024 * 1024


class BuildError(RuntimeError):
    """A build that cannot produce a warehouse; the message is the one-line reason."""


@dataclass
class BuildSummary:
    input: str
    out: str
    files: int
    batches: int
    rows: dict[str, int]
    quarantine_reasons: dict[str, int]
    seconds: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(self.__dict__, indent=2, sort_keys=True, default=str)


def plan_batches(files: list[InputFile], batch_bytes: int = DEFAULT_BATCH_BYTES) -> list[list[InputFile]]:
    """Split files (sorted by path) into consecutive batches of about `batch_bytes` each."""
    batches: list[list[InputFile]] = []
    cur: list[InputFile] = []
    size = 0
    for f in files:
        if cur and size + f.size > batch_bytes:
            batches.append(cur)
            cur, size = [], 0
        cur.append(f)
        size += f.size
    if cur:
        batches.append(cur)
    return batches


def batch_key(batch: list[InputFile]) -> str:
    h = hashlib.sha256()
    for f in batch:
        h.update(f"{f.rel}\0{f.size}\0".encode())
        try:
            h.update(hashlib.sha256(Path(f.path).read_bytes()).digest())
        except OSError:
            h.update(b"unreadable")
    return h.hexdigest()[:16]


def discover(input_dir: str | Path) -> tuple[list[InputFile], list[dict]]:
    root = Path(input_dir)
    if not root.is_dir():
        raise BuildError(f"input folder not found: {root}")
    files, skipped = discover_inputs(root)
    q = [{"source": s.source, "table": "articles", "stage": s.stage, "check": "input", "reason": s.reason} for s in skipped]
    return files, q


def extract_batch(batch: list[InputFile], work: Path) -> Path:
    """Run ingest -> clean -> extract over one batch; write its frames under `work/batches/<key>/`."""
    folder = work / "batches" / batch_key(batch)
    if (folder / "_SUCCESS").exists():
        return folder
    rows = process_batch(batch)
    tmp = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    write_batch(rows, tmp)
    (tmp / "_SUCCESS").write_text("ok")
    shutil.rmtree(folder, ignore_errors=True)
    tmp.rename(folder)
    return folder


def resolve_and_store(folders: list[Path], out: Path, extra_quarantine: list[dict]) -> dict[str, int]:
    """Resolve across batches, validate, and write Parquet + DuckDB into OUT."""
    from pantau.frames import write_batch as _wb
    from pantau.store import publish_build
    from pantau.tables import build_tables

    folders = list(folders)
    if extra_quarantine:
        qf = out / ".work" / "discover"
        shutil.rmtree(qf, ignore_errors=True)
        _wb({"quarantine": extra_quarantine}, qf)
        folders.append(qf)
    tables = build_tables(folders)
    return publish_build(tables, out), tables["quarantine"]


def summarize(input_dir, out, files, batches, rows, quarantine_df, seconds) -> BuildSummary:
    reasons: dict[str, int] = {}
    for r in quarantine_df.iter_rows(named=True):
        key = f"{r['stage']}: {r['reason'] if r['stage'] != 'validate' else r['check']}"
        reasons[key] = reasons.get(key, 0) + 1
    return BuildSummary(str(input_dir), str(out), len(files), len(batches), rows, dict(sorted(reasons.items())), seconds)


def prune_work(work: Path, keep: list[Path]) -> None:
    """Remove batch folders that this build's plan no longer uses."""
    root = work / "batches"
    if not root.exists():
        return
    keep_names = {Path(k).name for k in keep}
    for p in root.iterdir():
        if p.name not in keep_names:
            shutil.rmtree(p, ignore_errors=True)


def run_build(input_dir: str | Path, out: str | Path, *, batch_bytes: int = DEFAULT_BATCH_BYTES,
              full: bool = False) -> BuildSummary:
    """Build the warehouse without Prefect (same steps, same outputs as the flow)."""
    out = Path(out)
    work = out / ".work"
    if full:
        shutil.rmtree(work, ignore_errors=True)
    t0 = time.perf_counter()
    files, q = discover(input_dir)
    batches = plan_batches(files, batch_bytes)
    t1 = time.perf_counter()
    folders = [extract_batch(b, work) for b in batches]
    t2 = time.perf_counter()
    rows, quarantine = resolve_and_store(folders, out, q)
    prune_work(work, folders)
    t3 = time.perf_counter()
    return summarize(input_dir, out, files, batches, rows, quarantine,
                     {"discover": round(t1 - t0, 3), "extract": round(t2 - t1, 3), "resolve_store": round(t3 - t2, 3)})
