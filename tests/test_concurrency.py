"""One writer per warehouse: a second build into the same OUT refuses with a one-line message naming
the holder (or waits with `wait=`); readers are never blocked, and a DuckDB session opened before a
build keeps reading the warehouse it opened."""

import os
import subprocess
import sys
import textwrap
import time

import duckdb
import polars as pl
import pytest

from conftest import ROOT, SEEDS
from pantau.pipeline.build import run_build
from pantau.pipeline.lock import LockHeld, build_lock, is_locked, lock_holder

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def hold_lock(out, seconds: float) -> subprocess.Popen:
    """Another process holding the build lock on OUT for `seconds` (prints `locked` once it has it)."""
    code = textwrap.dedent(f"""
        import sys, time
        from pantau.pipeline.lock import build_lock
        with build_lock({str(out)!r}):
            print("locked", flush=True)
            time.sleep({seconds})
    """)
    p = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=ENV, stdout=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "locked"
    return p


def test_second_writer_refuses_naming_the_holder(tmp_path):
    out = tmp_path / "out"
    holder = hold_lock(out, 30)
    try:
        assert is_locked(out) and lock_holder(out)["pid"] == holder.pid
        with pytest.raises(LockHeld) as e, build_lock(out):
            pass
        msg = str(e.value)
        assert f"pid {holder.pid}" in msg and "\n" not in msg and "--wait" in msg
        t0 = time.monotonic()
        with pytest.raises(LockHeld, match="after waiting"), build_lock(out, wait=0.3):
            pass
        assert 0.25 < time.monotonic() - t0 < 5
    finally:
        holder.kill()
        holder.wait()
    # the kernel dropped the dead holder's lock; the lock is re-entrant in one process (the build, then
    # publish_build inside it)
    with build_lock(out), build_lock(out):
        assert is_locked(out)
    assert not is_locked(out)


def test_wait_true_waits_for_the_holder(tmp_path):
    out = tmp_path / "out"
    holder = hold_lock(out, 0.8)
    t0 = time.monotonic()
    with build_lock(out, wait=True):
        waited = time.monotonic() - t0
    holder.wait()
    assert waited > 0.3


def test_cli_build_into_a_locked_out_fails_in_one_line(tmp_path):
    out = tmp_path / "out"
    run_build(SEEDS, out)
    before = sorted(p.name for p in (out / ".releases").iterdir())
    holder = hold_lock(out, 60)
    try:
        r = subprocess.run(
            [
                sys.executable,
                "-m",
                "pantau",
                "build",
                "--input",
                str(SEEDS),
                "--out",
                str(out),
                "--runner",
                "core",
                "--full",
            ],
            cwd=ROOT,
            env=ENV,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        holder.kill()
        holder.wait()
    assert r.returncode != 0
    err = r.stderr.strip()
    assert err.count("\n") == 0 and f"pid {holder.pid}" in err and "locked by another pantau build" in err, err
    assert sorted(p.name for p in (out / ".releases").iterdir()) == before


def test_two_builds_at_once_never_write_together(tmp_path):
    inp = tmp_path / "in"
    inp.mkdir()
    for p in SEEDS.glob("*.txt"):
        (inp / p.name).write_bytes(p.read_bytes())
    ref = tmp_path / "ref"
    run_build(inp, ref)
    out = tmp_path / "out"
    cmd = [
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
    ]
    procs = [
        subprocess.Popen(cmd, cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    results = [(p.wait(timeout=120), p.stderr.read()) for p in procs]
    assert any(rc == 0 for rc, _ in results), results
    for rc, err in results:
        assert rc == 0 or ("locked by another pantau build" in err and err.strip().count("\n") == 0), err
    same = "select * from {} order by 1"
    a, b = (duckdb.connect(str(d / "pantau.duckdb"), read_only=True) for d in (out, ref))
    for t in ("articles", "statements", "actors"):
        assert a.execute(same.format(t)).fetchall() == b.execute(same.format(t)).fetchall()


def test_readers_are_not_blocked_and_keep_their_snapshot(tmp_path):
    inp = tmp_path / "in"
    inp.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for p in seeds[:3]:
        (inp / p.name).write_bytes(p.read_bytes())
    out = tmp_path / "out"
    run_build(inp, out)
    early = duckdb.connect(str(out / "pantau.duckdb"), read_only=True)  # an analyst's session
    assert early.execute("select count(*) from articles").fetchone()[0] == 3
    holder = hold_lock(out, 60)  # a build in progress
    try:
        con = duckdb.connect(str(out / "pantau.duckdb"), read_only=True)
        assert con.execute("select count(*) from articles").fetchone()[0] == 3
        con.close()
        assert pl.read_parquet(str(out / "parquet" / "articles" / "*.parquet")).height == 3
        r = subprocess.run(
            [
                sys.executable,
                "-m",
                "pantau",
                "query",
                "select count(*) as n from articles",
                "--warehouse",
                str(out),
                "--csv",
            ],
            cwd=ROOT,
            env=ENV,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert r.returncode == 0 and "3" in r.stdout, r.stderr
    finally:
        holder.kill()
        holder.wait()
    for p in seeds[3:]:
        (inp / p.name).write_bytes(p.read_bytes())
    run_build(inp, out)  # swaps in a new release while `early` is open
    run_build(SEEDS, out)  # and another, which garbage-collects the release `early` reads
    assert early.execute("select count(*) from articles").fetchone()[0] == 3
    assert (
        early.execute(
            "select count(*) from statements where article_id in (select article_id from articles)"
        ).fetchone()[0]
        > 0
    )
    assert (
        duckdb.connect(str(out / "pantau.duckdb"), read_only=True)
        .execute("select count(*) from articles")
        .fetchone()[0]
        == 5
    )
