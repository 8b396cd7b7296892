"""No surprises: the build makes no network calls, never reads outside the input root (symlinks,
`..`), and its logs and quarantine reasons never carry article text."""

import inspect
import json
import logging
import os
import shutil
import socket
import subprocess
import sys

import duckdb
import pytest

from conftest import ROOT, SEEDS
from pantau.devtools.junk import write_format_samples
from pantau.pipeline.build import run_build
from pantau.pipeline.ingest import discover_inputs, read_input

_net_events: list[str] = []
_watching = False


def _audit(event, args):
    if not _watching:
        return
    if event in ("socket.connect", "socket.bind"):
        if getattr(args[0], "family", None) == socket.AF_UNIX:  # local IPC (multiprocessing), not network
            return
        if event == "socket.bind" and isinstance(args[1], tuple) and args[1][0] in ("::1", "127.0.0.1"):
            return  # urllib3 probes IPv6 support at import by binding a loopback socket: no traffic
        _net_events.append(f"{event} {args[1]!r}")
    elif event.startswith(("socket.getaddrinfo", "socket.gethostbyname", "urllib.Request", "http.client.connect")):
        _net_events.append(event)


sys.addaudithook(_audit)


def _in_process(**kw):
    """Run extraction in this process (so the audit hook and the patches see everything)."""
    return {"workers": 1} if "workers" in inspect.signature(run_build).parameters else {}


def test_core_build_makes_no_network_calls(tmp_path, monkeypatch):
    global _watching
    inp = tmp_path / "in"
    write_format_samples(SEEDS, inp)  # .txt, .html, .jsonl, .warc.gz: trafilatura and warcio included

    def refuse(*a, **k):
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    _net_events.clear()
    _watching = True
    try:
        summary = run_build(inp, tmp_path / "out", **_in_process())
    finally:
        _watching = False
    assert summary.rows["articles"] == 5
    assert _net_events == []


@pytest.mark.skipif(
    shutil.which("unshare") is None or subprocess.run(["unshare", "-rn", "true"], capture_output=True).returncode != 0,
    reason="no network namespaces here",
)
def test_cli_build_in_a_network_namespace(tmp_path):
    inp = tmp_path / "in"
    write_format_samples(SEEDS, inp)
    r = subprocess.run(
        [
            "unshare",
            "-rn",
            sys.executable,
            "-m",
            "pantau",
            "build",
            "--input",
            str(inp),
            "--out",
            str(tmp_path / "out"),
            "--runner",
            "core",
            "--json",
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert r.returncode == 0, r.stderr[-2000:]
    assert json.loads(r.stdout)["rows"]["articles"] == 5


def test_paths_never_leave_the_input_root(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("rahasia " * 50)
    (outside / "sub").mkdir()
    (outside / "sub" / "deep.txt").write_text("rahasia " * 50)
    root = tmp_path / "root"
    (root / "a" / "b").mkdir(parents=True)
    (root / "real.txt").write_text("Bawaslu Kukar menggelar rapat koordinasi pengawasan Pilkada 2024 di Tenggarong.")
    (root / "up.txt").symlink_to("../outside/secret.txt")  # relative, via ..
    (root / "a" / "b" / "upup.txt").symlink_to("../../../outside/secret.txt")  # deeper ..
    (root / "a" / "inside.txt").symlink_to("../a/../real.txt")  # .. that stays inside: allowed
    (root / "a" / "chain.txt").symlink_to("../up.txt")  # inside link -> outside link
    (root / "abs.txt").symlink_to(outside / "secret.txt")
    (root / "dir").symlink_to(outside / "sub")  # a folder out of the root
    # the root itself given with `..` components still reads only below it
    files, skipped = discover_inputs(str(root / "a" / ".." / "a" / ".."))
    assert sorted(f.rel for f in files) == ["a/inside.txt", "real.txt"]
    assert {s.source: s.reason for s in skipped} == {
        "up.txt": "path resolves outside the input root",
        "a/b/upup.txt": "path resolves outside the input root",
        "a/chain.txt": "path resolves outside the input root",
        "abs.txt": "path resolves outside the input root",
        "dir": "symlinked folder outside the input root (not followed)",
    }
    texts = [d.text for f in files for d in read_input(f)]
    assert not any("rahasia" in t for t in texts)


def test_logs_and_reasons_never_carry_article_text(tmp_path, caplog):
    bodies = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    inp = tmp_path / "in"
    inp.mkdir()
    for p in SEEDS.glob("*.txt"):
        shutil.copy(p, inp / p.name)
    # junk made of article text: cut JSON, JSON with a wrong shape, HTML and WARC that break
    (inp / "cut.jsonl").write_text(
        "\n".join(json.dumps({"text": b})[: len(b) // 2] for b in bodies) + "\n", encoding="utf-8"
    )
    (inp / "shape.jsonl").write_text("\n".join(json.dumps([b]) for b in bodies) + "\n", encoding="utf-8")
    (inp / "page.html").write_bytes(b"\x00" + bodies[0].encode())
    (inp / "bad.warc").write_bytes(b"WARC/1.0\r\nContent-Length: 99999999\r\n\r\n" + bodies[1].encode())
    (inp / "long.txt").write_text(bodies[2] * 200, encoding="utf-8")
    caplog.set_level(logging.DEBUG)
    run_build(inp, tmp_path / "out", **_in_process())
    con = duckdb.connect(str(tmp_path / "out" / "pantau.duckdb"), read_only=True)
    reasons = [r for (r,) in con.execute("select reason from quarantine").fetchall()]
    assert len(reasons) >= 10
    windows = {b[i : i + 40] for b in bodies for i in range(0, max(1, len(b) - 40), 20)}
    logged = caplog.text
    for r in reasons:
        assert len(r) <= 200, r
        assert not any(w in r for w in windows), r
    assert not any(w in logged for w in windows)
