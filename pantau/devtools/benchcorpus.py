"""`pantau bench-corpus`: N realistic articles for benchmarks, recombined from real ones.

Each generated article takes a dateline (outlet and place) from one source article, a lead paragraph
from another and a number of further paragraphs (a share of them quotes) from others, so the text
has the shape, vocabulary, names and quotes of real news while no source article is copied whole;
the number of paragraphs follows the sources' own distribution (varied lengths). About 2 % of the
articles are exact duplicates of earlier ones, and about 0.2 % are non-UTF-8 (Windows-1252) or junk
(binary, empty, whitespace, broken JSON), as real crawls are. The same seed gives the same bytes.

    pantau bench-corpus --articles 10000 --out /tmp/bench10k                   # from seeds/
    pantau bench-corpus --articles 100000 --out /tmp/b100k --format jsonl \\
        --from ../shared/corpus/news-id-2017-2025.jsonl.gz                     # from 15,040 real articles

Output: `.txt` files in folders of 1,000 (`DIR/00000/0000000.txt`), or one JSON Lines file
(`DIR/articles.jsonl`, one `{"id", "outlet", "published", "url", "title", "text"}` per line).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from pantau.pipeline.ingest import InputFile, RawDoc, discover_inputs, read_input

# `Portalborneo.or.id, Kukar – `, `SAMARINDA – `, `Jakarta, CNN Indonesia - - `, `SRIPOKU. COM, PAGAR ALAM - `
_DATELINE = re.compile(r"^\s*(?:(?P<a>[^,\n–—-]{2,40}),\s*)?(?P<b>[^,\n–—-]{2,40}?)\s*[–—-]+(?:\s*-)?\s+")
_QUOTE = re.compile(r"[“”\"]")
DUPLICATE_SHARE = 0.02
ODD_SHARE = 0.002


@dataclass
class Pool:
    """Pieces of real articles to recombine."""

    leads: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    datelines: list[tuple[str | None, str]] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    lengths: list[int] = field(default_factory=list)

    def add(self, doc: RawDoc) -> None:
        paras = [p.strip() for p in re.split(r"\n+", doc.text) if len(p.strip()) > 40]
        if not paras:
            return
        lead = paras[0]
        m = _DATELINE.match(lead)
        if m and len(m.group("b").split()) <= 4:
            a, b = m.group("a"), m.group("b").strip()
            self.datelines.append((a.strip() if a else None, b))
            lead = lead[m.end() :]
        self.leads.append(lead)
        for p in paras[1:]:
            (self.quotes if _QUOTE.search(p) else self.paragraphs).append(p)
        self.lengths.append(len(paras))
        for k, target in (("outlet", self.outlets), ("title", self.titles), ("published", self.dates)):
            v = doc.meta.get(k)
            if v:
                target.append(v)


def load_pool(source: str | Path) -> Pool:
    """Read every article under a folder (or one .txt / .jsonl / .jsonl.gz file) into a pool."""
    src = Path(source)
    if src.is_dir():
        files, _ = discover_inputs(src)
    else:
        files = [InputFile(str(src), src.name, src.stat().st_size)]
    pool = Pool()
    for f in files:
        for doc in read_input(f):
            if isinstance(doc, RawDoc):
                pool.add(doc)
    if not pool.leads:
        raise SystemExit(f"pantau bench-corpus: no articles to recombine in {source}")
    if not pool.paragraphs:
        pool.paragraphs = list(pool.leads)
    for d in pool.datelines:
        if d[0]:
            pool.outlets.append(d[0])
    if not pool.datelines:
        pool.datelines = [(None, "Jakarta")]
    return pool


def make_article(pool: Pool, rng: random.Random) -> dict:
    """One recombined article: {"outlet", "title", "published", "text"}."""
    outlet_print, place = rng.choice(pool.datelines)
    outlet = rng.choice(pool.outlets) if pool.outlets and rng.random() < 0.8 else outlet_print
    n = max(2, rng.choice(pool.lengths))
    paras = [rng.choice(pool.leads)]
    for _ in range(n - 1):
        src = pool.quotes if pool.quotes and rng.random() < 0.35 else pool.paragraphs
        paras.append(rng.choice(src))
    head = f"{outlet}, {place} – " if outlet else f"{place.upper()} – "
    text = head + "\n".join(paras)
    return {
        "outlet": outlet,
        "title": rng.choice(pool.titles) if pool.titles else None,
        "published": rng.choice(pool.dates) if pool.dates else None,
        "text": text,
    }


def _odd(kind: str, rng: random.Random, article: dict, fmt: str) -> bytes:
    """Bytes of a non-UTF-8 or junk input."""
    if kind == "cp1252":
        text = article["text"].replace('"', "“")
        if fmt == "jsonl":
            return json.dumps({**article, "text": text}, ensure_ascii=False).encode("cp1252", "replace")
        return text.encode("cp1252", "replace")
    if kind == "binary":
        return bytes(rng.randrange(256) for _ in range(rng.randrange(64, 2048))) + b"\0"
    if kind == "empty":
        return b""
    if kind == "whitespace":
        return b" \n\t \n"
    return b'{"id": "broken", "text": "tidak lengkap'  # truncated JSON


def _article_bytes(article: dict, article_id: str, fmt: str) -> bytes:
    """An article as its input file holds it: a JSON object for `jsonl`, else its plain text."""
    if fmt != "jsonl":
        return article["text"].encode("utf-8")
    record = {
        "id": article_id,
        "outlet": article["outlet"],
        "published": article["published"],
        "url": f"https://bench.example/{article_id}",
        "title": article["title"],
        "text": article["text"],
    }
    return json.dumps(record, ensure_ascii=False).encode("utf-8")


def generate(pool: Pool, n: int, out: Path, *, seed: int = 0, fmt: str = "txt", start: int = 0) -> dict:
    """Write articles `start` .. `start + n - 1` of the corpus defined by (pool, seed) into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    counts = {"articles": 0, "duplicates": 0, "odd": 0, "bytes": 0}
    jsonl_path = out / ("articles.jsonl" if start == 0 else f"articles-{start:07d}.jsonl")
    with open(jsonl_path, "wb") if fmt == "jsonl" else contextlib.nullcontext() as jsonl_file:
        for i in range(start, start + n):
            rng = random.Random(f"{seed}:{i}")
            draw = rng.random()
            if draw < DUPLICATE_SHARE and i > 0:  # an exact copy of an earlier article
                earlier = rng.randrange(max(0, i - 5000), i)
                article = make_article(pool, random.Random(f"{seed}:{earlier}:art"))
                counts["duplicates"] += 1
            else:
                article = make_article(pool, random.Random(f"{seed}:{i}:art"))
            article_id = hashlib.sha256(article["text"].encode()).hexdigest()[:16]
            if DUPLICATE_SHARE <= draw < DUPLICATE_SHARE + ODD_SHARE:
                oddity = rng.choice(["cp1252", "cp1252", "binary", "empty", "whitespace", "broken"])
                data = _odd(oddity, rng, article, fmt)
                counts["odd"] += 1
            else:
                data = _article_bytes(article, article_id, fmt)
            if jsonl_file is not None:
                jsonl_file.write(data.replace(b"\n", b" ") + b"\n")
            else:
                folder = out / f"{i // 1000:05d}"
                folder.mkdir(exist_ok=True)
                (folder / f"{i:07d}.txt").write_bytes(data)
            counts["articles"] += 1
            counts["bytes"] += len(data)
    return counts
