"""`pantau bench`: how fast and how big the build is on this machine (a benchmark, not a test).

For each corpus size (default 10,000 and 100,000 articles; add 1,000,000 with `--articles`), it
generates a corpus with `pantau bench-corpus` and measures, each build in its own process:

- `ceiling`: one bare polars regex pass over the same texts (the fastest anything reading every
  article can be here); the build's articles/s is reported as a fraction of it;
- `core`: the full build without Prefect (`--runner core`, `--workers` processes): articles/s, MB/s,
  peak RSS (the whole process tree), seconds per stage;
- `single`: the same with one process (what Dask and the process pool are compared with);
- `prefect`: the same build as a Prefect flow (overhead over `core`; the embedded server's start is
  counted, and shown apart);
- `dask`: the flow on a 2-worker local Dask cluster (`--runner dask`);
- `incremental`: 1 % new articles added to the `core` build's corpus, rebuilt incrementally, vs `core`.

    pantau bench                                   # 10k and 100k, everything (long: see BENCHMARKS.md)
    pantau bench --articles 10000 --only ceiling,core,incremental
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from pantau.devtools import SHARED

RUNS = ("ceiling", "core", "single", "prefect", "dask", "incremental")
DEFAULT_SOURCE = SHARED / "corpus" / "news-id-2017-2025.jsonl.gz"
CEILING_REGEX = r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+"  # capitalized word runs: one typical extraction rule


def machine() -> dict:
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            cpu = next(line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    try:
        with open("/proc/meminfo") as meminfo:
            mem = int(next(line.split()[1] for line in meminfo if line.startswith("MemTotal"))) / 2**20
    except (OSError, StopIteration):
        mem = 0.0
    from importlib.metadata import version

    vers = {p: version(p) for p in ("polars", "duckdb", "prefect", "prefect-dask", "dask")}
    return {
        "cpu": cpu,
        "cores": len(os.sched_getaffinity(0)),
        "ram_gb": round(mem, 1),
        "python": platform.python_version(),
        **vers,
    }


class PeakRSS:
    """Samples the resident memory of a process and all its children (summed) every 0.1 s."""

    def __init__(self, pid: int):
        import psutil

        self.proc = psutil.Process(pid)
        self.peak = 0
        self.peak_one = 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)
        self._t.start()

    def _run(self):
        import psutil

        while not self._stop.is_set():
            try:
                procs = [self.proc] + self.proc.children(recursive=True)
                rss = []
                for p in procs:
                    try:
                        rss.append(p.memory_info().rss)
                    except psutil.Error:
                        pass
                self.peak = max(self.peak, sum(rss))
                self.peak_one = max(self.peak_one, max(rss, default=0))
            except psutil.Error:
                pass
            self._stop.wait(0.1)

    def stop(self):
        self._stop.set()
        self._t.join()


def run_build(inp: Path, out: Path, *extra: str, timeout: float | None = None) -> dict:
    """One `pantau build` in a child process: its summary plus wall time and peak RSS."""
    cmd = [sys.executable, "-m", "pantau", "build", "--input", str(inp), "--out", str(out), "--json", *extra]
    env = {**os.environ, "PREFECT_LOGGING_LEVEL": "ERROR"}
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    mon = PeakRSS(p.pid)
    try:
        stdout, stderr = p.communicate(timeout=timeout)
    finally:
        mon.stop()
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        raise RuntimeError(f"build failed ({' '.join(extra)}): {stderr.strip().splitlines()[-1:] or p.returncode}")
    m = re.search(r"^\{.*\}\s*$", stdout, re.S | re.M)
    summary = json.loads(stdout[m.start() :]) if m else {}
    summary.update(
        wall=round(wall, 2), peak_rss_mb=round(mon.peak / 2**20), peak_rss_one_mb=round(mon.peak_one / 2**20)
    )
    return summary


def ceiling(corpus: Path) -> dict:
    """A bare single-regex polars pass over the corpus texts (read time reported apart)."""
    import polars as pl

    t0 = time.perf_counter()
    texts = []
    for f in sorted(corpus.rglob("*.jsonl")):
        with open(f, "rb") as fh:
            for line in fh:
                try:
                    texts.append(json.loads(line)["text"])
                except (ValueError, KeyError, TypeError):
                    pass
    for f in sorted(corpus.rglob("*.txt")):
        texts.append(f.read_bytes().decode("utf-8", "replace"))
    s = pl.Series("text", texts)
    t1 = time.perf_counter()
    n = s.str.count_matches(CEILING_REGEX).sum()
    t2 = time.perf_counter()
    mb = s.str.len_bytes().sum() / 1e6
    return {
        "articles": len(texts),
        "mb": round(mb, 1),
        "read_s": round(t1 - t0, 2),
        "regex_s": round(t2 - t1, 3),
        "articles_per_s": round(len(texts) / (t2 - t1)),
        "matches": int(n),
    }


def _burn(n: int) -> int:
    s = 0
    for i in range(n):
        s += i * i
    return s


def parallel_control(workers: int = 2, n: int = 15_000_000) -> dict:
    """Pure-Python CPU work in 1 vs `workers` processes: the parallel speedup this machine gives right
    now (other load on a shared machine shows up here, and bounds every speedup below)."""
    from concurrent.futures import ProcessPoolExecutor

    t0 = time.perf_counter()
    for _ in range(workers):
        _burn(n)
    serial = time.perf_counter() - t0
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(_burn, [1000] * workers))  # start the processes first
        t0 = time.perf_counter()
        list(pool.map(_burn, [n] * workers))
        par = time.perf_counter() - t0
    return {"serial_s": round(serial, 2), "parallel_s": round(par, 2), "speedup": round(serial / par, 2)}


def bench_size(n: int, work: Path, source: Path, runs: list[str], workers: int, fmt: str, log) -> dict:
    from pantau.devtools.benchcorpus import generate, load_pool

    corpus = work / f"corpus-{n}"
    res: dict = {"articles": n, "runs": {}}
    if not (corpus / ".complete").exists():
        shutil.rmtree(corpus, ignore_errors=True)
        log(f"[{n}] generating corpus from {source}")
        t0 = time.perf_counter()
        c = generate(load_pool(source), n, corpus, seed=1, fmt=fmt)
        (corpus / ".complete").write_text(json.dumps(c))
        log(f"[{n}] generated {c['bytes'] / 1e6:.0f} MB in {time.perf_counter() - t0:.0f}s")
    for extra in corpus.glob("articles-*.jsonl"):  # 1 % added by an earlier incremental run
        extra.unlink()
    shutil.rmtree(corpus / "added", ignore_errors=True)
    res["input_mb"] = round(sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file()) / 1e6, 1)

    def build(name, *extra):
        out = work / f"out-{n}-{name}"
        shutil.rmtree(out, ignore_errors=True)
        log(f"[{n}] {name}: pantau build {' '.join(extra)}")
        r = run_build(corpus, out, *extra)
        r["articles_per_s"] = round(r["rows"]["articles"] / r["wall"], 1)
        r["mb_per_s"] = round(res["input_mb"] / r["wall"], 2)
        res["runs"][name] = r
        log(
            f"[{n}] {name}: {r['wall']:.1f}s, {r['articles_per_s']} articles/s, peak RSS {r['peak_rss_mb']} MB, "
            f"stages {r['seconds']}"
        )
        return out

    res["parallel_control"] = parallel_control(workers)
    log(f"[{n}] machine parallelism now (pure Python, {workers} processes): {res['parallel_control']}")
    if "ceiling" in runs:
        res["runs"]["ceiling"] = ceiling(corpus)
        log(f"[{n}] ceiling: {res['runs']['ceiling']}")
    core_out = None
    if "core" in runs or "incremental" in runs:
        core_out = build("core", "--runner", "core", "--workers", str(workers), "--full")
    if "single" in runs:
        build("single", "--runner", "core", "--workers", "1", "--full")
    if "prefect" in runs:
        build("prefect", "--runner", "prefect", "--workers", str(workers), "--full")
    if "dask" in runs:
        build("dask", "--runner", "dask", "--workers", "2", "--full")
    if "incremental" in runs and core_out is not None:
        added = max(1, n // 100)
        generate(load_pool(source), added, corpus / "added", seed=1, fmt=fmt, start=n)
        log(f"[{n}] incremental: +{added} articles")
        t0 = time.perf_counter()
        r = run_build(corpus, core_out, "--runner", "core", "--workers", str(workers))
        r["articles_added"] = added
        res["runs"]["incremental"] = r
        shutil.rmtree(corpus / "added", ignore_errors=True)
        log(f"[{n}] incremental: {r['wall']:.1f}s ({r.get('extracted_units')} units extracted), stages {r['seconds']}")
    return res


def ratios(res: dict) -> dict:
    r = res["runs"]
    out = {}
    if "core" in r and "ceiling" in r:
        out["core_vs_ceiling"] = r["core"]["articles_per_s"] / r["ceiling"]["articles_per_s"]
    if "core" in r and "prefect" in r:
        out["prefect_overhead"] = r["prefect"]["wall"] / r["core"]["wall"] - 1
        inner = sum(r["prefect"]["seconds"][k] for k in ("discover", "extract", "resolve_store"))
        out["prefect_overhead_in_flow"] = (
            inner / sum(r["core"]["seconds"][k] for k in ("discover", "extract", "resolve_store")) - 1
        )
    if "dask" in r and "single" in r:
        out["dask_speedup_vs_single"] = r["single"]["wall"] / r["dask"]["wall"]
        out["dask_extract_speedup_vs_single"] = r["single"]["seconds"]["extract"] / r["dask"]["seconds"]["extract"]
        # a 4-worker cluster on 4 cores, estimated: each worker extracts as fast as in this 2-worker run,
        # and everything else (cluster start, discover, resolve+store: one process) takes as long
        d = r["dask"]
        out["dask_4_workers_estimate_vs_single"] = r["single"]["wall"] / (d["wall"] - d["seconds"]["extract"] / 2)
    if "core" in r and "single" in r:
        out["core_speedup_vs_single"] = r["single"]["wall"] / r["core"]["wall"]
    if "incremental" in r and "core" in r:
        out["incremental_vs_full"] = r["incremental"]["wall"] / r["core"]["wall"]
    return {k: round(v, 3) for k, v in out.items()}


def report(results: list[dict], mach: dict) -> str:
    lines = [
        f"machine: {mach['cpu']}, {mach['cores']} cores, {mach['ram_gb']} GB RAM; Python {mach['python']}, "
        f"polars {mach['polars']}, duckdb {mach['duckdb']}, prefect {mach['prefect']}, "
        f"prefect-dask {mach['prefect-dask']}",
        "",
        "| articles | run | wall s | articles/s | MB/s | peak RSS MB (tree / largest) | discover s | extract s "
        "| resolve+store s |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for res in results:
        for name, r in res["runs"].items():
            if name == "ceiling":
                lines.append(
                    f"| {res['articles']:,} | ceiling (1 regex, polars) | {r['regex_s']} | {r['articles_per_s']:,} | "
                    f"{r['mb'] / r['regex_s']:.0f} | | | | |"
                )
                continue
            s = r["seconds"]
            # an incremental rebuild's articles/s would divide the whole corpus by a build that read 1 % of it
            aps = (
                ""
                if name == "incremental"
                else f"{r.get('articles_per_s') or round(r['rows']['articles'] / r['wall'], 1):,}"
            )
            mbs = r.get("mb_per_s", "")
            lines.append(
                f"| {res['articles']:,} | {name} | {r['wall']} | {aps} | {mbs} | "
                f"{r['peak_rss_mb']} / {r['peak_rss_one_mb']} | {s['discover']} | {s['extract']} | "
                f"{s['resolve_store']} |"
            )
    lines.append("")
    for res in results:
        lines.append(
            f"{res['articles']:,} articles: "
            + ", ".join(f"{k} = {v}" for k, v in ratios(res).items())
            + f"; pure-Python parallel control: {res['parallel_control']['speedup']}x"
        )
    return "\n".join(lines)
