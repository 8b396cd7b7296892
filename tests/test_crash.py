"""Crash safety: a build killed with SIGKILL at any instant leaves the previous warehouse or the new
one (Parquet and DuckDB from the same release, never a mix), and the next build succeeds."""

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from conftest import ROOT, SEEDS
from pantau.pipeline.build import run_build
from pantau.pipeline.store import RELEASES, current_release_id
from schemas import table_names

KILL_POINTS = 24
MID_WRITE_ATTEMPTS = 6  # builds started to be stopped and killed while writing their release; one must be


def write_articles(folder: Path, n_variants: int) -> None:
    """The seeds plus `n_variants` distinct articles made from them (a marker line makes each new)."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = sorted(SEEDS.glob("*.txt"))
    for p in seeds:
        (folder / p.name).write_bytes(p.read_bytes())
    for i in range(n_variants):
        lines = seeds[i % len(seeds)].read_text(encoding="utf-8").split("\n")
        lines.insert(len(lines) // 2, f"Arsip redaksi nomor {i + 1} dari kumpulan berita daerah.")
        (folder / f"v{i:03d}.txt").write_text("\n".join(lines), encoding="utf-8")


def warehouse_state(out: Path) -> tuple[str, tuple]:
    """(digest of every Parquet file under OUT/parquet, a query over OUT/pantau.duckdb)."""
    h = hashlib.sha256()
    parquet = out / "parquet"
    for p in sorted(parquet.rglob("*.parquet")):
        h.update(p.relative_to(parquet).as_posix().encode() + b"\0" + p.read_bytes())
    con = duckdb.connect(str(out / "pantau.duckdb"), read_only=True)
    try:
        counts = tuple(con.execute(f"select count(*) from {t}").fetchone()[0] for t in table_names())
        ids = con.execute("select string_agg(article_id, ',' order by article_id) from articles").fetchone()[0]
    finally:
        con.close()
    return h.hexdigest(), counts + (ids,)


def kill_times(full: float, n: int) -> list[float]:
    """Half the kill points spread over the whole run (start-up, reading, extraction), half over its
    last third (resolution, Parquet, DuckDB, the swap, clean-up), a few just past the usual end."""
    spread = [full * (i + 0.5) / (n // 2) for i in range(n // 2)]
    late = [full * (0.67 + 0.4 * (i + 0.5) / (n - n // 2)) for i in range(n - n // 2)]
    return sorted(spread + late)


def kill_while_writing(cmd: list[str], out: Path, env: dict) -> bool:
    """Run a build and SIGKILL it while it writes its release: as soon as its `.tmp-<pid>-*` folder shows up
    under OUT/.releases the build is stopped (SIGSTOP), and killed there if the folder is still in place, so the
    kill is known to land before the swap, whatever the machine's load. False when the build got past the
    swap first (the caller tries again)."""
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    mark = f".tmp-{proc.pid}-"

    def writing() -> bool:
        try:
            return any(p.name.startswith(mark) for p in (out / RELEASES).iterdir())
        except FileNotFoundError:
            return False

    landed = False
    deadline = time.monotonic() + 120
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if writing():
                proc.send_signal(signal.SIGSTOP)
                landed = writing()
                if landed:
                    break
                proc.send_signal(signal.SIGCONT)
            time.sleep(0.001)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
    return landed


def _cli(inp: Path, out: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pantau",
        "build",
        "--input",
        str(inp),
        "--out",
        str(out),
        "--runner",
        "core",
        "--quiet",
        "--full",
    ]


def test_sigkill_at_many_points_leaves_old_or_new_warehouse(tmp_path):
    a, b = tmp_path / "in_a", tmp_path / "in_b"
    write_articles(a, 4)
    write_articles(b, 7)  # B = A + 3 more articles: a different warehouse
    ref_a, ref_b = tmp_path / "ref_a", tmp_path / "ref_b"
    run_build(a, ref_a)
    run_build(b, ref_b)
    states = {"A": warehouse_state(ref_a), "B": warehouse_state(ref_b)}
    assert states["A"] != states["B"]
    inputs = {"A": a, "B": b}

    out = tmp_path / "out"
    run_build(a, out)
    assert warehouse_state(out) == states["A"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    t0 = time.perf_counter()
    r = subprocess.run(_cli(b, out), cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    full = time.perf_counter() - t0
    assert r.returncode == 0, r.stderr[-2000:]
    assert warehouse_state(out) == states["B"]

    current, outcomes = "B", {"old": 0, "new": 0, "finished": 0, "mid_write": 0}
    for i, delay in enumerate(kill_times(full, KILL_POINTS)):
        target = "A" if current == "B" else "B"
        proc = subprocess.Popen(
            _cli(inputs[target], out), cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(delay)
        finished = proc.poll() is not None
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        seen = warehouse_state(out)
        assert seen in (states[current], states[target]), f"kill {i} at {delay:.2f}s left a mixed warehouse"
        mid_write = any(p.name.startswith(".tmp-") for p in (out / RELEASES).iterdir())
        outcomes["finished" if finished else "new" if seen == states[target] else "old"] += 1
        outcomes["mid_write"] += mid_write
        # the next build always succeeds and publishes exactly its inputs
        run_build(inputs[target], out)
        assert warehouse_state(out) == states[target], f"build after kill {i} did not publish"
        assert current_release_id(out) is not None
        current = target
    # a kill known to land while the release is written (the timed ones above may all miss that moment)
    stopped = 0
    for attempt in range(MID_WRITE_ATTEMPTS):
        target = "A" if current == "B" else "B"
        landed = kill_while_writing(_cli(inputs[target], out), out, env)
        seen = warehouse_state(out)
        assert seen in (states[current], states[target]), f"mid-write kill {attempt} left a mixed warehouse"
        if landed:
            assert seen == states[current], f"mid-write kill {attempt} changed the warehouse before the swap"
            assert any(p.name.startswith(".tmp-") for p in (out / RELEASES).iterdir())
            stopped += 1
        run_build(inputs[target], out)
        assert warehouse_state(out) == states[target], f"build after mid-write kill {attempt} did not publish"
        current = target
        if stopped:
            break
    assert stopped == 1, f"no build was caught writing its release in {MID_WRITE_ATTEMPTS} tries"
    outcomes["old"] += stopped
    outcomes["mid_write"] += stopped
    # every kill left something to clean up; the last good build collected it all
    left = sorted(p.name for p in (out / RELEASES).iterdir())
    assert len(left) <= 2 and not any(n.startswith((".tmp-", ".trash-")) for n in left), left
    print(
        f"\nkill points survived: {KILL_POINTS} timed and 1 caught writing its release (try {attempt + 1}) "
        f"over a {full:.2f}s build; "
        f"killed before the swap {outcomes['old']} (of which while writing the release {outcomes['mid_write']}), "
        f"after the swap {outcomes['new']}, already finished {outcomes['finished']}"
    )


def test_interrupted_publish_leaves_previous_release(tmp_path, monkeypatch):
    """A failure between writing the release and the swap (here: DuckDB write fails) changes nothing."""
    from pantau.pipeline import store

    a = tmp_path / "in"
    write_articles(a, 0)
    out = tmp_path / "out"
    run_build(a, out)
    before = warehouse_state(out)
    (a / "extra.txt").write_text(
        (SEEDS / sorted(os.listdir(SEEDS))[0]).read_text(encoding="utf-8").replace("Menjelang", "Jelang"),
        encoding="utf-8",
    )

    def boom(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "write_duckdb", boom)
    with pytest.raises(OSError):
        run_build(a, out)
    assert warehouse_state(out) == before
    assert not [p for p in (out / RELEASES).iterdir() if p.name.startswith(".tmp-")]
    monkeypatch.undo()
    run_build(a, out)
    assert warehouse_state(out) != before


def test_old_layout_is_converted_once(tmp_path):
    """An OUT written before releases (real `parquet/` folder and `pantau.duckdb` file) becomes the
    symlinked layout on the next build."""
    from pantau.pipeline import store

    out = tmp_path / "out"
    run_build(SEEDS, out)
    state = warehouse_state(out)
    # rebuild the old layout by hand from the current release
    rel = store.current_release(out)
    for name in ("parquet", "pantau.duckdb", "current"):
        (out / name).unlink()
    os.rename(rel / "parquet", out / "parquet")
    os.rename(rel / "pantau.duckdb", out / "pantau.duckdb")
    import shutil

    shutil.rmtree(out / RELEASES)
    assert (out / "parquet").is_dir() and not (out / "parquet").is_symlink()
    assert warehouse_state(out) == state
    run_build(SEEDS, out)
    assert (out / "parquet").is_symlink() and (out / "pantau.duckdb").is_symlink()
    assert warehouse_state(out) == state
    assert [p.name for p in (out / RELEASES).iterdir()] == [current_release_id(out)]
