"""`event_mentions`: the evidence behind each event, one row per article that reports it, offsets into the body."""

from __future__ import annotations

import datetime as dt

import duckdb
import polars as pl

from pantau.pipeline.assemble import _frame, validate_tables
from pantau.pipeline.extract import extract_article
from pantau.pipeline.extract.actors import extract_actors
from pantau.pipeline.extract.events import extract_events
from pantau.pipeline.resolve import resolve_events_with_mentions

# two outlets reporting the same election-day count in Samarinda, in their own words
BODY_A = (
    "SAMARINDA - KPU Kota Samarinda menggelar rapat pleno rekapitulasi hasil penghitungan suara Pilkada 2024 "
    "di Hotel Mercure Samarinda pada Kamis (5/12/2024). Rapat dihadiri saksi dari tiga pasangan calon."
)
BODY_B = (
    "Saksi pasangan calon mengikuti rapat pleno rekapitulasi hasil penghitungan suara di Hotel Mercure Samarinda, "
    "Kamis (5/12/2024). Komisioner KPU Samarinda memimpin jalannya rapat hingga malam."
)


def local_rows(article_id: str, body: str, **kw) -> list[dict]:
    return extract_article(article_id, body, ref_date=dt.date(2024, 12, 6), **kw)["events"]


def test_trigger_and_date_offsets_slice_the_body():
    b = (
        "Bawaslu Kabupaten Kutai Kartanegara menggelar Rapat Koordinasi Pengawasan Kampanye di Hotel Grand Elty "
        "Singgasana, Tenggarong, pada Selasa (24/9/2024). Sebanyak 120 peserta hadir."
    )
    evs = extract_events(b, extract_actors(b))
    (e,) = [e for e in evs if e.event_type == "coordination_meeting"]
    assert b[e.trigger_start : e.trigger_end] == e.trigger_text == "Rapat Koordinasi"
    assert e.date_text == "Selasa (24/9/2024)" and b[e.date_start : e.date_end] == e.date_text
    for e in evs:
        assert b[e.trigger_start : e.trigger_end] == e.trigger_text


def test_each_event_of_one_article_keeps_its_own_trigger():
    b = (
        "Ratusan mahasiswa menggelar unjuk rasa di depan kantor KPU Kota Makassar, Senin (19/2/2024). "
        "Sehari kemudian, Bawaslu Kota Makassar menggelar sosialisasi pengawasan partisipatif di Hotel Claro Makassar."
    )
    evs = extract_events(b, extract_actors(b), ref_date=dt.date(2024, 2, 21))
    by_type = {e.event_type: e for e in evs}
    assert {"protest", "outreach"} <= set(by_type)
    for e in evs:
        assert b[e.trigger_start : e.trigger_end] == e.trigger_text
    assert by_type["protest"].trigger_text == "unjuk rasa" and by_type["outreach"].trigger_text == "sosialisasi"
    assert by_type["protest"].date_start is not None and by_type["outreach"].date_start is None


def test_a_trigger_only_in_a_caption_has_no_body_offsets():
    b = "Pemkab Kukar dan Bawaslu berkomitmen menjaga netralitas aparatur menjelang Pilkada."
    cap = ["Rapat Koordinasi bertema “Pilkada Damai” berlangsung di Hotel Singgasana pada Sabtu (9/11/2024)."]
    (e,) = extract_events(b, extract_actors(b), captions=cap)
    assert e.trigger_text == "Rapat Koordinasi" and e.trigger_start is None and e.trigger_end is None
    assert e.date_text == "Sabtu (9/11/2024)" and e.date_start is None


def test_two_articles_reporting_one_event_give_one_event_and_two_mentions():
    rows = local_rows("a" * 16, BODY_A) + local_rows("b" * 16, BODY_B)
    events, mentions = resolve_events_with_mentions(rows, {}, lambda code: None)
    (counting,) = [e for e in events if e["event_type"] == "counting_recap"]
    assert counting["article_ids"] == ["a" * 16, "b" * 16]
    assert counting["start_date"] == dt.date(2024, 12, 5)
    ms = [m for m in mentions if m["event_id"] == counting["event_id"]]
    assert sorted(m["article_id"] for m in ms) == ["a" * 16, "b" * 16]
    for m in ms:
        body = BODY_A if m["article_id"] == "a" * 16 else BODY_B
        assert body[m["char_start"] : m["char_end"]] == m["text"]
        assert body[m["date_start"] : m["date_end"]] == m["date_text"] == "Kamis (5/12/2024)"
    # every article-level event is a mention of exactly one event, with a distinct id
    assert len(mentions) == len(rows) == len({m["mention_id"] for m in mentions})
    assert {m["event_id"] for m in mentions} == {e["event_id"] for e in events}


