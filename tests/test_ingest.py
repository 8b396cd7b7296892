"""Reading inputs: encodings, BOM, CRLF, empty and binary files, JSON Lines, duplicates."""

import json

import duckdb

from conftest import read_all
from pantau.pipeline.build import run_build
from pantau.pipeline.ingest import discover_inputs

LEAD = (
    "SAMARINDA – Komisi Pemilihan Umum (KPU) Kota Samarinda menggelar sosialisasi Pilkada 2024 di "
    "Kecamatan Sungai Kunjang, Senin (4/11/2024), yang dihadiri sekitar 120 peserta."
)


def test_encodings_bom_crlf(tmp_path):
    (tmp_path / "bom.txt").write_bytes(("\ufeff" + LEAD).encode("utf-8"))
    (tmp_path / "crlf.txt").write_bytes(LEAD.replace(" ", " \r\n", 1).encode("utf-8"))
    (tmp_path / "latin1.txt").write_bytes("Café Pilkada Kukar sukses digelar.".encode("latin-1"))
    docs = {d.source_path: d for d in read_all(tmp_path)}
    assert docs["bom.txt"].text.startswith("SAMARINDA")
    assert "Café" in docs["latin1.txt"].text


def test_junk_is_quarantined_with_reasons_and_good_articles_load(tmp_path, seeds_dir):
    inp = tmp_path / "in"
    (inp / "sub").mkdir(parents=True)
    for p in sorted(seeds_dir.glob("*.txt")):
        (inp / "sub" / p.name).write_bytes(p.read_bytes())
    (inp / "empty.txt").write_bytes(b"")
    (inp / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (inp / "latin1.txt").write_bytes(
        ("KUKAR - Caf\u00e9 " + "Pilkada di Kukar berlangsung damai, kata warga. " * 3).encode("latin-1")
    )
    (inp / "dup.txt").write_bytes(next(seeds_dir.glob("000_*.txt")).read_bytes())
    out = tmp_path / "out"
    summary = run_build(inp, out)
    con = duckdb.connect(str(out / "pantau.duckdb"), read_only=True)
    reasons = dict(con.execute("select source, reason from quarantine").fetchall())
    assert reasons["empty.txt"] == "empty file"
    assert reasons["binary.txt"].startswith("binary content")
    n_articles = con.execute("select count(*) from articles").fetchone()[0]
    assert n_articles == 6  # five seeds (the duplicate is one article) + the Latin-1 file
    assert summary.rows["quarantine"] == 2


def test_jsonl_input_with_metadata_and_bad_lines(tmp_path):
    lines = [
        json.dumps(
            {
                "id": "a",
                "text": LEAD,
                "outlet": "Kaltim Post",
                "published": "2024-11-05",
                "title": "KPU Samarinda Sosialisasi Pilkada",
            }
        ),
        "{not json",
        json.dumps({"id": "b"}),
    ]
    (tmp_path / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs = read_all(tmp_path)
    assert docs[0].source_path == "news.jsonl#1" and docs[0].meta["outlet"] == "Kaltim Post"
    assert [d.reason for d in docs[1:]] == [
        "invalid JSON: Expecting property name enclosed in double quotes",
        "JSON object has no non-empty 'text'",
    ]


def test_symlink_outside_root_is_not_followed(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("rahasia " * 20)
    root = tmp_path / "root"
    root.mkdir()
    (root / "link.txt").symlink_to(secret)
    files, skipped = discover_inputs(root)
    assert files == [] and skipped[0].reason == "path resolves outside the input root"
