"""Generate hostile inputs: a junk corpus that a build must survive, and sample inputs in every format.

    python -m pantau.devtools.junk --out junk --n 1000          # >= 1,000 junk inputs of ~60 kinds
    python -m pantau.devtools.junk --formats seeds --out demo   # the seeds as .txt, .html, .jsonl and .warc.gz

The junk is deterministic (seeded) and covers what real input folders contain: empty and binary files,
truncated or invalid JSON lines, deeply nested JSON, over-long lines and files, gzip bombs and broken
gzip, HTML pages without an article, broken WARC archives, text in Windows-1252, Latin-1 and UTF-16
(which must be *decoded*, not rejected), named pipes, symlinks out of the root, loops and odd names.
Its readable text is neutral on purpose (weather, markets): no names, offices, events or figures that
could merge with a real article's actors or events, so a build of junk + seeds must give exactly the
seeds' rows. `pantau build --input junk --out OUT` exits 0 and puts each bad input in `quarantine`.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import random
import sys
from collections import Counter
from pathlib import Path

# Neutral Indonesian sentences with the characters legacy encodings mangle (é, “ ”, –, ’).
NEUTRAL = [
    "Cuaca cerah berawan terlihat sepanjang pagi di kawasan pesisir, sementara angin bertiup pelan dari arah laut.",
    "Pedagang sayur di pasar pagi menata dagangan lebih awal karena hujan diperkirakan turun menjelang sore.",
    "Kafé kecil di ujung jalan itu menyajikan kopi tubruk dan roti bakar bagi para pejalan kaki yang lewat.",
    "Anak-anak bermain layang-layang di lapangan berumput setelah pulang dari sekolah pada siang yang terik.",
    "“Rasanya manis dan segar,” kata seorang pembeli sambil mencicipi potongan buah yang baru dipetik.",
    "Jalan setapak menuju air terjun itu licin – pengunjung diminta berhati-hati dan memakai alas kaki yang kuat.",
    "Harga cabai di tingkat pengecer bergerak naik turun mengikuti pasokan dari kebun di dataran tinggi.",
    "Nelayan menambatkan perahu di dermaga kayu dan menjemur jaring di bawah sinar matahari yang hangat.",
    "Aroma rempah dari dapur rumah makan itu tercium hingga ke seberang jalan pada jam makan siang.",
    "Perpustakaan keliling berhenti di halaman balai warga dan meminjamkan buku cerita untuk anak-anak.",
]


def neutral_text(rng: random.Random, n: int) -> str:
    return "\n".join(rng.choice(NEUTRAL) for _ in range(n))


# ------------------------------------------------------------------------------------------ formats


def html_page(
    body_paragraphs: list[str],
    *,
    title: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    author: str | None = None,
    url: str | None = None,
    charset: str = "utf-8",
    jsonld: bool = True,
) -> str:
    """A news page as sites publish them: metadata in <head> (OpenGraph, article:published_time,
    JSON-LD NewsArticle), navigation and share chrome around an <article>."""
    esc = lambda s: (s or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")  # noqa: E731
    head = [f'<meta charset="{charset}">', f"<title>{esc(title)}{' - ' + esc(outlet) if outlet else ''}</title>"]
    if title:
        head.append(f'<meta property="og:title" content="{esc(title)}">')
    if outlet:
        head.append(f'<meta property="og:site_name" content="{esc(outlet)}">')
    if url:
        head.append(f'<meta property="og:url" content="{esc(url)}"><link rel="canonical" href="{esc(url)}">')
    if published:
        head.append(f'<meta property="article:published_time" content="{esc(published)}">')
    if author:
        head.append(f'<meta name="author" content="{esc(author)}">')
    if jsonld and (title or published):
        ld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": title,
            "datePublished": published,
            "author": {"@type": "Person", "name": author} if author else None,
            "publisher": {"@type": "Organization", "name": outlet} if outlet else None,
        }
        head.append(
            '<script type="application/ld+json">' + json.dumps({k: v for k, v in ld.items() if v}) + "</script>"
        )
    paras = "\n".join(f"<p>{esc(p)}</p>" for p in body_paragraphs if p.strip())
    return (
        '<!doctype html>\n<html lang="id"><head>' + "\n".join(head) + "</head><body>\n"
        '<header><nav><a href="/">Beranda</a> <a href="/politik">Politik</a> '
        '<a href="/daerah">Daerah</a></nav></header>\n'
        '<div class="share">Bagikan: Facebook Twitter WhatsApp</div>\n'
        f"<main><article>{'<h1>' + esc(title) + '</h1>' if title else ''}\n{paras}\n</article></main>\n"
        "<aside><h3>Berita Terkini</h3><ul><li><a href='/a'>Tautan lain</a></li></ul></aside>\n"
        "<footer>Hak cipta dilindungi undang-undang.</footer></body></html>\n"
    )


def warc_bytes(records: list[dict], gzip_it: bool = True) -> bytes:
    """A WARC file from records `{"uri", "type": "response"|"request"|..., "content_type", "body",
    "status", "date"}` (warcio writes it; a warcinfo record comes first)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gzip_it)
    w.write_record(w.create_warcinfo_record("pantau-sample.warc.gz", {"software": "pantau.devtools.junk"}))
    for r in records:
        kind = r.get("type", "response")
        headers = {"WARC-Date": r["date"]} if r.get("date") else None
        if kind == "response":
            hh = StatusAndHeaders(
                r.get("status", "200 OK"),
                [("Content-Type", r.get("content_type", "text/html; charset=utf-8"))],
                protocol="HTTP/1.1",
            )
            rec = w.create_warc_record(
                r["uri"], "response", payload=io.BytesIO(r["body"]), http_headers=hh, warc_headers_dict=headers
            )
        elif kind == "request":
            hh = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.id")], is_http_request=True)
            rec = w.create_warc_record(r["uri"], "request", payload=io.BytesIO(b""), http_headers=hh)
        else:
            rec = w.create_warc_record(
                r["uri"],
                kind,
                payload=io.BytesIO(r.get("body", b"")),
                warc_content_type=r.get("content_type", "text/plain"),
                warc_headers_dict=headers,
            )
        w.write_record(rec)
    return buf.getvalue()


