"""The pandera models are the single source of column docs; contract columns are present."""

import polars as pl
import pytest

import schemas

CONTRACT = {
    "articles": "article_id source_path outlet dateline title author is_advertorial body",
    "actors": "actor_id name kind role aliases region",
    "actor_mentions": "mention_id article_id actor_id text char_start char_end",
    "statements": "statement_id article_id speaker_actor_id speaker_label text kind char_start char_end",
    "events": "event_id event_type name start_date end_date date_precision venue place region region_code "
    "organizer_actor_ids participant_count article_ids",
    "indicators": "indicator_id article_id metric value unit region region_code source_actor_id text "
    "char_start char_end",
}


@pytest.mark.parametrize("table", schemas.table_names())
def test_every_column_documented(table):
    assert schemas.table_description(table)
    undocumented = [n for n, _, _, d in schemas.columns(table) if not d.strip()]
    assert undocumented == []


@pytest.mark.parametrize("table", list(CONTRACT))
def test_contract_columns_present(table):
    have = [n for n, *_ in schemas.columns(table)]
    assert [c for c in CONTRACT[table].split() if c not in have] == []


def test_bad_rows_go_to_quarantine_good_rows_stay():
    from pantau.pipeline.assemble import _frame, validate_tables

    arts = _frame(
        "articles", [{"article_id": "a" * 16, "source_path": "x.txt", "is_advertorial": False, "body": "Teguh hadir."}]
    )
    actors = _frame(
        "actors", [{"actor_id": "p1", "name": "Teguh", "kind": "person", "aliases": [], "article_count": 1}]
    )
    mentions = _frame(
        "actor_mentions",
        [
            {
                "mention_id": "m1",
                "article_id": "a" * 16,
                "actor_id": "p1",
                "text": "Teguh",
                "char_start": 0,
                "char_end": 5,
            },
            {
                "mention_id": "m2",
                "article_id": "a" * 16,
                "actor_id": "p1",
                "text": "Teguh",
                "char_start": 3,
                "char_end": 8,
            },
        ],
    )
    inds = _frame(
        "indicators",
        [
            {
                "indicator_id": "i1",
                "article_id": "a" * 16,
                "metric": "x",
                "value": float("inf"),
                "unit": "percent",
                "text": "Teguh",
                "char_start": 0,
                "char_end": 5,
            },
            {
                "indicator_id": "i2",
                "article_id": "a" * 16,
                "metric": "x",
                "value": 3.0,
                "unit": "furlong",
                "text": "Teguh",
                "char_start": 0,
                "char_end": 5,
            },
        ],
    )
    empty = {t: _frame(t, []) for t in ("statements", "events")}
    tables, failed = validate_tables(
        {"articles": arts, "actors": actors, "actor_mentions": mentions, "indicators": inds, **empty}
    )
    assert tables["actor_mentions"]["mention_id"].to_list() == ["m1"]
    assert tables["indicators"].height == 0
    checks = sorted(f["check"] for f in failed)
    assert "offsets_match_body" in checks and "value is not finite" in checks and any("isin" in c for c in checks)
    assert isinstance(tables["articles"], pl.DataFrame) and tables["articles"].height == 1
