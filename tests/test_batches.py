"""Batches are bounded and do not change the output: tiny parts, several workers, one huge JSON Lines
file split into line ranges, gzip, all give the same tables as one batch."""

import gzip
import hashlib
import json
import shutil
from pathlib import Path

import duckdb
import polars as pl
import pytest

from conftest import SEEDS
from pantau.pipeline.build import plan_build, run_build
from pantau.pipeline.ingest import InputFile
from pantau.pipeline.units import units_of_file


def digest(out: Path) -> dict[str, str]:
    root = out / "parquet"
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*.parquet"))
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The seeds plus 40 generated articles in one JSON Lines file (with junk lines)."""
    from pantau.devtools.benchcorpus import generate, load_pool

    d = tmp_path_factory.mktemp("corpus")
    shutil.copytree(SEEDS, d / "seeds")
    generate(load_pool(SEEDS), 40, d / "news", seed=3, fmt="jsonl")
    with open(d / "news" / "articles.jsonl", "a", encoding="utf-8") as f:
        f.write("{not json\n\n" + json.dumps({"id": "x", "title": "tanpa teks"}) + "\n")
    return d


@pytest.fixture(scope="module")
def one_batch(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("one")
    run_build(corpus, out, workers=1, batch_bytes=64 * 1024 * 1024)
    return out


def test_small_batches_and_two_workers_give_identical_bytes(corpus, one_batch, tmp_path):
    plan = plan_build(corpus, tmp_path / "p", batch_bytes=4000)
    assert sum(len(t) for t in plan.tasks) > 10  # the JSON Lines file is split into many line ranges
    small = run_build(corpus, tmp_path / "small", workers=2, batch_bytes=4000)
    assert small.batches > 10
    assert digest(tmp_path / "small") == digest(one_batch)


def test_task_runs_stay_in_the_tens(corpus, tmp_path):
    plan = plan_build(corpus, tmp_path / "p", batch_bytes=500, max_tasks=8)
    assert sum(len(t) for t in plan.tasks) > 40 and len(plan.tasks) <= 8


def test_json_lines_input_records_and_quarantine(one_batch):
    con = duckdb.connect(str(one_batch / "pantau.duckdb"), read_only=True)
    n = con.execute("select count(*) from articles where source_path like 'news/articles.jsonl#%'").fetchone()[0]
    assert n >= 35  # 40 lines less duplicates and junk
    reasons = {r[0] for r in con.execute("select reason from quarantine where source like 'news/%'").fetchall()}
    assert any(r.startswith("invalid JSON") for r in reasons)
    assert "JSON object has no non-empty 'text'" in reasons
    meta = con.execute("select count(*) from articles where url like 'https://bench.example/%'").fetchone()[0]
    assert meta == n


def test_gzip_json_lines_give_the_same_tables(corpus, one_batch, tmp_path):
    inp = tmp_path / "in"
    shutil.copytree(corpus, inp)
    src = inp / "news" / "articles.jsonl"
    with gzip.open(str(src) + ".gz", "wb") as g:
        g.write(src.read_bytes())
    src.unlink()
    run_build(inp, tmp_path / "gz", workers=1, batch_bytes=8000)
    a = pl.read_parquet(tmp_path / "gz" / "parquet" / "articles").drop("source_path")
    b = pl.read_parquet(one_batch / "parquet" / "articles").drop("source_path")
    assert a.equals(b)
    for t in ("actors", "actor_mentions", "statements", "events", "indicators"):
        assert pl.read_parquet(tmp_path / "gz" / "parquet" / t).equals(pl.read_parquet(one_batch / "parquet" / t)), t


def test_json_line_units_have_content_keys(tmp_path):
    p = tmp_path / "a.jsonl"
    rec = json.dumps({"text": "KPU Kukar menggelar sosialisasi."})
    p.write_text(rec + "\n\n" + rec + "\n", encoding="utf-8")
    cols, _ = units_of_file(InputFile(str(p), "a.jsonl", p.stat().st_size))
    assert cols["source"] == ["a.jsonl#1", "a.jsonl#3"]
    assert cols["key"][0] == cols["key"][1]  # the same record twice is one unit of work


def test_many_output_buckets_give_identical_bytes(corpus, one_batch, tmp_path, monkeypatch):
    """Large corpora are validated and sorted in id-range buckets; the result must not depend on them."""
    import pantau.pipeline.assemble as tables
    import pantau.pipeline.build as core

    monkeypatch.setattr(core, "BUCKET_BYTES", 20_000)  # about 8 buckets for this corpus
    monkeypatch.setattr(tables, "SPILL_ROWS_BYTES", 4096)  # and spill to disk often
    run_build(corpus, tmp_path / "b", workers=1)
    assert len(list((tmp_path / "b" / ".work").glob("assemble"))) == 0  # cleaned up
    assert digest(tmp_path / "b") == digest(one_batch)