def write_format_samples(seeds: str | os.PathLike, out: str | os.PathLike) -> dict[str, int]:
    """The seed articles spread over every input format, for a build to read back:
    seed 1 as `.txt`, seed 2 as a saved `.html` page, seed 3 as a `.jsonl` line, seeds 4-5 as HTML
    responses inside `crawl.warc.gz` (plus a request, an image and a 404 record, which are skipped).
    More seeds than five continue round-robin. Returns files written per format."""
    seeds, out = Path(seeds), Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = sorted(seeds.glob("*.txt"))
    counts: Counter = Counter()
    warc_records: list[dict] = []
    jsonl_lines: list[str] = []
    for i, p in enumerate(paths):
        text = p.read_text(encoding="utf-8")
        kind = ("txt", "html", "jsonl", "warc", "warc")[i % 5]
        if kind == "txt":
            (out / p.name).write_text(text, encoding="utf-8")
            counts["txt"] += 1
        elif kind == "html":
            page = html_page(
                text.splitlines(), published="2024-11-09T10:00:00+08:00", url=f"https://example.id/berita/{p.stem}"
            )
            (out / (p.stem + ".html")).write_text(page, encoding="utf-8")
            counts["html"] += 1
        elif kind == "jsonl":
            jsonl_lines.append(
                json.dumps({"id": p.stem, "text": text, "url": f"https://example.id/{p.stem}"}, ensure_ascii=False)
            )
        else:
            uri = f"https://example.id/arsip/{p.stem}"
            warc_records += [
                {"uri": uri, "type": "request"},
                {"uri": uri, "body": html_page(text.splitlines()).encode("utf-8"), "date": "2024-11-12T03:04:05Z"},
            ]
    if jsonl_lines:
        (out / "articles.jsonl").write_text("\n".join(jsonl_lines) + "\n", encoding="utf-8")
        counts["jsonl"] += 1
    if warc_records:
        warc_records += [
            {
                "uri": "https://example.id/logo.png",
                "content_type": "image/png",
                "body": b"\x89PNG\r\n\x1a\n" + bytes(64),
            },
            {
                "uri": "https://example.id/hilang",
                "status": "404 Not Found",
                "body": b"<html><body>Tidak ada</body></html>",
            },
        ]
        (out / "crawl.warc.gz").write_bytes(warc_bytes(warc_records))
        counts["warc"] += 1
    return dict(counts)