def test_mention_ids_do_not_depend_on_article_order():
    rows = local_rows("a" * 16, BODY_A) + local_rows("b" * 16, BODY_B)
    first = resolve_events_with_mentions(rows, {}, lambda code: None)
    again = resolve_events_with_mentions(list(reversed(rows)), {}, lambda code: None)
    assert first == again


def test_offsets_that_do_not_slice_the_body_go_to_quarantine():
    body = "KPU Kota Samarinda menggelar rapat pleno rekapitulasi pada Kamis (5/12/2024)."
    aid = "c" * 16
    arts = _frame("articles", [{"article_id": aid, "source_path": "x.txt", "is_advertorial": False, "body": body}])
    event = {"event_id": "e1", "event_type": "counting_recap", "date_precision": "day", "article_ids": [aid]}
    event.update(organizer_actor_ids=[], weekday_mismatch=False)
    start = body.index("rapat pleno")
    ok = {"mention_id": "m1", "event_id": "e1", "article_id": aid, "event_type": "counting_recap"}
    ok.update(text="rapat pleno rekapitulasi", char_start=start, char_end=start + 24)
    ok.update(date_text="Kamis (5/12/2024)", date_start=body.index("Kamis"), date_end=body.index("Kamis") + 17)
    shifted = {**ok, "mention_id": "m2", "char_start": start + 1, "char_end": start + 25}
    bad_date = {**ok, "mention_id": "m3", "date_start": 0, "date_end": 17}
    caption = {**ok, "mention_id": "m4", "char_start": None, "char_end": None, "date_start": None, "date_end": None}
    orphan = {**ok, "mention_id": "m5", "event_id": "nope"}
    empty = {t: _frame(t, []) for t in ("actors", "actor_mentions", "statements", "indicators")}
    tables, failed = validate_tables(
        {
            "articles": arts,
            "events": _frame("events", [event]),
            "event_mentions": _frame("event_mentions", [ok, shifted, bad_date, caption, orphan]),
            **empty,
        }
    )
    assert tables["event_mentions"]["mention_id"].to_list() == ["m1", "m4"]
    checks = {f["reason"].split("=")[-1]: f["check"] for f in failed if f["table"] == "event_mentions"}
    assert checks == {"m2": "offsets_match_body", "m3": "date_offsets_match_body", "m5": "event_fk"}


def test_the_table_reaches_parquet_and_duckdb_with_its_keys(seeds_build):
    mentions = pl.read_parquet(seeds_build / "parquet" / "event_mentions" / "*.parquet")
    events = pl.read_parquet(seeds_build / "parquet" / "events" / "*.parquet")
    assert mentions.height == events["article_ids"].list.len().sum() > 0
    assert set(mentions["event_id"]) == set(events["event_id"])
    with duckdb.connect(str(seeds_build / "pantau.duckdb"), read_only=True) as con:
        bad = con.execute(
            "SELECT count(*) FROM event_mentions m JOIN articles a USING (article_id) "
            "WHERE m.char_start IS NOT NULL AND substr(a.body, m.char_start + 1, m.char_end - m.char_start) <> m.text"
        ).fetchone()[0]
        assert bad == 0
        comment = con.execute("SELECT comment FROM duckdb_tables() WHERE table_name = 'event_mentions'").fetchone()
        assert comment[0].startswith("The evidence behind `events`")
        # the outreach event two seeds report has one row per article
        merged = con.execute(
            "SELECT count(*) FROM event_mentions m JOIN events e USING (event_id) WHERE len(e.article_ids) = 2"
        ).fetchone()[0]
        assert merged == 2


def test_the_datapackage_lists_the_table_with_its_foreign_keys(seeds_build, tmp_path):
    import json

    from pantau.release.publish import publish

    publish(seeds_build, tmp_path / "release")
    d = json.loads((tmp_path / "release" / "datapackage.json").read_text(encoding="utf-8"))
    res = next(r for r in d["resources"] if r["name"] == "event_mentions")
    assert res["schema"]["primaryKey"] == ["mention_id"]
    refs = {fk["fields"][0]: fk["reference"]["resource"] for fk in res["schema"]["foreignKeys"]}
    assert refs == {"event_id": "events", "article_id": "articles"}
