"""Input formats: saved HTML pages and WARC crawls (plus .txt and JSON Lines) read into the same
articles, with title, author, publish date, outlet and URL from the page's own metadata; oversized,
vanished and unreadable files become quarantine rows."""

import json
import os
from pathlib import Path

import duckdb
import pytest

from conftest import SEEDS, read_all
from pantau.devtools.junk import html_page, warc_bytes, write_format_samples
from pantau.pipeline import ingest
from pantau.pipeline.build import run_build
from pantau.pipeline.ingest import InputFile, Quarantined, RawDoc, discover_inputs, read_input

LEAD = (
    "SAMARINDA – Komisi Pemilihan Umum (KPU) Kota Samarinda menggelar sosialisasi Pilkada 2024 di "
    "Kecamatan Sungai Kunjang, Senin (4/11/2024), yang dihadiri sekitar 120 peserta."
)
PARAS = [
    LEAD,
    "“Kami ingin pemilih datang ke TPS dengan tenang,” ujar Ketua KPU Samarinda, Firman Hidayat.",
    "Sosialisasi ini juga membahas tata cara pencoblosan dan pengawasan di setiap tempat pemungutan suara.",
]


def one(path: Path):
    return list(read_input(InputFile(str(path), path.name, path.stat().st_size)))


def test_html_page_text_and_metadata(tmp_path):
    p = tmp_path / "kpu.html"
    p.write_text(
        html_page(
            PARAS,
            title="KPU Samarinda Sosialisasi Pilkada di Sungai Kunjang",
            outlet="Kaltim Post",
            published="2024-11-05T09:30:00+08:00",
            author="Rina Lestari",
            url="https://kaltimpost.id/berita/kpu-samarinda",
        ),
        encoding="utf-8",
    )
    [doc] = one(p)
    assert isinstance(doc, RawDoc)
    assert doc.meta["title"] == "KPU Samarinda Sosialisasi Pilkada di Sungai Kunjang"
    assert doc.meta["outlet"] == "Kaltim Post"
    assert doc.meta["published"] == "2024-11-05"
    assert doc.meta["url"] == "https://kaltimpost.id/berita/kpu-samarinda"
    assert doc.meta["author"] == "Rina Lestari"
    assert LEAD in doc.text and "Firman Hidayat" in doc.text
    for chrome in ("Beranda", "Bagikan", "Hak cipta", "Berita Terkini"):
        assert chrome not in doc.text


def test_json_ld_only_page(tmp_path):
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Bawaslu Kukar Awasi Kampanye",
        "datePublished": "2024-10-21T08:00:00+08:00",
        "author": {"@type": "Person", "name": "Dedi Kurniawan"},
        "publisher": {"@type": "Organization", "name": "Bebaca.id"},
    }
    body = "".join(f"<p>{p}</p>" for p in PARAS)
    p = tmp_path / "ld.htm"
    p.write_text(
        f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script></head>'
        f"<body><article>{body}</article></body></html>",
        encoding="utf-8",
    )
    [doc] = one(p)
    assert doc.meta["title"] == "Bawaslu Kukar Awasi Kampanye"
    assert doc.meta["published"] == "2024-10-21"
    assert doc.meta["author"] == "Dedi Kurniawan"


def test_html_in_windows_1252_is_decoded(tmp_path):
    p = tmp_path / "cp.html"
    p.write_bytes(
        html_page(PARAS + ["Kafé di dekat TPS ramai – warga menunggu giliran."], charset="windows-1252").encode(
            "cp1252"
        )
    )
    [doc] = one(p)
    assert "Kafé" in doc.text and "“Kami" in doc.text and doc.meta["encoding"] == "cp1252"