# ------------------------------------------------------------------------------------------ junk


def _deep_json(depth: int) -> bytes:
    return b'{"text": ' + b"[" * depth + b"]" * depth + b"}\n"


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=6, mtime=0)


# The junk comes in families, made in this order: each family draws from the same random generator, so
# reordering them (or the rows inside one) changes every later file of the corpus.


def _plain_junk(rng: random.Random, nd: str, t: str) -> list[tuple[str, str, bytes]]:
    """`.txt` files that hold no article at all: empty, blank, binary, an image, NUL padding."""
    return [
        ("empty", f"txt/empty-{nd}.txt", b""),
        ("whitespace only", f"txt/blank-{nd}.txt", b" \n\t\r\n   \n" * rng.randint(1, 50)),
        ("binary", f"txt/binary-{nd}.txt", rng.randbytes(rng.randint(16, 4096))),
        ("image named .txt", f"txt/image-{nd}.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rng.randbytes(512)),
        ("NUL-padded text", f"txt/nul-{nd}.txt", t.encode() + b"\x00" * 64 + t.encode()),
    ]


def _encoding_junk(rng: random.Random, nd: str, tx: list[str]) -> list[tuple[str, str, bytes]]:
    """Readable text in legacy encodings, UTF-16 and BOMs, invalid byte sequences and control characters."""
    return [
        ("windows-1252", f"enc/cp1252-{nd}.txt", tx[0].encode("cp1252")),
        (
            "latin-1",
            f"enc/latin1-{nd}.txt",
            tx[1].replace("“", '"').replace("”", '"').replace("–", "-").encode("latin-1"),
        ),
        ("utf-16 with BOM", f"enc/utf16-{nd}.txt", tx[2].encode("utf-16")),
        ("utf-16 without BOM", f"enc/utf16le-{nd}.txt", tx[3].encode("utf-16-le")),
        ("utf-8 with BOM", f"enc/utf8bom-{nd}.txt", tx[4].encode("utf-8-sig")),
        ("mixed utf-8 and cp1252", f"enc/mixed-{nd}.txt", tx[5].encode("utf-8") + b"\n" + tx[5].encode("cp1252")),
        (
            "invalid utf-8 sequences",
            f"enc/badutf8-{nd}.txt",
            tx[6].encode() + b"\xc0\xaf\xed\xa0\x80\xff\xfe" + tx[6].encode(),
        ),
        (
            "control characters",
            f"txt/ctrl-{nd}.txt",
            "".join(c + ("\x07" if rng.random() < 0.01 else "") for c in tx[7]).encode(),
        ),
    ]


def _misleading_text_junk(rng: random.Random, i: int, nd: str, tx: list[str], text) -> list[tuple[str, str, bytes]]:
    """`.txt` files whose content misleads the cleaner and extractors: chrome, marks, HTML, odd numbers, quotes."""
    return [
        (
            "site chrome only",
            f"txt/chrome-{nd}.txt",
            b"Follow:\n\nSearch\nClose this search box.\nBaca Berita Terbaik di sini!\n",
        ),
        (
            "decomposed unicode and marks",
            f"txt/nfd-{nd}.txt",
            ("Cafe\u0301 " + "\u200b\u200e\u202e" + tx[8] + " \U0001f600\u0301\u0301").encode(),
        ),
        (
            "html in a .txt",
            f"txt/html-{nd}.txt",
            html_page(text().splitlines()).replace("</footer>", f" #{i}</footer>").encode(),
        ),
        (
            "numbers and dates junk",
            f"txt/numbers-{nd}.txt",
            (
                f"Selasa (31/2/2024) 99,99,99 persen ke-0 ke-1e9 -5 orang 1.000.000.000.000.000 hari 0/0 (32/13) #{i}."
            ).encode(),
        ),
        ("unbalanced quotes", f"txt/quotes-{nd}.txt", ("“" * 30 + tx[9] + "”" * 3 + "\"'“").encode()),
        (
            "one very long paragraph",
            f"txt/longline-{nd}.txt",
            (" ".join(NEUTRAL) * rng.randint(2, 8) + text()).encode(),
        ),
    ]


def _jsonl_junk(rng: random.Random, nd: str, t: str, tx: list[str], html_noart: bytes) -> list[tuple[str, str, bytes]]:
    """JSON Lines that are truncated, invalid, not objects, without text, nested, escaped, UTF-16 or gzipped wrong."""
    return [
        ("truncated JSON line", f"jsonl/truncated-{nd}.jsonl", json.dumps({"text": t})[: rng.randint(2, 40)].encode()),
        ("invalid JSON lines", f"jsonl/invalid-{nd}.jsonl", b"{not json}\n{'single': 'quotes'}\n{\"text\": \"a\",}\n"),
        ("JSON lines that are not objects", f"jsonl/notobj-{nd}.jsonl", b'[1, 2]\n"text"\n42\nnull\ntrue\n'),
        (
            "JSON objects without text",
            f"jsonl/notext-{nd}.jsonl",
            b'{"id": "a"}\n{"text": ""}\n{"text": 12}\n{"text": ["a"]}\n{"text": null}\n{"text": {"a": 1}}\n',
        ),
        ("deeply nested JSON", f"jsonl/deep-{nd}.jsonl", _deep_json(rng.randint(2000, 100000))),
        ("huge JSON numbers", f"jsonl/bignum-{nd}.jsonl", b'{"text": 1e999999}\n{"n": ' + b"9" * 5000 + b"}\n"),
        (
            "JSON escapes: lone surrogates, NUL",
            f"jsonl/escapes-{nd}.jsonl",
            json.dumps({"text": tx[10]}).encode().replace(b'"}', b' \\ud800 \\u0000 \\udfff"}') + b"\n",
        ),
        ("binary .jsonl", f"jsonl/binary-{nd}.jsonl", b"\x00\x01" + rng.randbytes(1024)),
        (
            "JSON Lines in UTF-16",
            f"jsonl/utf16-{nd}.jsonl",
            (json.dumps({"text": tx[11]}, ensure_ascii=False) + "\n").encode("utf-16"),
        ),
        (
            "JSON html without an article",
            f"jsonl/htmlonly-{nd}.jsonl",
            json.dumps({"html": html_noart.decode()}).encode() + b"\n",
        ),
        (
            "truncated gzip",
            f"jsonl/trunc-{nd}.jsonl.gz",
            _gzip((json.dumps({"text": t}) + "\n").encode() * 20)[: -rng.randint(8, 60)],
        ),
        ("not gzip", f"jsonl/notgz-{nd}.jsonl.gz", b"this is not gzip data\n" + rng.randbytes(64)),
        ("empty gzip", f"jsonl/emptygz-{nd}.jsonl.gz", _gzip(b"")),
    ]


def _html_junk(rng: random.Random, nd: str, t: str, tx: list[str], html_noart: bytes) -> list[tuple[str, str, bytes]]:
    """HTML pages without an article, binary, nested, malformed, script-only, XHTML, with wrong or legacy charsets."""
    return [
        ("HTML without an article", f"html/noarticle-{nd}.html", html_noart),
        ("empty HTML", f"html/empty-{nd}.html", b""),
        ("binary .html", f"html/binary-{nd}.htm", rng.randbytes(2048)),
        ("deeply nested HTML", f"html/deep-{nd}.html", b"<div>" * rng.randint(1000, 20000) + b"x" * 200),
        (
            "malformed HTML",
            f"html/malformed-{nd}.html",
            b"<html><body><p>" + t.encode()[:80] + b"<b><i></p></div></td><<<>>>&&&;",
        ),
        (
            "scripts and styles only",
            f"html/script-{nd}.html",
            b"<html><head><style>p{color:red}</style><script>var a='"
            + b"x" * 500
            + b"';</script></head><body></body></html>",
        ),
        (
            "XML-declared XHTML",
            f"html/xhtml-{nd}.html",
            b'<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><body><p>'
            + tx[12].encode()
            + b"</p></body></html>",
        ),
        (
            "HTML with a bogus charset",
            f"html/bogus-charset-{nd}.html",
            html_page(tx[13].splitlines(), charset="klingon-8").encode("utf-8"),
        ),
        (
            "HTML in windows-1252",
            f"html/cp1252-{nd}.html",
            html_page(tx[14].splitlines() * 2, charset="windows-1252").encode("cp1252"),
        ),
        ("frameset page", f"html/frames-{nd}.html", b"<html><frameset><frame src='a.html'></frameset></html>"),
    ]


def _warc_junk(rng: random.Random, nd: str, t: str, html_noart: bytes) -> list[tuple[str, str, bytes]]:
    """WARC archives that are truncated, garbage, empty, without HTML, without an article or an HTTP error."""
    return [
        (
            "truncated WARC",
            f"warc/truncated-{nd}.warc.gz",
            warc_bytes([{"uri": "https://example.id/x", "body": html_page(t.splitlines() * 3).encode()}])[
                : rng.randint(100, 900)
            ],
        ),
        ("garbage .warc", f"warc/garbage-{nd}.warc", b"WARC/9.9\r\nnonsense\r\n\r\n" + rng.randbytes(256)),
        (
            "WARC without HTML records",
            f"warc/nohtml-{nd}.warc.gz",
            warc_bytes(
                [
                    {"uri": "https://example.id/a.png", "content_type": "image/png", "body": rng.randbytes(128)},
                    {"uri": "https://example.id/", "type": "request"},
                ]
            ),
        ),
        (
            "WARC page without an article",
            f"warc/noarticle-{nd}.warc.gz",
            warc_bytes([{"uri": "https://example.id/", "body": html_noart}]),
        ),
        (
            "WARC HTTP error",
            f"warc/404-{nd}.warc",
            warc_bytes([{"uri": "https://example.id/z", "status": "404 Not Found", "body": html_noart}], gzip_it=False),
        ),
        ("empty WARC", f"warc/empty-{nd}.warc.gz", b""),
    ]


def _junk_files(rng: random.Random, i: int) -> list[tuple[str, str, bytes]]:
    """(kind, relative path, bytes) for the i-th group of junk inputs: one of every cheap kind."""
    serial = iter(range(1000))

    def text() -> str:  # a different neutral text for every file, so no two decode to one article
        return neutral_text(rng, rng.randint(3, 6)) + f"\nCatatan pagi nomor {i}.{next(serial)} selesai ditulis."

    t = text()
    tx = [text() for _ in range(16)]  # one for each kind that must decode to an article of its own
    nd = f"{i:04d}"
    html_noart = (
        b"<html><head><title>Beranda</title></head><body><nav><a href='/'>Beranda</a> "
        b"<a href='/x'>Indeks</a></nav><footer>Hak cipta</footer></body></html>"
    )
    return (
        _plain_junk(rng, nd, t)
        + _encoding_junk(rng, nd, tx)
        + _misleading_text_junk(rng, i, nd, tx, text)
        + _jsonl_junk(rng, nd, t, tx, html_noart)
        + _html_junk(rng, nd, t, tx, html_noart)
        + _warc_junk(rng, nd, t, html_noart)
    )


def _special(root: Path, rng: random.Random, i: int, outside: Path) -> list[tuple[str, str]]:
    """Filesystem oddities (created in place): symlinks out of the root, loops, pipes, odd names."""
    nd = f"{i:04d}"
    d = root / "fs"
    d.mkdir(parents=True, exist_ok=True)
    made: list[tuple[str, str]] = []

    def link(name: str, target: str, kind: str):
        p = d / name
        if not p.is_symlink():
            os.symlink(target, p)
        made.append((kind, p.relative_to(root).as_posix()))

    link(f"passwd-{nd}.txt", "/etc/passwd", "symlink to /etc/passwd")
    link(f"dotdot-{nd}.txt", os.path.relpath(outside / "secret.txt", d), "symlink out of the root through ..")
    link(f"broken-{nd}.txt", f"missing-{nd}.txt", "broken symlink")
    link(f"loop-a-{nd}.txt", f"loop-b-{nd}.txt", "symlink loop")
    link(f"loop-b-{nd}.txt", f"loop-a-{nd}.txt", "symlink loop")
    link(f"outdir-{nd}", str(outside), "symlinked folder out of the root")
    fifo = d / f"pipe-{nd}.txt"
    if not fifo.exists():
        os.mkfifo(fifo)
    made.append(("named pipe", fifo.relative_to(root).as_posix()))
    folder = d / f"folder-{nd}.txt"
    folder.mkdir(exist_ok=True)
    made.append(("folder named .txt", folder.relative_to(root).as_posix()))
    odd = os.fsencode(str(d)) + b"/odd-\xff\xfe-" + nd.encode() + b".txt"
    with open(odd, "wb") as fh:
        fh.write(b"")
    made.append(("non-UTF-8 file name", "fs/odd"))
    long_name = d / (("panjang-" * 28) + nd + ".txt")
    long_name.write_bytes(b"\xff\xfe\x00")
    made.append(("very long file name", long_name.relative_to(root).as_posix()))
    nl = d / f"new\nline {nd}.html"
    nl.write_bytes(b"<html></html>")
    made.append(("newline in file name", "fs/newline"))
    return made


# kinds too big to repeat in every group: (kind, every Nth group, maker)
def _rare_files(rng: random.Random, i: int, max_record_bytes: int, max_chars: int) -> list[tuple[str, str, bytes]]:
    nd = f"{i:04d}"
    out = []
    if i % 10 == 0:
        out.append(
            ("text over the article length cap", f"big/huge-{nd}.txt", ("kata " * (max_chars // 5 + 100)).encode())
        )
    if i % 25 == 0:
        out.append(("gzip bomb (one 16 MB line)", f"big/bomb-{nd}.jsonl.gz", _gzip(b" " * (16 * 2**20))))
    if i == 0:
        out.append(
            (
                "JSON line over the record cap",
                f"big/longline-{nd}.jsonl",
                b'{"text": "' + b"a" * (max_record_bytes + 10) + b'"}\n' + json.dumps({"id": "after"}).encode() + b"\n",
            )
        )
    return out


def write_junk_corpus(out: str | os.PathLike, n: int = 1000, seed: int = 20241127) -> Counter:
    """Write at least `n` junk inputs under `out` (plus a sibling `<out>.outside/` that symlinks point
    to); returns how many of each kind. Deterministic for a given `seed`."""
    from pantau.pipeline import ingest

    root = Path(out)
    root.mkdir(parents=True, exist_ok=True)
    outside = root.parent / (root.name + ".outside")
    outside.mkdir(exist_ok=True)
    (outside / "secret.txt").write_text("rahasia di luar folder input\n" * 10)
    rng = random.Random(seed)
    kinds: Counter = Counter()
    i = 0
    while sum(kinds.values()) < n:
        batch = _junk_files(rng, i) + _rare_files(rng, i, ingest.MAX_RECORD_BYTES, ingest.MAX_ARTICLE_CHARS)
        for kind, rel, data in batch:
            p = root / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)
            kinds[kind] += 1
        if hasattr(os, "mkfifo"):
            for kind, _rel in _special(root, rng, i, outside):
                kinds[kind] += 1
        i += 1
    return kinds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pantau.devtools.junk", description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, help="folder to write into (created)")
    ap.add_argument("--n", type=int, default=1000, help="at least this many junk inputs (default 1000)")
    ap.add_argument("--seed", type=int, default=20241127)
    ap.add_argument(
        "--formats", metavar="SEEDS", help="instead of junk: write the articles in SEEDS as .txt/.html/.jsonl/.warc.gz"
    )
    a = ap.parse_args(argv)
    if a.formats:
        counts = write_format_samples(a.formats, a.out)
        print(
            f"wrote {sum(counts.values())} files into {a.out}: "
            + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        )
        return 0
    kinds = write_junk_corpus(a.out, a.n, a.seed)
    print(f"wrote {sum(kinds.values())} junk inputs of {len(kinds)} kinds into {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
