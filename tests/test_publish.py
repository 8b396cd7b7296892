"""`pantau publish`: a release folder that validates, verifies and reproduces byte for byte."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

import schemas
from pantau.cli import main
from pantau.release.publish import PublishError, publish, validate_descriptor

TABLES = schemas.table_names()


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def release(seeds_build, tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("release") / "pantau-seeds"
    publish(seeds_build, dest)
    return dest


def test_release_layout(release):
    files = set(tree(release))
    assert {"datapackage.json", "README.md", "CHANGELOG.md", "SHA256SUMS"} <= files
    for t in TABLES:
        assert f"data/{t}/part-00000.parquet" in files


def test_publishing_twice_gives_identical_folders(seeds_build, release, tmp_path):
    again = tmp_path / "again"
    publish(seeds_build, again)
    assert tree(again) == tree(release)
    publish(seeds_build, again)  # and into the same folder: same version, same bytes
    assert tree(again) == tree(release)


def test_sha256sums_verify(release):
    sums = (release / "SHA256SUMS").read_text().splitlines()
    listed = {line.split("  ", 1)[1] for line in sums}
    assert listed == set(tree(release)) - {"SHA256SUMS"}
    for line in sums:
        digest, path = line.split("  ", 1)
        assert hashlib.sha256((release / path).read_bytes()).hexdigest() == digest
    if shutil.which("sha256sum"):
        p = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=release, capture_output=True, text=True)
        assert p.returncode == 0, p.stdout + p.stderr


def test_datapackage_validates_and_describes_every_column(release):
    assert validate_descriptor(release / "datapackage.json") == []
    from frictionless import Package

    d = json.loads((release / "datapackage.json").read_text())
    assert not list(Package.metadata_validate(d))
    assert d["$schema"].endswith("/2.0/datapackage.json")
    assert d["version"] == "0.1.0" and d["licenses"][0]["name"] == "CC-BY-4.0"
    assert d["created"] == "2024-11-09T00:00:00Z"  # the newest date in the seeds, not the clock
    assert {s["title"] for s in d["sources"]} >= {"Bebaca.id", "Portalborneo.or.id"}
    by_name = {r["name"]: r for r in d["resources"]}
    assert list(by_name) == TABLES
    for t, r in by_name.items():
        files = [r["path"]] if isinstance(r["path"], str) else r["path"]
        data = b"".join((release / f).read_bytes() for f in files)
        assert r["bytes"] == len(data)
        assert r["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        assert r["schema"]["primaryKey"] == [schemas.table(t).primary_key]
        assert [f["name"] for f in r["schema"]["fields"]] == [n for n, *_ in schemas.columns(t)]
        assert all(f["description"] for f in r["schema"]["fields"])
        fks = {(fk["fields"][0], fk["reference"]["resource"]) for fk in r["schema"].get("foreignKeys", [])}
        assert fks == {(c, ref) for c, ref, _ in schemas.table(t).foreign_keys}
    ev = {f["name"]: f for f in by_name["events"]["schema"]["fields"]}
    assert ev["event_type"]["constraints"]["enum"] == list(schemas.EVENT_TYPES)
    assert ev["start_date"]["type"] == "date" and ev["article_ids"]["type"] == "list"
    assert ev["event_id"]["constraints"] == {"required": True, "unique": True}


def test_parquet_files_carry_version_and_inputs_hash_and_are_sorted(release, seeds_build):
    d = json.loads((release / "datapackage.json").read_text())
    for t in TABLES:
        path = release / "data" / t / "part-00000.parquet"
        meta = pq.read_metadata(path)
        kv = {k.decode(): v.decode() for k, v in meta.metadata.items() if k.startswith(b"pantau.")}
        assert kv["pantau.dataset_version"] == "0.1.0"
        assert kv["pantau.inputs_sha256"] == d["pantau"]["inputs_sha256"]
        assert kv["pantau.table"] == t
        if meta.num_rows:
            assert meta.row_group(0).column(0).compression == "ZSTD"
            keys = pq.read_table(path, columns=[schemas.table(t).primary_key]).column(0).to_pylist()
            assert keys == sorted(keys)
    with duckdb.connect(str(seeds_build / "pantau.duckdb"), read_only=True) as c:
        for t in TABLES:
            n = c.execute(f"select count(*) from {t}").fetchall()[0][0]
            assert d["pantau"]["rows"][t] == n == pq.read_metadata(release / "data" / t / "part-00000.parquet").num_rows


def test_dataset_card_has_front_matter_counts_and_citation(release):
    card = (release / "README.md").read_text()
    front, body = card.split("---\n", 2)[1:]
    assert "license: cc-by-4.0" in front and "language:\n- id" in front
    for t in TABLES:
        assert f"- config_name: {t}" in front and f"path: data/{t}/*.parquet" in front
    for heading in (
        "## What the tables hold",
        "## How it was made",
        "## Counts",
        "## Known limitations",
        "## Licence",
        "## How to cite",
    ):
        assert heading in body
    assert "| statements | 42 |" in body
    assert "outlets' copyright" in body


def test_changelog_reports_row_count_differences(seeds_build, release, tmp_path):
    dest = tmp_path / "rel"
    shutil.copytree(release, dest)
    smaller = tmp_path / "smaller"
    smaller.mkdir()
    shutil.copy(seeds_build / "pantau.duckdb", smaller / "pantau.duckdb")
    with duckdb.connect(str(smaller / "pantau.duckdb")) as c:
        before = c.execute("select count(*) from indicators").fetchall()[0][0]
        c.execute(
            "delete from indicators where indicator_id in (select indicator_id from indicators order by 1 limit 2)"
        )
        removed = before - c.execute("select count(*) from indicators").fetchall()[0][0]
    rel = publish(smaller, dest)
    assert (rel.version, rel.previous_version) == ("0.2.0", "0.1.0")
    assert rel.changes["indicators"] == -removed < 0
    log = (dest / "CHANGELOG.md").read_text()
    assert log.index("## 0.2.0") < log.index("## 0.1.0")
    assert f"indicators {-removed:+d} rows" in log
    assert f"| indicators | {before} | {before - removed} | {-removed:+d} |" in log
    with pytest.raises(PublishError, match="already holds version 0.2.0"):
        publish(seeds_build, dest, version="0.2.0")
    assert validate_descriptor(dest / "datapackage.json") == []


def test_no_bodies_and_the_command_line(seeds_build, tmp_path, capsys):
    dest = tmp_path / "nobody"
    assert (
        main(
            [
                "publish",
                "--warehouse",
                str(seeds_build),
                "--dest",
                str(dest),
                "--no-bodies",
                "--version",
                "1.0.0",
                "--json",
            ]
        )
        == 0
    )
    summary = json.loads(capsys.readouterr().out)
    assert summary["version"] == "1.0.0" and summary["bodies"] is False
    assert "body" not in pq.read_schema(dest / "data" / "articles" / "part-00000.parquet").names
    d = json.loads((dest / "datapackage.json").read_text())
    assert "body" not in [f["name"] for f in d["resources"][0]["schema"]["fields"]]
    assert validate_descriptor(dest / "datapackage.json") == []
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "keep.txt").write_text("mine")
    assert main(["publish", "--warehouse", str(seeds_build), "--dest", str(junk), "--quiet"]) == 1
    assert "holds no release" in capsys.readouterr().err and (junk / "keep.txt").exists()
    assert main(["publish", "--warehouse", str(seeds_build), "--dest", str(dest), "--version", "1.0"]) == 1


def test_created_follows_source_date_epoch(seeds_build, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    rel = publish(seeds_build, tmp_path / "r")
    assert rel.created == "2025-01-01T00:00:00Z" and rel.created_from == "SOURCE_DATE_EPOCH"