def test_warc_records(tmp_path):
    page = html_page(PARAS, title="KPU Samarinda Sosialisasi Pilkada", published="2024-11-05").encode()
    data = warc_bytes(
        [
            {"uri": "https://kaltimpost.id/a", "type": "request"},
            {"uri": "https://kaltimpost.id/a", "body": page, "date": "2024-11-06T01:02:03Z"},
            {"uri": "https://kaltimpost.id/logo.png", "content_type": "image/png", "body": b"\x89PNG" + bytes(40)},
            {"uri": "https://kaltimpost.id/x", "status": "404 Not Found", "body": b"<html>hilang</html>"},
            {
                "uri": "https://kaltimpost.id/b",
                "body": html_page(PARAS[::-1]).encode("utf-8"),
                "content_type": "application/xhtml+xml",
            },
        ]
    )
    for name, blob in (
        ("crawl.warc.gz", data),
        ("plain.warc", warc_bytes([{"uri": "https://k.id/a", "body": page}], gzip_it=False)),
    ):
        (tmp_path / name).write_bytes(blob)
    got = {(d.source_path if isinstance(d, RawDoc) else d.source): d for d in read_all(tmp_path)}
    a = got["crawl.warc.gz#3"]
    assert isinstance(a, RawDoc) and LEAD in a.text
    assert a.meta["url"] == "https://kaltimpost.id/a" and a.meta["fetched"] == "2024-11-06T01:02:03Z"
    assert a.meta["published"] == "2024-11-05" and a.meta["title"] == "KPU Samarinda Sosialisasi Pilkada"
    assert isinstance(got["crawl.warc.gz#6"], RawDoc)
    assert got["crawl.warc.gz#1"].reason == "WARC warcinfo record, not an article"
    assert got["crawl.warc.gz#2"].reason == "WARC request record, not an article"
    assert got["crawl.warc.gz#4"].reason == "WARC record is not HTML (image/png)"
    assert got["crawl.warc.gz#5"].reason == "WARC response with HTTP status 404"
    assert isinstance(got["plain.warc#2"], RawDoc)


def test_truncated_and_corrupt_warc_keep_what_was_read(tmp_path):
    page = html_page(PARAS).encode()
    data = warc_bytes(
        [{"uri": "https://k.id/a", "body": page}, {"uri": "https://k.id/b", "body": page[::-1]}], gzip_it=False
    )
    (tmp_path / "cut.warc").write_bytes(data[: len(data) - 400])
    flipped = bytearray(warc_bytes([{"uri": "https://k.id/a", "body": page}], gzip_it=False))
    i = flipped.index(b"Sungai")
    flipped[i] = ord("X")
    (tmp_path / "flip.warc").write_bytes(bytes(flipped))
    got = {(d.source_path if isinstance(d, RawDoc) else d.source): d for d in read_all(tmp_path)}
    assert isinstance(got["cut.warc#2"], RawDoc)  # the complete record before the cut
    assert got["cut.warc#3"].reason == "WARC record truncated"
    assert got["flip.warc#2"].reason == "WARC record digest mismatch (corrupt)"


def test_every_format_builds_the_same_articles_as_the_seeds(tmp_path, seeds_build):
    inp = tmp_path / "formats"
    counts = write_format_samples(SEEDS, inp)
    assert set(counts) == {"txt", "html", "jsonl", "warc"}
    out = tmp_path / "out"
    summary = run_build(inp, out)
    assert summary.quarantine_reasons == {
        "ingest: WARC warcinfo record, not an article": 1,
        "ingest: WARC request record, not an article": 2,
        "ingest: WARC record is not HTML (image/png)": 1,
        "ingest: WARC response with HTTP status 404": 1,
    }
    cols = "article_id, outlet, dateline, title, author, is_advertorial, body"
    got = duckdb.connect(str(out / "pantau.duckdb"), read_only=True)
    want = duckdb.connect(str(seeds_build / "pantau.duckdb"), read_only=True)
    assert (
        got.execute(f"select {cols} from articles order by 1").fetchall()
        == want.execute(f"select {cols} from articles order by 1").fetchall()
    )
    for t in ("actors", "actor_mentions", "statements", "events", "indicators"):
        assert (
            got.execute(f"select count(*) from {t}").fetchone() == want.execute(f"select count(*) from {t}").fetchone()
        ), t
    paths = dict(got.execute("select source_path, url from articles").fetchall())
    assert {
        "000_181bd4bf6043f669.txt",
        "001_2822a118658d8e91.html",
        "articles.jsonl#1",
        "crawl.warc.gz#3",
        "crawl.warc.gz#5",
    } == set(paths)
    assert paths["crawl.warc.gz#3"] == "https://example.id/arsip/003_8e3d6941915996ba"
    assert (
        got.execute("select published_date::varchar from articles where source_path like '%.html'").fetchone()[0]
        == "2024-11-09"
    )


