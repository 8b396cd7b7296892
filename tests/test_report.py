"""`pantau report`: one self-contained page whose charts really draw (checked in headless Chromium)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from pantau.cli import main
from pantau.release.report import build_report

CHARTS = {"indicators", "events", "months", "actors", "outlets", "advertorials"}


@pytest.fixture(scope="module")
def report(seeds_build, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    summary = build_report(seeds_build, out)
    assert summary.charts == len(CHARTS)
    return out


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if shutil.which(name):
            return shutil.which(name)
    return None


def test_page_is_self_contained(report):
    page = report.read_text(encoding="utf-8")
    markup = re.sub(r"(<script[^>]*>).*?</script>", r"\1</script>", page, flags=re.S)  # tags, not the JS inside
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", markup), "the page must load nothing"
    assert "vegaEmbed" in page and "function" in page  # the inlined Vega bundle
    specs = json.loads(
        re.search(r'<script type="application/json" id="pantau-specs">(.*?)</script>', page, re.S)
        .group(1)
        .replace("<\\/", "</")
    )
    assert set(specs) == {f"chart-{c}" for c in CHARTS}
    assert all("$schema" in s for s in specs.values())
    for q in (
        "indicators_by_region",
        "events_timeline",
        "most_quoted_actors",
        "statements_per_outlet",
        "advertorial_share",
    ):
        assert f"pantau query --name {q}" in page
    assert "Bambang Arwanto" in page and "Hotel Harris" in page and "Portalborneo.or.id" in page


def test_report_command(seeds_build, tmp_path, capsys):
    out = tmp_path / "r" / "page.html"
    assert main(["report", "--warehouse", str(seeds_build), "--out", str(out), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["charts"] == len(CHARTS) and summary["rows"]["statements"] > 0 and out.exists()
    assert main(["report", "--warehouse", str(tmp_path / "nowhere"), "--out", str(out), "--quiet"]) == 1
    assert "no warehouse" in capsys.readouterr().err


def test_charts_draw_in_headless_chromium(report, tmp_path):
    browser = chromium()
    if not browser:
        pytest.skip("chromium is not installed (apt-get install -y chromium): cannot render the report")
    shot = tmp_path / "report.png"
    cmd = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--virtual-time-budget=15000",
        "--window-size=1280,2400",
        f"--screenshot={shot}",
        "--dump-dom",
        "--enable-logging=stderr",
        "--v=0",
        report.as_uri(),
    ]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    dom = p.stdout
    status = re.search(r'id="render-status"([^>]*)>', dom)
    assert status, f"page did not load: {p.stderr[-2000:]}"
    attrs = dict(re.findall(r'data-([a-z]+)="([^"]*)"', status.group(1)))
    assert attrs.get("done") == "true", attrs
    assert attrs["errors"] == "0" and attrs["rendered"] == attrs["expected"] == str(len(CHARTS)), attrs
    for c in CHARTS:  # every chart container holds a drawn SVG with marks
        block = re.search(rf'id="chart-{c}".*?</svg>', dom, re.S)
        assert block and 'class="marks"' in block.group(0), f"chart {c} did not draw"
    console = [line for line in p.stderr.splitlines() if "CONSOLE" in line]
    assert not console, "console messages: " + "\n".join(console)
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 50_000
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (1280, 2400)
