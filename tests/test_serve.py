"""`pantau serve`: the build flow as a scheduled deployment on a real Prefect server.

The server test starts `prefect server start` on a free loopback port (its own PREFECT_HOME), serves
the build with `pantau serve --cron ...`, triggers a run through the API, waits for it to complete,
checks the run's artifacts, and stops everything it started. It takes about a minute.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pantau.cli import main
from pantau.pipeline import schedule as sv

ROOT = Path(__file__).resolve().parent.parent
PREFECT = Path(sys.executable).with_name("prefect")


def test_cron_checks():
    assert sv.check_cron(" 0  *  * * * ") == "0 * * * *"
    assert sv.check_cron("*/15 8-17 * * MON-FRI") == "*/15 8-17 * * MON-FRI"
    assert sv.check_cron("@daily") == "@daily"
    for bad in ("hourly", "0 * * *", "0 * * * * * *", "0 ; * * *"):
        with pytest.raises(sv.ServeError):
            sv.check_cron(bad)


def test_parameters_are_absolute_and_checked(seeds_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(seeds_dir.parent)
    p = sv.build_parameters("seeds", "build-x", batch_bytes=1024, full=True)
    assert p == {
        "input_dir": str(seeds_dir),
        "out": str(seeds_dir.parent / "build-x"),
        "batch_bytes": 1024,
        "full": True,
    }
    with pytest.raises(sv.ServeError, match="input folder not found"):
        sv.build_parameters(tmp_path / "missing", "out")
    assert sv.ui_url("http://127.0.0.1:4200/api") == "http://127.0.0.1:4200"
    assert sv.ui_url(None) is None


def test_serve_command_refuses_bad_options_and_explains_the_server(seeds_dir, tmp_path, monkeypatch, capsys):
    assert main(["serve", "--cron", "every hour", "--input", str(seeds_dir), "--out", str(tmp_path)]) == 2
    assert "cron" in capsys.readouterr().err
    assert main(["serve", "--input", str(tmp_path / "nope"), "--out", str(tmp_path)]) == 2
    assert "input folder not found" in capsys.readouterr().err
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    import flows.serve

    monkeypatch.setattr(flows.serve, "api_url", lambda: None)  # no server in this process's profile
    assert main(["serve", "--input", str(seeds_dir), "--out", str(tmp_path), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "prefect server start" in err and "PREFECT_API_URL" in err


def test_prefect_yaml_deploys_the_build_flow():
    import yaml

    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    dep = spec["deployments"][0]
    assert dep["entrypoint"] == "flows/build.py:build_flow"
    assert dep["schedules"][0]["cron"] == "0 * * * *"
    assert set(dep["parameters"]) == {"input_dir", "out", "batch_bytes", "full"}


# --- a real server -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(check, timeout: float, what: str, proc: subprocess.Popen | None = None, log: Path | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        if proc is not None and proc.poll() is not None:
            break
        time.sleep(0.5)
    tail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
    raise AssertionError(f"timed out waiting for {what}\n{tail}")


def stop(proc: subprocess.Popen | None) -> None:
    """Stop a process this test started, with the children it started (its own process group)."""
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=10)


def test_scheduled_build_runs_on_a_real_prefect_server(seeds_dir, tmp_path):
    import httpx

    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(
        PREFECT_HOME=str(tmp_path / "prefect-home"),
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        DO_NOT_TRACK="1",
        PREFECT_LOGGING_LEVEL="WARNING",
        PREFECT_UI_ENABLED="false",
        PREFECT_RUNNER_POLL_FREQUENCY="1",
    )
    server_log, serve_log = tmp_path / "server.log", tmp_path / "serve.log"
    out = tmp_path / "out"
    server = serving = None
    http = httpx.Client(base_url=api, timeout=30)
    try:
        with open(server_log, "w") as f:
            server = subprocess.Popen(
                [str(PREFECT), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                env=env,
                stdout=f,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

        def healthy():
            try:
                return http.get("/health").status_code == 200
            except httpx.HTTPError:
                return False

        wait_for(healthy, 120, "the Prefect server", server, server_log)

        with open(serve_log, "w") as f:
            serving = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "pantau",
                    "serve",
                    "--cron",
                    "0 * * * *",
                    "--input",
                    str(seeds_dir),
                    "--out",
                    str(out),
                    "--api-url",
                    api,
                    "--name",
                    "ci",
                    "--json",
                ],
                env=dict(env, PREFECT_API_URL=api),
                cwd=tmp_path,
                stdout=f,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

        def deployment():
            try:
                r = http.get("/deployments/name/pantau-build/ci")
            except httpx.HTTPError:  # a busy server answering slowly is not a failure yet
                return None
            return r.json() if r.status_code == 200 else None

        dep = wait_for(deployment, 90, "the deployment", serving, serve_log)
        announced = json.loads(next(line for line in serve_log.read_text().splitlines() if line.startswith("{")))
        assert announced["deployment"] == "pantau-build/ci" and announced["ui_url"] == f"http://127.0.0.1:{port}"
        assert dep["entrypoint"] == "flows.build.build_flow"
        assert dep["parameters"] == {
            "input_dir": str(seeds_dir),
            "out": str(out),
            "batch_bytes": 4 * 1024 * 1024,
            "full": False,
        }
        schedules = http.get(f"/deployments/{dep['id']}/schedules").json()
        assert [s["schedule"]["cron"] for s in schedules] == ["0 * * * *"] and schedules[0]["active"]

        t0 = time.monotonic()

        def triggered():
            # the server's SQLite can answer "database is locked" while the runner registers: try again
            try:
                r = http.post(f"/deployments/{dep['id']}/create_flow_run", json={})
            except httpx.HTTPError:
                return None
            body = r.json() if r.headers.get("content-type", "").startswith("application/json") else {}
            return body if r.status_code in (200, 201) and "id" in body else None

        run = wait_for(triggered, 60, "the flow run to be created", serving, serve_log)

        def finished():
            try:
                state = http.get(f"/flow_runs/{run['id']}").json()["state"]
            except httpx.HTTPError:  # a busy server answering slowly is not a failure yet
                return None
            return state if state and state["type"] in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED") else None

        state = wait_for(finished, 150, "the flow run", serving, serve_log)
        elapsed = time.monotonic() - t0
        assert state["type"] == "COMPLETED", f"{state}\n{serve_log.read_text()[-3000:]}"
        print(f"scheduled build run: {elapsed:.1f}s from trigger to completion")

        arts = http.post("/artifacts/filter", json={"artifacts": {"flow_run_id": {"any_": [run["id"]]}}}).json()
        by_key = {a["key"]: a for a in arts}
        assert {"pantau-build-rows", "pantau-build-summary"} <= set(by_key)
        rows_art = by_key["pantau-build-rows"]
        assert rows_art["type"] == "table"
        table = rows_art["data"] if isinstance(rows_art["data"], list) else json.loads(rows_art["data"])
        counts = {r["table"]: r["rows"] for r in table}
        assert counts["articles"] == 5 and counts["statements"] > 0 and "quarantine" in counts
        summary = by_key["pantau-build-summary"]
        assert summary["type"] == "markdown" and str(out) in summary["data"]
        assert (out / "pantau.duckdb").exists()
    finally:
        http.close()
        stop(serving)
        stop(server)
