"""End to end: `pantau build` on the seeds, scored by the shared scorer; reruns are byte-identical."""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import ROOT, SEEDS, shared
from pantau.pipeline.build import run_build


def _pantau(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "pantau", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


@pytest.fixture(scope="module")
def cli_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli_build")
    r = _pantau("build", "--input", str(SEEDS), "--out", str(out))
    assert r.returncode == 0, r.stderr[-2000:]
    return out, r.stdout


def test_cli_build_prints_what_it_built(cli_build):
    out, stdout = cli_build
    assert (out / "pantau.duckdb").exists()
    assert "articles" in stdout and "5 rows" in stdout
    for t in ("articles", "actors", "actor_mentions", "statements", "events", "indicators", "quarantine"):
        assert list((out / "parquet" / t).glob("*.parquet")), t


def test_seeds_score_at_least_095_every_component_090(cli_build):
    scorer, gold = shared("eval/score.py"), shared("gold/seeds.gold.json")
    out, _ = cli_build
    r = subprocess.run(
        [sys.executable, str(scorer), "--db", str(out / "pantau.duckdb"), "--gold", str(gold), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    res = json.loads(r.stdout)
    assert res["overall"] >= 0.95, res
    for k in ("persons", "organizations", "statements_attributed", "events", "indicators"):
        assert res[k]["f1"] >= 0.90, (k, res[k])
    assert res["article_meta"]["accuracy"] >= 0.90


def _digest(out: Path) -> dict[str, str]:
    return {
        p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((out / "parquet").rglob("*.parquet"))
    }


def test_two_builds_give_identical_parquet_bytes(tmp_path, cli_build):
    a, b = tmp_path / "a", tmp_path / "b"
    run_build(SEEDS, a)
    run_build(SEEDS, b, full=True)
    assert _digest(a) == _digest(b)
    # and the Prefect runner writes exactly what the core runner writes
    assert _digest(a) == _digest(cli_build[0])


def test_offsets_and_foreign_keys_hold(seeds_build):
    con = duckdb.connect(str(seeds_build / "pantau.duckdb"), read_only=True)
    for t in ("actor_mentions", "statements", "indicators"):
        bad = con.execute(f"""select count(*) from {t} x join articles a using (article_id)
                              where substring(a.body, x.char_start + 1, x.char_end - x.char_start) <> x.text""").fetchone()[
            0
        ]
        assert bad == 0, t
    assert (
        con.execute(
            "select count(*) from statements where speaker_actor_id not in (select actor_id from actors)"
        ).fetchone()[0]
        == 0
    )
    assert (
        con.execute(
            "select count(*) from events e, unnest(e.article_ids) u(a) where a not in (select article_id from articles)"
        ).fetchone()[0]
        == 0
    )


def test_every_table_and_column_has_a_comment(seeds_build):
    con = duckdb.connect(str(seeds_build / "pantau.duckdb"), read_only=True)
    missing = con.execute("""select table_name, column_name from duckdb_columns()
                             where database_name = 'pantau' and (comment is null or comment = '')
                             and table_name in (select table_name from duckdb_tables())""").fetchall()
    assert missing == []
    assert con.execute("select count(*) from duckdb_tables() where comment is null or comment = ''").fetchone()[0] == 0


def test_missing_input_fails_with_one_line(tmp_path):
    r = _pantau("build", "--input", str(tmp_path / "nope"), "--out", str(tmp_path / "o"), "--runner", "core")
    assert r.returncode != 0 and r.stderr.strip().count("\n") == 0 and "not found" in r.stderr


def test_duckdb_tables_keep_the_parquet_primary_key_order(seeds_build, tmp_path):
    """The DuckDB load does not sort (the Parquet parts already are): tables still read in key order,
    also when a table is split over many Parquet parts."""
    import duckdb
    import polars as pl

    import schemas
    from pantau.pipeline.store import write_duckdb, write_parquet

    tables = {t: pl.read_parquet(seeds_build / "parquet" / t / "*.parquet") for t in schemas.table_names()}
    assert tables["actor_mentions"].height > 30
    write_parquet(tables, tmp_path / "parquet", rows_per_part=3)
    assert len(list((tmp_path / "parquet" / "actor_mentions").glob("*.parquet"))) > 10
    write_duckdb(tmp_path / "parquet", tmp_path / "t.duckdb")
    con = duckdb.connect(str(tmp_path / "t.duckdb"), read_only=True)
    for t in schemas.table_names():
        pk = schemas.table(t).primary_key
        got = [r[0] for r in con.execute(f"SELECT {pk} FROM {t}").fetchall()]
        assert got == sorted(got) and len(got) == tables[t].height, t
