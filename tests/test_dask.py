"""`pantau build --runner dask` on a 2-worker local Dask cluster writes exactly what the core runner writes."""

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SEEDS


def digest(out: Path) -> dict[str, str]:
    root = out / "parquet"
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*.parquet"))
    }


def test_dask_runner_equals_core_runner(tmp_path, seeds_build):
    out = tmp_path / "dask"
    # a subprocess: the Dask workers are spawned processes (the CLI module has the __main__ guard)
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
            "dask",
            "--workers",
            "2",
            "--batch-mb",
            "0.005",
            "--json",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=dict(os.environ),
        timeout=300,
    )
    assert r.returncode == 0, r.stderr[-3000:]
    assert '"runner": "dask"' in r.stdout and '"batches": ' in r.stdout
    assert digest(out) == digest(seeds_build)
