"""The count of events dated after the articles that report them (issue 13: a reported past event is never
dated after its article's publish date)."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from conftest import shared
from pantau.devtools.event_dates import dated_after_publication, main


def _warehouse(events: list[tuple], articles: list[tuple]) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.sql("CREATE TABLE articles (article_id VARCHAR, published_date DATE)")
    con.sql(
        "CREATE TABLE events (event_id VARCHAR, event_type VARCHAR, start_date DATE, name VARCHAR, "
        "article_ids VARCHAR[], date_precision VARCHAR)"
    )
    con.executemany("INSERT INTO articles VALUES (?, ?)", articles)
    con.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, 'day')", events)
    return con


def test_an_event_after_all_its_articles_is_counted_and_one_before_any_is_not():
    con = _warehouse(
        [
            ("e1", "voting", "2024-11-27", "pemungutan suara Pilkada", ["a1"]),  # reported a day later: fine
            ("e2", "debate", "2025-01-10", "debat publik", ["a1", "a2"]),  # after both articles: a violation
            ("e3", "meeting", "2024-12-01", "pertemuan", ["a1", "a2"]),  # after a1, before a2: fine
            ("e4", "protest", None, "unjuk rasa", ["a1"]),  # undated: nothing to judge
        ],
        [("a1", "2024-11-28"), ("a2", "2024-12-05")],
    )
    assert [row[0] for row in dated_after_publication(con)] == ["e2"]


def test_the_seeds_have_no_event_dated_after_its_articles(seeds_build, capsys):
    assert main(["--db", str(seeds_build / "pantau.duckdb")]) == 0
    assert capsys.readouterr().out.startswith("0 of ")


@pytest.mark.slow
def test_count_over_the_whole_shared_corpus(tmp_path, capsys):
    """Prints the count over the 15,040 shared articles (a number to read in the closing note, not a gate)."""
    from pantau.pipeline.build import run_build

    corpus = shared("corpus/news-id-2017-2025.jsonl.gz")
    (tmp_path / "in").mkdir()
    shutil.copy(corpus, tmp_path / "in" / corpus.name)  # a link outside the input root is not followed
    run_build(tmp_path / "in", tmp_path / "out", workers=2)
    main(["--db", str(tmp_path / "out" / "pantau.duckdb"), "--show", "20"])
    print(capsys.readouterr().out)