def test_jsonl_streams_and_caps_lines(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "MAX_RECORD_BYTES", 10_000)
    lines = [
        json.dumps({"text": LEAD}),
        json.dumps({"text": "x" * 20_000}),
        json.dumps({"html": html_page(PARAS)}),
        json.dumps({"text": LEAD + " \ud800", "author": "Rina Lestari"}),
    ]
    (tmp_path / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    got = {(d.source_path if isinstance(d, RawDoc) else d.source): d for d in read_all(tmp_path)}
    assert isinstance(got["a.jsonl#1"], RawDoc)
    assert got["a.jsonl#2"].reason == "line too long (over 0 MB)" or got["a.jsonl#2"].reason.startswith("line too long")
    assert LEAD in got["a.jsonl#3"].text  # an object with only `html` is read like a saved page
    assert "\ufffd" in got["a.jsonl#4"].text and got["a.jsonl#4"].text.endswith("Penulis: Rina Lestari")


def test_utf16_jsonl_and_text(tmp_path):
    (tmp_path / "w.jsonl").write_bytes(
        (json.dumps({"text": "Kafé " + LEAD}, ensure_ascii=False) + "\n").encode("utf-16")
    )
    (tmp_path / "w.txt").write_bytes(("Kafé " + LEAD).encode("utf-16-le"))  # no BOM
    got = {d.source_path: d for d in read_all(tmp_path)}
    assert got["w.jsonl#1"].text.startswith("Kafé SAMARINDA")
    assert got["w.txt"].text.startswith("Kafé SAMARINDA")


def test_files_over_the_size_limit_are_not_read(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:  # 200 MB, sparse: costs no disk and no time
        fh.truncate(200 * 2**20)
    (tmp_path / "big.html").symlink_to(big)
    (tmp_path / "ok.txt").write_text(LEAD, encoding="utf-8")
    files, skipped = discover_inputs(tmp_path)
    assert [f.rel for f in files] == ["ok.txt"]
    assert {s.source: s.reason for s in skipped} == {"big.txt": ingest._TOO_LARGE, "big.html": ingest._TOO_LARGE}
    # and read_input refuses too if a file grew after discovery
    [q] = list(read_input(InputFile(str(big), "big.txt", 10)))
    assert q.reason.startswith("file too large")


def test_sparse_200mb_jsonl_streams_in_flat_memory(tmp_path):
    import tracemalloc

    p = tmp_path / "huge.jsonl"
    with open(p, "wb") as fh:
        fh.write((json.dumps({"text": LEAD}) + "\n").encode())
        fh.truncate(200 * 2**20)  # then 200 MB of NUL bytes: one over-long junk "line"
    tracemalloc.start()
    docs = one(p)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert isinstance(docs[0], RawDoc)
    assert any(isinstance(d, Quarantined) and d.reason.startswith("line too long") for d in docs)
    assert peak < 40 * 2**20, peak


def test_vanished_and_unreadable_files(tmp_path, monkeypatch):
    for n in ("gone.txt", "locked.txt", "ok.txt"):
        (tmp_path / n).write_text(LEAD, encoding="utf-8")
    files, _ = discover_inputs(tmp_path)
    (tmp_path / "gone.txt").unlink()  # disappears between discovery and reading
    real_open = ingest._open_input

    def guarded(path):  # tests run as root, where chmod 000 blocks nothing: simulate EACCES
        if path.endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", path)
        return real_open(path)

    monkeypatch.setattr(ingest, "_open_input", guarded)
    got = {}
    for f in files:
        for d in read_input(f):
            got[f.rel] = d
    assert got["gone.txt"].reason == "file disappeared before it was read"
    assert got["locked.txt"].reason == "permission denied"
    assert isinstance(got["ok.txt"], RawDoc)


def test_unlistable_folder_is_reported(tmp_path, monkeypatch):
    (tmp_path / "ok.txt").write_text(LEAD, encoding="utf-8")
    (tmp_path / "secret").mkdir()
    real_walk = os.walk

    def walk(top, **kw):
        for dirpath, dirnames, filenames in real_walk(top, **kw):
            if "secret" in dirnames:
                dirnames.remove("secret")
                kw["onerror"](PermissionError(13, "Permission denied", os.path.join(dirpath, "secret")))
            yield dirpath, dirnames, filenames

    monkeypatch.setattr(ingest.os, "walk", walk)
    files, skipped = discover_inputs(tmp_path)
    assert [f.rel for f in files] == ["ok.txt"]
    assert [(s.source, s.reason) for s in skipped] == [("secret", "cannot list folder: Permission denied")]


def test_file_vanishing_during_a_build(tmp_path, monkeypatch):
    import pantau.pipeline.build as build

    inp = tmp_path / "in"
    inp.mkdir()
    for p in SEEDS.glob("*.txt"):
        (inp / p.name).write_bytes(p.read_bytes())
    (inp / "extra.txt").write_text(LEAD, encoding="utf-8")
    real = build.discover_inputs

    def discover_then_delete(root):
        files, skipped = real(root)
        (inp / "extra.txt").unlink()
        return files, skipped

    monkeypatch.setattr(build, "discover_inputs", discover_then_delete)
    summary = run_build(inp, tmp_path / "out")
    assert summary.rows["articles"] == 5
    con = duckdb.connect(str(tmp_path / "out" / "pantau.duckdb"), read_only=True)
    assert con.execute("select source, reason from quarantine").fetchall() == [
        ("extra.txt", "file disappeared before it was read")
    ]


@pytest.mark.slow
def test_real_200mb_jsonl_builds(tmp_path):
    """A real 200 MB JSON Lines file (seed lines around a 200 MB junk line) builds; slow: writes 200 MB."""
    inp = tmp_path / "in"
    inp.mkdir()
    seeds = [json.dumps({"text": p.read_text(encoding="utf-8")}) for p in sorted(SEEDS.glob("*.txt"))]
    with open(inp / "big.jsonl", "w", encoding="utf-8") as fh:
        fh.write("\n".join(seeds[:2]) + "\n")
        fh.write('{"text": "' + "kata " * (40 * 2**20) + '"}\n')
        fh.write("\n".join(seeds[2:]) + "\n")
    summary = run_build(inp, tmp_path / "out")
    assert summary.rows["articles"] == 5


def test_warc_with_a_page_fetched_twice_gives_one_article(tmp_path):
    """Crawls fetch the same page more than once (redirects, tracking parameters): one article, not none."""
    page = html_page((SEEDS / "000_181bd4bf6043f669.txt").read_text(encoding="utf-8").splitlines()).encode()
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "crawl.warc.gz").write_bytes(
        warc_bytes([{"uri": "https://a.id/1", "body": page}, {"uri": "https://a.id/1?utm_source=x", "body": page}])
    )
    summary = run_build(inp, tmp_path / "out")
    assert summary.rows["articles"] == 1
    con = duckdb.connect(str(tmp_path / "out" / "pantau.duckdb"), read_only=True)
    assert con.execute("select source_path from articles").fetchall() == [("crawl.warc.gz#2",)]
