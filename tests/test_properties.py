"""Property tests: cleaning and the whole per-article pipeline never crash on junk text, and every
offset they produce points at the text it claims (hypothesis)."""

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pantau.pipeline.clean import clean_text, normalize_text
from pantau.pipeline.ingest import Quarantined, RawDoc, decode_bytes, json_line_doc
from pantau.pipeline.stage import process_documents

# Text that looks like Indonesian news and text that looks like nothing: words, cues, quotes, dates,
# numbers, chrome lines, control and combining characters, other scripts.
NEWS_BITS = [
    "Bebaca.id, TENGGARONG – ",
    "SAMARINDA – ",
    "Pjs Bupati Kukar, Bambang Arwanto,",
    "“",
    "”",
    '"',
    " ujarnya.",
    " kata Teguh.",
    "Selasa (3/9)",
    "51,28 persen",
    "peringkat ke-48",
    "lima hari",
    "Penulis : Bayu",
    "Foto: Rakor",
    "(ADV/DiskomKukar)",
    "Follow:",
    "Search",
    "\n",
    "\n\n",
    "\r\n",
    "Bawaslu",
    "KPU",
    "Pemkab Kutim",
    "Menurutnya,",
    " Ia ",
    "sosialisasi",
    "di Hotel Harris",
    "pada 27 hingga 31 Oktober 2024",
    "sekitar 120 peserta",
    ".",
    ",",
    " ",
    "\u0301",
    "\u200b",
    "\u00a0",
    "\ufeff",
    "\x00",
    "\x07",
    "–",
    "—",
    "\u2028",
    "Kafé",
    "e\u0301",
    "ﬁ",
    "Ａ",
    "¹",
]
news_like = st.lists(st.one_of(st.sampled_from(NEWS_BITS), st.text(max_size=12)), max_size=60).map("".join)
any_text = st.one_of(st.text(max_size=400), news_like)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text, st.one_of(st.none(), st.text(max_size=40)))
def test_clean_text_never_raises_and_body_is_normalized(text, title):
    ct = clean_text(text, title_hint=title)
    body = ct.body
    assert unicodedata.is_normalized("NFC", body)
    assert "\r" not in body and "\x00" not in body
    assert all(ch == "\n" or unicodedata.category(ch) != "Cc" for ch in body)
    assert body == "\n\n".join(ct.paragraphs)
    assert all(p and p == p.strip() and "\n" not in p for p in ct.paragraphs)
    clean_text(body)  # cleaning its own output never raises either


@settings(max_examples=150, deadline=None)
@given(any_text)
def test_normalize_text_is_idempotent(text):
    once = normalize_text(text)
    assert normalize_text(once) == once


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(any_text, min_size=1, max_size=3))
def test_process_documents_never_raises_and_offsets_are_valid(texts):
    docs = [RawDoc(f"junk{i}.txt", t) for i, t in enumerate(texts)]
    out = process_documents(docs)
    bodies = {a["article_id"]: a["body"] for a in out["articles"]}
    for table in ("mentions", "statements", "indicators"):
        for r in out[table]:
            body = bodies[r["article_id"]]
            assert 0 <= r["char_start"] <= r["char_end"] <= len(body), (table, r)
            assert body[r["char_start"] : r["char_end"]] == r["text"], (table, r)
    for q in out["quarantine"]:
        assert len(q["reason"]) <= 200


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=600))
def test_decoding_any_bytes_gives_text_or_a_reason(data):
    try:
        text, enc = decode_bytes(data)
    except ValueError as e:
        assert str(e) and len(str(e)) <= 200
        return
    text.encode("utf-8")  # always writable as UTF-8
    assert enc


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300).map(lambda s: s.encode("utf-8", "surrogatepass"))))
def test_json_line_doc_never_raises(raw):
    doc = json_line_doc("x.jsonl#1", raw)
    if isinstance(doc, Quarantined):
        assert len(doc.reason) <= 200
    else:
        doc.text.encode("utf-8")
