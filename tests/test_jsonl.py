"""One JSON Lines reader: opening (plain or gzip), sniffing (UTF-8, UTF-16/32, binary) and line cutting are
shared by ingest (`read_input`) and the unit scanner (`scan_units` / `read_units`), so both see the same
documents from the same file."""

import codecs
import gzip
import io
import json

import pytest

from pantau.pipeline.ingest import (
    RawDoc,
    discover_inputs,
    json_line_bytes,
    open_jsonl,
    read_input,
    sniff_jsonl,
)
from pantau.pipeline.units import read_units, scan_units, spill_compressed

ARTICLES = [
    {
        "text": "KUKAR – Bawaslu Kutai Kartanegara menggelar rapat koordinasi pengawasan Pilkada 2024 di "
        "Tenggarong, Senin (4/11/2024). Ketua Bawaslu Kukar Teguh Wibowo meminta jajarannya siaga.",
        "outlet": "Bebaca.id",
    },
    {
        "text": "SAMARINDA – KPU Kota Samarinda menetapkan 612.413 pemilih dalam daftar pemilih tetap, "
        "kata Ketua KPU Samarinda Firman Hidayat, Rabu (18/9/2024).",
        "outlet": "Kaltim Today",
    },
]


def _lines(articles) -> bytes:
    return "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles).encode("utf-8")


def _write_inputs(root):
    root.mkdir()
    (root / "plain.jsonl").write_bytes(codecs.BOM_UTF8 + _lines(ARTICLES))
    (root / "packed.jsonl.gz").write_bytes(gzip.compress(codecs.BOM_UTF8 + b"\r\n" + _lines(ARTICLES[::-1])))
    (root / "wide.jsonl").write_bytes(codecs.BOM_UTF16_LE + _lines(ARTICLES).decode("utf-8").encode("utf-16-le"))
    (root / "binary.jsonl").write_bytes(bytes(range(32)) * 64)
    (root / "broken.jsonl.gz").write_bytes(gzip.compress(_lines(ARTICLES))[:-30])


def _by_source(items) -> dict:
    return {d.source_path if isinstance(d, RawDoc) else d.source: d for d in items}


def test_units_and_ingest_read_the_same_documents(tmp_path):
    root = tmp_path / "in"
    _write_inputs(root)
    files, _ = discover_inputs(root)
    whole = _by_source(doc for f in files for doc in read_input(f))
    units, _ = scan_units(files, None, None)
    cut = _by_source(doc for _key, doc in read_units(str(root), units.with_columns(path=None)))
    assert cut.keys() == whole.keys()
    for source, doc in whole.items():
        assert type(cut[source]) is type(doc), source
        if isinstance(doc, RawDoc):
            assert (cut[source].text, cut[source].meta) == (doc.text, doc.meta), source
        else:
            assert cut[source].reason == doc.reason, source
    # the BOM of the first line is not part of the article; a blank (CRLF) line is no document
    assert whole["plain.jsonl#1"].text.startswith("KUKAR")
    assert whole["packed.jsonl.gz#2"].text.startswith("SAMARINDA")
    assert "packed.jsonl.gz#1" not in whole
    # UTF-16 is read whole by ingest, binary content is refused, a truncated gzip stream is reported
    assert whole["wide.jsonl#2"].text.startswith("SAMARINDA")
    assert "binary" in whole["binary.jsonl"].reason
    assert any(not isinstance(d, RawDoc) and d.reason == "gzip stream truncated" for d in whole.values())


def test_spilled_gzip_lines_read_like_the_original(tmp_path):
    root = tmp_path / "in"
    _write_inputs(root)
    files, _ = discover_inputs(root)
    units, _ = scan_units(files, None, None)
    gz = units.filter(units["rel"] == "packed.jsonl.gz")
    spilled = spill_compressed(gz, str(root), tmp_path / "spill")
    assert all(p and not p.endswith(".gz") for p in spilled["path"].to_list())
    direct = [(k, d.text) for k, d in read_units(str(root), gz.with_columns(path=None))]
    assert [(k, d.text) for k, d in read_units(str(root), spilled)] == direct
    assert direct[0][1].startswith("SAMARINDA")


def test_open_jsonl_decompresses_by_name(tmp_path):
    p = tmp_path / "a.jsonl.gz"
    p.write_bytes(gzip.compress(_lines(ARTICLES)))
    with open_jsonl(str(p)) as stream:
        assert stream.read() == _lines(ARTICLES)
    with open(p, "rb") as fh:
        stream = open_jsonl("a.jsonl.gz", fh)
        assert stream.readline() == _lines(ARTICLES[:1])
        stream.close()
        assert not fh.closed  # the caller's file stays the caller's
    with open(p, "rb") as fh:
        assert open_jsonl("a.jsonl", fh) is fh  # a plain name: read as it is


@pytest.mark.parametrize(
    ("data", "wide", "bom", "binary"),
    [
        (_lines(ARTICLES), None, 0, False),
        (codecs.BOM_UTF8 + _lines(ARTICLES), None, 0, False),
        (codecs.BOM_UTF16_BE + _lines(ARTICLES).decode("utf-8").encode("utf-16-be"), "utf-16-be", 2, False),
        (_lines(ARTICLES).decode("utf-8").encode("utf-16-le"), "utf-16-le", 0, False),  # no BOM
        (bytes(range(32)) * 64, None, 0, True),
        (b"\x00\x01" * 10 + b"\n" + _lines(ARTICLES), None, 0, False),  # control bytes, but JSON objects follow
    ],
)
def test_sniff_jsonl(data, wide, bom, binary):
    stream = io.BufferedReader(io.BytesIO(data))
    head = sniff_jsonl(stream)
    assert (head.wide, head.bom, head.binary) == (wide, bom, binary)
    assert stream.read() == data  # sniffing consumes nothing


def test_json_line_bytes_strips_bom_only_on_the_first_line():
    line = codecs.BOM_UTF8 + b'{"text": "Rapat pleno KPU Kukar."}\r\n'
    assert json_line_bytes(line, first=True) == b'{"text": "Rapat pleno KPU Kukar."}'
    assert json_line_bytes(line, first=False) == line.rstrip(b"\r\n")
