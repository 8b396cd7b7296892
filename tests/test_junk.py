"""A generated junk corpus of 1,000+ hostile inputs mixed with the seeds: the build never crashes,
every junk input is quarantined with a short reason (or decoded correctly), and the seed articles,
statements, actors, mentions, events and indicators are exactly those of a seeds-only build."""

import os
import shutil
from collections import Counter

import duckdb
import pytest

from conftest import SEEDS
from pantau.devtools.junk import write_junk_corpus
from pantau.pipeline.build import run_build
from pantau.pipeline.ingest import input_kind, printable_path


def _rows(db, sql):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return sorted(map(repr, con.execute(sql).fetchall()))
    finally:
        con.close()


SEED_ROWS = {
    "articles": "select * exclude (published_date) from articles where article_id in ({ids})",
    "statements": "select * from statements where article_id in ({ids})",
    "actor_mentions": "select * from actor_mentions where article_id in ({ids})",
    "actors": "select * from actors where actor_id in (select actor_id from actor_mentions where article_id in ({ids}))"
    " or actor_id in (select speaker_actor_id from statements where article_id in ({ids}))",
    "indicators": "select * from indicators where article_id in ({ids})",
    "events": "select * from events where list_has_any(article_ids, [{ids}])",
}


@pytest.fixture(scope="module")
def junk_build(tmp_path_factory):
    base = tmp_path_factory.mktemp("junk")
    root = base / "in"
    kinds = write_junk_corpus(root, n=1050)  # >= 1,000 files besides the folders named *.txt
    for p in SEEDS.glob("*.txt"):
        shutil.copy(p, root / p.name)
    seeds_only = base / "seeds_in"
    seeds_only.mkdir()
    for p in SEEDS.glob("*.txt"):
        shutil.copy(p, seeds_only / p.name)
    out, ref = base / "out", base / "ref"
    summary = run_build(root, out)  # must not raise
    run_build(seeds_only, ref)
    return kinds, summary, out, ref


def test_junk_corpus_is_big_and_varied(junk_build):
    kinds, *_ = junk_build
    assert sum(kinds.values()) >= 1000 and len(kinds) >= 50


def test_seed_rows_are_intact(junk_build):
    _, _, out, ref = junk_build
    ids = ", ".join(
        f"'{i}'"
        for (i,) in duckdb.connect(str(ref / "pantau.duckdb"), read_only=True)
        .execute("select article_id from articles")
        .fetchall()
    )
    assert ids.count(",") == 4
    for table, sql in SEED_ROWS.items():
        want = _rows(ref / "pantau.duckdb", sql.format(ids=ids))
        got = _rows(out / "pantau.duckdb", sql.format(ids=ids))
        assert got == want, table


def test_every_junk_input_is_accounted_for(junk_build):
    _, summary, out, _ = junk_build
    con = duckdb.connect(str(out / "pantau.duckdb"), read_only=True)
    q = con.execute("select source, stage, reason from quarantine").fetchall()
    reasons = Counter(r for _, _, r in q)
    assert all(len(r) <= 200 for r in reasons)
    expected = [
        "empty file",
        "binary content (NUL or control bytes), not text",
        "path resolves outside the input root",
        "symlink loop",
        "not a regular file (pipe, socket or device)",
        "gzip stream truncated",
        "not a gzip file",
        "invalid JSON: nested too deeply",
        "JSON line is not an object",
        "JSON object has no non-empty 'text'",
        "no article text found in the HTML page",
        "WARC record is not HTML (image/png)",
        "WARC response with HTTP status 404",
        "file disappeared or is a broken link",
        "symlinked folder outside the input root (not followed)",
    ]
    for r in expected:
        assert reasons[r] > 0, r
    assert any(r.startswith("line too long") for r in reasons)
    assert any(r.startswith("text too long for one article") for r in reasons)
    sources = {s for s, _, _ in q}
    assert not any("passwd" in s and s not in {x for x, _, r in q if "outside" in r} for s in sources)
    # text in other encodings is decoded, not quarantined: é and curly quotes come through
    enc = con.execute("select source_path, body from articles where source_path like 'enc/%'").fetchall()
    kinds = {s.split("/")[1].split("-")[0] for s, _ in enc}
    assert {"cp1252", "latin1", "utf16", "utf16le", "utf8bom", "mixed"} <= kinds
    for s, body in enc:
        assert "Ã" not in body and "\ufffd" not in body or "badutf8" in s, s
    assert con.execute("select count(*) from articles where body like '%Kafé%'").fetchone()[0] > 0
    # every input file is an article (or several: JSON Lines, WARC) or has a quarantine row
    root = out.parent / "in"
    seen = {
        s.split("#")[0]
        for (s,) in con.execute("select source from quarantine union all select source_path from articles").fetchall()
    }
    inputs = set()
    for dirpath, dirnames, filenames in os.walk(root):
        for n in filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]:
            rel = printable_path(os.path.relpath(os.path.join(dirpath, n), root))
            if input_kind(n) or os.path.islink(os.path.join(dirpath, n)):
                inputs.add(rel)
    assert len(inputs) - 5 >= 1000
    assert sorted(inputs - seen) == []
    print(
        f"\njunk build: {summary.files} files, {sum(reasons.values())} quarantined, "
        f"{con.execute('select count(*) from articles').fetchone()[0]} articles"
    )
