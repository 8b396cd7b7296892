"""Our answer key (eval/answer_key) is well-formed against the real corpus text it annotates: every id is in
the corpus, every quoted start and event evidence is an exact slice of its article, dates are real dates
within the allowed publication windows, types are ones the scorer knows. The key never stores article text."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import ROOT, shared
from pantau.devtools import answer_key

TYPES = {"sosialisasi", "pelatihan", "rapat koordinasi", "pemungutan suara", "lainnya"}
UNITS = {"percent", "rank", "case", "count", "day", "person"}


@pytest.fixture(scope="module")
def key_and_texts():
    key = answer_key.load_key("all")
    records = answer_key.corpus_records(set(key["articles"]), corpus=shared("corpus/news-id-2017-2025.jsonl.gz"))
    return key, records


def test_the_key_covers_forty_articles_from_eight_outlets_in_the_allowed_windows(key_and_texts):
    key, records = key_and_texts
    assert len(key["articles"]) >= 40
    assert len({r["outlet"] for r in records.values()}) >= 8
    for article_id, record in records.items():
        published = record["published"][:10]
        assert published < "2023-06-01" or published > "2024-02-29", article_id


def test_a_quarter_is_kept_aside():
    dev, holdout = (answer_key.load_key(s)["articles"] for s in answer_key.SPLITS)
    assert not set(dev) & set(holdout)
    assert 0.2 <= len(holdout) / (len(dev) + len(holdout)) <= 0.3


def test_every_quoted_start_and_evidence_is_a_slice_of_its_article(key_and_texts):
    key, records = key_and_texts
    bad = []
    for article_id, article in key["articles"].items():
        text = records[article_id]["text"]
        bad += [(article_id, s["starts"]) for s in article["statements"] if s["starts"] not in text]
        bad += [
            (article_id, e["evidence"]) for e in article["events"] if e.get("evidence") and e["evidence"] not in text
        ]
    assert bad == []


def test_events_have_known_types_real_dates_and_something_to_match_on(key_and_texts):
    key, _ = key_and_texts
    for article_id, article in key["articles"].items():
        for event in article["events"]:
            assert event["type"] in TYPES, (article_id, event["key"])
            for day in (event["start"], event["end"]):
                if day:
                    dt.date.fromisoformat(day)
            if event.get("required", True):
                assert event["start"] or event["place"], (article_id, event["key"])  # else the scorer cannot match it


def test_indicators_persons_and_meta_use_the_scorers_vocabulary(key_and_texts):
    key, records = key_and_texts
    for article_id, article in key["articles"].items():
        assert article["meta"]["outlet"] == records[article_id]["outlet"]
        for indicator in article["indicators"]:
            assert indicator["unit"] in UNITS and isinstance(indicator["value"], int | float)
    for person in key["persons"]:
        assert person["aliases"] and all(isinstance(g, str) for g in person["role_keywords"])


def _strings(value):
    """Every string value in a JSON document, at any depth."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_the_key_stores_no_article_text():
    for path in sorted((ROOT / "eval" / "answer_key").glob("*.gold.json")):
        key = json.loads(path.read_text(encoding="utf-8"))
        longest = max(_strings({k: v for k, v in key.items() if k != "about"}), key=len)
        assert len(longest) <= 160, (path.name, longest[:60])
