"""Incremental builds: only new or changed articles are extracted, and the result is byte-identical
to a full rebuild of the same inputs (added articles join known events, deleted ones disappear)."""

import hashlib
import json
import shutil
from pathlib import Path

import duckdb
import pytest

from conftest import SEEDS
from pantau.pipeline.build import run_build


def digest(out: Path) -> dict[str, str]:
    root = out / "parquet"
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*.parquet"))
    }


def _jsonl(texts: list[str]) -> str:
    return "".join(json.dumps({"text": t, "outlet": "Bench"}, ensure_ascii=False) + "\n" for t in texts)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """60 articles recombined from the seeds (the benchmark generator), as one JSON Lines file."""
    from pantau.devtools.benchcorpus import generate, load_pool

    d = tmp_path_factory.mktemp("gen")
    generate(load_pool(SEEDS), 60, d, seed=7, fmt="jsonl")
    return d / "articles.jsonl"


def test_incremental_equals_full_rebuild(tmp_path, generated):
    inp = tmp_path / "in"
    shutil.copytree(SEEDS, inp)
    lines = generated.read_text(encoding="utf-8").splitlines(keepends=True)
    (inp / "news.jsonl").write_text("".join(lines[:50]), encoding="utf-8")
    out = tmp_path / "out"
    first = run_build(inp, out, workers=1)
    assert 50 <= first.extracted_units <= first.units  # exact duplicates are extracted once

    # delete a seed, change a line, drop a line, append lines, add a duplicate file and rename one
    (inp / "003_8e3d6941915996ba.txt").unlink()
    body = lines[:50]
    body[4] = body[4].replace("Pilkada", "Pemilu", 1) if "Pilkada" in body[4] else body[4].replace("a", "A", 1)
    del body[9]
    body += lines[50:56]
    (inp / "news.jsonl").write_text("".join(body), encoding="utf-8")
    shutil.copy(inp / "000_181bd4bf6043f669.txt", inp / "zz_copy_of_000.txt")
    (inp / "004_98248c8704711b6f.txt").rename(inp / "004_renamed.txt")
    again = run_build(inp, out, workers=2)
    assert again.extracted_units <= 1 + 6  # the changed line and the appended ones, nothing else

    full = tmp_path / "full"
    run_build(inp, full, full=True, workers=1, batch_bytes=20_000)
    assert digest(out) == digest(full)

    con = duckdb.connect(str(out / "pantau.duckdb"), read_only=True)
    gone = "43faba3e57271f01"  # the deleted seed's article id
    for t in ("articles", "actor_mentions", "statements", "indicators"):
        assert con.execute(f"select count(*) from {t} where article_id = ?", [gone]).fetchone()[0] == 0, t
    assert con.execute("select count(*) from events where list_contains(article_ids, ?)", [gone]).fetchone()[0] == 0
    # the renamed file keeps its rows under its new path; the duplicate is one article (first path wins)
    paths = dict(con.execute("select article_id, source_path from articles").fetchall())
    assert paths["847e84b945c5d9a9"] == "004_renamed.txt"
    assert paths["544f2e4934779607"] == "000_181bd4bf6043f669.txt"


def test_added_article_joins_a_known_event(tmp_path):
    inp = tmp_path / "in"
    inp.mkdir()
    for p in SEEDS.glob("*.txt"):
        if not p.name.startswith("001_"):
            shutil.copy(p, inp / p.name)
    out = tmp_path / "out"
    run_build(inp, out, workers=1)
    con = duckdb.connect(str(out / "pantau.duckdb"), read_only=True)
    ev = "select article_ids from events where event_type = 'outreach' and name like 'sosialisasi netralitas%'"
    assert con.execute(ev).fetchall() == [(["544f2e4934779607"],)]
    con.close()

    shutil.copy(next(SEEDS.glob("001_*.txt")), inp)
    s = run_build(inp, out, workers=1)
    assert s.extracted_units == 1
    con = duckdb.connect(str(out / "pantau.duckdb"), read_only=True)
    assert con.execute(ev).fetchall() == [(["544f2e4934779607", "a9000fa7feb3f3ad"],)]


def test_unchanged_rebuild_extracts_nothing_and_full_extracts_all(tmp_path):
    out = tmp_path / "out"
    first = run_build(SEEDS, out, workers=1)
    d = digest(out)
    again = run_build(SEEDS, out, workers=1)
    assert again.extracted_units == 0 and digest(out) == d
    full = run_build(SEEDS, out, workers=1, full=True)
    assert full.extracted_units == first.units and digest(out) == d
